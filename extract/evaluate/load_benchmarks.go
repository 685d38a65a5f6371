package evaluate

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// labelled returns a pointer to s, or nil when s is blank (no label).
func labelled(s string) *string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return &s
}

// loadScrapinghub reads the article-extraction-benchmark layout.
func loadScrapinghub(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricShingle
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := readJSON(filepath.Join(ds.Dir, "ground-truth.json"), &gt); err != nil {
		return err
	}
	ps := make([]pending, 0, len(gt))
	for id, v := range gt {
		ps = append(ps, pending{
			page: Page{Name: id, URL: v.URL, Truth: Truth{Body: ptr(v.ArticleBody)}},
			path: filepath.Join(ds.Dir, "html", id+".html.gz"),
		})
	}
	return finish(ctx, ds, opts, ps)
}

// authorList decodes an author label that is either a string or a list.
type authorList []string

func (a *authorList) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		if strings.TrimSpace(s) != "" {
			*a = authorList{s}
		}
		return nil
	}
	var l []string
	if err := json.Unmarshal(b, &l); err != nil {
		return err
	}
	*a = l
	return nil
}

// loadTrafilatura reads trafilatura's evaldata.json layout.
func loadTrafilatura(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricSegments
	var ev map[string]struct {
		File    string     `json:"file"`
		With    []string   `json:"with"`
		Without []string   `json:"without"`
		Title   string     `json:"title"`
		Author  authorList `json:"author"`
		Date    string     `json:"date"`
	}
	if err := readJSON(filepath.Join(ds.Dir, "evaldata.json"), &ev); err != nil {
		return err
	}
	ps := make([]pending, 0, len(ev))
	for url, v := range ev {
		t := Truth{With: v.With, Without: v.Without, Title: labelled(v.Title)}
		if d, ok := ParseDateLabel(v.Date); ok {
			t.Date = &d
		}
		if len(v.Author) > 0 {
			t.Authors, t.HasAuthors = v.Author, true
		}
		ps = append(ps, pending{
			page: Page{Name: v.File, URL: url, Truth: t},
			path: filepath.Join(ds.Dir, "html", v.File+".gz"),
		})
	}
	return finish(ctx, ds, opts, ps)
}

// loadHTMLDate reads htmldate's evaluation layout (dates only).
func loadHTMLDate(ctx context.Context, ds *Dataset, opts *LoadOptions) error {
	ds.Metric = MetricNone
	var ps []pending
	for _, gt := range []string{"eval_default.json", "eval_mediacloud_2020.json"} {
		var ev map[string]struct {
			File string  `json:"file"`
			Date *string `json:"date"`
		}
		path := filepath.Join(ds.Dir, gt)
		if _, err := os.Stat(path); err != nil {
			continue
		}
		if err := readJSON(path, &ev); err != nil {
			return err
		}
		for url, v := range ev {
			var file string
			for _, sub := range []string{"test_set", "eval", "cache"} {
				p := filepath.Join(ds.Dir, "html", sub, v.File+".gz")
				if _, err := os.Stat(p); err == nil {
					file = p
					break
				}
			}
			if file == "" {
				return fmt.Errorf("%s: page %s not found under html/", gt, v.File)
			}
			t := Truth{}
			if v.Date != nil {
				if d, ok := ParseDateLabel(*v.Date); ok {
					t.Date = &d
				}
			}
			ps = append(ps, pending{page: Page{Name: v.File, URL: url, Truth: t}, path: file})
		}
	}
	return finish(ctx, ds, opts, ps)
}
