package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/newspipe/newspipe/export"
	"github.com/newspipe/newspipe/sitestats"
)

const statsUsage = `Usage: newspipe stats [--json] INPUT...

Prints the health of newspipe records (JSONL files, or directories of
*.jsonl such as a crawl's --out) site by site: records, the share with a
title, a date, a date with a time of day, a source, authors, an editor and a
body, the median body length, the share of duplicates, warnings, and a
day-by-day histogram of published_at. A site whose date or author share
falls between two crawls has usually changed its layout.

Example:
  newspipe stats /var/lib/newspipe/out/

Exit status: 0 done, 1 bad input lines were skipped (each is named), 2
usage error.

Flags:
`

func runStats(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("stats", statsUsage, stderr)
	asJSON := fs.Bool("json", false, "one JSON array of sites on stdout, for machines")
	files, code, ok := datasetInputs("stats", fs, args, stderr, nil)
	if !ok {
		return code
	}
	c := sitestats.NewCollector()
	bad := 0
	err := export.Read(ctx, files, func(e *export.LineError) {
		bad++
		fmt.Fprintf(stderr, "newspipe stats: skipped %v\n", e)
	}, func(r export.Record) error { c.Add(r); return nil })
	if err != nil {
		fmt.Fprintf(stderr, "newspipe stats: %v\n", err)
		return exitFailed
	}
	sites := c.Sites()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sites); err != nil {
			fmt.Fprintf(stderr, "newspipe stats: %v\n", err)
			return exitFailed
		}
	} else {
		sitestats.WriteText(stdout, sites)
	}
	if bad > 0 {
		fmt.Fprintf(stderr, "newspipe stats: %d bad lines skipped\n", bad)
		return exitFailed
	}
	return exitOK
}
