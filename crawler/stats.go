package crawler

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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
	Recovered   int   // records of a killed earlier run found in the output

	// Skipped counts URLs or responses left alone on purpose, by reason:
	// robots, not_html, too_large, depth, calendar_trap, host_cap,
	// page_cap, duplicate, offsite_redirect.
	Skipped map[string]int64
	// Errors counts failures by kind: http_4xx, http_5xx, timeout,
	// network, robots_unreachable, extract, feed, sitemap, output.
	Errors map[string]int64

	SeedsOK     int  // seeds that answered (2xx or 304)
	Seeds       int  // seeds requested
	Cancelled   bool // stopped by the context (signal)
	Truncated   bool // a page cap cut the crawl short
	ValidatorsN int  // cache validators committed for the next run
}

// counters is the concurrent form of Stats used during a run.
type counters struct {
	requests, fetched, notModified, articles, emitted, unchanged, nonArticles atomic.Int64
	seedsOK                                                                   atomic.Int64

	mu      sync.Mutex
	skipped map[string]int64
	errors  map[string]int64
}

func newCounters() *counters {
	return &counters{skipped: map[string]int64{}, errors: map[string]int64{}}
}

func (c *counters) skip(reason string) {
	c.mu.Lock()
	c.skipped[reason]++
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
	c.mu.Unlock()
}

func formatCounts(m map[string]int64) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}

// WriteSummary prints the run summary for people.
func (s *Stats) WriteSummary(w io.Writer) {
	state := "finished"
	switch {
	case s.Cancelled:
		state = "stopped"
	case s.Truncated:
		state = "finished (page cap reached)"
	}
	fmt.Fprintf(w, "newspipe crawl %s in %s: %d requests, %d fetched, %d not modified; %d articles: %d emitted, %d unchanged; %d other pages\n",
		state, s.Duration.Round(time.Millisecond), s.Requests, s.Fetched, s.NotModified, s.Articles, s.Emitted, s.Unchanged, s.NonArticles)
	fmt.Fprintf(w, "  seeds reachable: %d/%d; skipped: %s\n", s.SeedsOK, s.Seeds, formatCounts(s.Skipped))
	fmt.Fprintf(w, "  errors: %s\n", formatCounts(s.Errors))
	if s.Recovered > 0 {
		fmt.Fprintf(w, "  %d records of an interrupted earlier run were found in the output and will not be emitted again\n", s.Recovered)
	}
}

// progress writes a one-line status to a terminal until stop is closed.
func progress(w io.Writer, c *counters, queued func() int, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(500 * time.Millisecond)
	defer t.Stop()
	start := time.Now()
	for {
		select {
		case <-stop:
			fmt.Fprint(w, "\r\033[K")
			return
		case <-t.C:
			fmt.Fprintf(w, "\r\033[K%s  fetched %d  304 %d  emitted %d  errors %d  queued %d",
				time.Since(start).Round(time.Second), c.fetched.Load(), c.notModified.Load(),
				c.emitted.Load(), c.errorCount(), queued())
		}
	}
}
