package crawler

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newspipe/newspipe/store"
)

// Why a host is set aside for the rest of a run. The URLs of a host set
// aside for one of the carried reasons stay in the frontier and are tried by
// the next run; those of a capped host are dropped (a trap guard).
const (
	asidePaused  = "long_pause"         // Retry-After longer than MaxPause
	asideFailing = "host_failing"       // error budget spent
	asideRobots  = "robots_unreachable" // robots.txt could not be read
	asideCapped  = "host_cap"           // MaxHostPages reached
)

// hostFailLimit is a host's error budget: when this many different URLs in
// a row failed (timeouts, 5xx, network errors; retries of one URL count
// once) with no success between them, the host is set aside for the run.
// From the second such URL on, the host is backed off, doubling each time.
// A few broken links among working pages never trip it.
const hostFailLimit = 6

// Politeness is the delay and concurrency used for one host.
type Politeness struct {
	Delay       time.Duration // between request starts
	Concurrency int           // requests in flight at most
}

// robots.txt status of a host.
const (
	robotsUnknown = iota
	robotsFetching
	robotsKnown
)

// host is one host's queue counters and politeness clock, guarded by
// scheduler.mu. Its requests themselves are in the frontier.
type host struct {
	name     string // host:port, the frontier's queue key
	queued   int    // requests in the frontier queue
	retries  []retryJob
	running  int // requests holding a slot (until their body is read)
	conc     int
	gap      time.Duration // between request starts
	next     time.Time     // earliest start of the next request
	waitWhy  string        // what next is waiting for, for the progress line
	robots   int
	failing  []string // URLs that failed in a row, without a success between
	requests int      // requests started in this run
	aside    string
	givenUp  bool // the aside host was handed to the Coordinator
}

// retryJob is a request to try again at due.
type retryJob struct {
	job store.Job
	due time.Time
}

// task is what the scheduler hands a worker: the robots.txt fetch of a host,
// a retry, or the next queued request of a host (popped by the worker).
type task struct {
	h      *host
	robots bool
	retry  *store.Job
}

// scheduler decides which request starts next. Each host has its own queue
// and politeness clock; waiting for a host never holds a worker, so a slow,
// paused or failing host only slows itself.
type scheduler struct {
	mu     sync.Mutex
	hosts  map[string]*host // bounded by the allowed hosts
	wake   chan struct{}
	active int // tasks handed out and not finished

	pol       func(hostport string) Politeness
	maxPause  time.Duration
	retryBase time.Duration
	maxRetry  time.Duration
	hostCap   int
	now       func() time.Time
}

func newScheduler(pol func(string) Politeness, maxPause, retryBase, maxRetry time.Duration, hostCap int, now func() time.Time) *scheduler {
	return &scheduler{
		hosts: map[string]*host{}, wake: make(chan struct{}, 1),
		pol: pol, maxPause: maxPause, retryBase: retryBase, maxRetry: maxRetry, hostCap: hostCap, now: now,
	}
}

// signal wakes the dispatcher.
func (s *scheduler) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// hostLocked returns the host entry of name, creating it.
func (s *scheduler) hostLocked(name string) *host {
	h := s.hosts[name]
	if h == nil {
		p := s.pol(name)
		h = &host{name: name, conc: max(p.Concurrency, 1), gap: p.Delay}
		s.hosts[name] = h
	}
	return h
}

// added records n requests queued for a host.
func (s *scheduler) added(name string, n int) {
	s.mu.Lock()
	s.hostLocked(name).queued += n
	s.mu.Unlock()
	s.signal()
}

// next returns the task to start now, or how long to wait for one (0: until
// signalled). idle is true when nothing is queued, waiting or running.
func (s *scheduler) next() (t task, ok bool, wait time.Duration, idle bool) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	var best *host
	idle = s.active == 0
	for _, h := range s.hosts {
		if h.aside != "" || h.queued == 0 && len(h.retries) == 0 {
			continue
		}
		if s.hostCap > 0 && h.requests >= s.hostCap {
			h.aside = asideCapped
			continue
		}
		idle = false
		if h.running >= h.conc || h.robots == robotsFetching {
			continue
		}
		due := h.next
		if h.robots == robotsKnown && h.queued == 0 && h.retries[0].due.After(due) {
			due = h.retries[0].due
		}
		if due.After(now) {
			if d := due.Sub(now); wait == 0 || d < wait {
				wait = d
			}
			continue
		}
		if best == nil || h.next.Before(best.next) || h.next.Equal(best.next) && h.name < best.name {
			best = h
		}
	}
	if best == nil {
		return task{}, false, wait, idle
	}
	h := best
	t = task{h: h}
	switch {
	case h.robots == robotsUnknown:
		h.robots = robotsFetching
		t.robots = true
	case h.queued > 0:
		// Queued requests go before retries: a URL that hangs or fails is
		// tried again after the host's other pages, not in their way.
		h.queued--
		h.requests++
	default:
		j := h.retries[0].job
		h.retries = h.retries[1:]
		t.retry = &j
		h.requests++
	}
	h.running++
	h.next = now.Add(h.gap)
	h.waitWhy = "delay"
	s.active++
	return t, true, 0, false
}

// hop reserves the start of a redirect hop to the host name on the host's
// politeness clock and returns how long the hop must wait for it. A hop is
// a request to the host like any other, so the delay holds before and
// after it, although it runs inside the task that took the host's slot
// (the hop keeps that slot: concurrency is already counted).
func (s *scheduler) hop(name string) time.Duration {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hostLocked(name)
	start := h.next
	if start.Before(now) {
		start = now
	}
	h.next = start.Add(h.gap)
	return start.Sub(now)
}

// released frees h's slot: the response body was read (or the request
// failed), so the next request to h may start.
func (s *scheduler) released(h *host) {
	s.mu.Lock()
	h.running--
	s.mu.Unlock()
	s.signal()
}

// finished ends a task.
func (s *scheduler) finished() {
	s.mu.Lock()
	s.active--
	s.mu.Unlock()
	s.signal()
}

// emptied corrects h's count when its queue turned out empty.
func (s *scheduler) emptied(h *host) {
	s.mu.Lock()
	h.queued = 0
	s.mu.Unlock()
}

// robotsDone records the outcome of h's robots.txt fetch: the Crawl-delay
// raises the host's gap; an unreachable robots.txt sets the host aside.
func (s *scheduler) robotsDone(h *host, crawlDelay time.Duration, err error) {
	s.mu.Lock()
	h.robots = robotsKnown
	if err != nil {
		h.aside = asideRobots
	}
	if crawlDelay > h.gap {
		h.next = h.next.Add(crawlDelay - h.gap) // spaced from the robots.txt fetch
		h.gap = crawlDelay
		h.waitWhy = "crawl-delay"
	}
	s.mu.Unlock()
	s.signal()
}

// retryLater queues j to be tried again at due.
func (s *scheduler) retryLater(h *host, j store.Job, due time.Time) {
	s.mu.Lock()
	i := sort.Search(len(h.retries), func(i int) bool { return h.retries[i].due.After(due) })
	h.retries = append(h.retries, retryJob{})
	copy(h.retries[i+1:], h.retries[i:])
	h.retries[i] = retryJob{job: j, due: due}
	s.mu.Unlock()
	s.signal()
}

// pause keeps every request to the host from starting before until. A pause
// longer than maxPause sets the host aside: the run does not wait for it.
// It reports whether the host was set aside.
func (s *scheduler) pause(name string, until time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hostLocked(name)
	if until.Sub(s.now()) > s.maxPause {
		h.aside = asidePaused
		return true
	}
	if until.After(h.next) {
		h.next = until
		h.waitWhy = "retry-after"
	}
	return false
}

// failure counts a failed attempt at url against h's error budget and
// reports whether h was set aside by it.
func (s *scheduler) failure(h *host, url string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range h.failing {
		if u == url {
			return false // a retry: the URL already counts
		}
	}
	h.failing = append(h.failing, url)
	n := len(h.failing)
	if n >= hostFailLimit {
		if h.aside == "" {
			h.aside = asideFailing
			return true
		}
		return false
	}
	if n >= 2 {
		d := min(s.retryBase<<(n-2), s.maxRetry)
		if until := s.now().Add(d); until.After(h.next) {
			h.next = until
			h.waitWhy = "backoff"
		}
	}
	return false
}

// success resets h's error budget.
func (s *scheduler) success(h *host) {
	s.mu.Lock()
	h.failing = h.failing[:0]
	s.mu.Unlock()
}

// aside returns, per reason, the hosts set aside and the requests they
// left (queued and waiting retries).
func (s *scheduler) asideCounts() (hosts, urls map[string]int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	hosts, urls = map[string]int64{}, map[string]int64{}
	for _, h := range s.hosts {
		if h.aside == "" {
			continue
		}
		hosts[h.aside]++
		urls[h.aside] += int64(h.queued + len(h.retries))
	}
	return hosts, urls
}

// capReached sets h aside as capped: the processes of a shared crawl
// together made its cap of requests (see hostCapped). It reports whether
// h was not aside already.
func (s *scheduler) capReached(h *host) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h.aside != "" {
		return false
	}
	h.aside = asideCapped
	return true
}

// carries reports whether the requests left by the named host go to the
// next run.
func (s *scheduler) carries(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hosts[name]
	return h != nil && h.aside != "" && h.aside != asideCapped
}

// status describes what the crawl waits for, for the progress line.
func (s *scheduler) status() string {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	why := map[string]int{}
	busy, aside := 0, 0
	for _, h := range s.hosts {
		switch {
		case h.aside != "":
			aside++
		case h.queued == 0 && len(h.retries) == 0:
		case h.running >= h.conc:
			busy++
		case h.next.After(now):
			why[h.waitWhy]++
		}
	}
	var parts []string
	if busy > 0 {
		parts = append(parts, fmt.Sprintf("%d hosts busy", busy))
	}
	for _, w := range []string{"delay", "crawl-delay", "retry-after", "backoff"} {
		if why[w] > 0 {
			parts = append(parts, fmt.Sprintf("%d on %s", why[w], w))
		}
	}
	if aside > 0 {
		parts = append(parts, fmt.Sprintf("%d set aside", aside))
	}
	return strings.Join(parts, ", ")
}

// sync raises the queue counts of the hosts other processes of a shared
// crawl queued requests for (queued: host to queue length), and reports
// whether any host not set aside got requests to hand out.
func (s *scheduler) sync(queued map[string]int) bool {
	s.mu.Lock()
	changed := false
	for name, n := range queued {
		h := s.hostLocked(name)
		if h.aside == "" && n > h.queued {
			h.queued, changed = n, true
		}
	}
	s.mu.Unlock()
	if changed {
		s.signal()
	}
	return changed
}

// politenessOf returns h's delay between request starts (Crawl-delay
// included) and its concurrency.
func (s *scheduler) politenessOf(h *host) (time.Duration, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return h.gap, h.conc
}

// politenessByName is politenessOf for a host key (scheme://host:port).
func (s *scheduler) politenessByName(name string) (time.Duration, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hostLocked(name)
	return h.gap, h.conc
}

// deny undoes the start of a request whose shared fetch slot was refused:
// j waits again (as a retry when it was one) and h starts nothing for wait,
// or is set aside when wait is longer than the run waits for a host.
func (s *scheduler) deny(h *host, j store.Job, retry bool, wait time.Duration) {
	now := s.now()
	s.mu.Lock()
	h.requests--
	if !retry {
		h.queued++
	}
	if wait > s.maxPause {
		h.aside = asidePaused
	} else if until := now.Add(wait); until.After(h.next) {
		h.next, h.waitWhy = until, "other workers"
	}
	s.mu.Unlock()
	if retry {
		s.retryLater(h, j, now.Add(wait))
	}
	s.signal()
}

// robotsLater makes h's robots.txt fetch wait for another turn in wait.
func (s *scheduler) robotsLater(h *host, wait time.Duration) {
	s.mu.Lock()
	h.robots = robotsUnknown
	if until := s.now().Add(wait); until.After(h.next) {
		h.next, h.waitWhy = until, "other workers"
	}
	s.mu.Unlock()
	s.signal()
}

// asideHost is a host set aside, to hand to a shared crawl's Coordinator.
type asideHost struct {
	name  string
	carry bool        // its requests go to the next run
	held  []store.Job // the retries it left
}

// asideToGiveUp returns the hosts set aside and not yet handed over, and
// those handed over that other processes queued requests for since
// (queued), taking their waiting retries.
func (s *scheduler) asideToGiveUp(queued map[string]int) []asideHost {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []asideHost
	for _, h := range s.hosts {
		if h.aside == "" || h.givenUp && queued[h.name] == 0 {
			continue
		}
		a := asideHost{name: h.name, carry: h.aside != asideCapped}
		for _, r := range h.retries {
			a.held = append(a.held, r.job)
		}
		h.retries, h.givenUp = nil, true
		out = append(out, a)
	}
	return out
}
