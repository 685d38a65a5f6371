package crawler

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

// slowTurns is a Coordinator keeping one host's turns as the shared store
// does (a grant starts the delay; asking again under a held slot refreshes
// it), whose answers to the first lateGrants grants arrive late, as to a
// process starved of CPU or behind a slow link.
type slowTurns struct {
	alone
	late       time.Duration
	lateGrants int
	pauseAfter time.Duration // when set, the host is paused this long after the first grant

	mu       sync.Mutex
	next     time.Time
	grants   []time.Time
	released []string
}

func (c *slowTurns) Release(_ context.Context, _, slot string) error {
	c.mu.Lock()
	c.released = append(c.released, slot)
	c.mu.Unlock()
	return nil
}

func (c *slowTurns) Acquire(_ context.Context, _, _ string, delay time.Duration, _ int, _ time.Duration, _ int) (bool, time.Duration, error) {
	c.mu.Lock()
	now := time.Now()
	if now.Before(c.next) {
		c.mu.Unlock()
		return false, c.next.Sub(now), nil
	}
	c.next = now.Add(delay)
	if c.pauseAfter > 0 {
		c.next = now.Add(c.pauseAfter) // another process paused the host (Retry-After)
	}
	c.grants = append(c.grants, now)
	late := len(c.grants) <= c.lateGrants
	c.mu.Unlock()
	if late {
		time.Sleep(c.late)
	}
	return true, 0, nil
}

// A turn whose grant reaches the process late is not used: another
// process's turn may start a delay after the grant, and a request sent on
// the late turn would reach the host just before it. The turn is taken
// again, once, so that a Coordinator always that slow still gets requests
// sent. This holds for a task's first request and for a redirect hop.
func TestLateTurnTakenAgain(t *testing.T) {
	const delay = 200 * time.Millisecond
	for _, hop := range []bool{false, true} {
		for _, lateGrants := range []int{1, 100} {
			c := &slowTurns{late: delay * 3 / 4, lateGrants: lateGrants}
			tr := newTransport(http.DefaultTransport, nil, newScheduler(fixedPolite(delay, 2), time.Minute, time.Second, time.Minute, 0, time.Now), "newspipe", 1<<20)
			tr.shared, tr.hold = c, time.Minute
			req, err := http.NewRequest(http.MethodGet, "http://news.example/a", nil)
			if err != nil {
				t.Fatal(err)
			}
			if hop {
				req.Response = &http.Response{Request: req}
			}
			if err := tr.acquireTurn(req, "http://news.example", "1", 0); err != nil {
				t.Fatalf("hop %v, %d late grants: %v", hop, lateGrants, err)
			}
			sent := time.Now()
			c.mu.Lock()
			grants := c.grants
			c.mu.Unlock()
			if len(grants) != 2 {
				t.Errorf("hop %v, %d late grants: %d grants, want 2 (the late one taken again, once)", hop, lateGrants, len(grants))
			}
			if lateGrants == 1 {
				if d := sent.Sub(grants[len(grants)-1]); d > delay/2 {
					t.Errorf("hop %v: the request went %v after the grant of its turn; another process's turn may begin %v after it", hop, d.Round(time.Millisecond), delay)
				}
			}
		}
	}
}

// The robots.txt read, a host's first request, takes a late turn again
// too, and a Coordinator always that slow still gets it read.
func TestLateRobotsTurnTakenAgain(t *testing.T) {
	const delay = 200 * time.Millisecond
	for _, lateGrants := range []int{0, 1, 100} {
		sc := &slowTurns{late: delay * 3 / 4, lateGrants: lateGrants}
		c := &crawl{shared: sc, ctx: context.Background(), ioCtx: context.Background(), log: slog.New(slog.DiscardHandler)}
		granted, _, err := c.robotsTurn(&host{name: "http://news.example"}, "1", delay)
		sent := time.Now()
		sc.mu.Lock()
		grants := sc.grants
		sc.mu.Unlock()
		want := 2
		if lateGrants == 0 {
			want = 1
		}
		if !granted || err != nil || len(grants) != want {
			t.Errorf("%d late grants: granted %v (%v) after %d grants, want %d", lateGrants, granted, err, len(grants), want)
			continue
		}
		if d := sent.Sub(grants[len(grants)-1]); lateGrants <= 1 && d > delay/2 {
			t.Errorf("%d late grants: robots.txt went %v after the grant of its turn", lateGrants, d.Round(time.Millisecond))
		}
	}
}

// A host paused by another process while a late turn waits to be taken
// again goes back to the scheduler (which sets a host aside past
// MaxPause) instead of holding its slot and a worker for the pause; the
// robots.txt turn gives its slot back too. A hop still waits.
func TestLateTurnPausedMeanwhile(t *testing.T) {
	const delay = 200 * time.Millisecond
	sc := &slowTurns{late: delay * 3 / 4, lateGrants: 1, pauseAfter: time.Hour}
	tr := newTransport(http.DefaultTransport, nil, newScheduler(fixedPolite(delay, 2), time.Minute, time.Second, time.Minute, 0, time.Now), "newspipe", 1<<20)
	tr.shared, tr.hold = sc, time.Minute
	req, err := http.NewRequest(http.MethodGet, "http://news.example/a", nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = tr.acquireTurn(req, "http://news.example", "1", 0)
	var denied *turnDenied
	if !errors.As(err, &denied) || denied.wait < time.Minute || time.Since(start) > delay*2 {
		t.Errorf("a first request's retake under an hour's pause: %v after %v; want turnDenied at once", err, time.Since(start).Round(time.Millisecond))
	}

	sc = &slowTurns{late: delay * 3 / 4, lateGrants: 1, pauseAfter: time.Hour}
	c := &crawl{shared: sc, ctx: context.Background(), ioCtx: context.Background(), log: slog.New(slog.DiscardHandler)}
	start = time.Now()
	granted, wait, err := c.robotsTurn(&host{name: "http://news.example"}, "7", delay)
	if granted || err != nil || wait < time.Minute || time.Since(start) > delay*2 || !slices.Equal(sc.released, []string{"7"}) {
		t.Errorf("robots.txt retake under an hour's pause: granted %v, wait %v, %v after %v, released %v; want refused at once, slot 7 released",
			granted, wait, err, time.Since(start).Round(time.Millisecond), sc.released)
	}
}
