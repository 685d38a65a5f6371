package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/newspipe/newspipe/dedup"
	"github.com/newspipe/newspipe/internal/durable"
)

const dedupUsage = `Usage: newspipe dedup [-o OUT] [--threshold T] INPUT...

Marks reprints of the same story in newspipe's JSONL records (files, or
directories of *.jsonl such as a crawl's --out). Every record is written
back, in input order, with "duplicate_of": null for the first-seen copy of
a story, or the url of that first-seen record for a reprint, even one with
another portal's header and footer, another editor line, an added 编者按 or
a dropped last paragraph. First-seen means earliest fetched_at (records
without one come after), then input order. Other keys are kept as they
are, in their order. A later fetch of the same url is not a reprint.

Bodies are compared by MinHash of character 3-grams (Chinese) and 3-word
shingles (other text). Limits: a reprint in Traditional characters of a
Simplified story (or the reverse) is not found; bodies shorter than about
16 words or characters are never marked.

A line that is not a newspipe record is reported with its file and line
number and skipped; the rest is written and the command exits 1. OUT is
written under a temporary name and renamed when complete.

Examples:
  newspipe dedup -o grouped.jsonl /var/lib/newspipe/out/
  newspipe dedup news.jsonl | jq 'select(.duplicate_of == null)'

Exit status: 0 done, 1 bad input lines were skipped or the run failed,
2 usage error.

Flags:
`

func runDedup(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("dedup", dedupUsage, stderr)
	out := fs.String("o", "", "output `file` (default: standard output)")
	threshold := fs.Float64("threshold", dedup.DefaultThreshold, "least estimated Jaccard similarity of two bodies' shingles to be one story (0-1]")
	files, code, ok := datasetInputs("dedup", fs, args, stderr, func() error {
		if *threshold <= 0 || *threshold > 1 {
			return fmt.Errorf("--threshold %v: want a value in (0, 1]", *threshold)
		}
		return nil
	})
	if !ok {
		return code
	}
	start := time.Now()
	opts := dedup.RecordOptions{Threshold: *threshold,
		BadLine: func(e *dedup.LineError) { fmt.Fprintf(stderr, "newspipe dedup: skipped %v\n", e) }}
	var st dedup.RecordStats
	var err error
	if *out == "" {
		st, err = dedup.Records(ctx, files, stdout, opts)
	} else {
		st, err = dedupToFile(ctx, files, *out, opts)
	}
	if err != nil && *out != "" && !errors.Is(err, dedup.ErrBadLines) {
		// Nothing was written under OUT: a summary would read as success.
		fmt.Fprintf(stderr, "newspipe dedup: %v; %s not written\n", err, *out)
		return exitFailed
	}
	fmt.Fprintf(stderr, "newspipe dedup: %d records from %d files in %s; %d reprints marked, %d bodies too short to compare, %d bad lines\n",
		st.Records, len(files), time.Since(start).Round(time.Millisecond), st.Duplicates, st.Short, st.BadLines)
	if err != nil {
		fmt.Fprintf(stderr, "newspipe dedup: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// dedupToFile writes the records to out through a temporary file renamed
// when complete: a failed run leaves no partial file under out's name.
// Skipped bad lines still give a complete output of the good records.
func dedupToFile(ctx context.Context, files []string, out string, opts dedup.RecordOptions) (dedup.RecordStats, error) {
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
	if err != nil {
		return dedup.RecordStats{}, fmt.Errorf("output %s: %w", out, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	st, err := dedup.Records(ctx, files, tmp, opts)
	if err != nil && !errors.Is(err, dedup.ErrBadLines) {
		tmp.Close()
		return st, err
	}
	if serr := tmp.Chmod(0o644); serr != nil { // CreateTemp's 0600 would hide it from its readers
		tmp.Close()
		return st, fmt.Errorf("output %s: %w", out, serr)
	}
	if serr := tmp.Sync(); serr != nil {
		tmp.Close()
		return st, fmt.Errorf("output %s: %w", out, serr)
	}
	if cerr := tmp.Close(); cerr != nil {
		return st, fmt.Errorf("output %s: %w", out, cerr)
	}
	if rerr := durable.Rename(tmp.Name(), out); rerr != nil {
		return st, fmt.Errorf("output %s: %w", out, rerr)
	}
	return st, err
}
