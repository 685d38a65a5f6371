package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDedupCommand: a reprint gets the first copy's url, the rest null;
// -o writes the file; a bad line is named with its file and line, skipped,
// and exits 1 with the rest written; usage errors exit 2.
func TestDedupCommand(t *testing.T) {
	story := "新华社北京12月1日电 国务院总理今日主持召开国务院常务会议，部署进一步做好稳就业工作，" +
		"决定延续实施部分减税降费政策，确定支持中小微企业发展的措施。会议指出，今年以来各地区各部门认真贯彻落实决策部署。"
	dir := t.TempDir()
	in := filepath.Join(dir, "20261202T100000Z.jsonl")
	lines := `{"url":"http://a/1","title":"t","body":"` + story + `","fetched_at":"2026-12-02T10:00:00Z","warnings":[]}` + "\n" +
		`{"url":"http://b/9","title":"t2","body":"首页 > 新闻\n` + story + `\n（责任编辑：李华）","fetched_at":"2026-12-02T11:00:00Z","warnings":[]}` + "\n"
	if err := os.WriteFile(in, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"dedup", dir}, nil, &stdout, &stderr); code != exitOK {
		t.Fatalf("dedup = %d, stderr %q", code, stderr.String())
	}
	got := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(got) != 2 || !strings.HasSuffix(got[0], `"warnings":[],"duplicate_of":null}`) ||
		!strings.HasSuffix(got[1], `"warnings":[],"duplicate_of":"http://a/1"}`) {
		t.Errorf("stdout:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), "2 records from 1 files") || !strings.Contains(stderr.String(), "1 reprints marked") {
		t.Errorf("stderr %q", stderr.String())
	}

	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(lines+"{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "grouped.jsonl")
	stdout.Reset()
	stderr.Reset()
	code := run(context.Background(), []string{"dedup", "-o", out, bad}, nil, &stdout, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), bad+":3:") {
		t.Errorf("bad line: exit %d, stderr %q; want 1 naming %s:3", code, stderr.String(), bad)
	}
	b, err := os.ReadFile(out)
	if err != nil || strings.Count(string(b), "\n") != 2 || stdout.Len() != 0 {
		t.Errorf("output file: %q, %v; stdout %q", b, err, stdout.String())
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("output mode: %v, %v", fi, err)
	}

	// A run that fails (input missing) leaves nothing under -o's name.
	missingOut := filepath.Join(t.TempDir(), "none.jsonl")
	stderr.Reset()
	if code := run(context.Background(), []string{"dedup", "-o", missingOut, in, filepath.Join(dir, "gone.jsonl")}, nil, &stdout, &stderr); code != exitFailed ||
		!strings.Contains(stderr.String(), "gone.jsonl") || strings.Contains(stderr.String(), "records from") {
		t.Errorf("missing input: exit %d, stderr %q; want %d, naming the input, no summary", code, stderr.String(), exitFailed)
	}
	// An output that cannot be created: one error naming it, no summary
	// that reads as success.
	noDir := filepath.Join(t.TempDir(), "missing", "grouped.jsonl")
	stderr.Reset()
	if code := run(context.Background(), []string{"dedup", "-o", noDir, in}, nil, &stdout, &stderr); code != exitFailed ||
		!strings.Contains(stderr.String(), noDir+" not written") || strings.Contains(stderr.String(), "records from") {
		t.Errorf("unwritable output: exit %d, stderr %q; want %d naming %s, no summary", code, stderr.String(), exitFailed, noDir)
	}
	if _, err := os.Stat(missingOut); !os.IsNotExist(err) {
		t.Errorf("failed run left %s: %v", missingOut, err)
	}

	for _, args := range [][]string{{"dedup"}, {"dedup", "--threshold", "0", in}, {"dedup", "--threshold", "1.5", in}} {
		stderr.Reset()
		if code := run(context.Background(), args, nil, &stdout, &stderr); code != exitUsage {
			t.Errorf("%v = %d, want %d; stderr %q", args, code, exitUsage, stderr.String())
		}
	}
}
