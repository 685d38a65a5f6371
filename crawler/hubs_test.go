package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestCrawlFetchesHubsFirst: a listing's next page is fetched ahead of the
// articles the listing showed (see isHub), without changing what is
// fetched: every article once.
func TestCrawlFetchesHubsFirst(t *testing.T) {
	const perPage, pages = 30, 3
	var (
		mu    sync.Mutex
		order []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		order = append(order, r.URL.RequestURI())
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case r.URL.Path == "/" || r.URL.Path == "/list":
			var pg int
			fmt.Sscan(r.URL.Query().Get("page"), &pg)
			var b strings.Builder
			b.WriteString(`<!DOCTYPE html><html><head><title>Portal</title></head><body><ul>`)
			for i := pg * perPage; i < (pg+1)*perPage; i++ {
				fmt.Fprintf(&b, `<li><a href="/2026/03/04/story-%07d.html">Story number %d about the harbour</a></li>`, i, i)
			}
			b.WriteString(`</ul>`)
			if pg+1 < pages {
				fmt.Fprintf(&b, `<a rel="next" href="/list?page=%d">Next</a>`, pg+1)
			}
			b.WriteString(`</body></html>`)
			fmt.Fprint(w, b.String())
		default:
			fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Story</title></head><body><article><h1>A story at %s</h1>
<p>The harbour board on Tuesday approved a plan for the old docks, ending a debate that has lasted for more than two years and divided the residents of the quarter.</p>
<p>Under the plan, some four hundred new homes will be built on former industrial land, with a park along the water and a school, officials said after the vote.</p></article></body></html>`, r.URL.Path)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg := Config{Sites: []Site{{Seeds: []string{srv.URL + "/"}}}, Delay: -1, Concurrency: 1, MaxDepth: 10, Timeout: 5 * time.Second}
	stats, err := crawlOnce(t, context.Background(), cfg, filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if stats.Emitted != perPage*pages {
		t.Errorf("emitted %d of %d articles", stats.Emitted, perPage*pages)
	}
	mu.Lock()
	defer mu.Unlock()
	for pg := 1; pg < pages; pg++ {
		at := slices.Index(order, fmt.Sprintf("/list?page=%d", pg))
		last := slices.Index(order, fmt.Sprintf("/2026/03/04/story-%07d.html", pg*perPage-1))
		if at < 0 || last < 0 || at > last {
			t.Errorf("listing page %d fetched at %d, the last article of the page before at %d: %v", pg, at, last, order)
		}
	}
}
