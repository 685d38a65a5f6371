// Command compare runs newspipe and its peers over the labelled corpora in
// one run and writes a Markdown report of quality and speed.
//
// Usage (from the bench folder):
//
//	go run ./cmd/compare [-corpus DIR] [-dir DIR]... [-sample N] [-speed=false] [-o RESULTS.md]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/newspipe/newspipe/bench/compare"
	"github.com/newspipe/newspipe/extract/evaluate"
)

// dirList collects repeated -dir flags.
type dirList []string

func (d *dirList) String() string     { return strings.Join(*d, ",") }
func (d *dirList) Set(v string) error { *d = append(*d, v); return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.String("corpus", "", "`DIR` of dev datasets (default: $NEWSPIPE_CORPUS or ../shared/corpus; \"none\" to skip)")
	var dirs dirList
	fs.Var(&dirs, "dir", "labelled folder to add (NAME.html + NAME.expected.json, or one dataset); repeatable")
	sample := fs.Int("sample", 0, "at most `N` evenly spaced pages per corpus dataset (0: all; -dir folders load whole)")
	speed := fs.Bool("speed", true, "also time every tool with GOMAXPROCS=1")
	repeat := fs.Int("repeat", 3, "keep the best of up to `N` timed passes per tool (fewer for slow tools)")
	out := fs.String("o", "RESULTS.md", "write the Markdown report to `FILE` (\"\" or - for stdout only)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	dirs = append(dirs, fs.Args()...)
	root := *corpus
	switch root {
	case "":
		root = evaluate.FindCorpus(".")
	case "none":
		root = ""
	}
	if root == "" && len(dirs) == 0 {
		fmt.Fprintln(stderr, "compare: no corpus found: set -corpus or $NEWSPIPE_CORPUS, or add -dir")
		return 2
	}
	cmd := "cd bench && go run ./cmd/compare"
	if len(args) > 0 {
		cmd += " " + strings.Join(args, " ")
	}
	start := time.Now()
	rep, err := compare.Run(ctx, compare.Config{
		Corpus: root, Dirs: dirs, Sample: *sample, Speed: *speed, Repeat: *repeat, Command: cmd, Progress: stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "compare: %v\n", err)
		return 1
	}
	var b strings.Builder
	if err := rep.WriteMarkdown(&b); err != nil {
		fmt.Fprintf(stderr, "compare: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, b.String())
	if *out != "" && *out != "-" {
		if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintf(stderr, "compare: write report: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "compare: wrote %s (run took %s)\n", *out, time.Since(start).Round(time.Second))
	}
	return 0
}
