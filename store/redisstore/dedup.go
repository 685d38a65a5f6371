package redisstore

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// MarkSeen adds keys (normalized URLs) to the crawl's seen set and reports,
// for each, whether this call added it: SADD semantics, one round trip, so
// that of any number of workers marking the same key exactly one is told
// it is new. A key repeated within keys is new at most once.
func (s *Store) MarkSeen(ctx context.Context, keys []string) ([]bool, error) {
	out := make([]bool, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	cmds := make([]*redis.IntCmd, len(keys))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range keys {
			cmds[i] = p.SAdd(ctx, s.k.seen, k)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis %s: SADD %s (%d keys): %w", s.addr, s.k.seen, len(keys), err)
	}
	for i, c := range cmds {
		out[i] = c.Val() == 1
	}
	return out, nil
}

// Seen reports, for each key, whether it is in the seen set, marking
// nothing.
func (s *Store) Seen(ctx context.Context, keys []string) ([]bool, error) {
	if len(keys) == 0 {
		return []bool{}, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	out, err := s.rdb.SMIsMember(ctx, s.k.seen, args...).Result()
	if err != nil {
		return nil, fmt.Errorf("redis %s: SMISMEMBER %s (%d keys): %w", s.addr, s.k.seen, len(keys), err)
	}
	return out, nil
}
