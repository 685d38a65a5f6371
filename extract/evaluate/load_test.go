package evaluate

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.html": "<html><title>A</title><p>Body A</p></html>",
		"a.expected.json": `{"url": "https://example.com/a", "title": "A", "published_at": "2021-01-21T13:15:00+08:00",
			"authors": ["李榮", "王巧月"], "editor": "陳文韜", "source": "新華網", "body": "Body A",
			"must_contain": ["Body"], "must_not_contain": ["字號"]}`,
		"b.htm":           "<p>x</p>",
		"b.expected.json": `{"title": "Home", "not_article": true, "authors": []}`,
		"notes.txt":       "ignored",
	})
	if k, err := DetectKind(dir); err != nil || k != KindFolder {
		t.Fatalf("DetectKind = %v, %v; want folder", k, err)
	}
	ds, err := LoadDataset(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Pages) != 2 || ds.Metric != MetricBag {
		t.Fatalf("got %d pages, metric %q", len(ds.Pages), ds.Metric)
	}
	a, b := ds.Pages[0], ds.Pages[1]
	if a.Name != "a" || a.URL != "https://example.com/a" || string(a.HTML) != "<html><title>A</title><p>Body A</p></html>" {
		t.Errorf("page a = %q %q %q", a.Name, a.URL, a.HTML)
	}
	if *a.Truth.Title != "A" || *a.Truth.Body != "Body A" || *a.Truth.Editor != "陳文韜" || *a.Truth.Source != "新華網" {
		t.Errorf("page a labels = %+v", a.Truth)
	}
	if !a.Truth.HasAuthors || !reflect.DeepEqual(a.Truth.Authors, []string{"李榮", "王巧月"}) {
		t.Errorf("authors = %v", a.Truth.Authors)
	}
	if a.Truth.Date == nil || a.Truth.Date.String() != "2021-01-21T13:15:00+08:00" || !a.Truth.Check {
		t.Errorf("date = %v check = %v", a.Truth.Date, a.Truth.Check)
	}
	abs, _ := filepath.Abs(filepath.Join(dir, "b.htm"))
	if b.URL != "file://"+filepath.ToSlash(abs) || !b.Truth.NotArticle || !b.Truth.HasAuthors || len(b.Truth.Authors) != 0 {
		t.Errorf("page b = %q %+v", b.URL, b.Truth)
	}
}

func TestLoadFolderMissingHTML(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"x.expected.json": `{"title": "X"}`})
	if _, err := LoadDataset(context.Background(), dir, nil); err == nil {
		t.Fatal("want an error for an expected record without its page")
	}
}

func TestDetectKindUnknown(t *testing.T) {
	if _, err := DetectKind(t.TempDir()); err == nil {
		t.Fatal("want ErrUnknownFormat for an empty folder")
	}
}

func TestPick(t *testing.T) {
	tests := []struct {
		total, n int
		want     []int
	}{
		{5, 0, []int{0, 1, 2, 3, 4}},
		{3, 5, []int{0, 1, 2}},
		{10, 3, []int{0, 3, 6}},
		{0, 2, []int{}},
	}
	for _, tt := range tests {
		if got := pick(tt.total, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pick(%d, %d) = %v, want %v", tt.total, tt.n, got, tt.want)
		}
	}
}

func TestHTMLText(t *testing.T) {
	got, err := htmlText([]byte(`<div><h1>Title</h1><p>One  <b>bold</b>
	word.</p><script>x()</script><ul><li>a</li><li>b</li></ul>tail</div>`))
	if err != nil {
		t.Fatal(err)
	}
	want := "Title\nOne bold word.\na\nb\ntail"
	if got != want {
		t.Errorf("htmlText = %q, want %q", got, want)
	}
}
