package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportCommand: a directory of JSONL exports to Parquet; a bad line is
// named with its file and line and exits 1 with the rest written; usage
// errors exit 2.
func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	good := `{"url":"http://a/1","title":"t","published_at":"2021-01-21T13:15:00+08:00","authors":["甲"],"body":"b","fetched_at":"2026-12-02T10:00:00Z","warnings":[]}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "20261202T100000Z.jsonl"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "news.parquet")
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"export", "-o", out, dir}, nil, &stdout, &stderr); code != exitOK ||
		!strings.Contains(stderr.String(), "1 records from 1 files") {
		t.Fatalf("export = %d, stderr %q", code, stderr.String())
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 || fi.Mode().Perm() != 0o644 {
		t.Fatalf("output: %v, %v", fi, err)
	}

	badFile := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(badFile, []byte(good+"{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	csvOut := filepath.Join(t.TempDir(), "news.csv")
	code := run(context.Background(), []string{"export", "-o", csvOut, badFile}, nil, &stdout, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), badFile+":2:") || !strings.Contains(stderr.String(), "(csv)") {
		t.Errorf("bad line: exit %d, stderr %q; want 1 naming %s:2", code, stderr.String(), badFile)
	}
	if _, err := os.Stat(csvOut); err != nil {
		t.Errorf("the good records were not written: %v", err)
	}

	// A target that cannot be written: one error naming it, no summary
	// that reads as success.
	stderr.Reset()
	noDir := filepath.Join(t.TempDir(), "missing", "news.parquet")
	code = run(context.Background(), []string{"export", "-o", noDir, dir}, nil, &stdout, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), noDir+" not written") || strings.Contains(stderr.String(), "records from") {
		t.Errorf("unwritable target: exit %d, stderr %q; want 1, naming %s, no summary", code, stderr.String(), noDir)
	}

	for _, args := range [][]string{{"export", dir}, {"export", "-o", out}, {"export", "--format", "xls", "-o", out, dir}} {
		stderr.Reset()
		if code := run(context.Background(), args, nil, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v = %d, want %d; stderr %q", args, code, exitUsage, stderr.String())
		}
	}
}

// TestStatsCommand: text and JSON per site; a bad line exits 1.
func TestStatsCommand(t *testing.T) {
	in := filepath.Join(t.TempDir(), "news.jsonl")
	lines := `{"url":"http://a.cn/1","title":"t","published_at":"2026-12-01T09:30:00+08:00","authors":["甲"],"body":"正文","warnings":[]}
{"url":"http://a.cn/2","title":"t","published_at":null,"authors":[],"body":"","warnings":[]}
`
	if err := os.WriteFile(in, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"stats", in}, nil, &stdout, &stderr); code != exitOK ||
		!strings.Contains(stdout.String(), "a.cn  2 records") || !strings.Contains(stdout.String(), "date  50%") {
		t.Fatalf("stats = %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	if code := run(context.Background(), []string{"stats", "--json", in}, nil, &stdout, &stderr); code != exitOK ||
		!strings.Contains(stdout.String(), `"host": "a.cn"`) || !strings.Contains(stdout.String(), `"2026-12-01": 1`) {
		t.Fatalf("stats --json = %d, stdout %q", code, stdout.String())
	}
	if err := os.WriteFile(in, []byte(lines+"oops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run(context.Background(), []string{"stats", in}, nil, &stdout, &stderr); code != exitFailed || !strings.Contains(stderr.String(), in+":3:") {
		t.Errorf("bad line: exit %d, stderr %q", code, stderr.String())
	}
}
