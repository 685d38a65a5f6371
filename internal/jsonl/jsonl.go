// Package jsonl reads newspipe's JSONL files line by line for the commands
// that work on datasets (export, stats, dedup): one place that knows how
// long a line may be and how a bad line is named.
package jsonl

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
)

// MaxLine bounds one line (a record with a very long body).
const MaxLine = 64 << 20

// LineError is a bad input line: the commands report it and go on.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Scan calls fn with every non-empty line of the files (trimmed), with the
// index of its file and its line number, in order. It stops at the first
// error of fn, of reading a file (a line over MaxLine is a *LineError), or
// of ctx.
func Scan(ctx context.Context, files []string, fn func(file, line int, text []byte) error) error {
	buf := make([]byte, 0, 1<<20)
	for i, name := range files {
		if err := scanFile(ctx, i, name, buf, fn); err != nil {
			return err
		}
	}
	return nil
}

func scanFile(ctx context.Context, fi int, name string, buf []byte, fn func(file, line int, text []byte) error) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("input %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(buf, MaxLine)
	n := 0
	for sc.Scan() {
		n++
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		if err := fn(fi, n, text); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return &LineError{File: name, Line: n + 1, Err: fmt.Errorf("line longer than %d MiB", MaxLine>>20)}
		}
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}
