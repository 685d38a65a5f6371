package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/newspipe/newspipe/extract/evaluate"
)

const evalUsage = `Usage: newspipe eval [flags] [DIR...]

Runs newspipe's extractor over the labelled dev corpora (../shared/corpus
found from the working directory, or $NEWSPIPE_CORPUS, or --corpus) and over
each DIR given, and prints per-dataset, per-field accuracy as a Markdown table.
Every dataset is scored whole and on each of two fixed halves (A and B, by a
hash of the page name): a change is worth keeping when it holds on both.
wcxb-articles is scored with WCXB's word F1 and its snippet shares; folders in
the seed-fixture format also get score.py's share of checks met.
A DIR is a folder of NAME.html pages beside NAME.expected.json records (the
newspipe record format; must_contain / must_not_contain / not_article honoured),
one dataset folder of a known corpus, or a folder of such datasets.

To check a change: save the scores before it with --json, then run with
--baseline on that file; every score that moved is listed per dataset and
half, drops first, and the exit status is 1 if any dropped:

  newspipe eval --json > before.json   # on the old build
  newspipe eval --baseline before.json # on the new one

Flags:
`

// runEval implements "newspipe eval".
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("eval", evalUsage, stderr)
	corpus := fs.String("corpus", "", "`DIR` holding the dev corpora (default: $NEWSPIPE_CORPUS or ../shared/corpus)")
	noCorpus := fs.Bool("no-corpus", false, "score only the DIRs given, not the dev corpora")
	asJSON := fs.Bool("json", false, "print results as JSON (with per-page scores) instead of a table")
	sample := fs.Int("sample", 0, "score at most `N` evenly spaced pages per dataset (0: all)")
	workers := fs.Int("workers", 0, "extract with `N` goroutines (0: GOMAXPROCS)")
	pages := fs.Bool("pages", false, "after the table, list the pages that missed a field")
	baseline := fs.String("baseline", "", "compare with the results in `FILE` (an earlier --json run): list every score that changed, per dataset and half, and exit 1 if any dropped")
	// Flags may follow the folders too: parse, take one folder, repeat.
	var folders []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		folders = append(folders, fs.Arg(0))
		args = fs.Args()[1:]
	}

	var dirs []string
	if !*noCorpus {
		root := *corpus
		if root == "" {
			root = evaluate.FindCorpus(".")
		}
		switch {
		case root != "":
			dirs = append(dirs, root)
		case len(folders) == 0:
			fmt.Fprintln(stderr, "newspipe eval: no corpus found: set --corpus or $NEWSPIPE_CORPUS, or give a DIR")
			return exitUsage
		}
	}
	dirs = append(dirs, folders...)
	if len(dirs) == 0 {
		fmt.Fprintln(stderr, "newspipe eval: nothing to score: give a DIR or drop --no-corpus")
		return exitUsage
	}

	opts := &evaluate.LoadOptions{Sample: *sample}
	var datasets []*evaluate.Dataset
	for _, d := range dirs {
		ds, err := loadDir(ctx, d, opts)
		if err != nil {
			fmt.Fprintf(stderr, "newspipe eval: %v\n", err)
			return exitFailed
		}
		datasets = append(datasets, ds...)
	}

	start := time.Now()
	results, _, err := evaluate.EvaluateHalves(ctx, datasets, "newspipe", evaluate.Newspipe, *workers)
	if err != nil {
		fmt.Fprintf(stderr, "newspipe eval: %v\n", err)
		return exitFailed
	}
	elapsed := time.Since(start)

	var base []evaluate.Result
	if *baseline != "" {
		if base, err = readResults(*baseline); err != nil {
			fmt.Fprintf(stderr, "newspipe eval: --baseline: %v\n", err)
			return exitUsage
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			fmt.Fprintf(stderr, "newspipe eval: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	for i := range results {
		if !*pages {
			results[i].PerPage = nil
		}
	}
	if err := evaluate.WriteTable(stdout, results); err != nil {
		fmt.Fprintf(stderr, "newspipe eval: %v\n", err)
		return exitFailed
	}
	n := 0
	for _, ds := range datasets {
		n += len(ds.Pages)
	}
	fmt.Fprintf(stdout, "\n%d pages in %d datasets, extracted in %s.\n", n, len(datasets), elapsed.Round(time.Millisecond))
	if *pages {
		if err := evaluate.WriteMisses(stdout, results, evaluate.CheckF1); err != nil {
			fmt.Fprintf(stderr, "newspipe eval: %v\n", err)
			return exitFailed
		}
	}
	if base != nil {
		changes := evaluate.Compare(base, results)
		fmt.Fprintf(stdout, "\n### Against %s\n\n", *baseline)
		if err := evaluate.WriteChanges(stdout, changes); err != nil {
			fmt.Fprintf(stderr, "newspipe eval: %v\n", err)
			return exitFailed
		}
		for _, c := range changes {
			if c.Dropped() {
				return exitFailed
			}
		}
	}
	return exitOK
}

// readResults reads the results of an earlier `newspipe eval --json`.
func readResults(path string) ([]evaluate.Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rs []evaluate.Result
	if err := json.Unmarshal(data, &rs); err != nil {
		return nil, fmt.Errorf("%s: not the output of newspipe eval --json: %w", path, err)
	}
	return rs, nil
}

// loadDir loads one dataset folder, or every dataset under a corpus root.
func loadDir(ctx context.Context, dir string, opts *evaluate.LoadOptions) ([]*evaluate.Dataset, error) {
	if _, err := evaluate.DetectKind(dir); err == nil {
		ds, err := evaluate.LoadDataset(ctx, dir, opts)
		if err != nil {
			return nil, err
		}
		return []*evaluate.Dataset{ds}, nil
	}
	return evaluate.LoadCorpus(ctx, dir, opts)
}
