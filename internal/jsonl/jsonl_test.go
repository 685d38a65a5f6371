package jsonl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScan: non-empty lines of every file, in order, with their file index
// and line number; a line over MaxLine is a LineError naming file and line;
// a missing file is an error naming it.
func TestScan(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(a, []byte("one\n\n  two  \n"), 0o644)
	os.WriteFile(b, []byte("three"), 0o644)
	var got []string
	err := Scan(context.Background(), []string{a, b}, func(file, line int, text []byte) error {
		got = append(got, fmt.Sprintf("%d:%d:%s", file, line, text))
		return nil
	})
	if want := "0:1:one 0:3:two 1:1:three"; err != nil || strings.Join(got, " ") != want {
		t.Errorf("Scan = %q, %v; want %q", got, err, want)
	}
	long := filepath.Join(dir, "long.jsonl")
	os.WriteFile(long, append([]byte("ok\n"), make([]byte, MaxLine+1)...), 0o644)
	var le *LineError
	err = Scan(context.Background(), []string{long}, func(int, int, []byte) error { return nil })
	if !errors.As(err, &le) || le.File != long || le.Line != 2 {
		t.Errorf("long line: %v; want a LineError at %s:2", err, long)
	}
	if err := Scan(context.Background(), []string{filepath.Join(dir, "none")}, nil); err == nil || !strings.Contains(err.Error(), "none") {
		t.Errorf("missing file: %v", err)
	}
}
