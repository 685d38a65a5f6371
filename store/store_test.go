package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpenLocked(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	_, err = Open(dir, 50*time.Millisecond)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: got %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second Open took %v", d)
	}
}

func TestDropPartialLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"{\"a\":1}\n", "{\"a\":1}\n"},
		{"{\"a\":1}\n{\"b\":", "{\"a\":1}\n"},
		{"{\"b\":", ""},
		{"l1\nl2\n" + strings.Repeat("x", 100<<10), "l1\nl2\n"},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "out.jsonl")
		os.WriteFile(path, []byte(tt.in), 0o644)
		o, err := openFileOutput(path)
		if err != nil {
			t.Fatal(err)
		}
		o.Close()
		got, _ := os.ReadFile(path)
		if string(got) != tt.want {
			t.Errorf("repair of %.20q: got %.20q, want %.20q", tt.in, got, tt.want)
		}
	}
}

func rec(url, hash string) []byte {
	return []byte(`{"url":"` + url + `","content_hash":"` + hash + `"}` + "\n")
}

// TestReconcileFile simulates a run killed after writing lines but before
// committing them: the next run must learn of exactly those lines.
func TestReconcileFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.jsonl")
	st, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	out, _ := OpenOutput(path, time.Now(), nil)
	out.Write(rec("http://a/1", "h1"))
	m, _ := out.Sync()
	st.MarkEmitted(context.Background(), m, []Emitted{{URL: "http://a/1", ContentHash: "h1"}})
	out.Write(rec("http://a/2", "h2")) // written, never committed
	out.Close()
	// A half line from a writer killed mid-write.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"url":"http://a/3","con`)
	f.Close()

	out, err = OpenOutput(path, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Reconcile(context.Background(), out, st)
	if err != nil || n != 1 {
		t.Fatalf("Reconcile = %d, %v; want 1 record", n, err)
	}
	for url, want := range map[string]string{"http://a/1": "h1", "http://a/2": "h2", "http://a/3": ""} {
		p, _ := st.Page(context.Background(), url)
		if p.ContentHash != want {
			t.Errorf("%s: hash %q, want %q", url, p.ContentHash, want)
		}
	}
	out.Close()
	data, _ := os.ReadFile(path)
	if bytes.Count(data, []byte("\n")) != 2 || !bytes.HasSuffix(data, []byte("\n")) {
		t.Errorf("output not 2 whole lines: %q", data)
	}
}

func TestDirOutputLeftovers(t *testing.T) {
	dir := t.TempDir()
	outDir := filepath.Join(dir, "out")
	os.Mkdir(outDir, 0o755)
	st, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t1 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	out, err := OpenOutput(outDir, t1, nil)
	if err != nil {
		t.Fatal(err)
	}
	out.Write(rec("http://a/1", "h1"))
	out.Flush()
	// killed before the commit: no Sync, no Close; the file keeps its
	// temporary name
	out.(*dirOutput).f.Close()
	if _, err := os.Stat(filepath.Join(outDir, "20260102T030405Z.jsonl.part")); err != nil {
		t.Fatal(err)
	}

	out2, err := OpenOutput(outDir, t1.Add(time.Hour), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := Reconcile(context.Background(), out2, st); n != 1 || err != nil {
		t.Fatalf("Reconcile = %d, %v", n, err)
	}
	out2.Write(rec("http://a/2", "h2"))
	if err := out2.Close(); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(outDir, "*"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	want := "20260102T030405Z.jsonl 20260102T040405Z.jsonl"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("files %q, want %q", got, want)
	}
	// A run with nothing to write leaves no file.
	out3, _ := OpenOutput(outDir, t1.Add(2*time.Hour), nil)
	Reconcile(context.Background(), out3, st)
	out3.Close()
	if got, _ := filepath.Glob(filepath.Join(outDir, "*")); len(got) != 2 {
		t.Errorf("empty run left a file: %v", got)
	}
	if p, _ := st.Page(context.Background(), "http://a/1"); p.ContentHash != "h1" {
		t.Errorf("leftover record not marked emitted: %+v", p)
	}
}

func TestPendingValidators(t *testing.T) {
	dir := t.TempDir()
	st, _ := Open(dir, 0)
	defer st.Close()
	f, _ := OpenFrontier(dir)
	defer f.Close()
	f.AddPending(context.Background(), Validators{URL: "http://a/", ETag: `"x"`})
	if p, _ := st.Page(context.Background(), "http://a/"); p.ETag != "" {
		t.Fatal("validators visible before commit")
	}
	if n, err := f.CommitPending(context.Background(), st); n != 1 || err != nil {
		t.Fatalf("CommitPending = %d, %v", n, err)
	}
	if p, _ := st.Page(context.Background(), "http://a/"); p.ETag != `"x"` {
		t.Errorf("ETag = %q", p.ETag)
	}
}
