package crawler

import (
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gocolly/colly/v2"

	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// onRequest sets the Accept header for the request's kind and makes the
// request conditional when State holds validators for its URL.
func (c *crawl) onRequest(r *colly.Request) {
	if c.ctx.Err() != nil {
		r.Abort()
		return
	}
	switch r.Ctx.Get(ctxKind) {
	case kindFeed:
		r.Headers.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
	case kindSitemap:
		r.Headers.Set("Accept", "application/xml, text/xml;q=0.9, */*;q=0.5")
	default:
		r.Headers.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
	}
	stored, err := c.conditional(*r.Headers, r.Ctx.Get(ctxKey))
	if err != nil {
		r.Abort()
		return
	}
	r.Ctx.Put(ctxStored, stored)
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
	if run := c.runOf(r.Ctx); run != nil {
		run.release()
		run.handled = true
		c.sched.success(run.h)
	}
	c.cnt.fetched.Add(1)
	if c.log.Enabled(c.ctx, slog.LevelDebug) { // URL.String and the arguments cost every page otherwise
		c.log.Debug("fetched", "url", r.Request.URL.String(), "status", r.StatusCode, "bytes", len(r.Body))
	}
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
	c.archive(r, now)
	var hub []string
	defer func() {
		et, lm := r.Headers.Get("ETag"), r.Headers.Get("Last-Modified")
		if et == "" && lm == "" {
			return
		}
		// The validators are the final URL's: after a redirect, the next
		// run asks for the target conditionally (see checkRedirect).
		err := c.env.Frontier.AddPending(c.ioCtx, store.Validators{URL: responseKey(r), ETag: et, LastModified: lm, FetchedAt: now, Links: hub})
		if err != nil {
			c.fail(err)
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
		c.enqueue(ts, 0)
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
		hub = c.enqueue(ts, 0)
		ts = ts[:0]
		for _, l := range pages {
			ts = append(ts, target{url: absolute(r.Request.URL, l), kind: kindPage, depth: 2})
		}
		c.enqueue(ts, 0)
	default:
		hub = c.handlePage(r, key, now)
	}
}

// responseKey is the state key of a response: its final URL, normalized.
func responseKey(r *colly.Response) string {
	if k := normalizeURL(r.Request.URL); k != "" {
		return k
	}
	return r.Ctx.Get(ctxKey)
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
	if finalKey == "" {
		finalKey = key
	}
	// Extract reads only Content-Type from the headers (for the charset):
	// a header of its own, not a clone of all of them, per page.
	ct := r.Headers.Get(origContentType)
	if ct == "" {
		ct = r.Headers.Get("Content-Type")
	}
	header := http.Header{"Content-Type": {ct}}
	opts := &extract.Options{CollectLinks: true, Now: now}
	site := c.siteOf(hostOf(final))
	if site != nil {
		opts.Rules = site.rules
	}
	// Extraction is the crawl's CPU work: at most one per core, so that
	// goroutines waiting on the network are not queued behind it.
	c.cpu <- struct{}{}
	a, err := extract.Extract(r.Body, final.String(), header, opts)
	<-c.cpu
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
	if u == nil {
		c.cnt.nonArticles.Add(1)
		return hub
	}
	if ok, reason := articleVerdict(a, u, sitePattern(site)); !ok {
		c.cnt.nonArticles.Add(1)
		if n := utf8.RuneCountInString(a.Body); n >= substantialBody {
			// A real article wrongly judged would hide here: count it.
			c.cnt.reject(reason)
			c.log.Debug("not taken for an article", "url", recordKey, "reason", reason, "body_chars", n, "title", a.Title)
		}
		return hub
	}
	if recordKey != finalKey {
		// The canonical URL is this article: no need to fetch it too.
		if _, err := c.env.Frontier.FirstSeen(c.ioCtx, []string{recordKey}); err != nil {
			c.fail(err)
			return nil
		}
	}
	c.cnt.articles.Add(1)
	c.cov.add(final, a)
	a.URL = recordKey
	a.FetchedAt = now
	var stored *storedHash
	if h, ok := r.Ctx.GetAny(ctxStored).(storedHash); ok && recordKey == key {
		stored = &h
	}
	ok, err := c.em.emit(c.ioCtx, a, stored)
	switch {
	case err != nil:
		c.cnt.fail("output")
		c.fail(err)
	case ok:
		c.cnt.emitted.Add(1)
		c.log.Info("emitted", "url", a.URL, "title", a.Title)
	default:
		c.cnt.unchanged.Add(1)
	}
	return nil
}

// substantialBody is the body length (in characters) from which a page not
// taken for an article is counted and logged with the reason.
const substantialBody = 500

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
			ts = append(ts, target{url: l.URL, kind: kindPage, depth: from.Depth + 1, next: hasToken(rel, "next") || hasToken(rel, "prev")})
		}
	}
	cal, _ := strconv.Atoi(from.Ctx.Get(ctxCal))
	return c.enqueue(ts, cal)
}

// revisit follows the hub links State kept for a page that answered 304:
// an unchanged home page must still lead to listing pages that changed.
// Links to articles emitted within RevisitWindow are followed too (a 304
// each when unchanged), so that edits are caught; older articles are left
// out, their changes show only through listings, feeds and sitemaps.
func (c *crawl) revisit(r *colly.Response) {
	p, err := c.env.State.Page(c.ioCtx, responseKey(r))
	if err != nil || len(p.Links) == 0 {
		return
	}
	ts := make([]target, 0, len(p.Links))
	for _, l := range p.Links {
		kind, u := parseHubLink(l)
		depth := r.Request.Depth
		if kind == kindPage {
			lp, err := c.env.State.Page(c.ioCtx, u)
			if err == nil && lp.ContentHash != "" && !(c.cfg.RevisitWindow > 0 && c.start.Sub(lp.EmittedAt) < c.cfg.RevisitWindow) {
				continue
			}
			depth++
		}
		ts = append(ts, target{url: u, kind: kind, depth: depth})
	}
	cal, _ := strconv.Atoi(r.Ctx.Get(ctxCal))
	c.enqueue(ts, cal)
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if f == tok {
			return true
		}
	}
	return false
}
