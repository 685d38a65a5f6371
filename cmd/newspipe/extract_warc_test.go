package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/newspipe/newspipe/extract"
)

// The pages inside testdata/warc/handmade.warc (see make_handmade.py there).
const (
	handmadeGBKURL = "http://news.example.cn/society/2020-07/15/c_1126238.htm"
	handmadeENURL  = "https://www.example.com/world/2021/03/04/harbour.html"
	handmadeTitle  = "暴雨致城区多处积水 市政部门连夜抽排"
)

// wantRecord is what newspipe extract prints for body fetched from pageURL
// with header at fetchedAt: the line every WARC record must reproduce.
func wantRecord(t *testing.T, body []byte, pageURL string, header http.Header, fetchedAt time.Time) string {
	t.Helper()
	art, err := extract.Extract(body, pageURL, header, &extract.Options{Now: fetchedAt})
	if err != nil {
		t.Fatal(err)
	}
	art.FetchedAt = fetchedAt
	var b bytes.Buffer
	if err := writeRecord(&b, art, false, false); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func readPage(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// handmadeWant is the output expected from handmade.warc: its two HTML
// 200 responses, in file order; the 404, the PNG, the requests and the
// warcinfo record yield nothing.
func handmadeWant(t *testing.T) string {
	gbk := wantRecord(t, readPage(t, "gbk-undeclared.html"), handmadeGBKURL,
		http.Header{"Content-Type": {"text/html; charset=GBK"}, "Content-Length": {"2279"}},
		time.Date(2020, 7, 15, 8, 30, 0, 0, time.UTC))
	en := wantRecord(t, readPage(t, "en-byline-agency-time-first.html"), handmadeENURL,
		http.Header{"Content-Type": {"text/html; charset=utf-8"}},
		time.Date(2021, 3, 4, 10, 15, 30, 123456789, time.UTC))
	return gbk + en
}

func TestExtractHandmadeWARC(t *testing.T) {
	want := handmadeWant(t)
	if !strings.Contains(want, `"title":"`+handmadeTitle+`"`) || !strings.Contains(want, `"fetched_at":"2021-03-04T10:15:30Z"`) {
		t.Fatalf("expected records lack the GBK title or the WARC-Date:\n%s", want)
	}
	for _, name := range []string{"handmade.warc", "handmade.warc.gz"} {
		for _, j := range []string{"1", "3"} {
			code, out, errOut := runCLI(t, "", "extract", "-j", j, filepath.Join("..", "..", "testdata", "warc", name))
			if code != exitOK || errOut != "" {
				t.Fatalf("%s -j %s: exit %d, stderr %q", name, j, code, errOut)
			}
			if out != want {
				t.Errorf("%s -j %s: got\n%s\nwant\n%s", name, j, out, want)
			}
		}
	}
}

// writeLibraryWARC writes, with gowarc's own writer, a compressed WARC of
// n responses: the GBK page recorded with a Shift_JIS charset header (which
// extract obeys, its bytes being valid Shift_JIS, garbling the text as a
// browser would), and
// n-1 UTF-8 pages with their number in the title.
func writeLibraryWARC(t *testing.T, dir string, n int, date time.Time) string {
	t.Helper()
	w := gowarc.NewWarcFileWriter(gowarc.WithCompression(true),
		gowarc.WithFileNameGenerator(&gowarc.PatternNameGenerator{Directory: dir, Pattern: "lib.%{ext}s"}))
	add := func(uri, contentType string, body []byte) {
		rb := gowarc.NewRecordBuilder(gowarc.Response)
		rb.AddWarcHeader(gowarc.WarcTargetURI, uri)
		rb.AddWarcHeaderTime(gowarc.WarcDate, date)
		rb.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		rb.WriteString("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\n\r\n")
		rb.Write(body)
		rec, _, err := rb.Build()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range w.Write(rec) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
	}
	add("http://news.example.cn/sjis.htm", "text/html; charset=shift_jis", readPage(t, "gbk-undeclared.html"))
	for i := 1; i < n; i++ {
		add("https://example.com/news/"+string(rune('a'+i))+".html", "text/html; charset=utf-8", []byte(articleNumbered(i, 1)))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "lib.warc.gz")
}

func TestExtractLibraryWrittenWARC(t *testing.T) {
	dir := t.TempDir()
	date := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	path := writeLibraryWARC(t, dir, 6, date)

	want := wantRecord(t, readPage(t, "gbk-undeclared.html"), "http://news.example.cn/sjis.htm",
		http.Header{"Content-Type": {"text/html; charset=shift_jis"}}, date)
	for i := 1; i < 6; i++ {
		want += wantRecord(t, []byte(articleNumbered(i, 1)), "https://example.com/news/"+string(rune('a'+i))+".html",
			http.Header{"Content-Type": {"text/html; charset=utf-8"}}, date)
	}
	code, out, errOut := runCLI(t, "", "extract", "-j", "2", path)
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if out != want {
		t.Fatalf("got\n%s\nwant\n%s", out, want)
	}
	var first struct {
		Title     string `json:"title"`
		Encoding  string `json:"encoding"`
		FetchedAt string `json:"fetched_at"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &first); err != nil {
		t.Fatal(err)
	}
	// The header's charset wins over sniffing, which would have found GBK.
	if first.Encoding != "shift_jis" || first.Title == handmadeTitle || first.Title == "" || first.FetchedAt != "2026-01-02T03:04:05Z" {
		t.Errorf("recorded charset header not obeyed or date lost: %+v", first)
	}
}

// damage writes a copy of the handmade WARC changed by f to dir.
func damage(t *testing.T, dir, name string, f func([]byte) []byte) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "warc", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "damaged-"+name)
	if err := os.WriteFile(path, f(b), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExtractDamagedWARC(t *testing.T) {
	dir := t.TempDir()
	lines := strings.SplitAfter(handmadeWant(t), "\n")
	gbkRecord, enRecord := lines[0], lines[1]
	cases := []struct {
		name, file string
		cut        func([]byte) []byte
		wantErr    string // after the file's path
		wantOut    string
	}{
		// Cut inside the last record (the English page): the GBK page,
		// read before it, still comes out.
		{"truncated gzip", "handmade.warc.gz", func(b []byte) []byte { return b[:len(b)-300] },
			": record 8 (offset 3481): truncated record: unexpected EOF", gbkRecord},
		{"truncated plain", "handmade.warc", func(b []byte) []byte { return b[:len(b)-200] },
			": record 8 (offset 5248): truncated record: content length mismatch: header 1177, actual 981", gbkRecord},
		// Bytes flipped inside the GBK response's gzip member: reading
		// goes on at the next member, so the English page comes out.
		{"corrupt member", "handmade.warc.gz", func(b []byte) []byte {
			b[557+40] ^= 0xff
			b[557+41] ^= 0xff
			return b
		}, ": record 3 (offset 557): flate: corrupt input", enRecord},
	}
	for _, c := range cases {
		path := damage(t, dir, c.file, c.cut)
		code, out, errOut := runCLI(t, "", "extract", path)
		if code != exitFailed {
			t.Errorf("%s: exit %d, want %d", c.name, code, exitFailed)
		}
		if strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "newspipe extract: "+path+c.wantErr) {
			t.Errorf("%s: stderr %q, want one line starting %q", c.name, errOut, "newspipe extract: "+path+c.wantErr)
		}
		if out != c.wantOut {
			t.Errorf("%s: stdout\n%s\nwant\n%s", c.name, out, c.wantOut)
		}
	}
}

func TestExtractWARCRejectsURLFlag(t *testing.T) {
	code, _, errOut := runCLI(t, "", "extract", "--url", "http://x/", "a.warc.gz")
	if code != exitUsage || !strings.Contains(errOut, "--url does not apply to a WARC file") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
