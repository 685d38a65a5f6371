package redisstore

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// ExpireWorker ends every lease held under worker's name, so that the next
// Reap queues those jobs again; it returns how many. A worker restarted
// under the same name after a crash calls it first: its previous life's
// requests come back at once instead of after their leases run out.
func (s *Store) ExpireWorker(ctx context.Context, worker string) (int, error) {
	n, err := expireWorkerScript.Run(ctx, s.rdb, []string{s.k.leases, s.k.leaseWho}, worker).Int()
	if err != nil {
		return 0, fmt.Errorf("redis %s: expire leases of %s in %s: %w", s.addr, worker, s.k.leases, err)
	}
	return n, nil
}

// SetAside gives host up for the rest of the run, for every worker: its
// queued jobs and the jobs of ids that worker holds leases on move to the
// crawl's carry list (TakeCarry), or are dropped when carry is false. It
// returns how many jobs moved or were dropped.
func (s *Store) SetAside(ctx context.Context, worker, host string, carry bool, ids []string) (int, error) {
	if err := checkHost(host); err != nil {
		return 0, fmt.Errorf("set aside: %w", err)
	}
	flag := "0"
	if carry {
		flag = "1"
	}
	args := []any{host, flag, worker}
	for _, id := range ids {
		args = append(args, id)
	}
	hk := s.hostKeys(host)
	n, err := asideScript.Run(ctx, s.rdb,
		[]string{hk.queue, s.k.carry, s.k.ready, s.k.counts, s.k.leases, s.k.leaseJob, s.k.leaseWho, hk.hubs}, args...).Int()
	if err != nil {
		return 0, fmt.Errorf("redis %s: set aside %s: %w", s.addr, hk.queue, err)
	}
	return n, nil
}

// TakeCarry returns and forgets the jobs carried over from earlier runs.
func (s *Store) TakeCarry(ctx context.Context) ([]Job, error) {
	es, err := takeCarryScript.Run(ctx, s.rdb, []string{s.k.carry}).StringSlice()
	if err != nil && err != redis.Nil {
		return nil, fmt.Errorf("redis %s: take carried jobs from %s: %w", s.addr, s.k.carry, err)
	}
	jobs := make([]Job, 0, len(es))
	for _, e := range es {
		j, err := decodeElem(e)
		if err != nil {
			continue // a damaged carried job is only a lost retry
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

// HostQueues returns up to n hosts with queued jobs, chosen at random, and
// the length of each one's queue.
func (s *Store) HostQueues(ctx context.Context, n int) (map[string]int, error) {
	hosts, err := s.RandomHosts(ctx, n)
	if err != nil || len(hosts) == 0 {
		return nil, err
	}
	cmds := make([]*redis.IntCmd, 2*len(hosts))
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, h := range hosts {
			hk := s.hostKeys(h)
			cmds[2*i], cmds[2*i+1] = p.LLen(ctx, hk.queue), p.LLen(ctx, hk.hubs)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis %s: queue lengths of %d hosts: %w", s.addr, len(hosts), err)
	}
	out := make(map[string]int, len(hosts))
	for i, h := range hosts {
		if n := int(cmds[2*i].Val() + cmds[2*i+1].Val()); n > 0 {
			out[h] = n
		}
	}
	return out, nil
}

// LeasesOf returns the IDs of the jobs leased to worker.
func (s *Store) LeasesOf(ctx context.Context, worker string) ([]string, error) {
	who, err := s.rdb.HGetAll(ctx, s.k.leaseWho).Result()
	if err != nil {
		return nil, fmt.Errorf("redis %s: HGETALL %s: %w", s.addr, s.k.leaseWho, err)
	}
	var ids []string
	for id, w := range who {
		if w == worker {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// ExpireLeases ends worker's leases on ids now, so that the next Reap
// queues those jobs again; it returns how many it ended.
func (s *Store) ExpireLeases(ctx context.Context, worker string, ids []string) (int, error) {
	n := 0
	for _, id := range ids {
		v, err := expireLeaseScript.Run(ctx, s.rdb, []string{s.k.leases, s.k.leaseWho}, id, worker).Int()
		if err != nil {
			return n, fmt.Errorf("redis %s: expire lease %s: %w", s.addr, id, err)
		}
		n += v
	}
	return n, nil
}
