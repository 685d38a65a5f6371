package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
	"github.com/newspipe/newspipe/extract"
)

// Real articles inside huge menus (the CNN, Houston Chronicle and AP pages
// of issue #10, item 4) are emitted when crawled: a portal serves the dev
// corpus pages whose page-wide link density is 0.6 or more.
func TestCrawlKeepsArticlesInMenus(t *testing.T) {
	var pages [][]byte
	for _, p := range loadArticleCorpus(t) {
		a, err := extract.Extract(p.html, p.url, nil, &extract.Options{CollectLinks: true})
		if err != nil || !a.IsArticle || utf8.RuneCountInString(a.Body) < 500 || realportal.LinkDensity(a) < 0.6 {
			continue
		}
		pages = append(pages, p.html)
	}
	if len(pages) < 20 {
		t.Fatalf("only %d dev pages with link density >= 0.6; the corpus changed?", len(pages))
	}
	step := max(len(pages)/40, 1)
	var picked [][]byte
	for i := 0; i < len(pages) && len(picked) < 40; i += step {
		picked = append(picked, pages[i])
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		var id int
		switch {
		case r.URL.Path == "/":
			var b strings.Builder
			b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Home</title></head><body><ul>`)
			for i := range picked {
				fmt.Fprintf(&b, `<li><a href="/2024/05/12/story-%d-city-council-approves-plan.html">Story %d</a></li>`, i, i)
			}
			b.WriteString(`</ul></body></html>`)
			fmt.Fprint(w, b.String())
		case strings.HasPrefix(r.URL.Path, "/2024/05/12/story-"):
			fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/2024/05/12/story-"), "%d", &id)
			if id < len(picked) {
				w.Write(picked[id])
				return
			}
			http.NotFound(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	cfg := Config{Sites: []Site{{Seeds: []string{srv.URL + "/"}}}, Delay: -1, Concurrency: 4, MaxDepth: 2, Timeout: 5 * time.Second, MaxBody: 8 << 20}
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	stats, err := crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readRecords(t, out, 0)); n != len(picked) {
		t.Errorf("%d of %d real articles with heavy menus emitted; rejected: %v", n, len(picked), stats.Rejected)
	}
	t.Logf("%d dev pages with page-wide link density >= 0.6; %d crawled, %d emitted", len(pages), len(picked), stats.Emitted)
}
