package export

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
)

// maxLine bounds one JSONL line (a record with a very long body).
const maxLine = 64 << 20

// LineError is a bad input line, skipped.
type LineError struct {
	File string
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// scan calls fn with every record of the files, in order, with its file
// index and line number; bad lines go to bad and are skipped. It stops at
// the first error of fn, of reading a file, or of ctx.
func scan(ctx context.Context, files []string, bad func(*LineError), fn func(file, line int, r Record) error) error {
	buf := make([]byte, 0, 1<<20)
	for fi, name := range files {
		if err := scanFile(ctx, fi, name, buf, bad, fn); err != nil {
			return err
		}
	}
	return nil
}

func scanFile(ctx context.Context, fi int, name string, buf []byte, bad func(*LineError), fn func(file, line int, r Record) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(buf, maxLine)
	n := 0
	for sc.Scan() {
		n++
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		r, err := parseRecord(line)
		if err != nil {
			bad(&LineError{File: name, Line: n, Err: err})
			continue
		}
		if err := fn(fi, n, r); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return &LineError{File: name, Line: n + 1, Err: fmt.Errorf("line longer than %d MiB", maxLine>>20)}
		}
		if err != io.EOF {
			return fmt.Errorf("read %s: %w", name, err)
		}
	}
	return nil
}
