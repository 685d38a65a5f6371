package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// A run is one pass of the crawl that any number of workers share. The
// first worker to Join starts it; the others join it. It ends when its
// frontier is empty, no lease is outstanding and every worker has left:
// the last worker out of a completed run ends it (EndRun), clearing the
// run's frontier, seen set, claims and per-host keys, so that the next
// Join starts a new run. The per-URL State and the carried requests
// outlive runs.
//
// Run keys (besides those listed in the package documentation):
//
//	np:{CRAWL}:run       HASH   started (ms, Redis clock)
//	np:{CRAWL}:workers   ZSET   worker -> heartbeat expiry (ms)
//	np:{CRAWL}:fetched   HASH   URL -> request that claimed it (Claim)
//	np:{CRAWL}:tally     HASH   crawl-wide counters added by workers (AddTally, Leave), and
//	                            joined:WORKER for each worker that joined the run
//	np:{CRAWL}:ending    STRING set while the last worker clears the run
//	np:{CRAWL}:carry     LIST   requests carried to the next run (outlives runs)

// Run describes the run a worker joined.
type Run struct {
	Started time.Time // when the run began (Redis clock)
	Joined  bool      // another worker had started it
	// Resumed is true when the run's workers had all died or stopped with
	// work left: the joining worker continues it.
	Resumed bool
}

// ErrEnding is returned by Join while the last worker of the previous run
// is clearing it; try again shortly.
var ErrEnding = errors.New("the previous run is being cleared")

// errStale is returned by the join script for a run with no live worker
// that is complete but was not cleared, or older than resumeWithin.
var errStale = errors.New("stale run")

// Join registers worker in the crawl's current run, starting a run when
// none is under way, and keeps it registered for heartbeat (renew it with
// Heartbeat). A run whose workers all died is continued when it began
// within resumeWithin and has work left; otherwise it is cleared first.
func (s *Store) Join(ctx context.Context, worker string, resumeWithin, heartbeat time.Duration) (Run, error) {
	for attempt := 0; ; attempt++ {
		r, err := s.join(ctx, worker, resumeWithin, heartbeat)
		switch {
		case errors.Is(err, errStale) && attempt < 3:
			if err := s.EndRun(ctx); err != nil {
				return Run{}, err
			}
			continue
		case errors.Is(err, ErrEnding) && attempt < 100:
			select {
			case <-time.After(100 * time.Millisecond):
			case <-ctx.Done():
				return Run{}, ctx.Err()
			}
			continue
		}
		return r, err
	}
}

func (s *Store) join(ctx context.Context, worker string, resumeWithin, heartbeat time.Duration) (Run, error) {
	v, err := joinScript.Run(ctx, s.rdb, []string{s.k.run, s.k.workers, s.k.ending, s.k.counts, s.k.tally},
		worker, ms(resumeWithin), ms(heartbeat)).Int64Slice()
	if err != nil {
		return Run{}, fmt.Errorf("redis %s: join run of crawl %s: %w", s.addr, s.crawl, err)
	}
	switch v[0] {
	case -1:
		return Run{}, fmt.Errorf("join run of crawl %s: %w", s.crawl, ErrEnding)
	case -2:
		return Run{}, errStale
	}
	return Run{Started: time.UnixMilli(v[1]), Joined: v[0] >= 1, Resumed: v[0] == 2}, nil
}

// Heartbeat keeps worker registered in the run for heartbeat from now. A
// worker whose heartbeat lapses counts as gone: the run can end without it.
func (s *Store) Heartbeat(ctx context.Context, worker string, heartbeat time.Duration) error {
	if err := heartbeatScript.Run(ctx, s.rdb, []string{s.k.workers}, worker, ms(heartbeat)).Err(); err != nil {
		return fmt.Errorf("redis %s: heartbeat of %s in %s: %w", s.addr, worker, s.k.workers, err)
	}
	return nil
}

// Leave removes worker from the run, adding tally to the run's crawl-wide
// counters. When done (the worker saw the run complete) and it was the last
// worker of a complete run, Leave returns the crawl-wide counters and
// last=true; the caller then ends the run with EndRun.
func (s *Store) Leave(ctx context.Context, worker string, done bool, tally map[string]int64) (total map[string]int64, last bool, err error) {
	args := []any{worker, "0"}
	if done {
		args[1] = "1"
	}
	for k, n := range tally {
		args = append(args, k, n)
	}
	v, err := leaveScript.Run(ctx, s.rdb, []string{s.k.workers, s.k.counts, s.k.tally, s.k.ending}, args...).StringSlice()
	if err != nil {
		return nil, false, fmt.Errorf("redis %s: leave run of crawl %s: %w", s.addr, s.crawl, err)
	}
	if len(v) == 0 || v[0] != "1" {
		return nil, false, nil
	}
	total = map[string]int64{}
	joined := int64(0)
	for i := 1; i+1 < len(v); i += 2 {
		if strings.HasPrefix(v[i], "joined:") {
			joined++
			continue
		}
		n, _ := strconv.ParseInt(v[i+1], 10, 64)
		total[v[i]] = n
	}
	if joined > 0 {
		total["workers"] = joined // each worker id once, those that died without leaving included
	}
	return total, true, nil
}

// AddTally adds a worker's counts so far (the change since its last call)
// to the crawl-wide counters, so that a worker that dies before it leaves
// is not left out of the crawl-wide summary.
func (s *Store) AddTally(ctx context.Context, tally map[string]int64) error {
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for k, n := range tally {
			if n != 0 {
				p.HIncrBy(ctx, s.k.tally, k, n)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis %s: add to the tally of crawl %s: %w", s.addr, s.crawl, err)
	}
	return nil
}

// EndRun clears the run's keys: frontier, seen set, leases, claims, worker
// registry, tally and every host's queue, slots, pause and robots.txt. The
// per-URL State, the carried requests and the job sequence stay.
func (s *Store) EndRun(ctx context.Context) error {
	keys := []string{s.k.seen, s.k.ready, s.k.counts, s.k.leases, s.k.leaseJob, s.k.leaseWho,
		s.k.fetched, s.k.run, s.k.workers, s.k.tally}
	if err := s.rdb.Unlink(ctx, keys...).Err(); err != nil {
		return fmt.Errorf("redis %s: end run of crawl %s: %w", s.addr, s.crawl, err)
	}
	if _, err := s.unlinkMatching(ctx, "np:{"+s.crawl+"/*"); err != nil {
		return err
	}
	if err := s.rdb.Del(ctx, s.k.ending).Err(); err != nil {
		return fmt.Errorf("redis %s: end run of crawl %s: %w", s.addr, s.crawl, err)
	}
	return nil
}

// Claim marks url as fetched by the request by (the URL it was queued
// under: a redirect's source, or url itself) for the rest of the run, and
// reports whether by holds the claim: it does when it made it or made it
// before. A page reached both directly and through a redirect is fetched
// once.
func (s *Store) Claim(ctx context.Context, url, by string) (bool, error) {
	v, err := claimScript.Run(ctx, s.rdb, []string{s.k.fetched}, url, by).Int()
	if err != nil {
		return false, fmt.Errorf("redis %s: claim %s in %s: %w", s.addr, url, s.k.fetched, err)
	}
	return v == 1, nil
}

// ClaimOwn claims each URL for its own request, like Claim(url, url) for
// each, in one round trip when every claim is new (nearly always), two
// otherwise. A URL a redirect reached first is not claimed.
func (s *Store) ClaimOwn(ctx context.Context, urls []string) ([]bool, error) {
	set := make([]*redis.BoolCmd, len(urls))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, u := range urls {
			set[i] = p.HSetNX(ctx, s.k.fetched, u, u)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis %s: claim %d URLs in %s: %w", s.addr, len(urls), s.k.fetched, err)
	}
	out := make([]bool, len(urls))
	var held []int // claimed before: by this same request (taken again after its lease ended) or by a redirect
	for i := range urls {
		if out[i] = set[i].Val(); !out[i] {
			held = append(held, i)
		}
	}
	if len(held) == 0 {
		return out, nil
	}
	get := make([]*redis.StringCmd, len(held))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for j, i := range held {
			get[j] = p.HGet(ctx, s.k.fetched, urls[i])
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis %s: claim %d URLs in %s: %w", s.addr, len(urls), s.k.fetched, err)
	}
	for j, i := range held {
		out[i] = get[j].Val() == urls[i]
	}
	return out, nil
}
