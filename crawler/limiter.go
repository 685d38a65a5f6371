package crawler

import (
	"context"
	"sync"
	"time"
)

// hostLimiter enforces per-host politeness: at most Concurrency requests in
// flight to one host, request starts at least Delay apart, and pauses asked
// for by the server (Retry-After). colly's LimitRule cannot do this: one rule
// throttles every host it matches together.
type hostLimiter struct {
	mu    sync.Mutex
	hosts map[string]*hostSlot // one entry per allowed host: bounded
	def   Politeness
	per   func(host string) Politeness
}

// Politeness is the delay and concurrency used for one host.
type Politeness struct {
	Delay       time.Duration
	Concurrency int
}

type hostSlot struct {
	sem  chan struct{}
	mu   sync.Mutex
	next time.Time // earliest start of the next request
	gap  time.Duration
}

func newHostLimiter(per func(host string) Politeness) *hostLimiter {
	return &hostLimiter{hosts: map[string]*hostSlot{}, per: per}
}

func (l *hostLimiter) slot(host string) *hostSlot {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.hosts[host]
	if s == nil {
		p := l.per(host)
		if p.Concurrency < 1 {
			p.Concurrency = 1
		}
		s = &hostSlot{sem: make(chan struct{}, p.Concurrency), gap: p.Delay}
		l.hosts[host] = s
	}
	return s
}

// acquire waits for a free slot and for the host's next start time. The
// returned release must be called when the response body is done. With
// concurrent false only the spacing is applied (robots.txt fetches, which
// may happen while a slot is held).
func (l *hostLimiter) acquire(ctx context.Context, host string, concurrent bool) (release func(), err error) {
	s := l.slot(host)
	if concurrent {
		select {
		case s.sem <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	release = func() {}
	if concurrent {
		var once sync.Once
		release = func() { once.Do(func() { <-s.sem }) }
	}
	s.mu.Lock()
	now := time.Now()
	start := s.next
	if start.Before(now) {
		start = now
	}
	s.next = start.Add(s.gap)
	s.mu.Unlock()
	if wait := time.Until(start); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			release()
			return nil, ctx.Err()
		}
	}
	return release, nil
}

// pause keeps every request to host from starting before until.
func (l *hostLimiter) pause(host string, until time.Time) {
	s := l.slot(host)
	s.mu.Lock()
	if until.After(s.next) {
		s.next = until
	}
	s.mu.Unlock()
}

// atLeast raises the delay between request starts to host to d.
func (l *hostLimiter) atLeast(host string, d time.Duration) {
	s := l.slot(host)
	s.mu.Lock()
	if d > s.gap {
		s.gap = d
	}
	s.mu.Unlock()
}
