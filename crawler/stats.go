package crawler

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newspipe/newspipe/internal/countfmt"
)

// Stats summarizes one run.
type Stats struct {
	Started  time.Time
	Duration time.Duration

	Requests    int64 // HTTP requests sent (retries included, robots.txt not)
	Fetched     int64 // 2xx responses
	NotModified int64 // 304 responses to conditional GETs
	Articles    int64 // fetched pages judged to be articles
	Emitted     int64 // records written
	Unchanged   int64 // articles already emitted with the same content_hash
	NonArticles int64 // pages followed but not emitted (home, listing ...)
	Recovered   int   // records found in the output that the state lacked (a killed run, a new state directory)

	// Skipped counts URLs or responses left alone on purpose, by reason:
	// robots, not_html, too_large, depth, calendar_trap, host_cap,
	// page_cap, duplicate, offsite_redirect.
	Skipped map[string]int64
	// Errors counts failures by kind, once per URL (retries are not
	// counted): http_4xx, http_5xx, http_429, timeout, network,
	// robots_unreachable, extract, feed, sitemap, output, state.
	Errors map[string]int64
	// Rejected counts, by reason, the fetched pages with a substantial
	// body that were not taken for articles (each is logged at debug).
	Rejected map[string]int64

	SeedsOK   int  // seeds that answered (2xx or 304)
	Seeds     int  // seeds requested (none when an unfinished run is continued; in a shared crawl, those this process queued)
	Cancelled bool // stopped by the context (signal)
	Failed    bool // stopped by a state or output error (Run returns it)
	Truncated bool // the page cap or MaxDuration cut the run short; the next run continues it
	// DeadlineReached is true when MaxDuration stopped the run.
	DeadlineReached bool
	// Resumed is true when the run continued an unfinished one.
	Resumed     bool
	ValidatorsN int // cache validators committed for the next run

	// AsideHosts and AsideURLs count, per reason (long_pause,
	// host_failing, robots_unreachable, host_cap), the hosts set aside
	// during the run and the URLs they left unfetched. Carried is how many
	// of those URLs the next run will try (all but host_cap's).
	AsideHosts map[string]int64
	AsideURLs  map[string]int64
	Carried    int

	// SiteDrift lists the sites whose share of articles with a field (date,
	// authors, ...) dropped sharply against their recent runs, with the
	// fields ("host: date 96%→0%"): the sign of a portal's new layout.
	SiteDrift []string

	// CrawlWide holds, in the last process out of a shared crawl's
	// completed run, the counters of every process of the run added up
	// (see Tally); nil otherwise.
	CrawlWide map[string]int64
}

// Tally returns the counters a process adds to a shared crawl's
// crawl-wide summary.
func (s *Stats) Tally() map[string]int64 {
	t := map[string]int64{
		"workers": 1, "requests": s.Requests, "fetched": s.Fetched, "not_modified": s.NotModified,
		"articles": s.Articles, "emitted": s.Emitted, "unchanged": s.Unchanged, "other_pages": s.NonArticles,
		"seeds": int64(s.Seeds), "seeds_ok": int64(s.SeedsOK),
	}
	for _, n := range s.Errors {
		t["errors"] += n
	}
	return t
}

// counters is the concurrent form of Stats used during a run.
type counters struct {
	requests, fetched, notModified, articles, emitted, unchanged, nonArticles atomic.Int64
	seedsOK                                                                   atomic.Int64

	mu       sync.Mutex
	skipped  map[string]int64
	errors   map[string]int64
	rejected map[string]int64
}

func newCounters() *counters {
	return &counters{skipped: map[string]int64{}, errors: map[string]int64{}, rejected: map[string]int64{}}
}

func (c *counters) skip(reason string) {
	c.mu.Lock()
	c.skipped[reason]++
	c.mu.Unlock()
}

func (c *counters) reject(reason string) {
	c.mu.Lock()
	c.rejected[reason]++
	c.mu.Unlock()
}

func (c *counters) skipN(reason string, n int64) {
	c.mu.Lock()
	c.skipped[reason] += n
	c.mu.Unlock()
}

func (c *counters) fail(kind string) {
	c.mu.Lock()
	c.errors[kind]++
	c.mu.Unlock()
}

func (c *counters) errorCount() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var n int64
	for _, v := range c.errors {
		n += v
	}
	return n
}

func (c *counters) snapshot(s *Stats) {
	s.Requests = c.requests.Load()
	s.Fetched = c.fetched.Load()
	s.NotModified = c.notModified.Load()
	s.Articles = c.articles.Load()
	s.Emitted = c.emitted.Load()
	s.Unchanged = c.unchanged.Load()
	s.NonArticles = c.nonArticles.Load()
	s.SeedsOK = int(c.seedsOK.Load())
	c.mu.Lock()
	s.Skipped = make(map[string]int64, len(c.skipped))
	for k, v := range c.skipped {
		s.Skipped[k] = v
	}
	s.Errors = make(map[string]int64, len(c.errors))
	for k, v := range c.errors {
		s.Errors[k] = v
	}
	s.Rejected = make(map[string]int64, len(c.rejected))
	for k, v := range c.rejected {
		s.Rejected[k] = v
	}
	c.mu.Unlock()
}

// WriteSummary prints the run summary for people.
func (s *Stats) WriteSummary(w io.Writer) {
	state := "finished"
	switch {
	case s.Failed:
		state = "failed (the next run continues it)"
	case s.Cancelled:
		state = "stopped"
	case s.DeadlineReached:
		state = "stopped at --max-duration (the next run continues it)"
	case s.Truncated:
		state = "stopped at the page cap (the next run continues it)"
	}
	fmt.Fprintf(w, "newspipe crawl %s in %s: %d requests, %d fetched, %d not modified; %d articles: %d emitted, %d unchanged; %d other pages\n",
		state, s.Duration.Round(time.Millisecond), s.Requests, s.Fetched, s.NotModified, s.Articles, s.Emitted, s.Unchanged, s.NonArticles)
	if s.Resumed {
		fmt.Fprintf(w, "  this run continued an unfinished one (its seeds were fetched then)\n")
	}
	fmt.Fprintf(w, "  seeds reachable: %d/%d; skipped: %s\n", s.SeedsOK, s.Seeds, countfmt.Format(s.Skipped))
	fmt.Fprintf(w, "  errors: %s\n", countfmt.Format(s.Errors))
	if len(s.AsideHosts) > 0 {
		fmt.Fprintf(w, "  hosts set aside: %s; URLs they left: %s; %d carried over to the next run\n",
			countfmt.Format(s.AsideHosts), countfmt.Format(s.AsideURLs), s.Carried)
	}
	if len(s.Rejected) > 0 {
		fmt.Fprintf(w, "  pages with a body not taken for articles: %s\n", countfmt.Format(s.Rejected))
	}
	if s.Recovered > 0 {
		fmt.Fprintf(w, "  %d records already in the output but not in the crawl state (an interrupted run, or a new state directory) will not be emitted again\n", s.Recovered)
	}
	if len(s.SiteDrift) > 0 {
		fmt.Fprintf(w, "  site drift (%d sites; layout changed?): %s\n", len(s.SiteDrift), strings.Join(s.SiteDrift, "; "))
	}
	if s.CrawlWide != nil {
		t := s.CrawlWide
		fmt.Fprintf(w, "  crawl-wide (all %d workers of the run): %d requests, %d fetched, %d not modified; %d articles: %d emitted, %d unchanged; %d other pages; %d errors\n",
			t["workers"], t["requests"], t["fetched"], t["not_modified"], t["articles"], t["emitted"], t["unchanged"], t["other_pages"], t["errors"])
	}
}

// startProgress shows a one-line status on Config.Progress until the
// returned function is called.
func (c *crawl) startProgress() (stop func()) {
	if c.cfg.Progress == nil {
		return func() {}
	}
	done, quit := make(chan struct{}), make(chan struct{})
	go c.progress(c.cfg.Progress, quit, done)
	return func() { close(quit); <-done }
}

// progress writes the status line every half second: elapsed time, counts,
// the request rate, and what the crawl is waiting for.
func (c *crawl) progress(w io.Writer, quit <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	start := time.Now()
	for {
		select {
		case <-quit:
			fmt.Fprint(w, "\r\033[K")
			return
		case <-t.C:
			el := time.Since(start)
			rate := float64(c.cnt.requests.Load()) / el.Seconds()
			line := fmt.Sprintf("%s  %.0f req/s  fetched %d  304 %d  emitted %d  errors %d",
				el.Round(time.Second), rate, c.cnt.fetched.Load(), c.cnt.notModified.Load(),
				c.cnt.emitted.Load(), c.cnt.errorCount())
			if st := c.sched.status(); st != "" {
				line += "  waiting: " + st
			}
			fmt.Fprint(w, "\r\033[K"+line)
		}
	}
}
