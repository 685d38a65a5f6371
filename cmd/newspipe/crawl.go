package main

import (
	"context"
	"fmt"
	"io"
)

// runCrawl is a placeholder until the crawler lands.
func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "newspipe crawl: not implemented yet")
	return exitFailed
}
