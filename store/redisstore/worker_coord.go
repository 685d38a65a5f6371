package redisstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/newspipe/newspipe/store"
)

// Outstanding implements crawler.Coordinator: up to n hosts with queued
// requests and their queue lengths, and whether requests are queued or
// leased anywhere in the crawl.
func (w *Worker) Outstanding(ctx context.Context, n int) (hosts map[string]int, taken bool, err error) {
	err = w.call(ctx, "look up outstanding work", func(ctx context.Context) error {
		queued, leased, err := w.s.Pending(ctx)
		if err != nil {
			return err
		}
		taken = queued > 0 || leased > 0
		if queued > 0 {
			hosts, err = w.s.HostQueues(ctx, n)
		}
		return err
	})
	return hosts, taken, err
}

// Acquire implements crawler.Coordinator; slot names are prefixed with the
// worker's name, so that they are unique across workers.
func (w *Worker) Acquire(ctx context.Context, host, slot string, delay time.Duration, concurrency int, hold time.Duration, limit int) (ok bool, wait time.Duration, err error) {
	err = w.call(ctx, "take a fetch slot of "+host, func(ctx context.Context) (err error) {
		ok, wait, err = w.s.Acquire(ctx, host, w.name+"#"+slot, delay, concurrency, hold, limit)
		return err
	})
	return ok, wait, err
}

// Release implements crawler.Coordinator.
func (w *Worker) Release(ctx context.Context, host, slot string) error {
	return w.call(ctx, "free a fetch slot of "+host, func(ctx context.Context) error {
		return w.s.Release(ctx, host, w.name+"#"+slot)
	})
}

// Pause implements crawler.Coordinator.
func (w *Worker) Pause(ctx context.Context, host string, d time.Duration) error {
	return w.call(ctx, "pause "+host, func(ctx context.Context) error {
		_, err := w.s.Pause(ctx, host, d)
		return err
	})
}

// Robots implements crawler.Coordinator.
func (w *Worker) Robots(ctx context.Context, host string) (status int, body []byte, ok bool, err error) {
	err = w.call(ctx, "read the shared robots.txt of "+host, func(ctx context.Context) error {
		r, found, err := w.s.GetRobots(ctx, host)
		status, body, ok = r.Status, r.Body, found
		return err
	})
	return status, body, ok, err
}

// ShareRobots implements crawler.Coordinator.
func (w *Worker) ShareRobots(ctx context.Context, host string, status int, body []byte) (int, []byte, error) {
	var r Robots
	err := w.call(ctx, "share the robots.txt of "+host, func(ctx context.Context) (err error) {
		r, _, err = w.s.SetRobots(ctx, host, Robots{Status: status, Body: body})
		return err
	})
	return r.Status, r.Body, err
}

// SetAside implements crawler.Coordinator.
func (w *Worker) SetAside(ctx context.Context, host string, carry bool, held []store.Job) error {
	ids := make([]string, len(held))
	for i, j := range held {
		ids[i] = string(j.ID)
	}
	var n int
	err := w.call(ctx, "set "+host+" aside", func(ctx context.Context) (err error) {
		n, err = w.s.SetAside(ctx, w.name, host, carry, ids)
		return err
	})
	w.mu.Lock()
	for _, id := range ids {
		delete(w.held, id)
	}
	if carry {
		w.carried += n
	}
	w.mu.Unlock()
	return err
}

// Leave implements crawler.Coordinator. A worker leaving a run it did not
// see complete first gives back the requests it holds. The last worker out
// of a complete run ends it (EndRun) and returns the crawl-wide counters.
func (w *Worker) Leave(ctx context.Context, complete bool, tally map[string]int64) (map[string]int64, error) {
	w.stopLoop()
	if !complete {
		if err := w.giveBack(ctx); err != nil {
			return nil, err
		}
	}
	var total map[string]int64
	var last bool
	rest := w.unreported(tally)
	err := w.call(ctx, "leave the run", func(ctx context.Context) (err error) {
		total, last, err = w.s.Leave(ctx, w.name, complete, rest)
		return err
	})
	w.mu.Lock()
	w.left = true
	w.mu.Unlock()
	if err != nil || !last {
		return nil, err
	}
	if err := w.call(ctx, "end the run", w.s.EndRun); err != nil {
		return total, err
	}
	return total, nil
}

// Report implements crawler.Coordinator: it adds the change in tally since
// the last Report to the crawl-wide counters.
func (w *Worker) Report(ctx context.Context, tally map[string]int64) error {
	delta := w.unreported(tally)
	err := w.call(ctx, "report counts", func(ctx context.Context) error { return w.s.AddTally(ctx, delta) })
	if err != nil {
		w.mu.Lock()
		for k, n := range delta { // not added: the next call sends them again
			w.reported[k] -= n
		}
		w.mu.Unlock()
	}
	return err
}

// unreported returns tally less what Report sent, and counts it sent.
func (w *Worker) unreported(tally map[string]int64) map[string]int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.reported == nil {
		w.reported = map[string]int64{}
	}
	delta := make(map[string]int64, len(tally))
	for k, n := range tally {
		delta[k] = n - w.reported[k]
		w.reported[k] = n
	}
	return delta
}

// giveBack returns the requests the worker holds to the front of their
// queues.
func (w *Worker) giveBack(ctx context.Context) error {
	w.mu.Lock()
	held := make([]Job, 0, len(w.held))
	for _, j := range w.held {
		held = append(held, j)
	}
	w.held = map[string]Job{}
	w.mu.Unlock()
	for _, j := range held {
		err := w.call(ctx, "give back a request", func(ctx context.Context) error {
			return w.s.Requeue(ctx, w.name, j, true)
		})
		if err != nil && !errors.Is(err, ErrNotLeased) {
			return err
		}
	}
	return nil
}

// State returns the crawl's shared State with the worker's patience: its
// calls wait out a Redis outage like the worker's own.
func (w *Worker) State() store.State { return patientState{st: w.s.State(), w: w} }

// call runs fn with a timeout derived from ctx, retrying with backoff while
// Redis is unreachable (a network error, or a server still loading its
// data) for up to the worker's patience; then it fails, naming what it was
// doing. It stops at once, failing, when ctx is done.
func (w *Worker) call(ctx context.Context, what string, fn func(ctx context.Context) error) error {
	backoff := 50 * time.Millisecond
	var first time.Time
	for {
		cctx, cancel := context.WithTimeout(ctx, callTimeout)
		err := fn(cctx)
		cancel()
		if err != nil && ctx.Err() != nil {
			return stopped(what, ctx, err)
		}
		if err == nil || !unreachable(err) {
			if !first.IsZero() {
				w.recovered()
			}
			return err
		}
		if first.IsZero() {
			// The outage may have begun in another call: patience is
			// counted once for all of them, so that a stopping worker's
			// last calls do not wait it out again, one after another.
			first = w.lost(err)
		}
		if time.Since(first) >= w.patience {
			return fmt.Errorf("%s: redis unreachable for %v (--redis-timeout): %w", what, w.patience, err)
		}
		t := time.NewTimer(backoff)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return stopped(what, ctx, err)
		}
		backoff = min(2*backoff, 2*time.Second)
	}
}

// stopped is the error of a call cut short because ctx is done: it wraps
// ctx.Err() (whatever err the cut left, e.g. a broken connection) and err.
func stopped(what string, ctx context.Context, err error) error {
	if errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%s: %w", what, err)
	}
	return fmt.Errorf("%s: %w: %w", what, ctx.Err(), err)
}

// lost logs the start of an outage once for all concurrent calls and
// returns when it began.
func (w *Worker) lost(err error) time.Time {
	w.outage.Lock()
	defer w.outage.Unlock()
	if w.down.IsZero() {
		w.down = time.Now()
		w.log.Warn("redis unreachable: the crawl pauses and retries", "redis", w.s.addr, "patience", w.patience, "err", err)
	}
	return w.down
}

// recovered logs the end of an outage once.
func (w *Worker) recovered() {
	w.outage.Lock()
	defer w.outage.Unlock()
	if !w.down.IsZero() {
		w.log.Info("redis is back: the crawl resumes", "redis", w.s.addr, "after", time.Since(w.down).Round(time.Millisecond))
		w.down = time.Time{}
		select {
		case w.kick <- struct{}{}:
		default:
		}
	}
}

// unreachable reports an error that a later attempt may not meet: the
// server could not be reached, timed out, or is loading its data after a
// restart. Errors the server answered otherwise are final.
func unreachable(err error) bool {
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, ErrNotLeased), errors.Is(err, errBadHost),
		errors.Is(err, errBadJob), errors.Is(err, ErrEnding), errors.Is(err, store.ErrHostCapped):
		return false
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, context.DeadlineExceeded):
		return true
	}
	var re redis.Error
	if errors.As(err, &re) {
		msg := re.Error()
		for _, p := range []string{"LOADING", "BUSY", "TRYAGAIN", "MASTERDOWN"} {
			if strings.HasPrefix(msg, p) {
				return true
			}
		}
		return false
	}
	return true // dial, connection reset, broken pipe, pool timeout
}

// patientState is State with a Worker's patience.
type patientState struct {
	st *State
	w  *Worker
}

// retry runs fn with the worker's patience. fn calls the State with the
// caller's ctx: the State bounds each of its round trips itself (Recent
// makes several).
func (p patientState) retry(ctx context.Context, what string, fn func() error) error {
	return p.w.call(ctx, what, func(context.Context) error { return fn() })
}

func (p patientState) Page(ctx context.Context, u string) (pg store.Page, err error) {
	err = p.retry(ctx, "read the state of "+u, func() (err error) { pg, err = p.st.Page(ctx, u); return err })
	return pg, err
}

func (p patientState) Pages(ctx context.Context, urls []string) (pgs []store.Page, err error) {
	err = p.retry(ctx, "read the state of URLs", func() (err error) { pgs, err = p.st.Pages(ctx, urls); return err })
	return pgs, err
}

func (p patientState) MarkEmitted(ctx context.Context, m store.Mark, recs []store.Emitted) error {
	return p.retry(ctx, "record emitted articles", func() error { return p.st.MarkEmitted(ctx, m, recs) })
}

func (p patientState) PutValidators(ctx context.Context, vs []store.Validators) error {
	return p.retry(ctx, "store cache validators", func() error { return p.st.PutValidators(ctx, vs) })
}

func (p patientState) Watermark(ctx context.Context, key string) (n int64, err error) {
	err = p.retry(ctx, "read the watermark of "+key, func() (err error) { n, err = p.st.Watermark(ctx, key); return err })
	return n, err
}

func (p patientState) AddCoverage(ctx context.Context, site string, c store.Coverage, keep int) (hist []store.Coverage, err error) {
	err = p.retry(ctx, "record the coverage of "+site, func() (err error) { hist, err = p.st.AddCoverage(ctx, site, c, keep); return err })
	return hist, err
}

func (p patientState) FileStory(ctx context.Context, s store.Story, keys []uint64, match func([]store.Story) string) (found string, err error) {
	err = p.retry(ctx, "file story "+s.URL, func() (err error) { found, err = p.st.FileStory(ctx, s, keys, match); return err })
	return found, err
}

func (p patientState) Recent(ctx context.Context, since time.Time, fn func(url string) error) error {
	return p.retry(ctx, "list recent articles", func() error { return p.st.Recent(ctx, since, fn) })
}

func (p patientState) Close() error { return nil }
