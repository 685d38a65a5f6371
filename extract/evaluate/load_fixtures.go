package evaluate

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// loadNewspaper4k reads newspaper4k's test data (a regression fixture).
func loadNewspaper4k(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricBag
	ds.Note = "labels are newspaper4k's expected output; author lists are noisy"
	files, err := filepath.Glob(filepath.Join(ds.Dir, "html", "*.html.gz"))
	if err != nil {
		return err
	}
	ps := make([]pending, 0, len(files))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html.gz")
		var meta struct {
			URL         string   `json:"url"`
			Title       string   `json:"title"`
			Authors     []string `json:"authors"`
			PublishDate *string  `json:"publish_date"`
		}
		if err := readJSON(filepath.Join(ds.Dir, "metadata", name+".json"), &meta); err != nil {
			return err
		}
		t := Truth{Title: labelled(meta.Title)}
		if meta.PublishDate != nil {
			if d, ok := ParseDateLabel(*meta.PublishDate); ok {
				t.Date = &d
			}
		}
		if len(meta.Authors) > 0 {
			t.Authors, t.HasAuthors = meta.Authors, true
		}
		if b, err := os.ReadFile(filepath.Join(ds.Dir, "txt", name+".txt")); err == nil {
			t.Body = labelled(string(b))
		}
		ps = append(ps, pending{page: Page{Name: name, URL: meta.URL, Truth: t}, path: f})
	}
	return finish(ctx, ds, opts, ps)
}

// readabilityURL is the address Readability.js's tests give every page.
const readabilityURL = "http://fakehost/test/page.html"

// loadReadability reads Mozilla Readability's test pages (a regression
// fixture: the body label is Readability.js's own accepted output).
func loadReadability(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricBag
	ds.Note = "labels are Readability.js's expected output"
	metas, err := filepath.Glob(filepath.Join(ds.Dir, "*", "expected-metadata.json"))
	if err != nil {
		return err
	}
	ps := make([]pending, 0, len(metas))
	for _, m := range metas {
		dir := filepath.Dir(m)
		var meta struct {
			Title         *string `json:"title"`
			Byline        *string `json:"byline"`
			PublishedTime *string `json:"publishedTime"`
		}
		if err := readJSON(m, &meta); err != nil {
			return err
		}
		t := Truth{}
		if meta.Title != nil {
			t.Title = labelled(*meta.Title)
		}
		if meta.Byline != nil && strings.TrimSpace(*meta.Byline) != "" {
			t.Authors, t.HasAuthors = []string{*meta.Byline}, true
		}
		if meta.PublishedTime != nil {
			if d, ok := ParseDateLabel(*meta.PublishedTime); ok {
				t.Date = &d
			}
		}
		src := filepath.Join(dir, "source.html.gz")
		if _, err := os.Stat(src); err != nil {
			src = filepath.Join(dir, "source.html")
		}
		ps = append(ps, pending{
			page: Page{Name: filepath.Base(dir), URL: readabilityURL, Truth: t},
			path: src,
			fill: func(p *Page) error {
				exp := filepath.Join(dir, "expected.html.gz")
				if _, err := os.Stat(exp); err != nil {
					exp = filepath.Join(dir, "expected.html")
				}
				b, err := readFile(exp)
				if err != nil {
					return err
				}
				text, err := htmlText(b)
				if err != nil {
					return fmt.Errorf("%s: %w", exp, err)
				}
				p.Truth.Body = labelled(text)
				return nil
			},
		})
	}
	return finish(ctx, ds, opts, ps)
}

// expectedRecord is a NAME.expected.json file: a newspipe record (any
// subset of its keys) plus the checks score.py understands.
type expectedRecord struct {
	URL            string          `json:"url"`
	Title          *string         `json:"title"`
	PublishedAt    *string         `json:"published_at"`
	Source         *string         `json:"source"`
	Authors        json.RawMessage `json:"authors"`
	Editor         *string         `json:"editor"`
	Body           json.RawMessage `json:"body"`
	MustContain    []string        `json:"must_contain"`
	MustNotContain []string        `json:"must_not_contain"`
	NotArticle     bool            `json:"not_article"`
}

// loadFolder reads a user's folder of NAME.html (or .htm, or either
// gzipped) pages next to NAME.expected.json records.
func loadFolder(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricBag
	exps, err := filepath.Glob(filepath.Join(ds.Dir, "*.expected.json"))
	if err != nil {
		return err
	}
	ps := make([]pending, 0, len(exps))
	for _, e := range exps {
		name := strings.TrimSuffix(filepath.Base(e), ".expected.json")
		var src string
		for _, ext := range []string{".html", ".htm", ".html.gz", ".htm.gz"} {
			p := filepath.Join(ds.Dir, name+ext)
			if _, err := os.Stat(p); err == nil {
				src = p
				break
			}
		}
		if src == "" {
			return fmt.Errorf("%s: no %s.html beside it", e, name)
		}
		var rec expectedRecord
		if err := readJSON(e, &rec); err != nil {
			return err
		}
		t, err := rec.truth()
		if err != nil {
			return fmt.Errorf("%s: %w", e, err)
		}
		url := rec.URL
		if url == "" {
			abs, err := filepath.Abs(src)
			if err != nil {
				return err
			}
			url = "file://" + filepath.ToSlash(abs)
		}
		ps = append(ps, pending{page: Page{Name: name, URL: url, Truth: t}, path: src})
	}
	return finish(ctx, ds, opts, ps)
}

// truth converts an expected record into labels. A key that is present
// is a label even when null or empty: the page must then yield nothing.
func (r *expectedRecord) truth() (Truth, error) {
	t := Truth{
		Title: r.Title, Source: r.Source, Editor: r.Editor,
		MustContain: r.MustContain, MustNotContain: r.MustNotContain,
		NotArticle: r.NotArticle, Check: true,
	}
	if r.PublishedAt != nil {
		d, ok := ParseDateLabel(*r.PublishedAt)
		if !ok {
			return t, fmt.Errorf("published_at %q: not a date", *r.PublishedAt)
		}
		t.Date = &d
	}
	if len(r.Authors) > 0 && string(r.Authors) != "null" {
		var a authorList
		if err := json.Unmarshal(r.Authors, &a); err != nil {
			return t, fmt.Errorf("authors: %w", err)
		}
		t.Authors, t.HasAuthors = a, true
	}
	// body may be a string or a list of paragraphs, as score.py accepts.
	body := ""
	if len(r.Body) > 0 && string(r.Body) != "null" {
		var paras authorList
		if err := json.Unmarshal(r.Body, &paras); err != nil {
			return t, fmt.Errorf("body: %w", err)
		}
		body = strings.Join(paras, "\n")
	}
	t.Body = &body
	return t, nil
}
