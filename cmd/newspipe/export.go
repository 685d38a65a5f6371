package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/newspipe/newspipe/export"
)

const exportUsage = `Usage: newspipe export [--format parquet|csv] [--latest] -o OUT INPUT...

Writes newspipe's JSONL records (files, or directories of *.jsonl such as a
crawl's --out) to one Parquet or CSV file for DuckDB, pandas, Spark or a
spreadsheet. Parquet columns are typed: published_at and fetched_at are
UTC timestamps (with published_offset_minutes keeping the page's own zone),
authors and warnings are lists of strings, null stays null. CSV writes
instants in RFC 3339 with their offset and lists as JSON arrays. Memory
stays flat however many records there are.

--latest keeps only the newest fetch (fetched_at) of each URL: a crawl
writes an article again when its text changes.

A line that is not a newspipe record is reported with its file and line
number and skipped; the export goes on and exits 1. OUT is written under a
temporary name and renamed when complete, so a failed export never leaves
a partial file under its name.

Examples:
  newspipe export -o news.parquet /var/lib/newspipe/out/
  newspipe export --latest --format csv -o latest.csv news.jsonl

Exit status: 0 done, 1 bad input lines were skipped or the export failed,
2 usage error.

Flags:
`

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("export", exportUsage, stderr)
	format := fs.String("format", "", "parquet or csv (default: from OUT's extension, else parquet)")
	latest := fs.Bool("latest", false, "keep only the newest fetched_at of each URL")
	out := fs.String("o", "", "output `file` (required)")
	files, code, ok := datasetInputs("export", fs, args, stderr, func() error { return checkExportArgs(format, *out) })
	if !ok {
		return code
	}
	start := time.Now()
	st, err := export.Run(ctx, files, *out, export.Options{Format: *format, Latest: *latest,
		BadLine: func(e *export.LineError) { fmt.Fprintf(stderr, "newspipe export: skipped %v\n", e) }})
	if err != nil && !errors.Is(err, export.ErrBadLines) {
		// Nothing was written under OUT: a summary would read as success.
		fmt.Fprintf(stderr, "newspipe export: %v; %s not written\n", err, *out)
		return exitFailed
	}
	fmt.Fprintf(stderr, "newspipe export: %d records from %d files to %s (%s) in %s; %d older fetches left out, %d bad lines\n",
		st.Records, len(files), *out, *format, time.Since(start).Round(time.Millisecond), st.Superseded, st.BadLines)
	if err != nil {
		fmt.Fprintf(stderr, "newspipe export: %v\n", err)
		return exitFailed
	}
	return exitOK
}

func checkExportArgs(format *string, out string) error {
	if out == "" {
		return errors.New("-o OUT is required")
	}
	if *format == "" {
		if *format = export.FormatOf(out); *format == "" {
			*format = export.Parquet
		}
	}
	if *format != export.Parquet && *format != export.CSV {
		return fmt.Errorf("--format %q: want parquet or csv", *format)
	}
	return nil
}
