package store

import (
	"bytes"
	"context"

	bolt "go.etcd.io/bbolt"
)

// popped is a request PopN took and claimed ahead of being asked for it.
type popped struct {
	job     Job
	claimed bool
}

// PopN takes popAhead requests of a host per transaction, when asked for
// fewer, and keeps the rest for the next calls: a pop transaction has a
// fixed cost (its commit rewrites the leaves of the queue and taken buckets
// it touched, the branch pages, the freelist and the meta page) that 64
// requests share better than the crawler's 16 (with the deferred writes
// left to their batch, see write: 30% less frontier time per request in
// BenchmarkFrontierCrawl). At most maxAhead requests wait so,
// over all hosts, so that memory stays flat with many hosts. They are taken
// (see Done) on disk, so a killed run's next run queues them again like any
// request in flight.
const (
	popAhead = 64
	maxAhead = 1024
)

// Pop takes the oldest queued request of host and marks it taken (see Done).
// It also claims the request's URL as fetched by itself (see Claim):
// claimed is false when another request already fetched that URL in this
// run, through a redirect. It returns ok false when the queue is empty.
func (f *Frontier) Pop(ctx context.Context, host string) (j Job, claimed, ok bool, err error) {
	jobs, claims, err := f.PopN(ctx, host, 1)
	if err != nil || len(jobs) == 0 {
		return Job{}, false, false, err
	}
	return jobs[0], claims[0], true, nil
}

// PopN takes up to n of the oldest queued requests of host, as Pop does
// for one, in one transaction or none (see popAhead).
func (f *Frontier) PopN(_ context.Context, host string, n int) (jobs []Job, claimed []bool, err error) {
	f.popMu.Lock()
	defer f.popMu.Unlock()
	ahead := f.popped[host]
	if len(ahead) < n {
		take := n - len(ahead)
		if f.nAhead+popAhead-take <= maxAhead {
			take = max(take, popAhead)
		}
		more, err := f.popTx(host, take)
		if err != nil {
			return nil, nil, err
		}
		f.nAhead += len(more)
		ahead = append(ahead, more...)
	}
	k := min(n, len(ahead))
	for _, p := range ahead[:k] {
		jobs, claimed = append(jobs, p.job), append(claimed, p.claimed)
	}
	f.nAhead -= k
	if k == len(ahead) {
		delete(f.popped, host)
	} else {
		if f.popped == nil {
			f.popped = map[string][]popped{}
		}
		f.popped[host] = ahead[k:]
	}
	return jobs, claimed, nil
}

// dropAhead forgets the requests PopN took ahead: Begin and Finish deal
// with them on disk.
func (f *Frontier) dropAhead() {
	f.popMu.Lock()
	f.popped, f.nAhead = nil, 0
	f.popMu.Unlock()
}

// popTx takes up to n of the oldest queued requests of host in one
// transaction: it marks them taken and claims their URLs (see Pop). The
// oldest hubs (Job.Hub) come first, at most a quarter of n (at least one),
// so that articles keep coming however many listing pages a site has: a
// hub found now is fetched about one pop later, not after the whole queue.
func (f *Frontier) popTx(host string, n int) ([]popped, error) {
	prefix := append([]byte(host), 0)
	var out []popped
	var fresh []string // new claims, kept in memory (see Claim)
	f.claimMu.Lock()
	defer f.claimMu.Unlock()
	spill := len(f.claims) >= maxUnwrittenClaims
	err := f.write(func(tx *bolt.Tx) error {
		out, fresh = out[:0], fresh[:0] // a retried transaction starts over
		in := tx.Bucket(bucketInflight)
		for _, q := range []struct {
			bucket []byte
			most   int
		}{{bucketHubs, max(n/4, 1)}, {bucketQueue, n}} {
			c := tx.Bucket(q.bucket).Cursor()
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(out) < n && q.most > 0; k, v = c.Seek(prefix) {
				q.most--
				j := decodeJob(k, v)
				if err := in.Put(j.ID, v); err != nil {
					return err
				}
				if err := c.Delete(); err != nil {
					return err
				}
				out = append(out, popped{j, f.claimOwn(tx, j.URL, &fresh)})
			}
		}
		if !spill {
			return nil
		}
		if err := writeClaims(tx, f.claims); err != nil {
			return err
		}
		b := tx.Bucket(bucketFetched)
		for _, u := range fresh {
			if err := b.Put([]byte(u), one); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if spill {
		f.claims = nil
	} else {
		f.keepClaims(fresh)
	}
	return out, nil
}
