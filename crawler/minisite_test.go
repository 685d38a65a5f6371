package crawler

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// miniSite is a small portal for scheduler tests: a home page linking n
// articles at /news/N.html (or, with redirects, at /old/N.html answering 301
// to /news/N.html while the sitemap lists /news/N.html itself), optional
// Crawl-delay, and a hook that may answer a request instead of the site.
type miniSite struct {
	srv        *httptest.Server
	n          int
	crawlDelay int
	redirects  bool
	// hook, when set, may write the response itself and return true.
	hook func(w http.ResponseWriter, r *http.Request) bool

	mu  sync.Mutex
	log []hit
}

// hit is one request the site saw.
type hit struct {
	path string
	at   time.Time
}

func newMiniSite(t testing.TB, n int, opts ...func(*miniSite)) *miniSite {
	s := &miniSite{n: n}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *miniSite) url(p string) string { return s.srv.URL + p }

// pageHits returns the requests for paths with prefix, in order.
func (s *miniSite) pageHits(prefix string) []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.log {
		if strings.HasPrefix(h.path, prefix) {
			out = append(out, h)
		}
	}
	return out
}

func (s *miniSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.log = append(s.log, hit{r.URL.Path, time.Now()})
	hook := s.hook
	s.mu.Unlock()
	if hook != nil && hook(w, r) {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch p := r.URL.Path; {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		if s.crawlDelay > 0 {
			fmt.Fprintf(w, "Crawl-delay: %d\n", s.crawlDelay)
		}
	case p == "/":
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Mini Portal</title></head><body><ul>`)
		dir := "news"
		if s.redirects {
			dir = "old"
		}
		for i := 0; i < s.n; i++ {
			fmt.Fprintf(&b, `<li><a href="/%s/%d.html">Story number %d about the river district</a></li>`, dir, i, i)
		}
		b.WriteString(`</ul></body></html>`)
		fmt.Fprint(w, b.String())
	case p == "/sitemap.xml":
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		if s.redirects {
			for i := 0; i < s.n; i++ {
				fmt.Fprintf(w, `<url><loc>%s/news/%d.html</loc></url>`, s.srv.URL, i)
			}
		}
		fmt.Fprint(w, `</urlset>`)
	case strings.HasPrefix(p, "/old/"):
		http.Redirect(w, r, "/news/"+strings.TrimPrefix(p, "/old/"), http.StatusMovedPermanently)
	case strings.HasPrefix(p, "/news/"):
		id, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/news/"), ".html"))
		if err != nil || id >= s.n {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, miniArticle(id))
	default:
		http.NotFound(w, r)
	}
}

func miniArticle(id int) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story %d - Mini Portal</title></head><body>
<div class="nav"><a href="/">Home</a></div>
<article><h1>Story %d: the council approves a new plan for the river district</h1><p class="date">February %d, 2026 10:%02d</p>
<p>The city council on Tuesday approved plan number %d for the river district, ending a debate that has lasted for more than two years and divided residents of the old harbour quarter.</p>
<p>Under the plan, some four hundred new homes will be built on former industrial land, with a park along the water and a school for six hundred pupils, officials said after the vote.</p>
<p>Opponents argued that the area lacks transport links and that traffic on the two bridges is already heavy at peak hours; the council promised a new bus line before the first homes open.</p>
</article><div class="footer">About | Contact</div></body></html>`, id, id, id%28+1, id%60, id)
}

// miniConfig crawls the given sites with no delay unless a site asks for
// one, and fast retries.
func miniConfig(sites ...*miniSite) Config {
	cfg := Config{Delay: -1, Concurrency: 2, Timeout: 2 * time.Second, RetryBase: 20 * time.Millisecond, MaxRetryWait: time.Second, MaxBody: 1 << 20}
	for _, s := range sites {
		cfg.Sites = append(cfg.Sites, Site{Seeds: []string{s.url("/")}})
	}
	return cfg
}
