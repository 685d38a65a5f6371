package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newspipe/newspipe/internal/durable"
)

// Formats.
const (
	Parquet = "parquet"
	CSV     = "csv"
)

// Options configure Run.
type Options struct {
	Format string // Parquet or CSV
	// Latest keeps, of each URL's records, only the one with the newest
	// fetched_at (a later input line wins a tie).
	Latest bool
	// BadLine is called with each bad input line, which is skipped.
	BadLine func(*LineError)
}

// Stats counts what Run did.
type Stats struct {
	Records    int // written
	BadLines   int // skipped as not newspipe records
	Superseded int // older fetches of a URL left out by Options.Latest
}

// ErrBadLines is returned (wrapped) by Run when it skipped bad lines: the
// output holds every good record, but the input was not clean.
var ErrBadLines = errors.New("bad input lines skipped")

// FormatOf returns the format named by a file name's extension ("" when
// neither .parquet nor .csv).
func FormatOf(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".parquet":
		return Parquet
	case ".csv":
		return CSV
	}
	return ""
}

// Run writes the records of the JSONL files in to out in opts.Format. out is
// written under a temporary name in its directory and renamed when
// complete: on any error but ErrBadLines no file is left under its name.
func Run(ctx context.Context, in []string, out string, opts Options) (Stats, error) {
	var st Stats
	if opts.Format != Parquet && opts.Format != CSV {
		return st, fmt.Errorf("format %q: want parquet or csv", opts.Format)
	}
	for _, name := range in {
		if _, err := os.Stat(name); err != nil {
			return st, fmt.Errorf("input %w", err)
		}
	}
	var ix *latestIndex
	if opts.Latest {
		var err error
		if ix, err = indexLatest(ctx, in); err != nil {
			return st, err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return st, fmt.Errorf("output %s: %w", out, err)
	}
	defer os.Remove(tmp.Name())              // a no-op once renamed
	if err := tmp.Chmod(0o644); err != nil { // CreateTemp's 0600 would hide the export from its readers
		tmp.Close()
		return st, fmt.Errorf("output %s: %w", out, err)
	}
	err = write(ctx, in, tmp, opts, ix, &st)
	if err == nil {
		// The data reaches the disk before the name does (see durable).
		if serr := tmp.Sync(); serr != nil {
			err = fmt.Errorf("output %s: %w", out, serr)
		}
	}
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("output %s: %w", out, cerr)
	}
	if err != nil {
		return st, err
	}
	if err := durable.Rename(tmp.Name(), out); err != nil {
		return st, fmt.Errorf("output %s: %w", out, err)
	}
	if st.BadLines > 0 {
		return st, fmt.Errorf("%d %w (each reported above); %s holds the other %d records", st.BadLines, ErrBadLines, out, st.Records)
	}
	return st, nil
}

// recordWriter is the Parquet or CSV writer.
type recordWriter interface {
	Write(Record) error
	Close() error
}

// write streams the records into f and syncs it.
func write(ctx context.Context, in []string, f *os.File, opts Options, ix *latestIndex, st *Stats) error {
	var w recordWriter
	if opts.Format == Parquet {
		w = newParquetWriter(f)
	} else {
		cw, err := newCSVWriter(f)
		if err != nil {
			return fmt.Errorf("output %s: %w", f.Name(), err)
		}
		w = cw
	}
	bad := func(e *LineError) {
		st.BadLines++
		if opts.BadLine != nil {
			opts.BadLine(e)
		}
	}
	err := scan(ctx, in, bad, func(file, line int, r Record) error {
		if ix != nil && !ix.newest(file, line, r.URL) {
			st.Superseded++
			return nil
		}
		st.Records++
		if err := w.Write(r); err != nil {
			return fmt.Errorf("output: record %d (%s): %w", st.Records, r.URL, err)
		}
		return nil
	})
	if cerr := w.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("output: %w", cerr)
	}
	if err == nil {
		err = f.Sync()
	}
	return err
}
