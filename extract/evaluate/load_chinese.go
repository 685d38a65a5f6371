package evaluate

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// readLabel reads a one-value label file; "UNKNOWN" (and its misspelling
// in the data) or an empty file mean no label.
func readLabel(path string) (string, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	s := strings.TrimSpace(strings.TrimPrefix(string(b), "\ufeff"))
	switch strings.ToUpper(s) {
	case "", "UNKNOWN", "UNKNWON":
		return "", false
	}
	return s, true
}

// loadCWCED reads the Chinese Web Content Extraction Dataset layout.
func loadCWCED(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricBag
	files, err := filepath.Glob(filepath.Join(ds.Dir, "original", "*.html"))
	if err != nil {
		return err
	}
	ps := make([]pending, 0, len(files))
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".html")
		ps = append(ps, pending{page: Page{Name: id}, path: f, fill: func(p *Page) error {
			label := func(dir string) (string, bool) {
				return readLabel(filepath.Join(ds.Dir, dir, id+".txt"))
			}
			if s, ok := label("cleaned"); ok {
				p.Truth.Body = &s
			}
			if s, ok := label("date"); ok {
				if d, ok := ParseDateLabel(s); ok {
					p.Truth.Date = &d
				}
			}
			if s, ok := label("author"); ok {
				p.Truth.Authors, p.Truth.HasAuthors = strings.Fields(s), true
			}
			return nil
		}})
	}
	return finish(ctx, ds, opts, ps)
}

// loadGNE reads the GeneralNewsExtractor test pages. Only some pages have
// labels, and those are GNE's own 2019 output, not human-checked gold.
func loadGNE(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricBag
	ds.Note = "labels are GNE's 2019 output for some pages, not gold"
	var ref map[string]struct {
		Title       string `json:"title"`
		Author      string `json:"author"`
		PublishTime string `json:"publish_time"`
		Content     string `json:"content"`
	}
	if err := readJSON(filepath.Join(ds.Dir, "gne-result-2019.json"), &ref); err != nil {
		return err
	}
	var ps []pending
	err := filepath.WalkDir(ds.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, err := filepath.Rel(ds.Dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		p := Page{Name: rel}
		if r, ok := ref[rel]; ok {
			p.Truth = Truth{Body: labelled(r.Content), Title: labelled(r.Title)}
			if d, ok := ParseDateLabel(r.PublishTime); ok {
				p.Truth.Date = &d
			}
			if strings.TrimSpace(r.Author) != "" {
				p.Truth.Authors, p.Truth.HasAuthors = []string{r.Author}, true
			}
		}
		ps = append(ps, pending{page: p, path: path})
		return nil
	})
	if err != nil {
		return err
	}
	return finish(ctx, ds, opts, ps)
}
