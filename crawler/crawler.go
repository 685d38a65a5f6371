package crawler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/newspipe/newspipe/store"
)

// ErrNoSeed is returned by Run when no seed answered.
var ErrNoSeed = errors.New("no seed was reachable")

// errDeadline is the cause of a run stopped by Config.MaxDuration.
var errDeadline = errors.New("run reached --max-duration")

// resumeWithin is how old an unfinished run may be for the next run to
// continue it; an older frontier is stale and the crawl starts afresh.
const resumeWithin = 24 * time.Hour

// Request kinds, kept in the colly request context under ctxKind.
const (
	kindPage    = "page"
	kindFeed    = "feed"
	kindSitemap = "sitemap"
)

// Keys of the colly request context (values are strings).
const (
	ctxKind  = "k" // kindPage, kindFeed, kindSitemap
	ctxKey   = "u" // normalized URL as enqueued: the state key of the request
	ctxSeed  = "s" // "1" for seeds
	ctxCal   = "c" // calendar chain length
	ctxTry   = "t" // retries so far
	ctxAbort = "a" // why OnResponseHeaders abandoned the response
)

// ctxStored is the request context key of the storedHash that onRequest
// read for the request's URL (not a string), which emit need not read again.
const ctxStored = "h"

// Env holds what a run reads and writes besides the network.
type Env struct {
	State    store.State
	Frontier Frontier
	Output   store.Output
	// Coordinator is set when other processes share the crawl (the same
	// backend usually implements Frontier too); nil for a crawl of one
	// process.
	Coordinator Coordinator
	// Archive, when set, receives every 2xx response read in full (pages,
	// feeds, sitemaps) with its request: newspipe crawl --warc.
	Archive Archiver
}

// crawl is one run.
type crawl struct {
	cfg   Config
	env   Env
	tr    *transport
	col   *colly.Collector
	sched *scheduler
	cnt   *counters
	em    *emitter
	arc   *archiveQueue // nil without Env.Archive
	log   *slog.Logger
	start time.Time
	// doneDeferred is set when the frontier flushes the output before it
	// writes Done marks (see crawl.done).
	doneDeferred bool

	reqTmpl *colly.Request // the request newRequest copies
	// siteIndex maps an allowed domain to the first site allowing it
	// (see siteOf).
	siteIndex map[string]int

	cov        *coverage   // the run's field coverage per site
	shared     Coordinator // alone{} for a crawl of one process
	isShared   bool
	slotSeq    atomic.Int64 // names the fetch slots of Coordinator.Acquire
	lastSync   time.Time    // of Coordinator.Outstanding; dispatch goroutine only
	lastReport time.Time    // of Coordinator.Report; dispatch goroutine only

	// ctx ends the run's requests: cancelled by the caller, by the
	// deadline, or by a fatal state or output error (see fail).
	ctx    context.Context
	cancel context.CancelCauseFunc
	// ioCtx is for the Frontier, State and Coordinator calls that record
	// what the run did: never cancelled (see Run).
	ioCtx context.Context

	jobs     sync.Map // *colly.Context -> *jobRun, the requests in flight
	cpu      chan struct{}
	popMu    sync.Mutex
	pops     map[string][]poppedJob // per host: bounded by popBatch
	popLocks sync.Map               // host name -> *sync.Mutex: one pop at a time per host
	seen     seenCache              // URLs known seen in this run (see unseen)
	origins  map[string]bool
	seeds    atomic.Int64 // seeds requested

	mu     sync.Mutex
	total  int
	capped bool
	fatal  error
}

// Run crawls the configured sites once and returns the run's statistics.
// It stops early, flushing the output, when ctx is cancelled, when
// Config.MaxDuration is reached, or at the first state or output error. A
// run that does not complete leaves its frontier for the next run to
// continue. Cache validators learnt during the run are committed only when
// the run completes, so that a cut-short run never hides pages behind a 304
// that the next run would need to follow.
func Run(ctx context.Context, cfg Config, env Env) (Stats, error) {
	if err := cfg.Validate(); err != nil {
		return Stats{}, err
	}
	c := &crawl{cfg: cfg, env: env, cnt: newCounters(), log: cfg.Logger, start: cfg.Now(), origins: map[string]bool{}, pops: map[string][]poppedJob{}, cpu: make(chan struct{}, runtime.GOMAXPROCS(0))}
	c.siteIndex = indexSites(cfg.Sites)
	c.cov = newCoverage()
	c.shared, c.isShared = env.Coordinator, env.Coordinator != nil
	if !c.isShared {
		c.shared = alone{}
	}
	// Two contexts reach the Frontier, State and Coordinator. The run's
	// own, c.ctx below, ends with the run (the caller's cancel, the
	// deadline, a fatal error): it goes only to what should stop then,
	// taking work and waiting for it (PopN, Outstanding, Acquire, Robots).
	// Everything that records what the run did (marking emitted records,
	// done requests, validators, Finish, SetAside, Leave, coverage, and the
	// reads and queueing feeding them) gets ioCtx, which carries ctx's values
	// but not its cancellation: a run cut short must still commit what it
	// emitted and hand back what it holds, or records are emitted twice or
	// lost. A shared backend still bounds each of those calls by its own
	// timeout and --redis-timeout.
	c.ioCtx = context.WithoutCancel(ctx)
	stats := Stats{Started: c.start}
	n, err := store.Reconcile(c.ioCtx, env.Output, env.State)
	stats.Recovered = n
	if err != nil {
		return stats, fmt.Errorf("reconcile output %s: %w", env.Output.Name(), err)
	}
	if n > 0 {
		c.log.Info("records in the output that the crawl state lacks (an interrupted run, or a new state directory) taken into the state", "count", n, "output", env.Output.Name())
	}
	resume, err := env.Frontier.Begin(c.ioCtx, c.start, resumeWithin)
	if err != nil {
		return stats, err
	}
	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if cfg.MaxDuration > 0 {
		var stop context.CancelFunc
		runCtx, stop = context.WithTimeoutCause(runCtx, cfg.MaxDuration, errDeadline)
		defer stop()
	}
	c.ctx, c.cancel = runCtx, cancel
	c.em = newEmitter(env.Output, env.State, c.cnt, c.log)
	if f, ok := env.Frontier.(doneDeferrer); ok {
		f.SetBeforeDone(c.em.flushOutput)
		c.doneDeferred = true
	}
	if env.Archive != nil {
		c.arc = startArchive(env.Archive, func(err error) {
			c.cnt.fail("warc")
			c.fail(err)
		})
		c.em.beforeSync = c.arc.sync
	}
	c.sched = newScheduler(c.politeness, cfg.MaxPause, cfg.RetryBase, cfg.MaxRetryWait, cfg.MaxHostPages, time.Now)
	c.tr = newTransport(cfg.Transport, c.cnt, c.sched, cfg.UserAgent, cfg.MaxBody)
	if c.isShared {
		c.tr.shared, c.tr.hold, c.tr.cap = c.shared, c.slotHold(), cfg.MaxHostPages
	}
	c.setup()
	c.discover(resume)

	stopProgress := c.startProgress()
	c.dispatch()
	stopProgress()
	if c.arc != nil {
		c.arc.stop() // a failure went to c.fail; the flush below returns it too
	}
	flushErr := c.em.flush(c.ioCtx)
	return c.finish(ctx, resume, stats, flushErr)
}

// finish commits a completed run and completes stats.
func (c *crawl) finish(ctx context.Context, resume store.Resume, stats Stats, flushErr error) (Stats, error) {
	stats.Cancelled = ctx.Err() != nil
	stats.Resumed = resume.Resumed
	deadline := errors.Is(context.Cause(c.ctx), errDeadline)
	c.mu.Lock()
	stats.Truncated = c.capped || deadline
	stats.DeadlineReached = deadline
	fatal := c.fatal
	c.mu.Unlock()
	hosts, urls := c.sched.asideCounts()
	stats.AsideHosts, stats.AsideURLs = hosts, urls
	if !stats.Cancelled && !stats.Truncated && fatal == nil && flushErr == nil {
		if err := c.complete(&stats); err != nil {
			fatal = err
		}
	}
	c.cnt.snapshot(&stats)
	stats.Failed = fatal != nil || flushErr != nil
	stats.Seeds = int(c.seeds.Load())
	stats.Duration = c.cfg.Now().Sub(c.start)
	completed := !stats.Cancelled && !stats.Truncated && !stats.Failed
	if err := c.leave(&stats, completed); err != nil && fatal == nil && flushErr == nil {
		stats.Failed, fatal = true, err
	}
	if flushErr != nil {
		return stats, flushErr
	}
	if fatal != nil {
		return stats, fatal
	}
	if c.noSeedReached(stats) {
		return stats, ErrNoSeed
	}
	return stats, nil
}

// noSeedReached reports a completed run in which seeds were requested and
// none answered: in a shared crawl, judged over all its processes by the
// last one out (a seed is queued by one process and may be fetched by
// another).
func (c *crawl) noSeedReached(stats Stats) bool {
	if stats.Cancelled || stats.Truncated {
		return false
	}
	if c.isShared {
		t := stats.CrawlWide
		return t != nil && t["seeds"] > 0 && t["seeds_ok"] == 0
	}
	return stats.Seeds > 0 && stats.SeedsOK == 0
}

// leave ends this process's part in the run; the last process out of a
// shared crawl's completed run logs the crawl-wide counters.
func (c *crawl) leave(stats *Stats, completed bool) error {
	total, err := c.shared.Leave(c.ioCtx, completed, stats.Tally())
	if err != nil {
		c.cnt.fail("state")
		return fmt.Errorf("leave the shared run: %w", err)
	}
	if total != nil {
		stats.CrawlWide = total
		c.log.Info("crawl-wide summary: the last worker out of the run", "workers", total["workers"], "requests", total["requests"],
			"fetched", total["fetched"], "emitted", total["emitted"], "unchanged", total["unchanged"], "errors", total["errors"])
	}
	return nil
}

// complete commits the validators of a completed run and clears its
// frontier, carrying over the requests of hosts set aside.
func (c *crawl) complete(stats *Stats) error {
	n, err := c.env.Frontier.CommitPending(c.ioCtx, c.env.State)
	stats.ValidatorsN = n
	if err != nil {
		c.cnt.fail("state")
		return fmt.Errorf("commit validators: %w", err)
	}
	carried, err := c.env.Frontier.Finish(c.ioCtx, c.sched.carries)
	stats.Carried = carried
	if err != nil {
		c.cnt.fail("state")
		return fmt.Errorf("finish frontier: %w", err)
	}
	if dropped := stats.AsideURLs[asideCapped]; dropped > 0 {
		c.cnt.skipN("host_cap", dropped)
	}
	drifts, err := c.checkDrift(c.start)
	for _, d := range drifts {
		c.log.Warn("site drift: a field's coverage dropped sharply against recent runs; has the portal changed its layout?", "site", d)
	}
	stats.SiteDrift = drifts
	if err != nil {
		c.cnt.fail("state")
		return err
	}
	return nil
}

// fail ends the run at once after a state or output error: requests in
// flight are cancelled, nothing new starts.
func (c *crawl) fail(err error) {
	c.mu.Lock()
	if c.fatal == nil {
		c.fatal = err
		c.log.Error("stopping the run", "err", err)
	}
	c.mu.Unlock()
	c.cancel(err)
}

// stopped reports an error of a call made with the run's context (c.ctx)
// that only says the run ended meanwhile: not a failure. A take cut short
// leaves its requests to the next run, as a stop leaves those in flight.
func (c *crawl) stopped(err error) bool {
	return err != nil && c.ctx.Err() != nil &&
		(errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}

// politeness returns the delay and concurrency for a host key
// (scheme://host:port).
func (c *crawl) politeness(origin string) Politeness {
	p := Politeness{Delay: c.cfg.Delay, Concurrency: c.cfg.Concurrency}
	if u, err := url.Parse(origin); err == nil {
		if s := c.siteOf(hostOf(u)); s != nil {
			p = s.Politeness(p)
		}
	}
	return p
}

// setup builds the colly collector that performs each request. colly's
// queue, visited set and politeness are not used: the scheduler, the
// frontier and the transport own them.
func (c *crawl) setup() {
	col := colly.NewCollector(colly.StdlibContext(c.ctx))
	// Set after NewCollector, which lets COLLY_* environment variables
	// override its options: these settings are not negotiable.
	col.UserAgent = c.cfg.UserAgent
	// One byte over the limit, to tell a truncated body from one that fits
	// exactly: colly's LimitReader truncates silently.
	col.MaxBodySize = int(c.cfg.MaxBody + 1)
	col.IgnoreRobotsTxt = true // checked before each request and redirect (see work, checkRedirect)
	col.DetectCharset = false  // extract decodes; see transport
	col.Async = false          // workers give the concurrency
	// colly's visited check marks a redirect target visited even when the
	// target's own request is still queued, losing the page; the frontier
	// claims URLs instead (see Frontier.Pop and Claim).
	col.AllowURLRevisit = true
	col.CacheDir = ""
	col.MaxDepth, col.MaxRequests = 0, 0 // our own limits apply
	col.AllowedDomains, col.DisallowedDomains = nil, nil
	col.URLFilters, col.DisallowedURLFilters = nil, nil
	col.ParseHTTPErrorResponse = false
	col.SetStorage(c.env.Frontier) // cookies; never fails for the frontier
	col.WithTransport(c.tr)
	col.SetRequestTimeout(c.cfg.Timeout)
	col.SetRedirectHandler(c.checkRedirect)
	col.OnRequest(c.onRequest)
	col.OnResponseHeaders(c.onResponseHeaders)
	col.OnResponse(c.onResponse)
	col.OnError(c.onError)
	c.col = col
	// The template of newRequest; a request without URL always decodes.
	c.reqTmpl, _ = col.UnmarshalRequest([]byte(`{"Method":"GET"}`))
}
