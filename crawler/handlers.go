package crawler

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// onRequest applies the page caps and makes the request conditional when
// State holds validators for its URL.
func (c *crawl) onRequest(r *colly.Request) {
	if c.ctx.Err() != nil {
		r.Abort()
		return
	}
	if r.Ctx.Get(ctxTry) == "" { // retries are not counted against the caps
		host := r.URL.Host
		c.mu.Lock()
		switch {
		case c.cfg.MaxPages > 0 && c.total >= c.cfg.MaxPages:
			c.capped = true
			c.mu.Unlock()
			c.cnt.skip("page_cap")
			c.env.Frontier.Stop()
			r.Abort()
			return
		case c.hostCount[host] >= c.cfg.MaxHostPages:
			c.capped = true
			c.mu.Unlock()
			c.cnt.skip("host_cap")
			r.Abort()
			return
		}
		c.total++
		c.hostCount[host]++
		c.mu.Unlock()
	}
	c.cnt.requests.Add(1)
	switch r.Ctx.Get(ctxKind) {
	case kindFeed:
		r.Headers.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
	case kindSitemap:
		r.Headers.Set("Accept", "application/xml, text/xml;q=0.9, */*;q=0.5")
	default:
		r.Headers.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
	}
	p, err := c.env.State.Page(r.Ctx.Get(ctxKey))
	if err != nil {
		c.log.Warn("state", "err", err)
		return
	}
	if p.ETag != "" {
		r.Headers.Set("If-None-Match", p.ETag)
	}
	if p.LastModified != "" {
		r.Headers.Set("If-Modified-Since", p.LastModified)
	}
}

// onResponseHeaders abandons responses that are not worth their body:
// non-HTML pages (PDFs, images, archives) and bodies announced larger than
// the limit. Closing the body unread aborts the download.
func (c *crawl) onResponseHeaders(r *colly.Response) {
	if r.StatusCode < 200 || r.StatusCode > 299 {
		return
	}
	ct := r.Headers.Get(origContentType)
	mt, _, _ := mime.ParseMediaType(ct)
	kind := r.Ctx.Get(ctxKind)
	if kind == kindPage && isFeedMedia(mt) {
		r.Ctx.Put(ctxKind, kindFeed) // a link to a feed without a type attribute
		kind = kindFeed
	}
	if !acceptable(kind, mt) {
		r.Ctx.Put(ctxAbort, "not_html")
		r.Request.Abort()
		return
	}
	if n, err := strconv.ParseInt(r.Headers.Get("Content-Length"), 10, 64); err == nil && n > c.cfg.MaxBody {
		r.Ctx.Put(ctxAbort, "too_large")
		r.Request.Abort()
	}
}

func isFeedMedia(mt string) bool {
	return mt == "application/rss+xml" || mt == "application/atom+xml" || mt == "application/feed+json"
}

// acceptable reports whether a response of media type mt is worth reading
// for a request of the given kind. An empty type is left to content sniffing.
func acceptable(kind, mt string) bool {
	if mt == "" {
		return true
	}
	switch kind {
	case kindFeed:
		return strings.Contains(mt, "xml") || strings.Contains(mt, "json") || mt == "text/plain"
	case kindSitemap:
		return strings.Contains(mt, "xml") || strings.Contains(mt, "gzip") || mt == "text/plain" || mt == "application/octet-stream"
	default:
		return mt == "text/html" || mt == "application/xhtml+xml"
	}
}

// onResponse handles a 2xx response with its full body.
func (c *crawl) onResponse(r *colly.Response) {
	c.cnt.fetched.Add(1)
	if r.Ctx.Get(ctxSeed) == "1" {
		c.cnt.seedsOK.Add(1)
	}
	key := r.Ctx.Get(ctxKey)
	if int64(len(r.Body)) > c.cfg.MaxBody {
		c.cnt.skip("too_large")
		c.log.Info("body over the size limit; skipped", "url", key, "limit", c.cfg.MaxBody)
		return
	}
	now := c.cfg.Now().UTC()
	var hub []string
	defer func() {
		et, lm := r.Headers.Get("ETag"), r.Headers.Get("Last-Modified")
		if et == "" && lm == "" {
			return
		}
		err := c.env.Frontier.AddPending(store.Validators{URL: key, ETag: et, LastModified: lm, FetchedAt: now, Links: hub})
		if err != nil {
			c.log.Warn("frontier", "err", err)
		}
	}()
	switch r.Ctx.Get(ctxKind) {
	case kindFeed:
		links, err := feedLinks(r.Body)
		if err != nil {
			c.cnt.fail("feed")
			c.log.Warn("feed not parsed", "url", key, "err", err)
			return
		}
		ts := make([]target, len(links))
		for i, l := range links {
			ts[i] = target{url: absolute(r.Request.URL, l), kind: kindPage, depth: 2}
		}
		c.enqueue(ts, r.Request)
	case kindSitemap:
		pages, children, err := sitemapEntries(r.Body, c.cfg.MaxBody)
		if err != nil {
			c.cnt.fail("sitemap")
			c.log.Warn("sitemap not parsed", "url", key, "err", err)
			return
		}
		ts := make([]target, 0, len(children))
		for _, l := range children {
			ts = append(ts, target{url: absolute(r.Request.URL, l), kind: kindSitemap, depth: r.Request.Depth})
		}
		hub = c.enqueue(ts, r.Request)
		ts = ts[:0]
		for _, l := range pages {
			ts = append(ts, target{url: absolute(r.Request.URL, l), kind: kindPage, depth: 2})
		}
		c.enqueue(ts, r.Request)
	default:
		hub = c.handlePage(r, key, now)
	}
}

func absolute(base *url.URL, ref string) string {
	u, err := base.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	return u.String()
}

// handlePage extracts a fetched HTML page (the only parse of it), queues its
// links and emits it when it is an article. For other pages it returns the
// links it followed, kept in State so that a 304 next time still leads on.
func (c *crawl) handlePage(r *colly.Response, key string, now time.Time) []string {
	final := r.Request.URL
	finalKey := normalizeURL(final)
	if finalKey != key && finalKey != "" {
		// Redirected: the target is this page; do not fetch it again.
		first, err := c.env.Frontier.FirstSeen([]string{finalKey})
		if err == nil && !first[0] {
			c.cnt.skip("duplicate")
			return nil
		}
	}
	header := r.Headers.Clone()
	if ct := header.Get(origContentType); ct != "" {
		header.Set("Content-Type", ct)
	}
	header.Del(origContentType)
	opts := &extract.Options{CollectLinks: true, Now: now}
	if s := c.siteOf(hostOf(final)); s != nil {
		opts.Rules = s.rules
	}
	a, err := extract.Extract(r.Body, final.String(), header, opts)
	if err != nil {
		if errors.Is(err, extract.ErrNotHTML) || errors.Is(err, extract.ErrEmpty) {
			c.cnt.skip("not_html")
		} else {
			c.cnt.fail("extract")
		}
		c.log.Info("not extracted", "url", final.String(), "err", err)
		return nil
	}
	hub := c.follow(r.Request, a.Links)

	recordKey := finalKey
	if a.CanonicalURL != "" {
		if cu, err := url.Parse(a.CanonicalURL); err == nil {
			if n := normalizeURL(cu); n != "" && c.siteOf(hostOf(cu)) != nil {
				recordKey = n
			}
		}
	}
	u, _ := url.Parse(recordKey)
	if u == nil || !isArticle(a, u, sitePattern(c.siteOf(hostOf(final)))) {
		c.cnt.nonArticles.Add(1)
		return hub
	}
	if recordKey != finalKey {
		// The canonical URL is this article: no need to fetch it too.
		c.env.Frontier.FirstSeen([]string{recordKey})
	}
	c.cnt.articles.Add(1)
	a.URL = recordKey
	a.FetchedAt = now
	ok, err := c.em.emit(a)
	switch {
	case err != nil:
		c.cnt.fail("output")
		c.log.Error("output", "err", err)
		c.env.Frontier.Stop()
	case ok:
		c.cnt.emitted.Add(1)
		c.log.Info("emitted", "url", a.URL, "title", a.Title)
	default:
		c.cnt.unchanged.Add(1)
	}
	return nil
}

func sitePattern(s *Site) *regexp.Regexp {
	if s == nil {
		return nil
	}
	return s.pattern
}

// follow queues a page's links: plain links and pagination one level
// deeper, feeds announced with <link rel=alternate>.
func (c *crawl) follow(from *colly.Request, links []extract.Link) []string {
	ts := make([]target, 0, len(links))
	for _, l := range links {
		rel := strings.ToLower(l.Rel)
		switch {
		case strings.Contains(rel, "alternate") && isFeedType(l.Type):
			ts = append(ts, target{url: l.URL, kind: kindFeed, depth: from.Depth})
		case rel == "" || hasToken(rel, "next") || hasToken(rel, "prev") || hasToken(rel, "bookmark") ||
			hasToken(rel, "noopener") || hasToken(rel, "noreferrer") || hasToken(rel, "external"):
			if hasToken(rel, "nofollow") {
				continue
			}
			ts = append(ts, target{url: l.URL, kind: kindPage, depth: from.Depth + 1})
		}
	}
	return c.enqueue(ts, from)
}

// revisit follows the hub links State kept for a page that answered 304:
// an unchanged home page must still lead to listing pages that changed.
// Links to articles emitted within RevisitWindow are followed too (a 304
// each when unchanged), so that edits are caught; older articles are left
// out, their changes show only through listings, feeds and sitemaps.
func (c *crawl) revisit(r *colly.Response) {
	p, err := c.env.State.Page(r.Ctx.Get(ctxKey))
	if err != nil || len(p.Links) == 0 {
		return
	}
	ts := make([]target, 0, len(p.Links))
	for _, l := range p.Links {
		kind, u := parseHubLink(l)
		depth := r.Request.Depth
		if kind == kindPage {
			lp, err := c.env.State.Page(u)
			if err == nil && lp.ContentHash != "" && !(c.cfg.RevisitWindow > 0 && c.start.Sub(lp.EmittedAt) < c.cfg.RevisitWindow) {
				continue
			}
			depth++
		}
		ts = append(ts, target{url: u, kind: kind, depth: depth})
	}
	c.enqueue(ts, r.Request)
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}

// onError handles failures and non-2xx responses: 304s, retries with
// backoff, and error accounting.
func (c *crawl) onError(r *colly.Response, err error) {
	key := r.Ctx.Get(ctxKey)
	if reason := r.Ctx.Get(ctxAbort); reason != "" {
		c.cnt.skip(reason)
		c.log.Debug("response abandoned", "url", key, "reason", reason)
		return
	}
	if c.ctx.Err() != nil {
		return // stopping: not an error of the site
	}
	if r.StatusCode == http.StatusNotModified {
		c.cnt.notModified.Add(1)
		if r.Ctx.Get(ctxSeed) == "1" {
			c.cnt.seedsOK.Add(1)
		}
		c.revisit(r)
		return
	}
	var visited *colly.AlreadyVisitedError
	if errors.As(err, &visited) || errors.Is(err, errSkipRedirect) {
		c.cnt.skip(redirectReason(err))
		return
	}
	if r.Ctx.Get(ctxKind) == kindSitemap && (r.StatusCode == http.StatusNotFound || r.StatusCode == http.StatusGone) {
		c.cnt.skip("no_sitemap") // /sitemap.xml is only a guess
		return
	}
	kind := errorKind(r.StatusCode, err)
	if wait, ok := c.retryWait(r, kind); ok {
		tries, _ := strconv.Atoi(r.Ctx.Get(ctxTry))
		r.Ctx.Put(ctxTry, strconv.Itoa(tries+1))
		c.log.Info("retrying", "url", key, "status", r.StatusCode, "err", err, "wait", wait, "try", tries+1)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-c.ctx.Done():
			t.Stop()
			return
		}
		if rerr := r.Request.Retry(); rerr != nil && c.ctx.Err() == nil {
			c.cnt.fail(kind)
			c.log.Warn("retry failed", "url", key, "err", rerr)
		}
		return
	}
	c.cnt.fail(kind)
	msg := "fetch failed"
	if r.Ctx.Get(ctxSeed) == "1" {
		msg = "seed failed"
	}
	c.log.Warn(msg, "url", key, "status", r.StatusCode, "kind", kind, "err", err)
}

// errSkipRedirect marks redirects the crawler refuses to follow.
var errSkipRedirect = errors.New("redirect not followed")

func redirectReason(err error) string {
	var re *redirectError
	if errors.As(err, &re) {
		return re.reason
	}
	return "duplicate"
}

type redirectError struct{ reason, target string }

func (e *redirectError) Error() string { return fmt.Sprintf("redirect to %s: %s", e.target, e.reason) }
func (e *redirectError) Unwrap() error { return errSkipRedirect }

// checkRedirect vets each redirect hop: count, domain, robots.txt.
func (c *crawl) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.cfg.MaxRedirects {
		return &redirectError{reason: "too_many_redirects", target: req.URL.String()}
	}
	if c.siteOf(hostOf(req.URL)) == nil {
		return &redirectError{reason: "offsite_redirect", target: req.URL.String()}
	}
	ok, err := c.tr.allowed(req.Context(), req.URL, c.cfg.UserAgent)
	if err != nil || !ok {
		return &redirectError{reason: "robots", target: req.URL.String()}
	}
	return nil
}

// errorKind names a failure for the summary.
func errorKind(status int, err error) string {
	var ne net.Error
	switch {
	case status >= 500:
		return "http_5xx"
	case status == http.StatusTooManyRequests:
		return "http_429"
	case status >= 400:
		return "http_4xx"
	case status >= 300:
		return "http_3xx"
	case err != nil && errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case err != nil && strings.Contains(err.Error(), "Client.Timeout"):
		return "timeout"
	case err != nil && errors.Is(err, colly.ErrRobotsTxtBlocked):
		return "robots"
	default:
		return "network"
	}
}

// retryWait decides whether a failure is retried and after how long:
// Retry-After when the server gives it, else exponential backoff with
// jitter, both capped by MaxRetryWait.
func (c *crawl) retryWait(r *colly.Response, kind string) (time.Duration, bool) {
	switch kind {
	case "http_5xx", "http_429", "timeout", "network":
	default:
		return 0, false
	}
	if r.StatusCode == http.StatusNotImplemented || r.StatusCode == http.StatusHTTPVersionNotSupported {
		return 0, false
	}
	tries, _ := strconv.Atoi(r.Ctx.Get(ctxTry))
	if tries >= c.cfg.Retries {
		return 0, false
	}
	wait := c.cfg.RetryBase << tries
	wait += time.Duration(rand.Int64N(int64(wait)/4 + 1))
	if r.Headers != nil {
		if d, ok := retryAfter(*r.Headers, c.cfg.Now()); ok {
			if d > c.cfg.MaxRetryWait {
				return 0, false // the server asks for more patience than we have
			}
			wait = d
		}
	}
	return min(wait, c.cfg.MaxRetryWait), true
}
