package crawler

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHostLimiter(t *testing.T) {
	lim := newHostLimiter(func(host string) Politeness {
		if host == "slow:80" {
			return Politeness{Delay: 50 * time.Millisecond, Concurrency: 1}
		}
		return Politeness{Concurrency: 2}
	})
	ctx := context.Background()

	// Spacing: 4 requests to a host with a 50ms delay take >= 150ms.
	start := time.Now()
	for i := 0; i < 4; i++ {
		rel, err := lim.acquire(ctx, "slow:80", true)
		if err != nil {
			t.Fatal(err)
		}
		rel()
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("4 requests with 50ms delay took %v", d)
	}

	// Concurrency: never more than 2 in flight to one host, and other
	// hosts are not held up by it.
	var inFlight, peak atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rel, _ := lim.acquire(ctx, "fast:80", true)
			n := inFlight.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(10 * time.Millisecond)
			inFlight.Add(-1)
			rel()
		}()
	}
	otherStart := time.Now()
	rel, _ := lim.acquire(ctx, "other:80", true)
	rel()
	if d := time.Since(otherStart); d > 5*time.Millisecond {
		t.Errorf("another host waited %v", d)
	}
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Errorf("peak concurrency %d, want 2", p)
	}

	// Pause (Retry-After) holds the host back; cancellation ends the wait.
	lim.pause("fast:80", time.Now().Add(time.Hour))
	cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := lim.acquire(cctx, "fast:80", true); err == nil {
		t.Error("acquire during a pause did not wait")
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"Thu, 01 Jan 2026 12:00:10 GMT", 10 * time.Second, true},
		{"Thu, 01 Jan 2026 11:00:00 GMT", 0, true},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}
