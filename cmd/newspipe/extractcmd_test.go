package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
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

// gzipBytes returns b compressed with gzip.
func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// articleNumbered returns testArticle with a numbered headline and n extra
// paragraphs, so that pages differ in record and in extraction time.
func articleNumbered(i, n int) string {
	title := fmt.Sprintf("港口吞吐量创新高第%d期", i)
	page := strings.ReplaceAll(testArticle, "港口吞吐量创新高", title)
	para := strings.Repeat("<p>据介绍，新开通的三条国际航线已经稳定运行，带动了周边物流园区的发展，也为外贸企业降低了运输成本。</p>\n", n)
	return strings.Replace(page, "</div>\n<p>（责任编辑", para+"</div>\n<p>（责任编辑", 1)
}

func TestExtractParallelOutputMatchesSerial(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	wantTitles := 0
	for i := range 60 {
		name := filepath.Join(dir, fmt.Sprintf("p%02d.html", i))
		switch i % 6 {
		case 1: // missing file
		case 3:
			os.WriteFile(name, nil, 0o644) // empty page
		case 4:
			os.WriteFile(name, gzipBytes(t, []byte(articleNumbered(i, 1))), 0o644)
			wantTitles++
		default:
			// Early pages are the largest, so later ones finish first with -j 4.
			os.WriteFile(name, []byte(articleNumbered(i, (60-i)*20)), 0o644)
			wantTitles++
		}
		inputs = append(inputs, name)
	}
	inputs = append(inputs, dir) // a directory
	for _, extra := range [][]string{nil, {"--explain"}, {"--pretty"}} {
		args := append(append([]string{"extract"}, extra...), inputs...)
		code1, out1, err1 := runCLI(t, "", append(args, "-j", "1")...)
		code4, out4, err4 := runCLI(t, "", append(args, "-j", "4")...)
		if code1 != exitFailed || code4 != exitFailed {
			t.Errorf("%v: exit -j1 %d, -j4 %d, want %d", extra, code1, code4, exitFailed)
		}
		if out1 != out4 {
			t.Errorf("%v: stdout differs between -j 1 and -j 4", extra)
		}
		if err1 != err4 {
			t.Errorf("%v: stderr differs between -j 1 and -j 4:\n%s\n---\n%s", extra, err1, err4)
		}
		if extra == nil {
			lines := strings.Split(strings.TrimSpace(out4), "\n")
			if len(lines) != wantTitles {
				t.Fatalf("%d records, want %d", len(lines), wantTitles)
			}
			prev := -1
			for _, line := range lines {
				var rec struct{ Title string }
				if err := json.Unmarshal([]byte(line), &rec); err != nil {
					t.Fatal(err)
				}
				var n int
				if _, err := fmt.Sscanf(strings.TrimPrefix(rec.Title, "港口吞吐量创新高第"), "%d期", &n); err != nil || n <= prev {
					t.Fatalf("record %q out of order after page %d", rec.Title, prev)
				}
				prev = n
			}
			errLines := strings.Split(strings.TrimSpace(err4), "\n")
			if len(errLines) != 21 || !strings.Contains(errLines[0], "p01.html") ||
				!strings.Contains(errLines[1], "p03.html: empty page") || !strings.Contains(errLines[20], dir+": is a directory") {
				t.Errorf("stderr = %q", err4)
			}
		}
	}
}

func TestExtractGzipInputByMagic(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "a.html")
	zipped := filepath.Join(dir, "a.html.gz")
	misnamed := filepath.Join(dir, "b.html")     // gzip data, plain name
	notZipped := filepath.Join(dir, "c.html.gz") // plain data, gzip name
	os.WriteFile(plain, []byte(testArticle), 0o644)
	os.WriteFile(zipped, gzipBytes(t, []byte(testArticle)), 0o644)
	os.WriteFile(misnamed, gzipBytes(t, []byte(testArticle)), 0o644)
	os.WriteFile(notZipped, []byte(testArticle), 0o644)
	const u = "http://example.test/a.html"
	_, want, _ := runCLI(t, "", "extract", "--url", u, plain)
	if !strings.Contains(want, `"title":"港口吞吐量创新高"`) {
		t.Fatalf("plain record = %q", want)
	}
	for _, in := range []string{zipped, misnamed, notZipped} {
		code, got, errOut := runCLI(t, "", "extract", "--url", u, in)
		if code != exitOK || got != want {
			t.Errorf("%s: exit %d, stderr %q, record\n%s\nwant\n%s", filepath.Base(in), code, errOut, got, want)
		}
	}
	code, got, errOut := runCLI(t, string(gzipBytes(t, []byte(testArticle))), "extract", "--url", u, "-")
	if code != exitOK || got != want {
		t.Errorf("gzip on stdin: exit %d, stderr %q, record %q", code, errOut, got)
	}
}

func TestExtractGzipBombFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	bomb := filepath.Join(dir, "bomb.html.gz")
	page := filepath.Join(dir, "a.html")
	raw := gzipBytes(t, append([]byte("<html><body><p>"), bytes.Repeat([]byte(" "), 64<<20)...))
	if len(raw) > 1<<20 {
		t.Fatalf("bomb is %d bytes compressed", len(raw))
	}
	os.WriteFile(bomb, raw, 0o644)
	os.WriteFile(page, []byte(testArticle), 0o644)
	code, out, errOut := runCLI(t, "", "extract", "--max-body", "1000000", bomb, page)
	if code != exitFailed {
		t.Errorf("exit = %d, want %d", code, exitFailed)
	}
	if want := "newspipe extract: " + bomb + ": decompressed input larger than --max-body (1000000 bytes)\n"; errOut != want {
		t.Errorf("stderr = %q, want %q", errOut, want)
	}
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, `"title":"港口吞吐量创新高"`) {
		t.Errorf("the good input after the bomb: %q", out)
	}
	// The compressed size counts too.
	code, _, errOut = runCLI(t, "", "extract", "--max-body", "100", bomb)
	if code != exitFailed || !strings.HasSuffix(errOut, bomb+": input larger than --max-body (100 bytes)\n") {
		t.Errorf("compressed beyond --max-body: exit %d, stderr %q", code, errOut)
	}
}

func TestExtractJobsMustBePositive(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.html")
	os.WriteFile(page, []byte(testArticle), 0o644)
	for _, j := range []string{"0", "-1", "x"} {
		code, out, errOut := runCLI(t, "", "extract", "-j", j, page)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "-j") {
			t.Errorf("-j %s: exit %d, stdout %q, stderr %q", j, code, out, errOut)
		}
	}
	if code, out, _ := runCLI(t, "", "extract", "-j", "64", page); code != exitOK || strings.Count(out, "\n") != 1 {
		t.Errorf("-j 64 with one input: exit %d, stdout %q", code, out)
	}
}

func TestExtractInterrupted(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.html")
	os.WriteFile(page, []byte(testArticle), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"extract", page, page}, strings.NewReader(""), &out, &errb)
	if code != exitFailed || out.Len() != 0 || errb.String() != "newspipe extract: interrupted\n" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}
