package evaluate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// wcxbGroundTruth is one ground-truth/NNNN.json file of WCXB.
type wcxbGroundTruth struct {
	URL         string `json:"url"`
	FileID      string `json:"file_id"`
	GroundTruth *struct {
		Title       *string    `json:"title"`
		Author      authorList `json:"author"`
		PublishDate *string    `json:"publish_date"`
		MainContent *string    `json:"main_content"`
		With        []string   `json:"with"`
		Without     []string   `json:"without"`
	} `json:"ground_truth"`
}

// loadWCXB reads the Web Content eXtraction Benchmark layout:
// html/NNNN.html.gz beside ground-truth/NNNN.json. Every page with a
// ground_truth object is kept (evaluate.py skips the others), and its body
// is scored with the benchmark's word F1, an empty main_content included.
func loadWCXB(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricWords
	files, err := filepath.Glob(filepath.Join(ds.Dir, "ground-truth", "*.json"))
	if err != nil {
		return err
	}
	ps := make([]pending, 0, len(files))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		var gt wcxbGroundTruth
		if err := readJSON(f, &gt); err != nil {
			return err
		}
		g := gt.GroundTruth
		if g == nil {
			continue
		}
		t := Truth{Body: ptr(""), With: g.With, Without: g.Without}
		if g.MainContent != nil {
			t.Body = ptr(*g.MainContent)
		}
		if g.Title != nil {
			t.Title = labelled(*g.Title)
		}
		if len(g.Author) > 0 {
			t.Authors, t.HasAuthors = g.Author, true
		}
		if g.PublishDate != nil {
			if d, ok := ParseDateLabel(*g.PublishDate); ok {
				t.Date = &d
			}
		}
		html := filepath.Join(ds.Dir, "html", name+".html.gz")
		if !exists(html) {
			html = filepath.Join(ds.Dir, "html", name+".html")
			if !exists(html) {
				return fmt.Errorf("%s: no html/%s.html.gz beside it", f, name)
			}
		}
		ps = append(ps, pending{page: Page{Name: name, URL: gt.URL, Truth: t}, path: html})
	}
	return finish(ctx, ds, opts, ps)
}

// exists reports whether path names a file or folder.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
