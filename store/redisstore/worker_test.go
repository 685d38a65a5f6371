package redisstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
	"github.com/newspipe/newspipe/store/redistest"
)

// newWorker opens a worker of crawl on srv and begins its run.
func newWorker(t *testing.T, srv *redistest.Server, crawl, name string, patience time.Duration) *Worker {
	t.Helper()
	w := open(t, srv, crawl).NewWorker(WorkerOptions{Name: name, Lease: 3 * time.Second, Patience: patience})
	if _, err := w.Begin(context.Background(), time.Now(), time.Hour); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// TestWorkerWaitsOutAnOutage: a call made while Redis is down waits for it
// to come back and then succeeds, with the data the server kept (AOF).
func TestWorkerWaitsOutAnOutage(t *testing.T) {
	srv := redistest.Start(t)
	if srv.External() {
		t.Skip("cannot stop an external server")
	}
	w := newWorker(t, srv, "outage", "w1", 20*time.Second)
	queued, err := w.EnqueueNew(context.Background(), []store.Job{{Host: "a", URL: "http://a/1", Data: []byte("x")}}, true, nil)
	if err != nil || !queued[0] {
		t.Fatalf("EnqueueNew = %v, %v", queued, err)
	}
	srv.Stop()
	restarted := make(chan error, 1)
	go func() {
		time.Sleep(time.Second)
		restarted <- srv.Restart()
	}()
	jobs, claimed, err := w.PopN(context.Background(), "a", 4)
	if rerr := <-restarted; rerr != nil {
		t.Fatal(rerr)
	}
	if err != nil || len(jobs) != 1 || jobs[0].URL != "http://a/1" || string(jobs[0].Data) != "x" || !claimed[0] {
		t.Fatalf("PopN across the outage = %+v, %v, %v; want the queued job", jobs, claimed, err)
	}
}

// TestWorkerPatience: once Redis has been gone for the patience, calls fail
// naming --redis-timeout, and later calls fail at once instead of waiting
// the patience out again.
func TestWorkerPatience(t *testing.T) {
	srv := redistest.Start(t)
	if srv.External() {
		t.Skip("cannot stop an external server")
	}
	w := newWorker(t, srv, "patience", "w1", 300*time.Millisecond)
	srv.Stop()
	start := time.Now()
	_, _, err := w.PopN(context.Background(), "a", 4)
	if err == nil || !strings.Contains(err.Error(), "--redis-timeout") {
		t.Fatalf("PopN with Redis gone = %v; want an error naming --redis-timeout", err)
	}
	if d := time.Since(start); d < 300*time.Millisecond || d > 3*time.Second {
		t.Errorf("the first call gave up after %v; want about the patience (300ms)", d)
	}
	start = time.Now()
	if _, err := w.Unseen(context.Background(), []string{"http://a/1"}); err == nil {
		t.Fatal("a later call succeeded with Redis gone")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("a later call waited %v; want it to fail at once", d)
	}
}

// TestWorkerCancelStopsWaiting: a call waiting out an outage stops when
// its caller's context is cancelled, long before the patience, and says
// so; the worker's State does too.
func TestWorkerCancelStopsWaiting(t *testing.T) {
	srv := redistest.Start(t)
	if srv.External() {
		t.Skip("cannot stop an external server")
	}
	w := newWorker(t, srv, "cancel", "w1", 20*time.Second)
	srv.Stop()
	defer func() {
		if err := srv.Restart(); err != nil { // for the worker's Close
			t.Error(err)
		}
	}()
	for name, call := range map[string]func(context.Context) error{
		"PopN": func(ctx context.Context) error { _, _, err := w.PopN(ctx, "a", 4); return err },
		"State.Page": func(ctx context.Context) error {
			_, err := w.State().Page(ctx, "http://a/1")
			return err
		},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		start := time.Now()
		err := call(ctx)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with Redis gone and the context cancelled = %v; want context.Canceled", name, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s returned %v after it was called; want soon after the cancel (300ms)", name, d)
		}
		cancel()
	}
}

// TestWorkerLeaveGivesBack: a worker that stops before the run is complete
// gives the requests it took back at once, for the others.
func TestWorkerLeaveGivesBack(t *testing.T) {
	srv := redistest.Start(t)
	w := newWorker(t, srv, "giveback", "w1", time.Minute)
	if _, err := w.EnqueueNew(context.Background(), []store.Job{{Host: "a", URL: "http://a/1"}, {Host: "a", URL: "http://a/2"}}, true, nil); err != nil {
		t.Fatal(err)
	}
	if jobs, _, err := w.PopN(context.Background(), "a", 4); err != nil || len(jobs) != 2 {
		t.Fatalf("PopN = %v, %v", jobs, err)
	}
	pending(t, w.s, 0, 2)
	if total, err := w.Leave(context.Background(), false, map[string]int64{"emitted": 1}); err != nil || total != nil {
		t.Fatalf("Leave(false) = %v, %v; want no crawl-wide counters for an early leaver", total, err)
	}
	pending(t, w.s, 2, 0)
}

// TestWorkerOrphanedLeases: a lease taken under the worker's name whose
// reply never reached it (a take cut off by a Redis restart) is found on
// the second round that does not know it, and queued again.
func TestWorkerOrphanedLeases(t *testing.T) {
	srv := redistest.Start(t)
	w := newWorker(t, srv, "orphans", "w1", time.Minute)
	ctx := t.Context()
	if _, err := w.EnqueueNew(context.Background(), []store.Job{{Host: "a", URL: "http://a/1"}, {Host: "a", URL: "http://a/2"}}, true, nil); err != nil {
		t.Fatal(err)
	}
	if jobs, _, err := w.PopN(context.Background(), "a", 1); err != nil || len(jobs) != 1 { // known to the worker
		t.Fatalf("PopN = %v, %v", jobs, err)
	}
	if _, err := w.s.TakeN(ctx, "w1", "a", 1, time.Minute); err != nil { // the lost reply
		t.Fatal(err)
	}
	pending(t, w.s, 0, 2)
	w.expireOrphans(ctx)
	if n, _ := w.s.Reap(ctx); n != 0 {
		t.Fatalf("the first round queued %d jobs again; want none before a second look", n)
	}
	w.expireOrphans(ctx)
	if n, err := w.s.Reap(ctx); err != nil || n != 1 {
		t.Fatalf("the second round queued %d jobs again (%v); want the orphan", n, err)
	}
	pending(t, w.s, 1, 1)
}

// TestWorkerReportsOnce: Report sends only what changed since the last
// one and Leave the rest, so the crawl-wide tally holds the worker's final
// counts once, however often it reported.
func TestWorkerReportsOnce(t *testing.T) {
	srv := redistest.Start(t)
	w := newWorker(t, srv, "report", "w1", 5*time.Second)
	for _, tally := range []map[string]int64{
		{"workers": 1, "fetched": 2, "emitted": 1},
		{"workers": 1, "fetched": 7, "emitted": 4},
		{"workers": 1, "fetched": 7, "emitted": 4}, // nothing new
	} {
		if err := w.Report(context.Background(), tally); err != nil {
			t.Fatal(err)
		}
	}
	total, err := w.Leave(context.Background(), true, map[string]int64{"workers": 1, "fetched": 10, "emitted": 6, "errors": 1})
	if err != nil {
		t.Fatal(err)
	}
	if total["fetched"] != 10 || total["emitted"] != 6 || total["errors"] != 1 || total["workers"] != 1 {
		t.Errorf("crawl-wide tally %v; want fetched 10, emitted 6, errors 1, workers 1", total)
	}
}
