package crawler

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
)

// fakeClock is a settable clock for the scheduler.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }
func newFakeClock() *fakeClock           { return &fakeClock{t: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)} }
func fixedPolite(d time.Duration, n int) func(string) Politeness {
	return func(string) Politeness { return Politeness{Delay: d, Concurrency: n} }
}

// startAll takes every task due now, robots first, and returns the hosts
// of the page tasks.
func startAll(t *testing.T, s *scheduler) []string {
	t.Helper()
	var got []string
	for {
		tk, ok, _, _ := s.next()
		if !ok {
			return got
		}
		if tk.robots {
			s.robotsDone(tk.h, 0, nil)
			s.released(tk.h)
			s.finished()
			continue
		}
		got = append(got, tk.h.name)
	}
}

// A host with a long delay does not hold back the others: they start as
// soon as their own politeness allows (issue: one slow host starved the
// crawl).
func TestSchedulerSlowHostDoesNotStarveOthers(t *testing.T) {
	clk := newFakeClock()
	pol := func(h string) Politeness {
		if h == "http://slow" {
			return Politeness{Delay: 20 * time.Second, Concurrency: 2}
		}
		return Politeness{Delay: 0, Concurrency: 2}
	}
	s := newScheduler(pol, time.Minute, time.Second, time.Minute, 0, clk.now)
	s.added("http://slow", 50)
	s.added("http://fast", 50)
	fast := 0
	for step := 0; step < 100 && fast < 50; step++ {
		for _, h := range startAll(t, s) {
			if h == "http://fast" {
				fast++
			}
			s.released(s.hosts[h])
			s.finished()
		}
		clk.add(10 * time.Millisecond)
	}
	if fast != 50 {
		t.Fatalf("fast host got %d of 50 starts while the slow one waited", fast)
	}
	if h := s.hosts["http://slow"]; h.requests != 0 {
		t.Errorf("slow host started %d page requests in 1 s after its robots.txt; its delay is 20 s", h.requests)
	}
	_, ok, wait, idle := s.next()
	if ok || idle || wait <= 18*time.Second || wait > 20*time.Second {
		t.Errorf("next = ok %v idle %v wait %v; want a wait of about 19 s for the slow host", ok, idle, wait)
	}
}

// Concurrency holds per host, and a released slot is reused at once.
func TestSchedulerConcurrency(t *testing.T) {
	clk := newFakeClock()
	s := newScheduler(fixedPolite(0, 2), time.Minute, time.Second, time.Minute, 0, clk.now)
	s.added("http://a", 5)
	if got := startAll(t, s); len(got) != 2 {
		t.Fatalf("started %d requests at once, want 2", len(got))
	}
	s.released(s.hosts["http://a"])
	if got := startAll(t, s); len(got) != 1 {
		t.Errorf("after one release started %d, want 1", len(got))
	}
}

// Retry-After pauses every request of the host, including ones that would
// have been due before it; a pause longer than the cap sets the host aside
// (issue: a 503 with Retry-After: 3 was followed by a request 1 s later, and
// a long Retry-After froze the run).
func TestSchedulerPause(t *testing.T) {
	clk := newFakeClock()
	s := newScheduler(fixedPolite(100*time.Millisecond, 2), time.Minute, time.Second, time.Minute, 0, clk.now)
	s.added("http://a", 5)
	startAll(t, s)
	if s.pause("http://a", clk.t.Add(3*time.Second)) {
		t.Fatal("a 3 s pause set the host aside")
	}
	s.released(s.hosts["http://a"])
	s.released(s.hosts["http://a"])
	clk.add(2900 * time.Millisecond)
	if got := startAll(t, s); len(got) != 0 {
		t.Errorf("%d requests started during the pause", len(got))
	}
	clk.add(200 * time.Millisecond)
	if got := startAll(t, s); len(got) == 0 {
		t.Error("no request after the pause")
	}
	if !s.pause("http://a", clk.t.Add(2*time.Hour)) {
		t.Fatal("a 2 h pause did not set the host aside")
	}
	if !s.carries("http://a") {
		t.Error("a host set aside for a long pause does not carry its URLs over")
	}
	hosts, urls := s.asideCounts()
	if hosts[asidePaused] != 1 || urls[asidePaused] == 0 {
		t.Errorf("aside counts = %v %v", hosts, urls)
	}
}

// A host whose URLs keep failing is backed off, then set aside; retries of
// one URL count once, and a success resets the budget.
func TestSchedulerErrorBudget(t *testing.T) {
	clk := newFakeClock()
	s := newScheduler(fixedPolite(0, 1), time.Minute, time.Second, time.Minute, 0, clk.now)
	s.added("http://bad", 100)
	startAll(t, s)
	h := s.hosts["http://bad"]
	for try := 0; try < 10; try++ {
		if s.failure(h, "http://bad/1") {
			t.Fatal("retries of one URL set the host aside")
		}
	}
	for i := 2; i < hostFailLimit; i++ {
		if s.failure(h, fmt.Sprintf("http://bad/%d", i)) {
			t.Fatalf("set aside after %d failing URLs", i)
		}
	}
	if !h.next.After(clk.t) {
		t.Error("no backoff after repeated failures")
	}
	s.success(h)
	if len(h.failing) != 0 {
		t.Error("success did not reset the budget")
	}
	for i := 1; i < hostFailLimit; i++ {
		s.failure(h, fmt.Sprintf("http://bad/x%d", i))
	}
	if !s.failure(h, "http://bad/last") || h.aside != asideFailing {
		t.Errorf("not set aside after %d failing URLs in a row", hostFailLimit)
	}
}

// Retries wait in the scheduler until due, ahead of the host's queue.
func TestSchedulerRetry(t *testing.T) {
	clk := newFakeClock()
	s := newScheduler(fixedPolite(0, 1), time.Minute, time.Second, time.Minute, 0, clk.now)
	s.added("http://a", 2)
	startAll(t, s)
	h := s.hosts["http://a"]
	s.retryLater(h, store.Job{URL: "http://a/x"}, clk.t.Add(time.Second))
	s.released(h)
	s.finished()
	tk, ok, _, _ := s.next()
	if !ok || tk.retry != nil {
		t.Fatalf("queued request should go first while the retry is not due: %+v %v", tk, ok)
	}
	s.released(h)
	s.finished()
	if _, ok, wait, idle := s.next(); ok || idle || wait != time.Second {
		t.Errorf("next = %v %v %v; want to wait 1 s for the retry", ok, wait, idle)
	}
	clk.add(time.Second)
	tk, ok, _, _ = s.next()
	if !ok || tk.retry == nil || tk.retry.URL != "http://a/x" {
		t.Errorf("retry not handed out when due: %+v", tk)
	}
}

// The host cap sets a host aside and drops, not carries, its URLs.
func TestSchedulerHostCap(t *testing.T) {
	clk := newFakeClock()
	s := newScheduler(fixedPolite(0, 10), time.Minute, time.Second, time.Minute, 3, clk.now)
	s.added("http://trap", 10)
	if got := startAll(t, s); len(got) != 3 {
		t.Errorf("started %d, want the cap of 3", len(got))
	}
	if s.carries("http://trap") {
		t.Error("a capped host carries its URLs over")
	}
}

// The progress line says what the crawl waits for.
func TestSchedulerStatus(t *testing.T) {
	clk := newFakeClock()
	pol := func(h string) Politeness {
		if h == "http://slow" {
			return Politeness{Delay: 20 * time.Second, Concurrency: 1}
		}
		return Politeness{Concurrency: 1}
	}
	s := newScheduler(pol, time.Minute, time.Second, time.Minute, 0, clk.now)
	s.added("http://slow", 3)
	s.added("http://busy", 3)
	s.added("http://gone", 3)
	for _, h := range startAll(t, s) {
		s.released(s.hosts[h])
		s.finished()
	}
	startAll(t, s) // busy takes its slot again; slow waits for its delay
	s.robotsDone(s.hosts["http://slow"], 30*time.Second, nil)
	s.pause("http://gone", clk.t.Add(time.Hour))
	got := s.status()
	for _, want := range []string{"1 hosts busy", "1 on crawl-delay", "1 set aside"} {
		if !strings.Contains(got, want) {
			t.Errorf("status %q lacks %q", got, want)
		}
	}
}
