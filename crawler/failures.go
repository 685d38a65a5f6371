package crawler

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/newspipe/newspipe/store"
)

// onError handles failures and non-2xx responses: 304s, dead links,
// retries, the host's error budget, and error accounting. A failure is
// counted and logged once per URL, when no retry is left.
func (c *crawl) onError(r *colly.Response, err error) {
	run := c.runOf(r.Ctx)
	if run == nil {
		run = &jobRun{release: func() {}} // not started by a worker: nothing to retry
	}
	run.release()
	var denied *turnDenied
	var shared *sharedError
	var capped *hostCapped
	switch {
	case errors.As(err, &denied):
		run.handled, run.denied = true, denied.wait
		return
	case errors.As(err, &capped):
		run.handled = true // dropped, as the queue of a host capped alone
		if run.h != nil && c.sched.capReached(run.h) {
			c.log.Info("host reached its request cap for the run (all workers together); set aside", "host", run.h.name, "cap", c.cfg.MaxHostPages)
		}
		return
	case errors.As(err, &shared):
		c.fail(shared.err)
		return
	}
	key := r.Ctx.Get(ctxKey)
	if reason := r.Ctx.Get(ctxAbort); reason != "" {
		run.handled = true
		if run.h != nil {
			c.sched.success(run.h) // the host answered
		}
		c.cnt.skip(reason)
		c.log.Debug("response abandoned", "url", key, "reason", reason)
		return
	}
	if c.ctx.Err() != nil {
		return // stopping: not an error of the site; the next run retries
	}
	run.handled = true
	var re *redirectError
	switch {
	case r.StatusCode == http.StatusNotModified:
		c.notModified(r, run)
		return
	case errors.As(err, &re):
		c.cnt.skip(re.reason)
		c.log.Debug("redirect not followed", "url", key, "target", re.target, "reason", re.reason)
		return
	case r.Ctx.Get(ctxKind) == kindSitemap && (r.StatusCode == http.StatusNotFound || r.StatusCode == http.StatusGone):
		c.cnt.skip("no_sitemap") // /sitemap.xml is only a guess
		return
	case r.StatusCode == http.StatusNotFound || r.StatusCode == http.StatusGone:
		c.deadLinkFound(r, run, key)
		return
	}
	kind := errorKind(r.StatusCode, err)
	if run.h != nil && hostFault(kind) && c.sched.failure(run.h, key) {
		c.log.Warn("host keeps failing; set aside until the next run", "host", run.h.name, "last_url", key, "kind", kind)
	}
	if wait, ok := c.retryWait(r, kind); ok && run.h != nil {
		run.retryAt = time.Now().Add(wait)
		c.log.Debug("will retry", "url", key, "status", r.StatusCode, "err", err, "wait", wait)
		return
	}
	c.cnt.fail(kind)
	msg := "fetch failed"
	if r.Ctx.Get(ctxSeed) == "1" {
		msg = "seed failed"
	}
	c.log.Warn(msg, "url", key, "status", r.StatusCode, "kind", kind, "err", err)
}

// notModified handles a 304: the page is as last time, and so are the hub
// links it led to.
func (c *crawl) notModified(r *colly.Response, run *jobRun) {
	if run.h != nil {
		c.sched.success(run.h)
	}
	c.cnt.notModified.Add(1)
	if r.Ctx.Get(ctxSeed) == "1" {
		c.cnt.seedsOK.Add(1)
	}
	c.revisit(r)
}

// deadLinkFound records a 404 or 410 so that the link is not requested
// again for DeadLinkTTL. It is the site answering, not failing.
func (c *crawl) deadLinkFound(r *colly.Response, run *jobRun, key string) {
	if run.h != nil {
		c.sched.success(run.h)
	}
	c.cnt.fail("http_4xx")
	if r.Ctx.Get(ctxSeed) == "1" {
		c.log.Warn("seed failed", "url", key, "status", r.StatusCode)
	} else {
		c.log.Debug("dead link", "url", key, "status", r.StatusCode)
	}
	if r.Ctx.Get(ctxKind) != kindPage {
		return
	}
	if err := c.env.Frontier.AddPending(c.ioCtx, store.Validators{URL: key, Dead: true, FetchedAt: c.cfg.Now().UTC()}); err != nil {
		c.fail(err)
	}
}

// hostFault reports whether a failure kind counts against the host's error
// budget.
func hostFault(kind string) bool {
	return kind == "http_5xx" || kind == "timeout" || kind == "network"
}

// redirectError is a redirect the crawler refuses to follow.
type redirectError struct{ reason, target string }

func (e *redirectError) Error() string { return fmt.Sprintf("redirect to %s: %s", e.target, e.reason) }

// checkRedirect vets each redirect hop: count, domain, robots.txt, and
// whether another request already fetched the target in this run (the
// target's own request then skips it instead, see Frontier.Pop).
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
	target, by := normalizeURL(req.URL), normalizeURL(via[0].URL)
	if target == "" || target == by {
		return nil
	}
	claimed, err := c.env.Frontier.Claim(c.ioCtx, target, by)
	if err != nil {
		c.fail(err)
		return err
	}
	if !claimed {
		return &redirectError{reason: "duplicate", target: req.URL.String()}
	}
	_, err = c.conditional(req.Header, target)
	return err
}

// conditional makes a request for the URL key conditional on the
// validators State holds for it, replacing any copied from an earlier hop.
// It returns the content hash it read, for emit.
func (c *crawl) conditional(h http.Header, key string) (storedHash, error) {
	gen := c.em.commits.Load()
	p, err := c.env.State.Page(c.ioCtx, key)
	if err != nil {
		c.fail(err)
		return storedHash{}, err
	}
	h.Del("If-None-Match")
	h.Del("If-Modified-Since")
	if p.ETag != "" {
		h.Set("If-None-Match", p.ETag)
	}
	if p.LastModified != "" {
		h.Set("If-Modified-Since", p.LastModified)
	}
	return storedHash{hash: p.ContentHash, gen: gen}, nil
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
	default:
		return "network"
	}
}

// retryWait decides whether a failure is retried and after how long: as
// long as Retry-After says (the transport paused the host as long, or set it
// aside when that is longer than MaxPause, and the request then waits for
// the next run), else exponential backoff with jitter capped by
// MaxRetryWait.
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
	if tries >= c.cfg.Retries || kind == "timeout" && tries >= 1 {
		// A page that timed out twice holds a slot of its host for two
		// whole timeouts already.
		return 0, false
	}
	if r.Headers != nil {
		if d, ok := retryAfter(*r.Headers, time.Now()); ok {
			return d, true
		}
	}
	wait := c.cfg.RetryBase << tries
	wait += time.Duration(rand.Int64N(int64(wait)/4 + 1))
	return min(wait, c.cfg.MaxRetryWait), true
}
