package redisstore

import (
	"context"
	"fmt"
	"time"

	"github.com/newspipe/newspipe/store"
)

// minPoll is the shortest wait Acquire suggests when the host's slots are
// all held: a Release is not signalled, so waiting workers poll.
const minPoll = 50 * time.Millisecond

// Acquire asks for a fetch slot on host for worker. It grants one (ok) only
// when no Pause is in force, at least delay has passed since the host's last
// granted start, and fewer than concurrency slots are held; a grant records
// the start and holds the slot until Release or, if the worker dies, until
// hold has passed. Otherwise wait says how long to wait before asking
// again: exact for a delay or a pause; when the slots are all held, the time
// until the oldest expires, capped at the delay (at least 50ms, at most
// 1s) because a Release may free one sooner.
//
// worker names the slot: a worker fetching several pages of one host at once
// takes one slot per fetch under distinct names (e.g. "w1#3"). Asking again
// under a name that holds a slot refreshes it (still subject to the delay).
// hold must exceed the longest fetch. A positive limit caps the slots granted
// on host in the run, all workers together (--max-host-pages): past it
// Acquire returns store.ErrHostCapped. A refresh does not count.
func (s *Store) Acquire(ctx context.Context, host, worker string, delay time.Duration, concurrency int, hold time.Duration, limit int) (ok bool, wait time.Duration, err error) {
	ok, wait, _, err = s.acquire(ctx, host, worker, delay, concurrency, hold, limit)
	return ok, wait, err
}

// acquire is Acquire, also returning the server time of the decision (ms).
func (s *Store) acquire(ctx context.Context, host, worker string, delay time.Duration, concurrency int, hold time.Duration, limit int) (ok bool, wait time.Duration, now int64, err error) {
	if err := checkHost(host); err != nil {
		return false, 0, 0, fmt.Errorf("acquire: %w", err)
	}
	if concurrency < 1 || hold <= 0 || delay < 0 {
		return false, 0, 0, fmt.Errorf("acquire %s: need concurrency >= 1 (got %d), hold > 0 (got %v), delay >= 0 (got %v)", host, concurrency, hold, delay)
	}
	hk := s.hostKeys(host)
	v, err := acquireScript.Run(ctx, s.rdb, []string{hk.slots, hk.next, hk.pause, hk.reqs}, worker, ms(delay), concurrency, ms(hold), max(limit, 0)).Int64Slice()
	if err != nil {
		return false, 0, 0, fmt.Errorf("redis %s: acquire slot in %s: %w", s.addr, hk.slots, err)
	}
	if len(v) != 3 {
		return false, 0, 0, fmt.Errorf("redis %s: acquire slot in %s: script returned %v", s.addr, hk.slots, v)
	}
	switch v[0] {
	case 1:
		return true, 0, v[2], nil
	case 3:
		return false, 0, v[2], fmt.Errorf("%s: %w (%d requests)", host, store.ErrHostCapped, limit)
	}
	wait = time.Duration(v[1]) * time.Millisecond
	if v[0] == 2 {
		wait = capWait(wait, delay)
	}
	if wait <= 0 {
		wait = time.Millisecond
	}
	return false, wait, v[2], nil
}

// maxPoll is the longest wait Acquire suggests when the slots are all held.
const maxPoll = time.Second

// capWait caps the wait for a held slot (see Acquire).
func capWait(wait, delay time.Duration) time.Duration {
	return min(wait, min(max(delay, minPoll), maxPoll))
}

// Release frees worker's slot on host. Releasing a slot not held (expired,
// or released already) is not an error.
func (s *Store) Release(ctx context.Context, host, worker string) error {
	if err := checkHost(host); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	hk := s.hostKeys(host)
	if err := s.rdb.ZRem(ctx, hk.slots, worker).Err(); err != nil {
		return fmt.Errorf("redis %s: release slot in %s: %w", s.addr, hk.slots, err)
	}
	return nil
}

// Pause keeps every worker from starting a fetch on host for d from now (by
// the Redis server's clock): Retry-After, a long Crawl-delay, a failing host.
// A longer pause in force is kept. It returns how long the host is paused
// from now.
func (s *Store) Pause(ctx context.Context, host string, d time.Duration) (time.Duration, error) {
	if err := checkHost(host); err != nil {
		return 0, fmt.Errorf("pause: %w", err)
	}
	if d <= 0 {
		return 0, fmt.Errorf("pause %s: duration %v must be positive", host, d)
	}
	hk := s.hostKeys(host)
	left, err := pauseScript.Run(ctx, s.rdb, []string{hk.pause}, ms(d)).Int64()
	if err != nil {
		return 0, fmt.Errorf("redis %s: pause %s: %w", s.addr, hk.pause, err)
	}
	return time.Duration(left) * time.Millisecond, nil
}
