package export

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// Two input files: a full record, a record with nulls, a bad line, and an
// older fetch of the first URL.
const (
	inA = `{"url":"http://a/1","canonical_url":"http://a/1","site_name":"新華網","title":"標題","published_at":"2021-01-21T13:15:00+08:00","source":"新華網","authors":["李榮","王巧月"],"editor":"陳文韜","body":"正文\n第二段","lang":"zh-Hant","encoding":"gbk","fetched_at":"2026-12-02T10:00:00Z","content_hash":"sha256:aa","warnings":["pinyin_removed"]}
{"url":"http://b/2","canonical_url":null,"site_name":null,"title":null,"published_at":null,"source":null,"authors":[],"editor":null,"body":null,"lang":null,"encoding":"utf-8","fetched_at":null,"content_hash":null,"warnings":[]}
{"url": "http://c/3", "title": "cut off
`
	inB = `{"url":"http://a/1","title":"舊標題","published_at":"2021-01-21T13:15:00+08:00","authors":["李榮"],"body":"舊","fetched_at":"2026-12-01T10:00:00Z","warnings":[]}
`
)

func inputs(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	for name, text := range map[string]string{a: inA, b: inB} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return []string{a, b}
}

func readParquet(t *testing.T, path string) []row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := parquet.NewGenericReader[row](f)
	defer r.Close()
	rows := make([]row, r.NumRows())
	if n, err := r.Read(rows); n != len(rows) || (err != nil && n != len(rows)) {
		t.Fatalf("read %d of %d rows: %v", n, len(rows), err)
	}
	return rows
}

// TestParquet: typed columns read back with the library's own reader; the
// bad line is reported with its file and line and skipped; the output still
// holds every good record.
func TestParquet(t *testing.T) {
	in := inputs(t)
	out := filepath.Join(t.TempDir(), "news.parquet")
	var bad []string
	st, err := Run(context.Background(), in, out, Options{Format: Parquet, BadLine: func(e *LineError) { bad = append(bad, e.Error()) }})
	if !errors.Is(err, ErrBadLines) || st.Records != 3 || st.BadLines != 1 {
		t.Fatalf("Run = %+v, %v; want 3 records, 1 bad line, ErrBadLines", st, err)
	}
	if len(bad) != 1 || !strings.HasPrefix(bad[0], in[0]+":3: ") {
		t.Errorf("bad lines reported %q; want %s:3", bad, in[0])
	}
	rows := readParquet(t, out)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	r := rows[0]
	want := time.Date(2021, 1, 21, 5, 15, 0, 0, time.UTC)
	if r.URL != "http://a/1" || *r.Title != "標題" || !r.PublishedAt.Equal(want) || *r.PublishedOffst != 480 ||
		!reflect.DeepEqual(r.Authors, []string{"李榮", "王巧月"}) || *r.Editor != "陳文韜" || *r.Body != "正文\n第二段" ||
		!r.FetchedAt.Equal(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)) || !reflect.DeepEqual(r.Warnings, []string{"pinyin_removed"}) {
		t.Errorf("row 1 = %+v", r)
	}
	n := rows[1]
	if n.URL != "http://b/2" || n.Title != nil || n.PublishedAt != nil || n.PublishedOffst != nil || n.Body != nil ||
		len(n.Authors) != 0 || *n.Encoding != "utf-8" {
		t.Errorf("row 2 (nulls) = %+v", n)
	}
	schema := parquet.SchemaOf(row{}).String()
	for _, w := range []string{"published_at (TIMESTAMP(isAdjustedToUTC=true,unit=MILLIS))", "group authors (LIST)", "group warnings (LIST)"} {
		if !strings.Contains(schema, w) {
			t.Errorf("schema lacks %q:\n%s", w, schema)
		}
	}
	readWithPython(t, out, 3)
}

// TestLatest: of a URL's records only the newest fetch is kept.
func TestLatest(t *testing.T) {
	in := inputs(t)
	out := filepath.Join(t.TempDir(), "latest.parquet")
	st, err := Run(context.Background(), []string{in[1], in[0]}, out, Options{Format: Parquet, Latest: true})
	if !errors.Is(err, ErrBadLines) || st.Records != 2 || st.Superseded != 1 {
		t.Fatalf("Run = %+v, %v; want 2 records, 1 superseded", st, err)
	}
	for _, r := range readParquet(t, out) {
		if r.URL == "http://a/1" && *r.Title != "標題" {
			t.Errorf("kept %q, the older fetch", *r.Title)
		}
	}
}

// TestCSV: a header, null as an empty field, instants with their offset,
// lists as JSON arrays, newlines inside a quoted field.
func TestCSV(t *testing.T) {
	in := inputs(t)
	out := filepath.Join(t.TempDir(), "news.csv")
	if _, err := Run(context.Background(), in[:1], out, Options{Format: CSV}); !errors.Is(err, ErrBadLines) {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || !reflect.DeepEqual(recs[0], columns) {
		t.Fatalf("%d rows, header %v", len(recs), recs[0])
	}
	got := map[string]string{}
	for i, c := range columns {
		got[c] = recs[1][i]
	}
	if got["published_at"] != "2021-01-21T13:15:00+08:00" || got["published_offset_minutes"] != "480" ||
		got["authors"] != `["李榮","王巧月"]` || got["body"] != "正文\n第二段" || got["warnings"] != `["pinyin_removed"]` {
		t.Errorf("row 1 = %v", got)
	}
	if recs[2][3] != "" || recs[2][7] != "[]" {
		t.Errorf("row 2 (nulls) = %v", recs[2])
	}
}

// TestUnwritableTarget: an output that cannot be written is one error
// naming it, and leaves no file.
func TestUnwritableTarget(t *testing.T) {
	in := inputs(t)
	out := filepath.Join(t.TempDir(), "missing-dir", "news.parquet")
	_, err := Run(context.Background(), in, out, Options{Format: Parquet})
	if err == nil || !strings.Contains(err.Error(), out) {
		t.Fatalf("Run = %v; want an error naming %s", err, out)
	}
	if _, serr := os.Stat(out); !os.IsNotExist(serr) {
		t.Errorf("%s exists after a failed export", out)
	}
	if _, err := Run(context.Background(), []string{"/nonexistent.jsonl"}, filepath.Join(t.TempDir(), "x.csv"), Options{Format: CSV}); err == nil || !strings.Contains(err.Error(), "/nonexistent.jsonl") {
		t.Errorf("missing input: %v", err)
	}
}

// readWithPython reads the file with pyarrow, an independent reader, when
// the machine has it.
func readWithPython(t *testing.T, path string, rows int) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil || exec.Command(py, "-c", "import pyarrow.parquet").Run() != nil {
		t.Log("pyarrow not installed: the file was read back with parquet-go only")
		return
	}
	script := `import sys, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
print(t.num_rows, t.schema.field("published_at").type, t.column("authors")[0].as_py())`
	outb, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pyarrow: %v\n%s", err, outb)
	}
	if got := string(outb); !strings.HasPrefix(got, strconv.Itoa(rows)+" timestamp[ms, tz=UTC] ['李榮', '王巧月']") {
		t.Errorf("pyarrow read %q", got)
	}
}
