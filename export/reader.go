package export

import "context"

// Read calls fn with every record of the JSONL files, in order; a line
// that is not a newspipe record goes to bad and is skipped. It stops at the
// first error of fn, of reading a file, or of ctx.
func Read(ctx context.Context, files []string, bad func(*LineError), fn func(Record) error) error {
	return scan(ctx, files, bad, func(_, _ int, r Record) error { return fn(r) })
}
