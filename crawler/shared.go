package crawler

import (
	"context"
	"time"

	"github.com/newspipe/newspipe/store"
)

// Coordinator is what the processes of one crawl share besides the
// frontier: per-host politeness, robots.txt, the hosts given up, the work
// other processes queued, and the end of the run. A crawl run by one process
// has nothing to share (Env.Coordinator nil: the scheduler's own clocks and
// counts are exact); a shared backend (several processes on several
// machines, one Redis) implements it beside Frontier.
//
// Every method takes a context first; a shared backend stops waiting for
// its server when ctx is done. Run passes the run's context to what should
// stop with the run (Outstanding, Acquire, Robots) and a context the run's
// end does not cancel to the rest, which records what the run did.
type Coordinator interface {
	// Outstanding reports the crawl's work outside this process: up to n
	// hosts with queued requests, each with its queue length, and whether
	// any process holds requests it took and has not finished.
	Outstanding(ctx context.Context, n int) (hosts map[string]int, taken bool, err error)
	// Acquire asks for a fetch slot on host, shared by every process of
	// the crawl: it is granted when at least delay has passed since the
	// host's last start, fewer than concurrency slots are held and no pause
	// is in force; otherwise wait says when to ask again. slot names the
	// fetch (unique among those in flight); a slot not released frees
	// itself after hold. A positive limit caps the slots granted on host
	// in the run by every process together: past it the error is
	// store.ErrHostCapped.
	Acquire(ctx context.Context, host, slot string, delay time.Duration, concurrency int, hold time.Duration, limit int) (ok bool, wait time.Duration, err error)
	// Release frees a slot Acquire granted.
	Release(ctx context.Context, host, slot string) error
	// Pause keeps every process from starting a request to host for d.
	Pause(ctx context.Context, host string, d time.Duration) error
	// Robots returns host's robots.txt as a process of the crawl fetched
	// it in this run; ok is false when none did yet.
	Robots(ctx context.Context, host string) (status int, body []byte, ok bool, err error)
	// ShareRobots offers host's robots.txt to the other processes and
	// returns the copy they all use (the first one shared).
	ShareRobots(ctx context.Context, host string, status int, body []byte) (int, []byte, error)
	// SetAside gives host up for the run in every process: its queued
	// requests, and held (those this process took and will not fetch), go
	// to the next run when carry, or are dropped.
	SetAside(ctx context.Context, host string, carry bool, held []store.Job) error
	// Report adds this process's counts so far (tally: the run's totals
	// until now) to the crawl's counters, so that a process that dies
	// before Leave is not left out of the crawl-wide summary.
	Report(ctx context.Context, tally map[string]int64) error
	// Leave ends this process's part in the run, complete or not, adding
	// tally (what Report did not add of it) to the crawl's counters. The last process out of a complete
	// run gets the crawl-wide counters (nil for the others).
	Leave(ctx context.Context, complete bool, tally map[string]int64) (crawlWide map[string]int64, err error)
}

// alone is the Coordinator of a crawl run by one process.
type alone struct{}

func (alone) Outstanding(context.Context, int) (map[string]int, bool, error) { return nil, false, nil }
func (alone) Acquire(context.Context, string, string, time.Duration, int, time.Duration, int) (bool, time.Duration, error) {
	return true, 0, nil
}
func (alone) Release(context.Context, string, string) error             { return nil }
func (alone) Pause(context.Context, string, time.Duration) error        { return nil }
func (alone) Robots(context.Context, string) (int, []byte, bool, error) { return 0, nil, false, nil }
func (alone) ShareRobots(_ context.Context, _ string, s int, b []byte) (int, []byte, error) {
	return s, b, nil
}
func (alone) SetAside(context.Context, string, bool, []store.Job) error { return nil }
func (alone) Report(context.Context, map[string]int64) error            { return nil }
func (alone) Leave(context.Context, bool, map[string]int64) (map[string]int64, error) {
	return nil, nil
}
