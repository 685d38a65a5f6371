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
func (w *Worker) Outstanding(n int) (hosts map[string]int, taken bool, err error) {
	err = w.call("look up outstanding work", func(ctx context.Context) error {
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
func (w *Worker) Acquire(host, slot string, delay time.Duration, concurrency int, hold time.Duration, limit int) (ok bool, wait time.Duration, err error) {
	err = w.call("take a fetch slot of "+host, func(ctx context.Context) (err error) {
		ok, wait, err = w.s.Acquire(ctx, host, w.name+"#"+slot, delay, concurrency, hold, limit)
		return err
	})
	return ok, wait, err
}

// Release implements crawler.Coordinator.
func (w *Worker) Release(host, slot string) error {
	return w.call("free a fetch slot of "+host, func(ctx context.Context) error {
		return w.s.Release(ctx, host, w.name+"#"+slot)
	})
}

// Pause implements crawler.Coordinator.
func (w *Worker) Pause(host string, d time.Duration) error {
	return w.call("pause "+host, func(ctx context.Context) error {
		_, err := w.s.Pause(ctx, host, d)
		return err
	})
}

// Robots implements crawler.Coordinator.
func (w *Worker) Robots(host string) (status int, body []byte, ok bool, err error) {
	err = w.call("read the shared robots.txt of "+host, func(ctx context.Context) error {
		r, found, err := w.s.GetRobots(ctx, host)
		status, body, ok = r.Status, r.Body, found
		return err
	})
	return status, body, ok, err
}

// ShareRobots implements crawler.Coordinator.
func (w *Worker) ShareRobots(host string, status int, body []byte) (int, []byte, error) {
	var r Robots
	err := w.call("share the robots.txt of "+host, func(ctx context.Context) (err error) {
		r, _, err = w.s.SetRobots(ctx, host, Robots{Status: status, Body: body})
		return err
	})
	return r.Status, r.Body, err
}

// SetAside implements crawler.Coordinator.
func (w *Worker) SetAside(host string, carry bool, held []store.Job) error {
	ids := make([]string, len(held))
	for i, j := range held {
		ids[i] = string(j.ID)
	}
	var n int
	err := w.call("set "+host+" aside", func(ctx context.Context) (err error) {
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
func (w *Worker) Leave(complete bool, tally map[string]int64) (map[string]int64, error) {
	w.stopLoop()
	if !complete {
		if err := w.giveBack(); err != nil {
			return nil, err
		}
	}
	var total map[string]int64
	var last bool
	rest := w.unreported(tally)
	err := w.call("leave the run", func(ctx context.Context) (err error) {
		total, last, err = w.s.Leave(ctx, w.name, complete, rest)
		return err
	})
	w.mu.Lock()
	w.left = true
	w.mu.Unlock()
	if err != nil || !last {
		return nil, err
	}
	if err := w.call("end the run", w.s.EndRun); err != nil {
		return total, err
	}
	return total, nil
}

// Report implements crawler.Coordinator: it adds the change in tally since
// the last Report to the crawl-wide counters.
func (w *Worker) Report(tally map[string]int64) error {
	delta := w.unreported(tally)
	err := w.call("report counts", func(ctx context.Context) error { return w.s.AddTally(ctx, delta) })
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
func (w *Worker) giveBack() error {
	w.mu.Lock()
	held := make([]Job, 0, len(w.held))
	for _, j := range w.held {
		held = append(held, j)
	}
	w.held = map[string]Job{}
	w.mu.Unlock()
	for _, j := range held {
		err := w.call("give back a request", func(ctx context.Context) error {
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

// call runs fn with a timeout, retrying with backoff while Redis is
// unreachable (a network error, or a server still loading its data) for up
// to the worker's patience; then it fails, naming what it was doing.
func (w *Worker) call(what string, fn func(ctx context.Context) error) error {
	backoff := 50 * time.Millisecond
	var first time.Time
	for {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		err := fn(ctx)
		cancel()
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
		time.Sleep(backoff)
		backoff = min(2*backoff, 2*time.Second)
	}
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

func (p patientState) retry(what string, fn func() error) error {
	return p.w.call(what, func(context.Context) error { return fn() })
}

func (p patientState) Page(u string) (pg store.Page, err error) {
	err = p.retry("read the state of "+u, func() (err error) { pg, err = p.st.Page(u); return err })
	return pg, err
}

func (p patientState) Pages(urls []string) (pgs []store.Page, err error) {
	err = p.retry("read the state of URLs", func() (err error) { pgs, err = p.st.Pages(urls); return err })
	return pgs, err
}

func (p patientState) MarkEmitted(m store.Mark, recs []store.Emitted) error {
	return p.retry("record emitted articles", func() error { return p.st.MarkEmitted(m, recs) })
}

func (p patientState) PutValidators(vs []store.Validators) error {
	return p.retry("store cache validators", func() error { return p.st.PutValidators(vs) })
}

func (p patientState) Watermark(key string) (n int64, err error) {
	err = p.retry("read the watermark of "+key, func() (err error) { n, err = p.st.Watermark(key); return err })
	return n, err
}

func (p patientState) AddCoverage(site string, c store.Coverage, keep int) (hist []store.Coverage, err error) {
	err = p.retry("record the coverage of "+site, func() (err error) { hist, err = p.st.AddCoverage(site, c, keep); return err })
	return hist, err
}

func (p patientState) Stories(keys []uint64) (st []store.Story, err error) {
	err = p.retry("look up stories", func() (err error) { st, err = p.st.Stories(keys); return err })
	return st, err
}

func (p patientState) FileStory(s store.Story, keys []uint64, match func([]store.Story) string) (found string, err error) {
	err = p.retry("file story "+s.URL, func() (err error) { found, err = p.st.FileStory(s, keys, match); return err })
	return found, err
}

func (p patientState) Recent(since time.Time, fn func(url string) error) error {
	return p.retry("list recent articles", func() error { return p.st.Recent(since, fn) })
}

func (p patientState) Close() error { return nil }
