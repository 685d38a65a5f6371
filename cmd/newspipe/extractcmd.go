package main

import (
	"context"
	"fmt"
	"io"
)

// runExtract is a placeholder until the extract command lands.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "newspipe extract: not implemented yet")
	return exitFailed
}
