// Package redisstore is newspipe's shared crawl frontier in Redis: the state
// that N `newspipe crawl` processes on N machines share when they crawl one
// portal set together (issue #8). One machine keeps using the bbolt frontier
// of package store; this package is what `--redis` switches to.
//
// It provides, with atomicity that holds across processes and machines:
//
//   - dedup: MarkSeen adds URLs to the crawl's seen set and reports which
//     were new, SADD semantics, so two workers never both see a URL as new;
//     EnqueueNew marks and queues in one script, so a URL is queued at most
//     once per run and never marked seen without being queued;
//   - leases, not pops: Take moves a host's next job into a lease with an
//     expiry; the worker Renews it while working and Acks it when done. Reap
//     puts expired leases (a worker that died) back at the front of their
//     host's queue, so nothing is lost. Pending reports queued and leased
//     counts for run coordination: the run ends when both are 0. Hosts and
//     RandomHosts list the hosts with queued work; Requeue returns a leased
//     job (a retry) to its queue in one step; Clear deletes a finished
//     crawl's keys;
//   - politeness across workers: Acquire grants a per-host fetch slot only
//     while fewer than concurrency slots are held and the host's delay since
//     the last start has passed, and no Pause (Retry-After, Crawl-delay) is in
//     force; a slot frees itself after hold if its worker dies;
//   - shared robots.txt: SetRobots stores the first fetch of a host's
//     robots.txt for the whole crawl (first writer wins), GetRobots reads it;
//   - shared per-URL state: State (a store.State) keeps what was last
//     emitted for each URL, its cache validators and every output's
//     watermark, so reruns stay incremental whichever worker fetches a URL.
//
// # Keys
//
// Every key starts with "np:" and a Redis Cluster hash tag naming the crawl:
//
//	np:{CRAWL}:seen          SET   URLs seen in the run (dedup)
//	np:{CRAWL}:ready         SET   hosts with queued jobs
//	np:{CRAWL}:n             HASH  counters: queued, leased
//	np:{CRAWL}:seq           STRING last job ID (INCR)
//	np:{CRAWL}:leases        ZSET  job ID -> lease expiry (ms, Redis clock)
//	np:{CRAWL}:lease:job     HASH  job ID -> the leased job
//	np:{CRAWL}:lease:who     HASH  job ID -> worker holding the lease
//	np:{CRAWL/HOST}:q        LIST  the host's queued jobs, oldest first
//	np:{CRAWL/HOST}:hubs     LIST  the host's queued hubs (Job.Hub), taken first
//	np:{CRAWL/HOST}:slots    ZSET  worker -> fetch slot expiry (ms)
//	np:{CRAWL/HOST}:next     STRING earliest next fetch start (ms)
//	np:{CRAWL/HOST}:pause    STRING host paused until (ms)
//	np:{CRAWL/HOST}:reqs     STRING fetch slots granted in the run (--max-host-pages)
//	np:{CRAWL/HOST}:robots   STRING robots.txt status and body
//
// so one crawl's keys never collide with another's, and one host's keys
// share a Cluster slot: the per-host scripts (Acquire, Pause, robots) touch
// one slot only. The queue scripts (EnqueueNew, Take, Reap) touch a host's
// queue and the crawl-wide seen set, counters and leases together, which
// makes them exact on one Redis server (the supported deployment) but not
// on a Cluster, which refuses scripts across slots; sharding by host on a
// Cluster would need per-shard seen sets, counters and lease sets. Crawl IDs
// are letters, digits, '.', '_' and '-'; a host is any non-empty string
// without braces or white space (a host name, host:port or
// scheme://host:port origin).
//
// # Clock
//
// Every expiry and delay is computed inside the scripts from the Redis
// server's clock (TIME), never from the workers' clocks, so clock skew
// between machines cannot shorten a delay or expire a lease early. Callers
// pass durations (lease, delay, hold, pause), not instants.
//
// # Redis settings
//
// A crawl's keys must not be evicted: Open refuses a server whose
// maxmemory-policy is anything but noeviction (when CONFIG is not permitted it
// cannot check and proceeds). Production crawls want appendonly yes so a
// restarted Redis keeps the frontier; a failover to an asynchronous replica
// may lose the last writes (a URL fetched twice, or a discovered URL lost).
//
// Worker names (Take, Acquire) must be unique among the crawl's live
// workers: a lease or slot belongs to the name.
package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// PingTimeout bounds how long Open waits for the server's first answer.
const PingTimeout = 5 * time.Second

// Store is one crawl's shared frontier in one Redis server. It is safe for
// concurrent use; each process opens its own.
type Store struct {
	rdb   *redis.Client
	crawl string
	addr  string // for error messages
	k     crawlKeys
}

// crawlKeys are the crawl-wide key names.
type crawlKeys struct {
	seen, ready, counts, seq, leases, leaseJob, leaseWho string
	run, workers, fetched, tally, ending, carry          string
}

// hostKeys are one host's key names.
type hostKeys struct {
	queue, hubs, slots, next, pause, robots string // hubs: queued Job.Hub requests, taken first
	reqs                                    string // fetch slots granted in the run (the host cap)
}

// Open connects to the Redis server at rawURL (redis://[user:pass@]host:port/db,
// rediss://... for TLS, or unix://[user:pass@]/path/to/redis.sock?db=N) for
// the crawl crawlID. It checks that the server answers within PingTimeout and
// that its maxmemory-policy cannot evict the crawl's keys.
func Open(ctx context.Context, rawURL, crawlID string) (*Store, error) {
	if err := checkCrawlID(crawlID); err != nil {
		return nil, err
	}
	opt, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("redis URL %q: %w", redactURL(rawURL), err)
	}
	addr := opt.Network + ":" + opt.Addr
	if opt.Network == "" {
		addr = "tcp:" + opt.Addr
	}
	// Retries are the caller's (Worker.call, with backoff and a patience
	// counted once per outage): go-redis's own would multiply them.
	opt.DialerRetries, opt.MaxRetries = 1, 1
	rdb := redis.NewClient(opt)
	pctx, cancel := context.WithTimeout(ctx, PingTimeout)
	defer cancel()
	if err := rdb.Ping(pctx).Err(); err != nil {
		rdb.Close()
		return nil, fmt.Errorf("redis at %s is unreachable: %w", addr, err)
	}
	if err := checkEviction(pctx, rdb, addr); err != nil {
		rdb.Close()
		return nil, err
	}
	return &Store{rdb: rdb, crawl: crawlID, addr: addr, k: newCrawlKeys(crawlID)}, nil
}

// Close closes the connections. The crawl's keys stay in Redis.
func (s *Store) Close() error { return s.rdb.Close() }

// CrawlID returns the crawl the store belongs to.
func (s *Store) CrawlID() string { return s.crawl }

// Client returns the underlying client (for diagnostics and tests).
func (s *Store) Client() *redis.Client { return s.rdb }

// Clear deletes every key of the crawl (frontier, seen set, leases, host
// slots, robots.txt): the end of a completed run, by the last worker out.
// It scans with SCAN, never KEYS, and deletes with UNLINK; it returns how
// many keys it deleted. Other crawls' keys are left alone.
func (s *Store) Clear(ctx context.Context) (int, error) {
	n := 0
	for _, pattern := range []string{"np:{" + s.crawl + "}:*", "np:{" + s.crawl + "/*"} {
		d, err := s.unlinkMatching(ctx, pattern)
		n += d
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// unlinkMatching deletes the keys matching pattern, scanning with SCAN and
// deleting with UNLINK in batches; it returns how many it deleted.
func (s *Store) unlinkMatching(ctx context.Context, pattern string) (int, error) {
	n := 0
	it := s.rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	batch := make([]string, 0, 500)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		d, err := s.rdb.Unlink(ctx, batch...).Result()
		n += int(d)
		batch = batch[:0]
		if err != nil {
			return fmt.Errorf("redis %s: clear crawl %s: %w", s.addr, s.crawl, err)
		}
		return nil
	}
	for it.Next(ctx) {
		batch = append(batch, it.Val())
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := it.Err(); err != nil {
		return n, fmt.Errorf("redis %s: clear crawl %s: scan %s: %w", s.addr, s.crawl, pattern, err)
	}
	return n, flush()
}

// evicting reports whether a maxmemory-policy may evict keys.
func evicting(policy string) bool { return policy != "noeviction" }

// checkEviction refuses a server that may evict keys under memory pressure.
func checkEviction(ctx context.Context, rdb *redis.Client, addr string) error {
	m, err := rdb.ConfigGet(ctx, "maxmemory-policy").Result()
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("redis at %s: CONFIG GET maxmemory-policy: %w", addr, err)
		}
		// CONFIG renamed away or denied by an ACL: the policy cannot be
		// checked, which is the operator's call.
		return nil
	}
	policy, ok := m["maxmemory-policy"]
	if !ok {
		return nil
	}
	if evicting(policy) {
		return fmt.Errorf("redis at %s has maxmemory-policy %s, which may evict the crawl's frontier, seen set and leases under memory pressure "+
			"and silently lose or repeat work: set maxmemory-policy noeviction (redis.conf, or CONFIG SET maxmemory-policy noeviction) "+
			"or use a server of its own for the crawl", addr, policy)
	}
	return nil
}

// CheckCrawlID reports whether id can name a crawl: letters, digits, '.',
// '_' and '-', at most 128.
func CheckCrawlID(id string) error { return checkCrawlID(id) }

// checkCrawlID accepts letters, digits, '.', '_' and '-' (at most 128).
func checkCrawlID(id string) error {
	if id == "" || len(id) > 128 {
		return fmt.Errorf("crawl id %q: want 1 to 128 characters", id)
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return fmt.Errorf("crawl id %q: only letters, digits, '.', '_' and '-' are allowed", id)
		}
	}
	return nil
}

// errBadHost is wrapped by the errors for hosts that cannot name keys.
var errBadHost = errors.New("host must be non-empty, without braces or white space")

func checkHost(host string) error {
	if host == "" || strings.ContainsAny(host, "{} \t\r\n") {
		return fmt.Errorf("host %q: %w", host, errBadHost)
	}
	return nil
}

func newCrawlKeys(crawl string) crawlKeys {
	p := "np:{" + crawl + "}:"
	return crawlKeys{
		seen: p + "seen", ready: p + "ready", counts: p + "n", seq: p + "seq",
		leases: p + "leases", leaseJob: p + "lease:job", leaseWho: p + "lease:who",
		run: p + "run", workers: p + "workers", fetched: p + "fetched", tally: p + "tally",
		ending: p + "ending", carry: p + "carry",
	}
}

// queueOf returns the queue a job waits in: the hub queue for a hub.
func (hk hostKeys) queueOf(hub bool) string {
	if hub {
		return hk.hubs
	}
	return hk.queue
}

// hostKeys returns host's key names; the caller has checked host.
func (s *Store) hostKeys(host string) hostKeys {
	p := "np:{" + s.crawl + "/" + host + "}:"
	return hostKeys{queue: p + "q", hubs: p + "hubs", slots: p + "slots", next: p + "next", pause: p + "pause", robots: p + "robots", reqs: p + "reqs"}
}

// redactURL hides a password in a Redis URL for error messages.
func redactURL(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return raw
	}
	user, _, _ := strings.Cut(rest[:at], ":")
	return scheme + "://" + user + ":xxx@" + rest[at+1:]
}

// ms converts a duration to whole milliseconds, rounding up so that a
// positive duration never becomes 0.
func ms(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64((d + time.Millisecond - 1) / time.Millisecond)
}
