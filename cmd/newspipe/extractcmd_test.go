package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testArticle = `<html><head><meta charset="utf-8"><title>港口吞吐量创新高_示例网</title></head><body>
<h1>港口吞吐量创新高</h1><div class="info">2024-03-05 10:20 来源：示例日报</div>
<div class="text"><p>本报讯（记者 王明）今年前两个月，港口集装箱吞吐量同比增长百分之十二，创下历史同期新高，港口方面表示将继续扩大航线网络。</p>
<p>据介绍，新开通的三条国际航线已经稳定运行，带动了周边物流园区的发展，也为外贸企业降低了运输成本。</p></div>
<p>（责任编辑：李华）</p></body></html>`

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtractFileStdinAndErrors(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.html")
	if err := os.WriteFile(page, []byte(testArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.html")
	os.WriteFile(empty, nil, 0o644)
	missing := filepath.Join(dir, "missing.html")

	code, out, errOut := runCLI(t, testArticle, "extract", page, missing, "-", empty)
	if code != exitFailed {
		t.Errorf("exit = %d, want %d", code, exitFailed)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d records, want 2:\n%s", len(lines), out)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["title"] != "港口吞吐量创新高" || rec["source"] != "示例日报" || rec["editor"] != "李华" ||
		rec["published_at"] != "2024-03-05T10:20:00+08:00" || rec["url"] != "file://"+filepath.ToSlash(page) {
		t.Errorf("record = %v", rec)
	}
	errLines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(errLines) != 2 || !strings.Contains(errLines[0], missing) || !strings.Contains(errLines[1], empty) ||
		!strings.Contains(errLines[1], "empty page") {
		t.Errorf("stderr = %q, want one line naming each failed input", errOut)
	}
}

func TestExtractURLs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/a.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(testArticle))
		case "/old.html":
			http.Redirect(w, r, "/a.html", http.StatusMovedPermanently)
		case "/doc.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(bytes.Repeat([]byte("%PDF"), 1000))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	code, out, errOut := runCLI(t, "", "extract", srv.URL+"/old.html", srv.URL+"/gone.html", srv.URL+"/doc.pdf")
	if code != exitFailed {
		t.Errorf("exit = %d", code)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &rec); err != nil {
		t.Fatalf("stdout %q: %v", out, err)
	}
	if rec["url"] != srv.URL+"/a.html" || rec["fetched_at"] == nil {
		t.Errorf("url = %v fetched_at = %v", rec["url"], rec["fetched_at"])
	}
	if !strings.Contains(errOut, "/gone.html: HTTP 404") || !strings.Contains(errOut, "/doc.pdf: response is not HTML") {
		t.Errorf("stderr = %q", errOut)
	}
}

func TestExtractUsageAndOutputFile(t *testing.T) {
	if code, _, _ := runCLI(t, "", "extract"); code != exitUsage {
		t.Errorf("no input: exit = %d, want %d", code, exitUsage)
	}
	if code, _, _ := runCLI(t, "", "extract", "--no-such-flag", "x"); code != exitUsage {
		t.Errorf("bad flag: exit = %d, want %d", code, exitUsage)
	}
	if code, _, errOut := runCLI(t, "", "extract", "--select-body", "div[[", "x"); code != exitUsage || !strings.Contains(errOut, "selector") {
		t.Errorf("bad selector: exit = %d, stderr %q", code, errOut)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "a.html")
	os.WriteFile(page, []byte(testArticle), 0o644)
	outFile := filepath.Join(dir, "out.jsonl")
	if code, out, errOut := runCLI(t, "", "extract", page, "-o", outFile, "--url", "http://example.test/a.html"); code != exitOK || out != "" {
		t.Fatalf("exit = %d stdout %q stderr %q", code, out, errOut)
	}
	b, _ := os.ReadFile(outFile)
	if !bytes.HasPrefix(b, []byte(`{"url":"http://example.test/a.html",`)) || bytes.Count(b, []byte("\n")) != 1 {
		t.Errorf("output file = %q", b)
	}
	code, out, _ := runCLI(t, "", "extract", "--pretty", page)
	if code != exitOK || !strings.Contains(out, "\n  \"title\": \"港口吞吐量创新高\",\n") {
		t.Errorf("pretty output = %q", out)
	}
}

func TestExtractUsageErrorsAreCaughtEarly(t *testing.T) {
	if code, _, errOut := runCLI(t, "", "extract", "--charset", "nosuch", "a.html", "b.html"); code != exitUsage || strings.Count(errOut, "\n") != 1 {
		t.Errorf("bad charset: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := runCLI(t, "", "extract", "-", "-"); code != exitUsage {
		t.Errorf("stdin twice: exit %d", code)
	}
}

func TestExtractLinksKeepRecordOrder(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.html")
	os.WriteFile(page, []byte(testArticle), 0o644)
	code, out, _ := runCLI(t, "", "extract", "--links", "--url", "http://example.test/a.html", page)
	if code != exitOK || !strings.HasPrefix(out, `{"url":"http://example.test/a.html","canonical_url":`) || !strings.Contains(out, `"links":[`) {
		t.Errorf("exit %d, output %q", code, out)
	}
}
