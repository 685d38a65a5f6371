package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWorkerOutputNames: a worker's files carry its name, and Reconcile
// finishes only that worker's leftover files in a shared directory.
func TestWorkerOutputNames(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 12, 2, 15, 4, 5, 0, time.UTC)
	// A leftover of worker w2 (killed) must not be touched by w1.
	left := filepath.Join(dir, "20261202T140000Z.w2.jsonl"+partSuffix)
	if err := os.WriteFile(left, []byte(`{"url":"u","content_hash":"h"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	out, err := OpenWorkerOutput(dir+string(os.PathSeparator), start, nil, "w1")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := Reconcile(context.Background(), out, st); err != nil || n != 0 {
		t.Fatalf("Reconcile = %d, %v; want w2's file left alone", n, err)
	}
	if err := out.Write([]byte(`{"url":"v","content_hash":"k"}` + "\n")); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := dirNames(t, dir), "20261202T140000Z.w2.jsonl.part 20261202T150405Z.w1.jsonl"; got != want {
		t.Errorf("files %q, want %q", got, want)
	}

	file := filepath.Join(t.TempDir(), "news.jsonl")
	fo, err := OpenWorkerOutput(file, start, nil, "w1")
	if err != nil {
		t.Fatal(err)
	}
	defer fo.Close()
	if want := filepath.Join(filepath.Dir(file), "news.w1.jsonl"); fo.Name() != want {
		t.Errorf("file output %q, want %q", fo.Name(), want)
	}
}
