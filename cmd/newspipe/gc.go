package main

import "github.com/newspipe/newspipe/internal/gctune"

// tuneGC applies newspipe's collector policy (see package gctune) for a
// crawl or an extraction run; the benchmarks apply the same one.
func tuneGC(getenv func(string) string, memTotal func() int64) (restore func()) {
	return gctune.Tune(getenv, memTotal)
}

// systemMemory is gctune.SystemMemory.
func systemMemory() int64 { return gctune.SystemMemory() }
