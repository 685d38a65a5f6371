package evaluate

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func gzipFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadWCXB(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"metadata.json": `{"split": "dev", "files": {"0001": {"page_type": "article"}, "0007": {"page_type": "article"}}}`,
		"ground-truth/0001.json": `{"url": "https://example.com/a", "file_id": "0001", "ground_truth": {
			"title": "Ferry returns", "author": "Ann Lee", "publish_date": "2025-09-04",
			"main_content": "The ferry returned.", "with": ["ferry returned"], "without": ["Subscribe"]}}`,
		"ground-truth/0007.json": `{"url": "https://example.com/b", "file_id": "0007", "ground_truth": {
			"title": null, "author": null, "publish_date": null, "main_content": null, "with": null, "without": []}}`,
		"ground-truth/0009.json": `{"url": "https://example.com/c", "file_id": "0009", "ground_truth": null}`,
	})
	gzipFile(t, filepath.Join(dir, "html", "0001.html.gz"), "<p>The ferry returned.</p>")
	gzipFile(t, filepath.Join(dir, "html", "0007.html.gz"), "<p>b</p>")
	if k, err := DetectKind(dir); err != nil || k != KindWCXB {
		t.Fatalf("DetectKind = %v, %v; want wcxb", k, err)
	}
	ds, err := LoadDataset(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Pages) != 2 || ds.Metric != MetricWords {
		t.Fatalf("got %d pages, metric %q; want 2 pages (0009 has no ground truth), words", len(ds.Pages), ds.Metric)
	}
	a, b := ds.Pages[0], ds.Pages[1]
	if a.Name != "0001" || a.URL != "https://example.com/a" || string(a.HTML) != "<p>The ferry returned.</p>" {
		t.Errorf("page a = %q %q %q", a.Name, a.URL, a.HTML)
	}
	at := a.Truth
	if *at.Title != "Ferry returns" || *at.Body != "The ferry returned." || !at.HasAuthors ||
		!reflect.DeepEqual(at.Authors, []string{"Ann Lee"}) || at.Date == nil || at.Date.String() != "2025-09-04" ||
		!reflect.DeepEqual(at.With, []string{"ferry returned"}) || !reflect.DeepEqual(at.Without, []string{"Subscribe"}) {
		t.Errorf("page a labels = %+v", at)
	}
	bt := b.Truth
	if bt.Title != nil || bt.HasAuthors || bt.Date != nil || bt.Body == nil || *bt.Body != "" || len(bt.With)+len(bt.Without) != 0 {
		t.Errorf("page b labels = %+v, want only an empty body label", bt)
	}
}

func TestLoadWCXBErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // the error names this file
	}{
		{"missing page", map[string]string{
			"metadata.json": "{}", "html/.keep": "",
			"ground-truth/0002.json": `{"ground_truth": {"main_content": "x"}}`,
		}, "0002.json"},
		{"bad json", map[string]string{
			"metadata.json": "{}", "html/.keep": "",
			"ground-truth/0003.json": `{"ground_truth": `,
		}, "0003.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			_, err := LoadDataset(context.Background(), dir, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadDataset error = %v, want one naming %s", err, tt.want)
			}
		})
	}
}
