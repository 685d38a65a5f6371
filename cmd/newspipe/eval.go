package main

import (
	"context"
	"fmt"
	"io"
)

// runEval is a placeholder until the evaluation command lands.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "newspipe eval: not implemented yet")
	return exitFailed
}
