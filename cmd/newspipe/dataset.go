package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// datasetInputs parses the flags and inputs of a command that reads JSONL
// records (export, stats, dedup), runs check on them (nil: none), and
// expands directories into their *.jsonl files. When it returns ok false,
// code is the exit status and the error was printed.
func datasetInputs(name string, fs *flag.FlagSet, args []string, stderr io.Writer, check func() error) (files []string, code int, ok bool) {
	inputs, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, exitOK, false
	}
	if err == nil && len(inputs) == 0 {
		err = errors.New("give JSONL files or directories")
	}
	if err == nil && check != nil {
		err = check()
	}
	if err != nil {
		fmt.Fprintf(stderr, "newspipe %s: %v\n", name, err)
		return nil, exitUsage, false
	}
	if files, err = jsonlFiles(inputs); err != nil {
		fmt.Fprintf(stderr, "newspipe %s: %v\n", name, err)
		return nil, exitFailed, false
	}
	return files, exitOK, true
}

// jsonlFiles expands directories into their *.jsonl files, by name (a
// crawl's files are named by their start time).
func jsonlFiles(inputs []string) ([]string, error) {
	var files []string
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil {
			return nil, fmt.Errorf("input %w", err)
		}
		if !fi.IsDir() {
			files = append(files, in)
			continue
		}
		m, err := filepath.Glob(filepath.Join(in, "*.jsonl"))
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", in, err)
		}
		sort.Strings(m)
		files = append(files, m...)
	}
	return files, nil
}
