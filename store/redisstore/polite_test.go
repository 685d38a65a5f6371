package redisstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
	"github.com/newspipe/newspipe/store/redistest"
)

// Six workers with their own connections hammer one host with delay 50ms
// and concurrency 2 for 2 s: never more than 2 fetches in flight, starts
// (by the Redis clock, which decided them) at least 50ms apart, and both
// slots in use at times.
func TestAcquireAcrossWorkers(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	const (
		workers     = 6
		delay       = 50 * time.Millisecond
		concurrency = 2
		run         = 2 * time.Second
	)
	var (
		inflight, maxInflight atomic.Int32
		mu                    sync.Mutex
		serverStarts          []int64
		clientStarts          []time.Time
		wg                    sync.WaitGroup
	)
	end := time.Now().Add(run)
	for w := range workers {
		s := open(t, srv, "c")
		name := fmt.Sprintf("w%d", w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) {
				ok, wait, now, err := s.acquire(ctx, "portal.example", name, delay, concurrency, 5*time.Second, 0)
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					if wait <= 0 || wait > delay {
						t.Errorf("wait %v outside (0, %v]", wait, delay)
					}
					time.Sleep(wait)
					continue
				}
				n := inflight.Add(1)
				for m := maxInflight.Load(); n > m && !maxInflight.CompareAndSwap(m, n); m = maxInflight.Load() {
				}
				mu.Lock()
				serverStarts = append(serverStarts, now)
				clientStarts = append(clientStarts, time.Now())
				mu.Unlock()
				time.Sleep(time.Duration(60+rand.IntN(80)) * time.Millisecond) // the fetch
				inflight.Add(-1)
				if err := s.Release(ctx, "portal.example", name); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if m := maxInflight.Load(); m != concurrency {
		t.Errorf("at most %d fetches in flight, want exactly %d", m, concurrency)
	}
	slices.Sort(serverStarts)
	minGap := int64(1 << 62)
	for i := 1; i < len(serverStarts); i++ {
		gap := serverStarts[i] - serverStarts[i-1]
		minGap = min(minGap, gap)
		if gap < delay.Milliseconds() {
			t.Errorf("starts %d and %d are %dms apart, want >= %v", i-1, i, gap, delay)
		}
	}
	slices.SortFunc(clientStarts, func(a, b time.Time) int { return a.Compare(b) })
	minClient := time.Hour
	for i := 1; i < len(clientStarts); i++ {
		minClient = min(minClient, clientStarts[i].Sub(clientStarts[i-1]))
	}
	t.Logf("%d starts in %v; smallest gap %dms by the Redis clock, %v as the workers saw it", len(serverStarts), run, minGap, minClient.Round(time.Millisecond))
	// 2 slots of ~100ms fetches allow ~20 starts a second, the delay 20.
	if len(serverStarts) < 15 {
		t.Errorf("only %d starts in %v: workers starved", len(serverStarts), run)
	}
}

// A slot held by a worker that dies without releasing frees itself after
// hold.
func TestSlotFreesAfterHold(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	dead, live := open(t, srv, "c"), open(t, srv, "c")
	const hold = 300 * time.Millisecond
	ok, _, granted, err := dead.acquire(ctx, "h", "dead", 0, 1, hold, 0)
	if err != nil || !ok {
		t.Fatalf("first Acquire = %v, %v", ok, err)
	}
	polls := 0
	for {
		ok, wait, now, err := live.acquire(ctx, "h", "live", 0, 1, time.Minute, 0)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			if held := now - granted; held < hold.Milliseconds() {
				t.Fatalf("slot freed after %dms, before hold %v", held, hold)
			} else if held > hold.Milliseconds()+200 {
				t.Fatalf("slot freed only after %dms (hold %v)", held, hold)
			}
			break
		}
		if wait > minPoll {
			t.Fatalf("wait %v for a held slot exceeds the poll cap %v", wait, minPoll)
		}
		polls++
		time.Sleep(wait)
	}
	if polls < 2 {
		t.Errorf("granted after %d polls: the slot was not held", polls)
	}
	// The slot of a worker that releases frees at once.
	if err := live.Release(ctx, "h", "live"); err != nil {
		t.Fatal(err)
	}
	if ok, _, err := dead.Acquire(ctx, "h", "dead", 0, 1, hold, 0); err != nil || !ok {
		t.Fatalf("Acquire after Release = %v, %v", ok, err)
	}
}

func TestAcquireDelayAndPause(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "c")
	acq := func(host, w string, delay time.Duration) (bool, time.Duration) {
		t.Helper()
		ok, wait, err := s.Acquire(ctx, host, w, delay, 2, time.Minute, 0)
		if err != nil {
			t.Fatal(err)
		}
		return ok, wait
	}
	// The delay holds between starts, whoever asks.
	if ok, _ := acq("a", "w1", 100*time.Millisecond); !ok {
		t.Fatal("first Acquire refused")
	}
	ok, wait := acq("a", "w2", 100*time.Millisecond)
	if ok || wait <= 50*time.Millisecond || wait > 100*time.Millisecond {
		t.Fatalf("second Acquire = %v, wait %v; want refused with wait in (50ms, 100ms]", ok, wait)
	}
	time.Sleep(wait)
	if ok, _ := acq("a", "w2", 100*time.Millisecond); !ok {
		t.Fatal("Acquire after the delay refused")
	}
	// Both slots held: a third worker waits at most the poll cap.
	time.Sleep(100 * time.Millisecond)
	if ok, wait := acq("a", "w3", 0); ok || wait > minPoll {
		t.Fatalf("third slot = %v, wait %v; want refused, wait <= %v", ok, wait, minPoll)
	}
	// Pause: every worker waits, the longer pause wins, other hosts go on.
	left, err := s.Pause(ctx, "b", 300*time.Millisecond)
	if err != nil || left <= 250*time.Millisecond || left > 300*time.Millisecond {
		t.Fatalf("Pause = %v, %v; want ~300ms", left, err)
	}
	if left, err := s.Pause(ctx, "b", 50*time.Millisecond); err != nil || left <= 200*time.Millisecond {
		t.Fatalf("a shorter Pause = %v, %v; want the longer one kept", left, err)
	}
	ok, wait = acq("b", "w1", 0)
	if ok || wait <= 150*time.Millisecond || wait > 300*time.Millisecond {
		t.Fatalf("Acquire while paused = %v, wait %v; want refused with the pause's rest", ok, wait)
	}
	if ok, _ := acq("c", "w1", 0); !ok {
		t.Fatal("a pause on b stopped c")
	}
	time.Sleep(wait)
	if ok, _ := acq("b", "w1", 0); !ok {
		t.Fatal("Acquire after the pause refused")
	}
	for _, tc := range []struct {
		host        string
		delay, hold time.Duration
		conc        int
	}{
		{"", 0, time.Second, 1},
		{"h", 0, time.Second, 0},
		{"h", 0, 0, 1},
		{"h", -time.Second, time.Second, 1},
	} {
		if _, _, err := s.Acquire(ctx, tc.host, "w", tc.delay, tc.conc, tc.hold, 0); err == nil {
			t.Errorf("Acquire(%q, delay %v, conc %d, hold %v) accepted", tc.host, tc.delay, tc.conc, tc.hold)
		}
	}
	if _, err := s.Pause(ctx, "h", 0); err == nil {
		t.Error("Pause of 0 accepted")
	}
	if _, err := s.Pause(ctx, "a b", time.Second); !errors.Is(err, errBadHost) {
		t.Errorf("Pause of a bad host = %v", err)
	}
}

// TestAcquireLimit: a positive limit caps the new slots granted on a host
// in the run, whichever worker asks; refreshing a held slot does not count;
// past the cap the error is store.ErrHostCapped, on every host separately.
func TestAcquireLimit(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a, b := open(t, srv, "limit"), open(t, srv, "limit")
	for i, s := range []*Store{a, b, a} {
		if ok, _, err := s.Acquire(ctx, "h", fmt.Sprintf("w%d", i), 0, 10, time.Minute, 3); err != nil || !ok {
			t.Fatalf("grant %d: %v, %v", i+1, ok, err)
		}
	}
	if ok, _, err := a.Acquire(ctx, "h", "w0", 0, 10, time.Minute, 3); err != nil || !ok {
		t.Fatalf("refresh of a held slot: %v, %v; want granted", ok, err)
	}
	a.Release(ctx, "h", "w0")
	if _, _, err := b.Acquire(ctx, "h", "w9", 0, 10, time.Minute, 3); !errors.Is(err, store.ErrHostCapped) {
		t.Fatalf("fourth new slot: %v; want ErrHostCapped", err)
	}
	if ok, _, err := b.Acquire(ctx, "other", "w9", 0, 10, time.Minute, 3); err != nil || !ok {
		t.Errorf("another host: %v, %v; want granted", ok, err)
	}
	if ok, _, err := b.Acquire(ctx, "h", "w8", 0, 10, time.Minute, 0); err != nil || !ok {
		t.Errorf("no limit: %v, %v; want granted", ok, err)
	}
}
