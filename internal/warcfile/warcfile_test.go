package warcfile

import (
	"bytes"
	stdgzip "compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

var start = time.Date(2026, 3, 9, 1, 2, 3, 0, time.UTC)

func exchange(i int) Exchange {
	return Exchange{
		URL: fmt.Sprintf("http://news.example.cn/a/%d.html", i), Method: "GET",
		RequestHeader: http.Header{"Accept": {"text/html"}},
		Status:        200,
		Header:        http.Header{"Content-Type": {"text/html; charset=gbk"}, "Content-Encoding": {"gzip"}},
		Body:          bytes.Repeat([]byte(fmt.Sprintf("<p>page %d 新闻</p>", i)), 200+i),
		FetchedAt:     start.Add(time.Duration(i)*time.Second + 123456789),
	}
}

func writeAll(t *testing.T, o Options, n int) []string {
	t.Helper()
	w, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := w.Write(exchange(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(o.Dir, "*"))
	sort.Strings(names)
	return names
}

// readAll reads every record of the WARC file at path with gowarc's reader
// and returns "type target" per record, failing on any damage.
func readAll(t *testing.T, path string) []string {
	t.Helper()
	r, err := gowarc.NewWarcFileReader(path, 0, gowarc.WithSpecViolationPolicy(gowarc.ErrWarn))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(rec.Validation) > 0 {
			t.Errorf("%s offset %d: %v", path, rec.Offset, rec.Validation)
		}
		w := rec.WarcRecord
		if w.Type() != gowarc.Warcinfo && !strings.HasPrefix(w.WarcHeader().Get(gowarc.WarcBlockDigest), "sha1:") {
			t.Errorf("%s offset %d: WARC-Block-Digest %q, want sha1:…", path, rec.Offset, w.WarcHeader().Get(gowarc.WarcBlockDigest))
		}
		got = append(got, w.Type().String()+" "+w.WarcHeader().Get(gowarc.WarcTargetURI))
		if w.Type() == gowarc.Response {
			b := w.Block().(gowarc.HttpResponseBlock)
			if b.HttpHeader().Get("Content-Encoding") != "" || b.HttpHeader().Get("Content-Length") == "" {
				t.Errorf("response header should describe the decoded body: %v", b.HttpHeader())
			}
			d, _ := w.Date()
			if d.Nanosecond() != 123456789 {
				t.Errorf("WARC-Date lost its fraction: %v", d)
			}
		}
		rec.Close()
	}
	return got
}

// TestWriteLargeAndSmall writes records on both sides of staticMax (the
// static code below, klauspost's own tables above) and reads them back.
func TestWriteLargeAndSmall(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(Options{Dir: dir, Start: start})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	var bodies [][]byte
	for i, size := range []int{0, 100, staticMax - 500, staticMax + 1, 300 << 10, 2 << 10} {
		ex := exchange(i)
		ex.Body = bytes.Repeat([]byte("<p>新闻 news "+strings.Repeat("x", i)+"</p>"), size/20+1)[:size]
		if err := w.Write(ex); err != nil {
			t.Fatal(err)
		}
		want = append(want, "response "+ex.URL, "request "+ex.URL)
		bodies = append(bodies, ex.Body)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(names) != 1 {
		t.Fatalf("files %v", names)
	}
	got := readAll(t, names[0])
	if strings.Join(got[1:], "\n") != strings.Join(want, "\n") {
		t.Errorf("records %v, want warcinfo then %v", got, want)
	}
	f, err := os.Open(names[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := stdgzip.NewReader(f) // every member, one after the other
	if err != nil {
		t.Fatal(err)
	}
	all, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for i, body := range bodies {
		if !bytes.Contains(all, append([]byte("\r\n\r\n"), append(body, "\r\n\r\n"...)...)) {
			t.Errorf("body %d (%d bytes) not in the file", i, len(body))
		}
	}
}

func TestWriteRotatesAndNames(t *testing.T) {
	dir := t.TempDir()
	names := writeAll(t, Options{Dir: dir, Start: start, Worker: "w-1", MaxSize: 2000}, 6)
	if len(names) < 3 {
		t.Fatalf("6 records past a 2000-byte limit made %d files: %v", len(names), names)
	}
	pat := regexp.MustCompile(`^newspipe-20260309T010203Z-0000\d-w-1\.warc\.gz$`)
	var records []string
	for _, n := range names {
		if !pat.MatchString(filepath.Base(n)) {
			t.Errorf("file name %s", filepath.Base(n))
		}
		records = append(records, readAll(t, n)...)
	}
	want := 0
	for _, r := range records {
		if r == "response http://news.example.cn/a/5.html" {
			want++
		}
	}
	if strings.Count(strings.Join(records, "\n"), "response ") != 6 || strings.Count(strings.Join(records, "\n"), "request ") != 6 || want != 1 {
		t.Errorf("records: %v", records)
	}
	if strings.Count(strings.Join(records, "\n"), "warcinfo") != len(names) {
		t.Errorf("one warcinfo per file expected: %v", records)
	}
}

func TestRecoverCutsTornRecord(t *testing.T) {
	dir := t.TempDir()
	names := writeAll(t, Options{Dir: dir, Start: start}, 3)
	if len(names) != 1 {
		t.Fatalf("files: %v", names)
	}
	whole, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	// A run killed in the middle of a record's gzip member: the torn file
	// is the whole one, then its first three records and half the fourth.
	offs := memberOffsets(t, names[0])
	if len(offs) != 7 {
		t.Fatalf("record offsets %v", offs)
	}
	keep := int(offs[3])
	torn := filepath.Join(dir, "newspipe-20260309T020000Z-00001.warc.gz.open")
	os.WriteFile(torn, append(append([]byte{}, whole...), whole[:keep+int(offs[4]-offs[3])/2]...), 0o644)
	// Open files of a shared crawl's workers are theirs: left alone.
	other := filepath.Join(dir, "newspipe-20260309T020000Z-00001-w2.warc.gz.open")
	os.WriteFile(other, whole[:100], 0o644)
	// A file with not one whole member is removed.
	empty := filepath.Join(dir, "newspipe-20260309T020000Z-00002.warc.gz.open")
	os.WriteFile(empty, whole[:50], 0o644)

	done, err := Recover(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	final := strings.TrimSuffix(torn, ".open")
	if len(done) != 1 || done[0] != final {
		t.Fatalf("recovered %v, want [%s]", done, final)
	}
	got, _ := os.ReadFile(final)
	if len(got) != len(whole)+keep {
		t.Errorf("cut to %d bytes, want %d (the whole file plus three whole records)", len(got), len(whole)+keep)
	}
	recs := readAll(t, final)
	if len(recs) != 1+6+3 || recs[9] != "request http://news.example.cn/a/0.html" {
		t.Errorf("records after recovery: %v", recs)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another worker's open file touched: %v", err)
	}
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Errorf("open file with no whole record kept: %v", err)
	}
	// The worker's own recovery takes its file.
	if done, err := Recover(dir, "w2"); err != nil || len(done) != 0 {
		t.Errorf("w2's 100 bytes hold no whole member: %v %v", done, err)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("w2's torn file kept: %v", err)
	}
}

// memberOffsets returns the offset of every record in the WARC file at
// path, as gowarc's reader finds them (one gzip member each).
func memberOffsets(t *testing.T, path string) []int64 {
	t.Helper()
	r, err := gowarc.NewWarcFileReader(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var offs []int64
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatal(err)
		}
		offs = append(offs, rec.Offset)
		rec.Close()
	}
	return offs
}

// TestGzipToolReads checks the files with an inflater that shares no code
// with Go's: GNU gzip tests every member of a file (skipped where gzip is
// not installed).
func TestGzipToolReads(t *testing.T) {
	gz, err := exec.LookPath("gzip")
	if err != nil {
		t.Skip("gzip not installed: the files are read by Go's readers in the other tests")
	}
	dir := t.TempDir()
	w, err := Open(Options{Dir: dir, Start: start, Software: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		ex := exchange(i)
		if i%5 == 0 { // records past staticMax take klauspost's path
			ex.Body = bytes.Repeat([]byte(fmt.Sprintf("<p>long page %d 长篇新闻报道</p>", i)), 3000)
		}
		if err := w.Write(ex); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("files %v, want one", files)
	}
	if out, err := exec.Command(gz, "-t", files[0]).CombinedOutput(); err != nil {
		t.Errorf("gzip -t %s: %v\n%s", files[0], err, out)
	}
	out, err := exec.Command(gz, "-dc", files[0]).Output()
	if err != nil {
		t.Fatalf("gzip -dc: %v", err)
	}
	if n := bytes.Count(out, []byte("WARC/1.1\r\n")); n != 41 { // warcinfo, then a response and a request per page
		t.Errorf("gzip -dc gave %d records, want 41", n)
	}
}
