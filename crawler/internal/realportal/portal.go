package realportal

import (
	"fmt"
	"net"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Trouble is a set of the kinds of trouble a portal serves; see
// Options.Without.
type Trouble uint

// Kinds of trouble. Article numbers are those of /news/N.html.
const (
	// Redirects: /old/4.html answers 301 to /news/4.html (the listing links
	// the old URL, the sitemap the new one); /go/5.html answers 302 to
	// /news/5.html and is article 5's only link; /out/1.html answers 302
	// into the disallowed directory; /loop/1.html and /loop/2.html redirect
	// to each other.
	Redirects Trouble = 1 << iota
	// Errors: /gone/N.html answers 404 (odd N) or 410 (even N) and
	// /broken/N.html 500; the home page links a few.
	Errors
	// Flaky: article 6 answers 500 Options.FlakyFailures times, then 200.
	Flaky
	// Unavailable: article 7 answers 503 with Retry-After once, then 200.
	Unavailable
	// Slow: article 8 answers after Options.SlowDelay.
	Slow
	// Hang: /live/hang.html never answers and /live/stall.html stops after
	// the first bytes of its body, until the client gives up.
	Hang
	// Huge: /download/report.html (with Content-Length) and
	// /download/archive.html (chunked) are Options.HugeSize bytes of HTML.
	Huge
	// Tracking: listings, the home page, articles and the feed also link
	// articles with ?utm_*, ?from=timeline&isappinstalled=0 and #fragments.
	Tracking
	// Traps: /calendar/?date=D, /archive/YYYY/MM/DD/ and /gallery/N.html
	// link the next and previous day or picture, without end.
	Traps
	// Charsets: articles are served with the right charset header, none, a
	// wrong one or an odd spelling (see Article.ContentType).
	Charsets
	// DeadLinks: each article links /gone/N.html, and its own relative
	// links (to its original site) resolve on the portal and 404. Without
	// it, a <base href> sends them off-site.
	DeadLinks

	// AllTrouble is every kind of trouble.
	AllTrouble = Redirects | Errors | Flaky | Unavailable | Slow | Hang | Huge | Tracking | Traps | Charsets | DeadLinks
)

// Options configure a portal. The zero value serves two hosts of 40
// articles with all trouble on.
type Options struct {
	// Corpus is the shared/corpus folder; "" means FindCorpus(".").
	Corpus string
	// Hosts is the number of sites, each on its own listener (default 2,
	// at most 253).
	Hosts int
	// ArticlesPerHost is the number of articles of each host at start
	// (default 40). Corpus pages are reused beyond the pools' size (24
	// pages with the full corpus); each copy carries its own marker
	// sentence, so no two articles have the same body.
	ArticlesPerHost int
	// PerPage is the number of articles on one listing page (default 20).
	PerPage int
	// CrawlDelay maps a host index to the Crawl-delay, in seconds, of its
	// robots.txt; a host absent from the map announces none.
	CrawlDelay map[int]float64
	// Without lists the kinds of trouble turned off; zero leaves all on.
	Without Trouble
	// FlakyFailures is how many 500s the flaky article gives before it
	// works (default 2).
	FlakyFailures int
	// RetryAfter is the Retry-After of the 503, in seconds (default 1).
	RetryAfter int
	// SlowDelay is how long the slow article takes to answer (default 1s).
	SlowDelay time.Duration
	// HugeSize is the size of the huge bodies in bytes (default 40 MiB).
	HugeSize int64
}

// Values of Article.OnlyIn: the one way an article can be discovered.
const (
	InListing  = "listing"  // listing pages (the home page included)
	InFeed     = "feed"     // the RSS feed
	InSitemap  = "sitemap"  // the news sitemap
	InRedirect = "redirect" // a listing link that redirects to it (302)
)

// Values of Article.Quirk: the trouble an article is served with.
const (
	QuirkMoved       = "moved"       // listed as /old/N.html, which answers 301
	QuirkFound       = "found"       // listed as /go/N.html, which answers 302
	QuirkFlaky       = "flaky"       // 500 FlakyFailures times first
	QuirkUnavailable = "unavailable" // 503 with Retry-After once first
	QuirkSlow        = "slow"        // answers after SlowDelay
)

// Article describes one article of a portal, as tests expect the crawler
// to record it.
type Article struct {
	Host        int    // index of the host serving it
	ID          int    // N of /news/N.html
	URL         string // canonical address: URL(Host) + "/news/N.html"
	Title       string // the title the extractor reads from the page
	Source      string // corpus file served, relative to the corpus root
	Encoding    string // charset of the bytes: "gbk" or "utf-8"
	ContentType string // Content-Type header it is served with
	// Phrase is about 20 characters of the page's own text that the
	// extracted body contains.
	Phrase string
	// Marker is the sentence added after Phrase's text to this copy of the
	// page; it is unique to the article, and the body contains it.
	Marker string
	// Edit is the paragraph added by the latest Edit ("" before any); the
	// body contains it. Edits counts the Edit calls.
	Edit  string
	Edits int
	// OnlyIn names the only way to discover the article (InListing,
	// InFeed, InSitemap or InRedirect), or is "" when there are several.
	OnlyIn string
	// Quirk is the trouble the article is served with (QuirkMoved, ...),
	// or "".
	Quirk     string
	Published time.Time // date given in the feed and sitemap
	Modified  time.Time // Last-Modified of the page
}

// Request is one request the portal answered.
type Request struct {
	Host        int    // index of the host asked
	Method      string // GET, HEAD, ...
	Path        string // URL path, without the query
	Query       string // raw query, "" if none
	Status      int    // status sent, 0 if none was (a hang the client left)
	Start, End  time.Time
	Conditional bool  // whether it carried If-None-Match or If-Modified-Since
	Bytes       int64 // body bytes written
}

// Portal is a running set of loopback news sites.
type Portal struct {
	opts  Options
	pages []*page
	hosts []*host
	done  chan struct{} // closed by Close, ends hanging and slow handlers
	wg    sync.WaitGroup

	mu     sync.Mutex
	closed bool
	log    []Request
}

// host is one site of the portal.
type host struct {
	index int
	base  string // http://127.0.0.N:port
	srv   *http.Server
	ln    net.Listener

	// Guarded by Portal.mu.
	stories []*story       // stories[i].id == i+1
	hits    map[string]int // requests per path, for the flaky and 503 pages
}

// story is the mutable state of one article.
type story struct {
	id        int
	page      *page
	onlyIn    string
	quirk     string
	published time.Time
	modified  time.Time
	edits     int
}

// Start selects the corpus pages and serves the portal's hosts. It returns
// ErrNoCorpus when there is no corpus.
func Start(opts Options) (*Portal, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if opts.Corpus == "" {
		if opts.Corpus = FindCorpus("."); opts.Corpus == "" {
			return nil, ErrNoCorpus
		}
	}
	pages, _, err := selectPages(opts.Corpus)
	if err != nil {
		return nil, err
	}
	p := &Portal{opts: opts, pages: pages, done: make(chan struct{})}
	for i := range opts.Hosts {
		ln, err := listen(i)
		if err != nil {
			p.Close()
			return nil, err
		}
		h := &host{index: i, base: "http://" + ln.Addr().String(), ln: ln, hits: map[string]int{}}
		for id := 1; id <= opts.ArticlesPerHost; id++ {
			h.stories = append(h.stories, p.newStory(i, id, publishedAt(id)))
		}
		h.srv = &http.Server{Handler: hostHandler{p, h}, ReadHeaderTimeout: 10 * time.Second}
		p.hosts = append(p.hosts, h)
	}
	for _, h := range p.hosts {
		go h.srv.Serve(h.ln)
	}
	return p, nil
}

func (o Options) withDefaults() (Options, error) {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Hosts, 2)
	def(&o.ArticlesPerHost, 40)
	def(&o.PerPage, 20)
	def(&o.FlakyFailures, 2)
	def(&o.RetryAfter, 1)
	if o.SlowDelay == 0 {
		o.SlowDelay = time.Second
	}
	if o.HugeSize == 0 {
		o.HugeSize = 40 << 20
	}
	if o.Hosts < 1 || o.Hosts > 253 {
		return o, fmt.Errorf("realportal: Options.Hosts %d out of 1..253", o.Hosts)
	}
	for name, v := range map[string]int64{
		"ArticlesPerHost": int64(o.ArticlesPerHost), "PerPage": int64(o.PerPage), "FlakyFailures": int64(o.FlakyFailures),
		"RetryAfter": int64(o.RetryAfter), "SlowDelay": int64(o.SlowDelay), "HugeSize": o.HugeSize,
	} {
		if v < 0 {
			return o, fmt.Errorf("realportal: Options.%s %d is negative", name, v)
		}
	}
	return o, nil
}

// listen binds host i to 127.0.0.(i+2), so that each host has its own
// address as real sites do; Linux routes all of 127/8 to lo. Elsewhere it
// falls back to 127.0.0.1 with a port of its own.
func listen(i int) (net.Listener, error) {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.%d:0", i+2))
	if err == nil {
		return ln, nil
	}
	ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("realportal: listen for host %d: %w", i, err)
	}
	return ln, nil
}

// publishedAt is article id's date: 37 minutes apart from 2025-01-01, so
// that even 20,000 articles end before 2026.
func publishedAt(id int) time.Time {
	return time.Date(2025, 1, 1, 8, 0, 0, 0, time.FixedZone("CST", 8*3600)).Add(time.Duration(id) * 37 * time.Minute)
}

// newStory makes article id of host h and gives it its role: articles 1 to
// 3 can each be found one way only, and 4 to 8 carry a kind of trouble
// when it is on.
func (p *Portal) newStory(h, id int, at time.Time) *story {
	s := &story{id: id, page: p.pages[(id-1+5*h)%len(p.pages)], published: at, modified: at}
	on := func(t Trouble) bool { return p.opts.Without&t == 0 }
	switch {
	case id == 1:
		s.onlyIn = InFeed
	case id == 2:
		s.onlyIn = InSitemap
	case id == 3:
		s.onlyIn = InListing
	case id == 4 && on(Redirects):
		s.quirk = QuirkMoved
	case id == 5 && on(Redirects):
		s.onlyIn, s.quirk = InRedirect, QuirkFound
	case id == 6 && on(Flaky):
		s.quirk = QuirkFlaky
	case id == 7 && on(Unavailable):
		s.quirk = QuirkUnavailable
	case id == 8 && on(Slow):
		s.quirk = QuirkSlow
	}
	return s
}

// on reports whether trouble t is served.
func (p *Portal) on(t Trouble) bool { return p.opts.Without&t == 0 }

// Close stops the hosts, ends the requests in flight (hanging ones
// included) and waits for their handlers.
func (p *Portal) Close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	p.mu.Unlock()
	for _, h := range p.hosts {
		h.srv.Close()
		h.ln.Close() // in case Serve never took it over
	}
	close(p.done)
	p.wg.Wait()
}

// URL returns the base URL of host i, "http://127.0.0.N:port" without a
// trailing slash. It panics if i is out of range.
func (p *Portal) URL(i int) string { return p.hosts[i].base }

// Articles returns every article of every host, by host and number.
func (p *Portal) Articles() []Article {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []Article
	for _, h := range p.hosts {
		for _, s := range h.stories {
			out = append(out, p.article(h, s))
		}
	}
	return out
}

// article describes s; p.mu is held.
func (p *Portal) article(h *host, s *story) Article {
	a := Article{
		Host:        h.index,
		ID:          s.id,
		URL:         h.base + newsPath(s.id),
		Title:       s.page.title,
		Source:      s.page.source,
		Encoding:    s.page.encoding,
		ContentType: s.page.contentType(p.charsetMode(s.id)),
		Phrase:      s.page.phrase,
		Marker:      markerText(s.page.kind, h.index, s.id),
		Edits:       s.edits,
		OnlyIn:      s.onlyIn,
		Quirk:       s.quirk,
		Published:   s.published,
		Modified:    s.modified,
	}
	if s.edits > 0 {
		a.Edit = editText(s.page.kind, h.index, s.id, s.edits)
	}
	return a
}

// Requests returns the requests answered so far, in the order they
// started.
func (p *Portal) Requests() []Request {
	p.mu.Lock()
	out := append([]Request(nil), p.log...)
	p.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// Edit adds a paragraph to article id of host h, and moves its
// Last-Modified forward, so that a recrawl sees a new body. It returns the
// edited article.
func (p *Portal) Edit(h, id int) (Article, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if h < 0 || h >= len(p.hosts) {
		return Article{}, fmt.Errorf("realportal: edit: no host %d", h)
	}
	hs := p.hosts[h]
	if id < 1 || id > len(hs.stories) {
		return Article{}, fmt.Errorf("realportal: edit: no article %d on host %d", id, h)
	}
	s := hs.stories[id-1]
	s.edits++
	s.modified = later(s.modified)
	return p.article(hs, s), nil
}

// Publish adds a new article to host h: it heads the first listing page,
// the feed and the sitemap. It returns the new article.
func (p *Portal) Publish(h int) (Article, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if h < 0 || h >= len(p.hosts) {
		return Article{}, fmt.Errorf("realportal: publish: no host %d", h)
	}
	hs := p.hosts[h]
	last := hs.stories[len(hs.stories)-1]
	s := p.newStory(h, len(hs.stories)+1, later(last.published))
	hs.stories = append(hs.stories, s)
	return p.article(hs, s), nil
}

// later returns now to the second, or t plus a second when now is not
// after t, so that Last-Modified always moves forward.
func later(t time.Time) time.Time {
	now := time.Now().Truncate(time.Second)
	if !now.After(t) {
		return t.Add(time.Second)
	}
	return now
}

func newsPath(id int) string { return "/news/" + strconv.Itoa(id) + ".html" }

// hostHandler serves one host and logs its requests.
type hostHandler struct {
	p *Portal
	h *host
}

func (hh hostHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := hh.p
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		http.Error(w, "portal closed", http.StatusServiceUnavailable)
		return
	}
	// Added under mu with closed unset, so never after Close's Wait began.
	p.wg.Add(1)
	p.mu.Unlock()
	defer p.wg.Done()

	rec := &recorder{ResponseWriter: w}
	start := time.Now()
	p.serve(rec, r, hh.h)
	req := Request{
		Host:        hh.h.index,
		Method:      r.Method,
		Path:        r.URL.Path,
		Query:       r.URL.RawQuery,
		Status:      rec.status,
		Start:       start,
		End:         time.Now(),
		Conditional: r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "",
		Bytes:       rec.bytes,
	}
	p.mu.Lock()
	p.log = append(p.log, req)
	p.mu.Unlock()
}

// recorder notes the status and body size a handler sends.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Flush lets the stalling and streaming pages push their first bytes out.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		if r.status == 0 {
			r.status = http.StatusOK
		}
		f.Flush()
	}
}
