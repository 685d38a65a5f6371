package main

import (
	"bytes"
	"os"
	"testing"
)

// TestTableUpToDate: the committed table is what the library in go.mod
// gives. After upgrading the library, run go generate in dedup/ (and note
// that changed entries change stored signatures of text that has them).
func TestTableUpToDate(t *testing.T) {
	want, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../t2s_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("dedup/t2s_table.go is not what gent2s generates from the library in go.mod: run go generate in dedup/")
	}
}
