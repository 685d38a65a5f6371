package redisstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Job is one queued request.
type Job struct {
	// ID is assigned by Enqueue: unique in the crawl, increasing in
	// enqueue order. It names the job's lease (Renew, Ack).
	ID      string
	URL     string // normalized URL (the seen-set key of EnqueueNew)
	Host    string // the queue it waits in (see checkHost)
	Depth   int
	Source  string // how it was discovered (seed, link, sitemap, feed...)
	Payload []byte // the crawler's own serialized request, opaque here
	// Hub queues the job in its host's hub queue (a listing, feed or
	// sitemap page), which Take and TakeN serve first; not stored with the
	// job, so a job requeued or carried to the next run is queued as any.
	Hub bool
}

// ErrNotLeased is returned by Renew and Ack when the worker does not hold
// the job's lease: it expired and was reaped (another worker may have taken
// the job since), or it was acked already.
var ErrNotLeased = errors.New("job not leased by this worker")

// reapBatch bounds the leases one Reap script moves.
const reapBatch = 512

// Enqueue appends jobs to the end of their hosts' queues, in order, in one
// atomic script, and returns their IDs.
func (s *Store) Enqueue(ctx context.Context, jobs []Job) ([]string, error) {
	return s.enqueue(ctx, jobs, false)
}

// EnqueueNew marks the jobs' URLs seen and queues those not seen before, in
// one atomic script: across all workers a URL is queued at most once per
// run, and a URL is never marked seen without being queued. It returns the
// IDs of the queued jobs and "" for the jobs skipped as seen.
func (s *Store) EnqueueNew(ctx context.Context, jobs []Job) ([]string, error) {
	return s.enqueue(ctx, jobs, true)
}

func (s *Store) enqueue(ctx context.Context, jobs []Job, onlyNew bool) ([]string, error) {
	if len(jobs) == 0 {
		return []string{}, nil
	}
	keys := []string{s.k.seen, s.k.ready, s.k.counts, s.k.seq}
	index := map[hostQueue]int{} // host's queue -> KEYS index (1-based)
	args := make([]any, 0, 2+4*len(jobs))
	flag := "0"
	if onlyNew {
		flag = "1"
	}
	args = append(args, flag, len(jobs))
	for _, j := range jobs {
		if err := checkHost(j.Host); err != nil {
			return nil, fmt.Errorf("enqueue %s: %w", j.URL, err)
		}
		hq := hostQueue{j.Host, j.Hub}
		ki, ok := index[hq]
		if !ok {
			keys = append(keys, s.hostKeys(j.Host).queueOf(j.Hub))
			ki = len(keys)
			index[hq] = ki
		}
		args = append(args, ki, j.Host, j.URL, encodeJob(j))
	}
	res, err := enqueueScript.Run(ctx, s.rdb, keys, args...).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("redis %s: enqueue %d jobs for %d hosts (%s...): %w", s.addr, len(jobs), len(index), jobs[0].Host, err)
	}
	if len(res) != len(jobs) {
		return nil, fmt.Errorf("redis %s: enqueue %d jobs: script returned %d IDs", s.addr, len(jobs), len(res))
	}
	return res, nil
}

// hostQueue names one of a host's two queues in enqueue.
type hostQueue struct {
	host string
	hub  bool
}

// Take leases the oldest queued hub of host (see Job.Hub), or else its
// oldest queued job, to worker for lease: until it is acked, renewed or
// reaped after the lease ends, no other worker gets it.
// It returns false when the host has no queued job.
func (s *Store) Take(ctx context.Context, worker, host string, lease time.Duration) (Job, bool, error) {
	if err := checkHost(host); err != nil {
		return Job{}, false, fmt.Errorf("take: %w", err)
	}
	if lease <= 0 {
		return Job{}, false, fmt.Errorf("take from %s: lease %v must be positive", host, lease)
	}
	hk := s.hostKeys(host)
	e, err := takeScript.Run(ctx, s.rdb,
		[]string{hk.queue, s.k.ready, s.k.counts, s.k.leases, s.k.leaseJob, s.k.leaseWho, hk.hubs},
		host, worker, ms(lease)).Text()
	if errors.Is(err, redis.Nil) {
		return Job{}, false, nil
	}
	if err != nil {
		return Job{}, false, fmt.Errorf("redis %s: take from %s: %w", s.addr, hk.queue, err)
	}
	j, err := decodeElem(e)
	if err != nil {
		return Job{}, false, fmt.Errorf("take from %s: %w", hk.queue, err)
	}
	return j, true, nil
}

// TakeN leases up to n queued jobs of host to worker in one round trip:
// its oldest hubs first (see Job.Hub), at most a quarter of n (at least
// one), so that the next listing page of a portal is fetched about one
// batch after it is found rather than behind every article queued before
// it, and articles keep flowing; then its oldest other jobs. It returns no
// job when the host has none.
func (s *Store) TakeN(ctx context.Context, worker, host string, n int, lease time.Duration) ([]Job, error) {
	if err := checkHost(host); err != nil {
		return nil, fmt.Errorf("take: %w", err)
	}
	if lease <= 0 || n < 1 {
		return nil, fmt.Errorf("take from %s: need lease > 0 (got %v) and n >= 1 (got %d)", host, lease, n)
	}
	hk := s.hostKeys(host)
	es, err := takeNScript.Run(ctx, s.rdb,
		[]string{hk.queue, s.k.ready, s.k.counts, s.k.leases, s.k.leaseJob, s.k.leaseWho, hk.hubs},
		host, worker, ms(lease), n).StringSlice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("redis %s: take from %s: %w", s.addr, hk.queue, err)
	}
	jobs := make([]Job, 0, len(es))
	for _, e := range es {
		j, err := decodeElem(e)
		if err != nil {
			return jobs, fmt.Errorf("take from %s: %w", hk.queue, err)
		}
		jobs = append(jobs, j)
	}
	return jobs, nil
}

// Renew extends worker's lease on job id to lease from now. A lease that
// expired but was not reaped yet can still be renewed.
func (s *Store) Renew(ctx context.Context, worker, id string, lease time.Duration) error {
	if lease <= 0 {
		return fmt.Errorf("renew job %s: lease %v must be positive", id, lease)
	}
	n, err := renewScript.Run(ctx, s.rdb, []string{s.k.leases, s.k.leaseWho}, id, worker, ms(lease)).Int()
	if err != nil {
		return fmt.Errorf("redis %s: renew job %s in %s: %w", s.addr, id, s.k.leases, err)
	}
	if n == 0 {
		return fmt.Errorf("renew job %s by %s: %w", id, worker, ErrNotLeased)
	}
	return nil
}

// Ack forgets worker's leased job id for good: it was handled.
func (s *Store) Ack(ctx context.Context, worker, id string) error {
	n, err := ackScript.Run(ctx, s.rdb, []string{s.k.leases, s.k.leaseJob, s.k.leaseWho, s.k.counts}, id, worker).Int()
	if err != nil {
		return fmt.Errorf("redis %s: ack job %s in %s: %w", s.addr, id, s.k.leases, err)
	}
	if n == 0 {
		return fmt.Errorf("ack job %s by %s: %w", id, worker, ErrNotLeased)
	}
	return nil
}

// Requeue returns worker's leased job j (by j.ID) to the queue of j.Host,
// at the front or the back, with j's fields (a retry count in the payload,
// say), in one atomic step: the job is never both queued and leased, nor
// lost between the two.
func (s *Store) Requeue(ctx context.Context, worker string, j Job, front bool) error {
	if err := checkHost(j.Host); err != nil {
		return fmt.Errorf("requeue job %s: %w", j.ID, err)
	}
	if _, err := strconv.ParseUint(j.ID, 10, 64); err != nil {
		return fmt.Errorf("requeue job %q: not an ID from Enqueue", j.ID)
	}
	flag := "0"
	if front {
		flag = "1"
	}
	q := s.hostKeys(j.Host).queue
	n, err := requeueScript.Run(ctx, s.rdb,
		[]string{s.k.leases, s.k.leaseJob, s.k.leaseWho, s.k.ready, s.k.counts, q},
		j.ID, worker, j.Host, j.ID+"|"+string(encodeJob(j)), flag).Int()
	if err != nil {
		return fmt.Errorf("redis %s: requeue job %s to %s: %w", s.addr, j.ID, q, err)
	}
	if n == 0 {
		return fmt.Errorf("requeue job %s by %s: %w", j.ID, worker, ErrNotLeased)
	}
	return nil
}

// Reap puts the jobs whose lease ended (by the Redis server's clock) back
// at the front of their hosts' queues, oldest first, and returns how many.
// Any worker may call it, as often as it likes; a job renewed meanwhile
// stays leased. Leases are few (one per fetch in flight), so it lists all
// the expired ones at once, then moves them in batches, newest first.
func (s *Store) Reap(ctx context.Context) (int, error) {
	res, err := expiredScript.Run(ctx, s.rdb, []string{s.k.leases, s.k.leaseJob}).StringSlice()
	if err != nil {
		return 0, fmt.Errorf("redis %s: list expired leases in %s: %w", s.addr, s.k.leases, err)
	}
	type item struct {
		id   string
		seq  uint64
		host string
	}
	items := make([]item, 0, len(res)/2)
	for i := 0; i+1 < len(res); i += 2 {
		it := item{id: res[i]}
		it.seq, _ = strconv.ParseUint(it.id, 10, 64)
		if res[i+1] != "" {
			j, err := decodeElem(res[i+1])
			if err != nil {
				return 0, fmt.Errorf("reap job %s: %w", it.id, err)
			}
			it.host = j.Host
		}
		items = append(items, it)
	}
	// Pushed to the front one by one: newest first leaves the oldest in
	// front.
	sort.Slice(items, func(a, b int) bool { return items[a].seq > items[b].seq })
	total := 0
	for len(items) > 0 {
		batch := items[:min(len(items), reapBatch)]
		items = items[len(batch):]
		keys := []string{s.k.leases, s.k.leaseJob, s.k.leaseWho, s.k.ready, s.k.counts}
		index := map[string]int{}
		args := make([]any, 0, 1+3*len(batch))
		args = append(args, len(batch))
		for _, it := range batch {
			ki := 0
			if it.host != "" {
				var ok bool
				if ki, ok = index[it.host]; !ok {
					keys = append(keys, s.hostKeys(it.host).queue)
					ki = len(keys)
					index[it.host] = ki
				}
			}
			args = append(args, it.id, ki, it.host)
		}
		n, err := reapScript.Run(ctx, s.rdb, keys, args...).Int()
		if err != nil {
			return total, fmt.Errorf("redis %s: reap %d leases from %s: %w", s.addr, len(batch), s.k.leases, err)
		}
		total += n
	}
	return total, nil
}

// Pending returns how many jobs are queued and how many are leased in the
// whole crawl. The run is over when both are 0.
func (s *Store) Pending(ctx context.Context) (queued, leased int, err error) {
	v, err := s.rdb.HMGet(ctx, s.k.counts, "queued", "leased").Result()
	if err != nil {
		return 0, 0, fmt.Errorf("redis %s: HMGET %s: %w", s.addr, s.k.counts, err)
	}
	n := [2]int{}
	for i, x := range v {
		if str, ok := x.(string); ok {
			if n[i], err = strconv.Atoi(str); err != nil {
				return 0, 0, fmt.Errorf("redis %s: %s: %w", s.addr, s.k.counts, err)
			}
		}
	}
	return n[0], n[1], nil
}

// Hosts returns the hosts that have queued jobs, in no particular order.
func (s *Store) Hosts(ctx context.Context) ([]string, error) {
	h, err := s.rdb.SMembers(ctx, s.k.ready).Result()
	if err != nil {
		return nil, fmt.Errorf("redis %s: SMEMBERS %s: %w", s.addr, s.k.ready, err)
	}
	return h, nil
}

// RandomHosts returns up to n distinct hosts with queued jobs, chosen at
// random: a cheaper Hosts for crawls of many hosts, and a way to spread
// workers over them.
func (s *Store) RandomHosts(ctx context.Context, n int) ([]string, error) {
	h, err := s.rdb.SRandMemberN(ctx, s.k.ready, int64(n)).Result()
	if err != nil {
		return nil, fmt.Errorf("redis %s: SRANDMEMBER %s: %w", s.addr, s.k.ready, err)
	}
	return h, nil
}

// A queued job is stored as "ID|" followed by its encoding: a version byte,
// then uvarint depth and the length-prefixed URL, host and source, then the
// payload. The scripts read only the ID.

const jobVersion = 1

func encodeJob(j Job) []byte {
	b := make([]byte, 0, 1+4*binary.MaxVarintLen64+len(j.URL)+len(j.Host)+len(j.Source)+len(j.Payload))
	b = append(b, jobVersion)
	b = binary.AppendUvarint(b, uint64(max(j.Depth, 0)))
	for _, s := range []string{j.URL, j.Host, j.Source} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return append(b, j.Payload...)
}

var errBadJob = errors.New("malformed job")

// decodeElem decodes a queue element ("ID|" and the encoding).
func decodeElem(e string) (Job, error) {
	id, body, ok := bytes.Cut([]byte(e), []byte{'|'})
	if !ok || len(id) == 0 || len(body) == 0 || body[0] != jobVersion {
		return Job{}, fmt.Errorf("%w: %.40q", errBadJob, e)
	}
	j := Job{ID: string(id)}
	b := body[1:]
	d, n := binary.Uvarint(b)
	if n <= 0 {
		return Job{}, fmt.Errorf("%w %s: depth", errBadJob, id)
	}
	j.Depth, b = int(d), b[n:]
	var fields [3]string
	for i := range fields {
		l, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < l {
			return Job{}, fmt.Errorf("%w %s: field %d", errBadJob, id, i)
		}
		fields[i], b = string(b[n:n+int(l)]), b[n+int(l):]
	}
	j.URL, j.Host, j.Source = fields[0], fields[1], fields[2]
	if len(b) > 0 {
		j.Payload = append([]byte(nil), b...)
	}
	return j, nil
}
