package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/queue"

	"github.com/newspipe/newspipe/store"
)

// ErrNoSeed is returned by Run when no seed answered.
var ErrNoSeed = errors.New("no seed was reachable")

// Request kinds, kept in the colly request context under ctxKind.
const (
	kindPage    = "page"
	kindFeed    = "feed"
	kindSitemap = "sitemap"
)

// Keys of the colly request context (it is serialized to the on-disk
// queue as JSON, so values are strings).
const (
	ctxKind  = "k" // kindPage, kindFeed, kindSitemap
	ctxKey   = "u" // normalized URL as enqueued: the state key of the request
	ctxSeed  = "s" // "1" for seeds
	ctxCal   = "c" // calendar chain length
	ctxTry   = "t" // retries so far
	ctxAbort = "a" // why OnResponseHeaders abandoned the response
)

// Env holds what a run reads and writes besides the network.
type Env struct {
	State    store.State
	Frontier *store.Frontier
	Output   store.Output
}

// crawl is one run.
type crawl struct {
	cfg   Config
	env   Env
	tr    *transport
	col   *colly.Collector
	q     *queue.Queue
	cnt   *counters
	em    *emitter
	log   *slog.Logger
	start time.Time

	ctx context.Context

	mu        sync.Mutex
	hostCount map[string]int // requests per host: bounded by the allowed hosts
	total     int
	capped    bool
	seeds     int
}

// Run crawls the configured sites once and returns the run's statistics.
// It stops early, flushing the output, when ctx is cancelled. Cache
// validators learnt during the run are committed only when the run
// completes, so that a killed or cut-short run never hides pages behind a
// 304 that the next run would need to follow.
func Run(ctx context.Context, cfg Config, env Env) (Stats, error) {
	if err := cfg.setDefaults(); err != nil {
		return Stats{}, err
	}
	c := &crawl{
		cfg: cfg, env: env, cnt: newCounters(), log: cfg.Logger,
		start: cfg.Now(), ctx: ctx, hostCount: map[string]int{},
	}
	stats := Stats{Started: c.start}
	n, err := store.Reconcile(env.Output, env.State)
	stats.Recovered = n
	if err != nil {
		return stats, fmt.Errorf("reconcile output %s: %w", env.Output.Name(), err)
	}
	if n > 0 {
		c.log.Info("records of an interrupted run found in the output", "count", n, "output", env.Output.Name())
	}
	c.em = newEmitter(env.Output, env.State, c.cnt, c.log)
	lim := newHostLimiter(c.politeness)
	c.tr = newTransport(c.cfg.Transport, lim, c.cfg.UserAgent, c.cfg.MaxBody)
	if err := c.setup(); err != nil {
		return stats, err
	}

	var stopOnce sync.Once
	stop := func() { stopOnce.Do(env.Frontier.Stop) }
	watchDone := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			stop()
		case <-watchDone:
		}
	}()
	var progDone chan struct{}
	progStop := make(chan struct{})
	if cfg.Progress != nil {
		progDone = make(chan struct{})
		go progress(cfg.Progress, c.cnt, func() int { n, _ := env.Frontier.QueueSize(); return n }, progStop, progDone)
	}

	c.seed()
	runErr := c.q.Run(c.col)
	close(watchDone)
	if progDone != nil {
		close(progStop)
		<-progDone
	}
	flushErr := c.em.flush()

	stats.Cancelled = ctx.Err() != nil
	c.mu.Lock()
	stats.Truncated = c.capped
	c.mu.Unlock()
	if !stats.Cancelled && !stats.Truncated && runErr == nil && flushErr == nil {
		n, err := env.Frontier.CommitPending(env.State)
		stats.ValidatorsN = n
		if err != nil {
			c.cnt.fail("state")
			runErr = errors.Join(runErr, fmt.Errorf("commit validators: %w", err))
		}
	}
	c.cnt.snapshot(&stats)
	stats.Seeds = c.seeds
	stats.Duration = cfg.Now().Sub(c.start)
	if flushErr != nil {
		return stats, flushErr
	}
	if runErr != nil {
		return stats, fmt.Errorf("crawl queue: %w", runErr)
	}
	if stats.SeedsOK == 0 && !stats.Cancelled {
		return stats, ErrNoSeed
	}
	return stats, nil
}

// politeness returns the delay and concurrency for a host key (host:port).
func (c *crawl) politeness(hostport string) Politeness {
	p := Politeness{Delay: c.cfg.Delay, Concurrency: c.cfg.Concurrency}
	u := &url.URL{Host: hostport}
	if s := c.siteOf(hostOf(u)); s != nil {
		if s.Delay > 0 {
			p.Delay = s.Delay
		}
		if s.Concurrency > 0 {
			p.Concurrency = s.Concurrency
		}
	}
	return p
}

// siteOf returns the site whose allowed domains include host, or nil.
func (c *crawl) siteOf(host string) *Site {
	for i := range c.cfg.Sites {
		if domainAllowed(host, c.cfg.Sites[i].AllowDomains) {
			return &c.cfg.Sites[i]
		}
	}
	return nil
}

func (c *crawl) setup() error {
	col := colly.NewCollector(colly.StdlibContext(c.ctx))
	// Set after NewCollector, which lets COLLY_* environment variables
	// override its options: these settings are not negotiable.
	col.UserAgent = c.cfg.UserAgent
	// One byte over the limit, to tell a truncated body from one that fits
	// exactly: colly's LimitReader truncates silently.
	col.MaxBodySize = int(c.cfg.MaxBody + 1)
	col.IgnoreRobotsTxt = false // colly's default is to ignore robots.txt
	col.DetectCharset = false   // extract decodes; see transport
	col.Async = false           // the queue's threads give the concurrency
	col.AllowURLRevisit = false
	col.CacheDir = ""
	col.MaxDepth, col.MaxRequests = 0, 0 // our own limits apply (enqueue, onRequest)
	col.AllowedDomains, col.DisallowedDomains = nil, nil
	col.URLFilters, col.DisallowedURLFilters = nil, nil
	col.ParseHTTPErrorResponse = false
	if err := col.SetStorage(c.env.Frontier); err != nil {
		return fmt.Errorf("frontier: %w", err)
	}
	col.WithTransport(c.tr)
	col.SetRequestTimeout(c.cfg.Timeout)
	col.SetRedirectHandler(c.checkRedirect)
	col.OnRequest(c.onRequest)
	col.OnResponseHeaders(c.onResponseHeaders)
	col.OnResponse(c.onResponse)
	col.OnError(c.onError)
	c.col = col

	threads := 0
	for i := range c.cfg.Sites {
		p := c.politeness(c.cfg.Sites[i].AllowDomains[0])
		threads += p.Concurrency * len(c.cfg.Sites[i].AllowDomains)
	}
	threads = min(max(threads, 2), 64)
	q, err := queue.New(threads, c.env.Frontier)
	if err != nil {
		return fmt.Errorf("queue: %w", err)
	}
	c.q = q
	return nil
}

// seed queues the seeds, the sitemaps named in robots.txt and at
// /sitemap.xml of each seed's origin, and the configured feeds and sitemaps.
func (c *crawl) seed() {
	origins := map[string]bool{}
	for i := range c.cfg.Sites {
		s := &c.cfg.Sites[i]
		var seeds []target
		for _, seed := range s.Seeds {
			c.seeds++
			seeds = append(seeds, target{url: seed, kind: kindPage, depth: 1, seed: true})
		}
		c.enqueue(seeds, nil)
		var maps []target
		for _, seed := range s.Seeds {
			u, _ := url.Parse(seed)
			origin := u.Scheme + "://" + u.Host
			if origins[origin] {
				continue
			}
			origins[origin] = true
			for _, sm := range c.tr.sitemaps(c.ctx, u) {
				maps = append(maps, target{url: sm, kind: kindSitemap, depth: 1})
			}
			maps = append(maps, target{url: origin + "/sitemap.xml", kind: kindSitemap, depth: 1})
		}
		for _, sm := range s.Sitemaps {
			maps = append(maps, target{url: sm, kind: kindSitemap, depth: 1})
		}
		for _, f := range s.Feeds {
			maps = append(maps, target{url: f, kind: kindFeed, depth: 1})
		}
		c.enqueue(maps, nil)
	}
}

// target is a URL about to be queued.
type target struct {
	url   string
	kind  string
	depth int
	seed  bool
	cal   int
}

// enqueue normalizes, filters and queues targets discovered together (on
// one page, feed or sitemap): one frontier transaction decides which are
// new in this run. It returns the targets that passed the filters, as hub
// links (see hubLink), whether or not they were new.
func (c *crawl) enqueue(ts []target, from *colly.Request) []string {
	if c.ctx.Err() != nil {
		return nil
	}
	keys := make([]string, 0, len(ts))
	kept := make([]target, 0, len(ts))
	local := make(map[string]bool, len(ts))
	for _, t := range ts {
		n := Normalize(t.url)
		if n == "" || local[n] {
			continue
		}
		local[n] = true
		u, err := url.Parse(n)
		if err != nil {
			continue
		}
		if c.siteOf(hostOf(u)) == nil {
			continue // off-site links are not counted: there are too many
		}
		if t.kind == kindPage {
			if skippedByExtension(u) {
				continue
			}
			if t.depth > c.cfg.MaxDepth {
				c.cnt.skip("depth")
				continue
			}
			if isCalendar(u) {
				t.cal = 1
				if from != nil && from.Ctx.Get(ctxCal) != "" {
					prev, _ := strconv.Atoi(from.Ctx.Get(ctxCal))
					t.cal = prev + 1
				}
				if t.cal > c.cfg.MaxCalendarDepth {
					c.cnt.skip("calendar_trap")
					continue
				}
			}
		}
		t.url = n
		keys = append(keys, n)
		kept = append(kept, t)
	}
	if len(keys) == 0 {
		return nil
	}
	hub := make([]string, len(kept))
	for i, t := range kept {
		hub[i] = hubLink(t.kind, t.url)
	}
	first, err := c.env.Frontier.FirstSeen(keys)
	if err != nil {
		c.log.Error("frontier", "err", err)
		c.cnt.fail("state")
		return hub
	}
	for i, t := range kept {
		if !first[i] {
			continue
		}
		u, _ := url.Parse(t.url)
		ok, err := c.tr.allowed(c.ctx, u, c.cfg.UserAgent)
		if err != nil {
			c.cnt.fail("robots_unreachable")
			c.log.Warn("robots.txt unreachable; host skipped", "url", t.url, "err", err)
			continue
		}
		if !ok {
			c.cnt.skip("robots")
			c.log.Debug("disallowed by robots.txt", "url", t.url)
			continue
		}
		ctx := colly.NewContext()
		ctx.Put(ctxKind, t.kind)
		ctx.Put(ctxKey, t.url)
		if t.seed {
			ctx.Put(ctxSeed, "1")
		}
		if t.cal > 0 {
			ctx.Put(ctxCal, strconv.Itoa(t.cal))
		}
		req := &colly.Request{URL: u, Method: http.MethodGet, Depth: t.depth, Ctx: ctx, Headers: &http.Header{}}
		if err := c.q.AddRequest(req); err != nil {
			c.log.Error("queue", "url", t.url, "err", err)
			c.cnt.fail("state")
		}
	}
	return hub
}

// hubLink encodes a link kept in State for revisiting after a 304.
func hubLink(kind, u string) string { return kind[:1] + " " + u }

// parseHubLink decodes hubLink.
func parseHubLink(s string) (kind, u string) {
	k, u, _ := strings.Cut(s, " ")
	switch k {
	case "f":
		return kindFeed, u
	case "s":
		return kindSitemap, u
	}
	return kindPage, u
}
