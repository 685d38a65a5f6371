// Command newspipe crawls news portals and extracts clean article records as JSONL.
//
// Usage:
//
//	newspipe extract [flags] INPUT...   extract pages (URLs, files or - for stdin)
//	newspipe crawl [flags] [SEED_URL...] crawl portals incrementally (cron-safe)
//	newspipe eval [flags] [DIR...]       score extraction on labelled corpora
//	newspipe export [flags] -o OUT IN... JSONL records to Parquet or CSV
//	newspipe stats [--json] IN...        per-site field coverage and dates
//	newspipe dedup [flags] IN...         mark reprints of the same story
//
// Run "newspipe COMMAND -h" for the flags of each command.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses shared by all commands.
const (
	exitOK      = 0
	exitFailed  = 1 // some input failed or the run failed
	exitUsage   = 2 // bad flags or arguments
	exitLocked  = 3 // another crawl holds the state lock
	exitStopped = 130
)

const usageText = `newspipe: news crawler and article extractor

Usage:
  newspipe extract [flags] INPUT...     extract pages (http(s) URLs, files, or - for stdin) to JSONL
  newspipe crawl   [flags] [SEED_URL...] crawl portals, emit new or changed articles (cron-safe)
  newspipe eval    [flags] [DIR...]      measure extraction accuracy on labelled corpora
  newspipe export  [flags] -o OUT IN...  write JSONL records to one Parquet or CSV file for analysis
  newspipe stats   [--json] INPUT...     per-site health: field coverage, body length, dates per day
  newspipe dedup   [flags] IN...         mark reprints of the same story (duplicate_of) in JSONL records

Run "newspipe COMMAND -h" for the flags of a command.
Try it offline: newspipe crawl --demo --out -
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand and returns the process exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return exitUsage
	}
	switch args[0] {
	case "extract":
		return runExtract(ctx, args[1:], stdin, stdout, stderr)
	case "crawl":
		return runCrawl(ctx, args[1:], stdout, stderr)
	case "eval":
		return runEval(ctx, args[1:], stdout, stderr)
	case "export":
		return runExport(ctx, args[1:], stdout, stderr)
	case "stats":
		return runStats(ctx, args[1:], stdout, stderr)
	case "dedup":
		return runDedup(ctx, args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usageText)
		return exitOK
	default:
		fmt.Fprintf(stderr, "newspipe: unknown command %q\n\n%s", args[0], usageText)
		return exitUsage
	}
}

// newFlagSet returns a subcommand's flag set whose -h prints usage and then
// the flags, all on stderr.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}
