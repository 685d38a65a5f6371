package realportal

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func start(t *testing.T, opts Options) *Portal {
	t.Helper()
	opts.Corpus = corpusOrSkip(t)
	p, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// client returns a client that does not follow redirects, so that tests
// see them.
func client() *http.Client {
	return &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// fetch requests u with the given header pairs and returns the response
// with its body read.
func fetch(t *testing.T, method, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", method, u, err)
	}
	return resp, body
}

func get(t *testing.T, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	return fetch(t, http.MethodGet, u, header...)
}

func mustGet(t *testing.T, u string) *http.Response {
	t.Helper()
	resp, _ := get(t, u)
	wantStatus(t, resp, 200)
	return resp
}

func wantStatus(t *testing.T, resp *http.Response, code int) {
	t.Helper()
	if resp.StatusCode != code {
		t.Errorf("%s: status %d, want %d", resp.Request.URL, resp.StatusCode, code)
	}
}

var hrefRE = regexp.MustCompile(`href="([^"]*)"`)

// links returns the links of an HTML body resolved against base.
func links(base string, body []byte) []string {
	b, _ := url.Parse(base)
	var out []string
	for _, m := range hrefRE.FindAllSubmatch(body, -1) {
		if u, err := b.Parse(html.UnescapeString(string(m[1]))); err == nil {
			out = append(out, u.String())
		}
	}
	return out
}

// plain strips the query and fragment of u.
func plain(u string) string {
	v, _ := url.Parse(u)
	v.RawQuery, v.Fragment = "", ""
	return v.String()
}

// testOptions is a small portal: three listing pages per host, quick
// trouble.
func testOptions() Options {
	return Options{
		ArticlesPerHost: 12,
		PerPage:         5,
		CrawlDelay:      map[int]float64{1: 0.5},
		FlakyFailures:   2,
		RetryAfter:      2,
		SlowDelay:       100 * time.Millisecond,
		HugeSize:        1 << 20,
	}
}

func TestPortal(t *testing.T) {
	p := start(t, testOptions())
	arts := p.Articles()
	if len(arts) != 24 {
		t.Fatalf("%d articles, want 24", len(arts))
	}

	t.Run("listen", func(t *testing.T) {
		u0, u1 := p.URL(0), p.URL(1)
		if u0 == u1 || !strings.HasPrefix(u0, "http://127.0.0.") {
			t.Errorf("URLs %s and %s", u0, u1)
		}
		if !strings.HasPrefix(u0, "http://127.0.0.2:") && !strings.HasPrefix(u0, "http://127.0.0.1:") {
			t.Errorf("host 0 at %s", u0)
		}
	})

	t.Run("robots", func(t *testing.T) {
		for h := range 2 {
			resp, body := get(t, p.URL(h)+"/robots.txt")
			wantStatus(t, resp, 200)
			s := string(body)
			for _, line := range []string{"User-agent: *\n", "Disallow: /private/\n", "Disallow: /search\n", "Sitemap: " + p.URL(h) + "/sitemap_index.xml\n"} {
				if !strings.Contains(s, line) {
					t.Errorf("host %d robots.txt lacks %q:\n%s", h, line, s)
				}
			}
			if got := strings.Contains(s, "Crawl-delay: 0.5\n"); got != (h == 1) {
				t.Errorf("host %d robots.txt: Crawl-delay 0.5 present %v:\n%s", h, got, s)
			}
		}
		if !Disallowed("/private/1.html") || !Disallowed("/search") || Disallowed("/news/1.html") {
			t.Error("Disallowed disagrees with robots.txt")
		}
	})

	t.Run("discovery", func(t *testing.T) { testDiscovery(t, p, arts) })
	t.Run("articles", func(t *testing.T) { testArticles(t, p, arts) })

	t.Run("redirects", func(t *testing.T) {
		base := p.URL(0)
		for _, c := range []struct {
			path, loc string
			code      int
		}{
			{"/old/4.html", "/news/4.html", 301},
			{"/go/5.html", "/news/5.html", 302},
			{"/out/1.html", "/private/1.html", 302},
			{"/loop/1.html", "/loop/2.html", 302},
			{"/loop/2.html", "/loop/1.html", 302},
		} {
			resp, _ := get(t, base+c.path)
			wantStatus(t, resp, c.code)
			if loc := resp.Header.Get("Location"); loc != c.loc {
				t.Errorf("%s: Location %q, want %q", c.path, loc, c.loc)
			}
		}
		resp, _ := get(t, base+"/old/9.html")
		wantStatus(t, resp, 404)
	})

	t.Run("errors", func(t *testing.T) {
		base := p.URL(1)
		for path, code := range map[string]int{
			"/gone/1.html": 404, "/gone/2.html": 410, "/broken/3.html": 500, "/nothing.html": 404,
			"/news/07.html": 404, "/news/999.html": 404, "/list/99.html": 404, "/calendar/?date=junk": 404,
		} {
			resp, body := get(t, base+path)
			wantStatus(t, resp, code)
			if !bytes.Contains(body, []byte("<html>")) {
				t.Errorf("%s: not an HTML error page", path)
			}
		}
		resp, _ := fetch(t, http.MethodPost, base+"/")
		wantStatus(t, resp, 405)
	})

	t.Run("hang", func(t *testing.T) {
		c := &http.Client{Timeout: 300 * time.Millisecond}
		for _, path := range []string{"/live/hang.html", "/live/stall.html"} {
			began := time.Now()
			resp, err := c.Get(p.URL(0) + path)
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			if err == nil {
				t.Errorf("%s answered in full", path)
			}
			if d := time.Since(began); d < 250*time.Millisecond || d > 3*time.Second {
				t.Errorf("%s: client gave up after %v", path, d)
			}
		}
		// The server ends both requests once the client has left.
		deadline := time.Now().Add(3 * time.Second)
		for {
			var done []Request
			for _, r := range p.Requests() {
				if strings.HasPrefix(r.Path, "/live/") {
					done = append(done, r)
				}
			}
			if len(done) == 2 {
				for _, r := range done {
					if d := r.End.Sub(r.Start); d < 250*time.Millisecond {
						t.Errorf("%s ended after %v", r.Path, d)
					}
					if want := map[string]int{"/live/hang.html": 0, "/live/stall.html": 200}[r.Path]; r.Status != want {
						t.Errorf("%s logged with status %d, want %d", r.Path, r.Status, want)
					}
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("hanging requests not ended: %+v", done)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})

	t.Run("huge", func(t *testing.T) {
		resp, _ := fetch(t, http.MethodHead, p.URL(0)+"/download/report.html")
		if resp.ContentLength != 1<<20 {
			t.Errorf("report.html Content-Length %d", resp.ContentLength)
		}
		for _, path := range []string{"/download/report.html", "/download/archive.html"} {
			resp, body := get(t, p.URL(0)+path)
			wantStatus(t, resp, 200)
			if len(body) != 1<<20 || !bytes.HasSuffix(body, []byte("</html>\n")) {
				t.Errorf("%s: %d bytes, ends %q", path, len(body), body[max(0, len(body)-20):])
			}
			if chunked := resp.ContentLength < 0; chunked != (path == "/download/archive.html") {
				t.Errorf("%s: Content-Length %d", path, resp.ContentLength)
			}
		}
	})

	t.Run("traps", func(t *testing.T) {
		for _, start := range []string{"/calendar/?date=2026-01-10", "/archive/2026/01/10/", "/gallery/1.html"} {
			u, seen := p.URL(1)+start, map[string]bool{}
			for hop := 0; hop < 5; hop++ {
				resp, body := get(t, u)
				wantStatus(t, resp, 200)
				seen[u] = true
				next := ""
				for _, l := range links(u, body) {
					if !seen[l] && strings.HasPrefix(l, p.URL(1)+start[:8]) && l > u {
						next = l
						break
					}
				}
				if next == "" {
					t.Fatalf("%s: no new link onwards", u)
				}
				u = next
			}
		}
	})

	t.Run("log", func(t *testing.T) {
		reqs := p.Requests()
		var conditional, moved, hosts int
		seenHost := map[int]bool{}
		for i, r := range reqs {
			if i > 0 && r.Start.Before(reqs[i-1].Start) {
				t.Fatal("requests not in start order")
			}
			if r.End.Before(r.Start) || r.Method == "" {
				t.Errorf("bad entry %+v", r)
			}
			if r.Conditional && r.Status == 304 {
				conditional++
			}
			if r.Path == "/old/4.html" && r.Status == 301 {
				moved++
			}
			if !seenHost[r.Host] {
				seenHost[r.Host] = true
				hosts++
			}
			if r.Path == "/calendar/" && r.Query == "" {
				t.Errorf("query not logged: %+v", r)
			}
		}
		if conditional == 0 || moved != 1 || hosts != 2 {
			t.Errorf("log: %d conditional 304s, %d moved, %d hosts", conditional, moved, hosts)
		}
	})
}

// testDiscovery reads each host's listings, feed and sitemap and checks
// that every article can be found exactly the ways its OnlyIn says.
func testDiscovery(t *testing.T, p *Portal, arts []Article) {
	for h := range 2 {
		base := p.URL(h)
		listing, feed, sitemap := map[string]bool{}, map[string]bool{}, map[string]bool{}

		resp, home := get(t, base+"/")
		wantStatus(t, resp, 200)
		if !bytes.Contains(home, []byte(`type="application/rss+xml"`)) || !bytes.Contains(home, []byte(`href="/private/`)) {
			t.Errorf("host %d home lacks the feed or the disallowed link", h)
		}
		for _, l := range links(base, home) {
			listing[plain(l)] = true
		}
		// Host 1 writes its own pages in GBK, declared in <meta> only.
		if gbk := bytes.Contains(home, encodeLoose("gbk", "滚动新闻")); gbk != (h == 1) {
			t.Errorf("host %d home page in GBK: %v (Content-Type %q)", h, gbk, resp.Header.Get("Content-Type"))
		}
		resp, _ = get(t, base+"/list/1.html", "If-None-Match", mustGet(t, base+"/list/1.html").Header.Get("ETag"))
		wantStatus(t, resp, 304)
		pages := 0
		for u := base + "/list/1.html"; u != ""; pages++ {
			resp, body := get(t, u)
			wantStatus(t, resp, 200)
			next := ""
			for _, m := range regexp.MustCompile(`href="([^"]+)" rel="next"`).FindAllSubmatch(body, -1) {
				next = base + string(m[1])
			}
			for _, l := range links(base, body) {
				listing[plain(l)] = true
			}
			u = next
		}
		// 12 articles less the feed-only and sitemap-only ones, 5 a page.
		if pages != 2 {
			t.Errorf("host %d: %d listing pages by rel=next, want 2", h, pages)
		}

		_, body := get(t, base+"/rss.xml")
		var rss struct {
			Items []struct {
				Link string `xml:"link"`
				GUID string `xml:"guid"`
			} `xml:"channel>item"`
		}
		if err := xml.Unmarshal(body, &rss); err != nil || len(rss.Items) == 0 {
			t.Fatalf("host %d feed: %v (%d items)", h, err, len(rss.Items))
		}
		for _, it := range rss.Items {
			feed[plain(it.Link)] = true
			if !strings.Contains(it.Link, "utm_source=") {
				t.Errorf("feed link %s without tracking", it.Link)
			}
		}

		_, body = get(t, base+"/sitemap_index.xml")
		var index struct {
			Locs []string `xml:"sitemap>loc"`
		}
		if err := xml.Unmarshal(body, &index); err != nil || len(index.Locs) != 1 || index.Locs[0] != base+"/sitemap-news.xml.gz" {
			t.Fatalf("host %d sitemap index: %v %q", h, err, index.Locs)
		}
		resp, body = get(t, index.Locs[0])
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("sitemap not gzip (%s): %v", resp.Header.Get("Content-Type"), err)
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		var set struct {
			Locs []string `xml:"url>loc"`
		}
		if err := xml.Unmarshal(raw, &set); err != nil || len(set.Locs) == 0 {
			t.Fatalf("host %d sitemap: %v", h, err)
		}
		for _, l := range set.Locs {
			sitemap[l] = true
		}

		for _, a := range arts {
			if a.Host != h {
				continue
			}
			old := strings.Replace(a.URL, "/news/", "/old/", 1)
			gone := strings.Replace(a.URL, "/news/", "/go/", 1)
			inList := listing[a.URL] || listing[old]
			ways := map[string]bool{InListing: inList, InFeed: feed[a.URL], InSitemap: sitemap[a.URL]}
			switch a.OnlyIn {
			case "":
				n := 0
				for _, ok := range ways {
					if ok {
						n++
					}
				}
				if n < 2 {
					t.Errorf("%s found %d ways, want several: %v", a.URL, n, ways)
				}
			case InRedirect:
				if !listing[gone] || inList || feed[a.URL] || sitemap[a.URL] {
					t.Errorf("%s (redirect only): %v, listed via /go/ %v", a.URL, ways, listing[gone])
				}
			default:
				for way, ok := range ways {
					if ok != (way == a.OnlyIn) {
						t.Errorf("%s (only in %s): found in %s %v", a.URL, a.OnlyIn, way, ok)
					}
				}
			}
			if a.Quirk == QuirkMoved && !(listing[old] && !listing[a.URL] && sitemap[a.URL]) {
				t.Errorf("%s moved: old URL listed %v, new URL in sitemap %v", a.URL, listing[old], sitemap[a.URL])
			}
		}
	}
}
