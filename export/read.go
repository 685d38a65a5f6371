package export

import (
	"context"

	"github.com/newspipe/newspipe/internal/jsonl"
)

// LineError is a bad input line, skipped.
type LineError = jsonl.LineError

// scan calls fn with every record of the files, in order, with its file
// index and line number; bad lines go to bad and are skipped. It stops at
// the first error of fn, of reading a file, or of ctx.
func scan(ctx context.Context, files []string, bad func(*LineError), fn func(file, line int, r Record) error) error {
	return jsonl.Scan(ctx, files, func(file, line int, text []byte) error {
		r, err := parseRecord(text)
		if err != nil {
			bad(&LineError{File: files[file], Line: line, Err: err})
			return nil
		}
		return fn(file, line, r)
	})
}
