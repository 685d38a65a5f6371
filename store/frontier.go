package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

var (
	bucketMeta     = []byte("meta")
	bucketSeen     = []byte("seen")
	bucketQueue    = []byte("queue")
	bucketHubs     = []byte("hubs") // queued hub requests (Job.Hub), handed out first
	bucketInflight = []byte("inflight")
	bucketFetched  = []byte("fetched")
	bucketCookies  = []byte("cookies")
	bucketPending  = []byte("pending")
	bucketCarry    = []byte("carry")

	// runBuckets hold one run's frontier; carry outlives the run.
	runBuckets = [][]byte{bucketMeta, bucketSeen, bucketQueue, bucketHubs, bucketInflight, bucketFetched, bucketCookies, bucketPending}

	keyStarted = []byte("started")

	// one is the value of set members: bbolt reads back an empty value as nil.
	one = []byte{1}
)

// Frontier is the crawl frontier on disk: the URLs seen in the current run,
// a request queue per host, the requests taken by workers and not yet done,
// the URLs already fetched (so that a redirect and a direct link never fetch
// one page twice), and the cache validators collected during the run
// (committed to State only when the run completes). Memory stays flat however
// large the crawl grows.
//
// It lives in frontier.db beside state.db. A run that does not complete
// (killed, stopped, cut short by a deadline or a page cap, or failed) leaves
// its frontier behind, and the next run continues it (see Begin) instead of
// rediscovering the portal; a completed run clears it, keeping only the
// requests carried over to the next run (hosts that asked for a longer
// pause than the run could wait). Writes are not fsynced: losing the tail of
// a frontier costs refetches, never records.
//
// It also implements colly's storage.Storage (cookies; the visited set is
// the crawler's own, see Pop and Claim).
type Frontier struct {
	db   *bolt.DB
	path string
	trim mapTrim

	mu            sync.Mutex
	done          [][]byte     // IDs of handled requests not yet removed; see Done
	pending       []Validators // validators not yet written; see AddPending
	deferredSince time.Time    // when the first of them was added; see deferWrite

	popMu  sync.Mutex
	popped map[string][]popped // per host: taken ahead by PopN, not yet returned; see PopN
	nAhead int                 // how many popped holds

	claimMu sync.Mutex          // held across the transactions that read or write claims
	claims  map[string]struct{} // URLs PopN claimed for their own requests, not yet written; see Claim

	cookieMu sync.Mutex
	cookies  map[string]string // per host, as stored; read once, written through; see Cookies

	beforeDone func() error // see SetBeforeDone
}

// ErrHostCapped is returned by a shared crawl's fetch-slot grant when the
// host has had its cap of requests for the run (--max-host-pages) from all
// processes together.
var ErrHostCapped = errors.New("host reached its request cap for the run")

// Job is one queued request: the normalized URL it fetches and the
// crawler's serialized request.
type Job struct {
	ID   []byte // position in its host's queue; stable across runs
	Host string
	URL  string
	Data []byte
	// Hub marks a request for a page that leads to others (a listing, a
	// feed, a sitemap): the frontier hands its host's hubs out ahead of
	// the other requests queued before them, up to a quarter of each pop
	// (see PopN), so that the next listing page is not fetched only after
	// every article the previous one listed. Only Enqueue and EnqueueNew
	// read it; a resumed or carried request is an ordinary one.
	Hub bool
}

// Resume describes the frontier a run starts from.
type Resume struct {
	// Resumed is true when an unfinished earlier run is continued.
	Resumed bool
	// Started is when the continued run began (the current time otherwise).
	Started time.Time
	// Queued counts the queued requests per host.
	Queued map[string]int
}

// OpenFrontier opens (creating if needed) frontier.db in dir. A frontier that
// fails bbolt's consistency check is discarded and recreated: it only holds
// work that can be rediscovered. The caller must hold the state lock of dir
// (see Open).
func OpenFrontier(dir string) (*Frontier, error) {
	path := filepath.Join(dir, "frontier.db")
	f, err := openFrontier(path)
	if errors.Is(err, ErrCorrupt) {
		// A frontier is derived data: start afresh rather than fail.
		if rerr := os.Remove(path); rerr != nil && !os.IsNotExist(rerr) {
			return nil, fmt.Errorf("frontier %s: %w", path, errors.Join(err, rerr))
		}
		f, err = openFrontier(path)
	}
	return f, err
}

func openFrontier(path string) (*Frontier, error) {
	db, err := openFrontierDB(path)
	if err != nil {
		return nil, err
	}
	return &Frontier{db: db, path: path}, nil
}

// openFrontierDB opens and checks the bbolt file of a frontier, creating
// its buckets.
func openFrontierDB(path string) (*bolt.DB, error) {
	// Not NoFreelistSync: opening such a file walks every page in a goroutine
	// that panics, unrecoverably, on a damaged page.
	db, err := openBolt(path, bolt.Options{NoSync: true, FreelistType: bolt.FreelistMapType, Timeout: time.Second})
	if err != nil {
		return nil, err
	}
	if err := CheckDB(db, path); err != nil {
		db.Close()
		return nil, err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range append(runBuckets, bucketCarry) {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("frontier %s: %w", path, err)
	}
	return db, nil
}

// update runs fn in a write transaction, after writing the deferred Done
// and AddPending writes and the claims PopN kept in memory (see Claim),
// turning bbolt panics into errors.
func (f *Frontier) update(fn func(tx *bolt.Tx) error) error {
	f.mu.Lock()
	done, pending := f.done, f.pending
	f.done, f.pending, f.deferredSince = nil, nil, time.Time{}
	f.mu.Unlock()
	if len(done) > 0 && f.beforeDone != nil {
		// The marks are dropped unwritten: their requests stay taken on
		// disk, and the next run fetches them again.
		if err := f.beforeDone(); err != nil {
			return err
		}
	}
	// The claims are taken under claimMu, held until they are written: a
	// claim is never out of both the map and the file.
	f.claimMu.Lock()
	defer f.claimMu.Unlock()
	err := f.write(func(tx *bolt.Tx) error {
		in := tx.Bucket(bucketInflight)
		for _, id := range done {
			if err := in.Delete(id); err != nil {
				return err
			}
		}
		if err := putPending(tx, pending); err != nil {
			return err
		}
		if err := writeClaims(tx, f.claims); err != nil {
			return err
		}
		return fn(tx)
	})
	if err == nil {
		f.claims = nil
	}
	return err
}

// write runs fn in a write transaction, turning bbolt panics into errors.
// The crawl's own writes (PopN, EnqueueNew, Claim, ...) use it and leave
// the deferred writes for their batch: taken along with every PopN they
// cost each batch of validators and claims more rewritten leaves of the
// pending and fetched buckets, whose keys (URLs) are scattered.
func (f *Frontier) write(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(onFault())
	defer guard(f.path, &err)
	err = f.db.Update(fn)
	f.trim.after(f.db)
	if err != nil {
		return fmt.Errorf("frontier %s: %w", f.path, err)
	}
	return nil
}

// view runs fn in a read transaction, turning bbolt panics into errors.
func (f *Frontier) view(fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(onFault())
	defer guard(f.path, &err)
	if err := f.db.View(fn); err != nil {
		return fmt.Errorf("frontier %s: %w", f.path, err)
	}
	return nil
}

// Begin starts a run at now. When an unfinished run began less than
// resumeWithin ago, it is continued: its seen set, queues and pending
// validators are kept and the requests it had taken go back to their
// queues. Otherwise the frontier is cleared (the carried-over requests
// stay, see TakeCarry).
func (f *Frontier) Begin(_ context.Context, now time.Time, resumeWithin time.Duration) (Resume, error) {
	r := Resume{Started: now, Queued: map[string]int{}}
	f.dropAhead() // queued again (resumed) or cleared
	f.dropCookies()
	err := f.update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var started time.Time
		if v := meta.Get(keyStarted); v != nil {
			started, _ = time.Parse(time.RFC3339Nano, string(v))
		}
		if !started.IsZero() && now.Sub(started) < resumeWithin && now.Sub(started) >= 0 {
			r.Resumed, r.Started = true, started
			if err := requeueInflight(tx); err != nil {
				return err
			}
		} else {
			if err := clearRun(tx); err != nil {
				return err
			}
			if err := tx.Bucket(bucketMeta).Put(keyStarted, []byte(now.UTC().Format(time.RFC3339Nano))); err != nil {
				return err
			}
		}
		for _, name := range [][]byte{bucketQueue, bucketHubs} {
			err := tx.Bucket(name).ForEach(func(k, _ []byte) error {
				r.Queued[hostOfID(k)]++
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return r, err
}

// clearRun empties the run's buckets.
func clearRun(tx *bolt.Tx) error {
	for _, b := range runBuckets {
		if err := tx.DeleteBucket(b); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		if _, err := tx.CreateBucket(b); err != nil {
			return err
		}
	}
	return nil
}

// requeueInflight puts the requests a dead run had taken back in their
// queues, at their old positions.
func requeueInflight(tx *bolt.Tx) error {
	in, q := tx.Bucket(bucketInflight), tx.Bucket(bucketQueue)
	var keys [][]byte
	err := in.ForEach(func(k, v []byte) error {
		keys = append(keys, append([]byte(nil), k...))
		return q.Put(k, v)
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := in.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// A job ID is the host, a NUL byte and an 8-byte sequence number, so that a
// cursor seek on the host finds its oldest request.
func jobID(host string, seq uint64) []byte {
	id := make([]byte, 0, len(host)+9)
	id = append(append(id, host...), 0)
	return binary.BigEndian.AppendUint64(id, seq)
}

func hostOfID(id []byte) string {
	if i := bytes.IndexByte(id, 0); i >= 0 {
		return string(id[:i])
	}
	return string(id)
}

// A job value is the URL, a NUL byte and the request data.
func jobValue(u string, data []byte) []byte {
	v := make([]byte, 0, len(u)+1+len(data))
	return append(append(append(v, u...), 0), data...)
}

func decodeJob(id, v []byte) Job {
	u, data, _ := bytes.Cut(v, []byte{0})
	return Job{ID: append([]byte(nil), id...), Host: hostOfID(id), URL: string(u), Data: append([]byte(nil), data...)}
}

// FirstSeen reports, for each key, whether this call is the first to see it
// in this run, and records them all as seen, in one transaction.
func (f *Frontier) FirstSeen(_ context.Context, keys []string) ([]bool, error) {
	first := make([]bool, len(keys))
	err := f.write(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSeen)
		for i, k := range keys {
			if b.Get([]byte(k)) != nil {
				continue
			}
			if err := b.Put([]byte(k), one); err != nil {
				return err
			}
			first[i] = true
		}
		return nil
	})
	return first, err
}

// Unseen reports, for each key, whether it was not seen yet in this run,
// without marking anything (a read transaction, which does not wait for
// writers).
func (f *Frontier) Unseen(_ context.Context, keys []string) ([]bool, error) {
	out := make([]bool, len(keys))
	err := f.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSeen)
		for i, k := range keys {
			out[i] = b.Get([]byte(k)) == nil
		}
		return nil
	})
	return out, err
}

// Enqueue appends jobs (URL and request data) to their hosts' queues in one
// transaction.
func (f *Frontier) Enqueue(ctx context.Context, jobs []Job) error {
	_, err := f.EnqueueNew(ctx, jobs, false, nil)
	return err
}

// EnqueueNew queues, in one transaction, the jobs whose URL was not seen in
// this run (all of them when onlyNew is false) and that accept, when set,
// takes; every URL is marked seen. It reports which jobs were new to the
// run, queued or not: of calls racing with one URL, one is told it is new.
func (f *Frontier) EnqueueNew(_ context.Context, jobs []Job, onlyNew bool, accept func(Job) bool) ([]bool, error) {
	fresh := make([]bool, len(jobs))
	err := f.write(func(tx *bolt.Tx) error {
		seen, q, hubs := tx.Bucket(bucketSeen), tx.Bucket(bucketQueue), tx.Bucket(bucketHubs)
		for i, j := range jobs {
			if onlyNew {
				if seen.Get([]byte(j.URL)) != nil {
					continue
				}
				if err := seen.Put([]byte(j.URL), one); err != nil {
					return err
				}
			}
			fresh[i] = true
			if accept != nil && !accept(j) {
				continue
			}
			seq, err := q.NextSequence() // one sequence for both queues: IDs stay unique
			if err != nil {
				return err
			}
			dst := q
			if j.Hub {
				dst = hubs
			}
			if err := dst.Put(jobID(j.Host, seq), jobValue(j.URL, j.Data)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return fresh, nil
}

// Retry replaces the data of a taken request (its retry count changed); it
// stays taken until Done, and a killed run's next run queues it again.
func (f *Frontier) Retry(_ context.Context, j Job) error {
	return f.write(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketInflight).Put(j.ID, jobValue(j.URL, j.Data))
	})
}

// writeBatch is how many deferred writes (done marks, validators) wait
// before one write transaction is made for them, with the claims PopN
// kept meanwhile (see Claim), and writeAfter how long the first of them
// waits at most. Losing them to a kill costs the next run refetches,
// never a record: writeAfter bounds them to that much of the crawl's time
// (short killed runs must still make progress). The validators and claims
// are keyed by URL, scattered over their buckets' leaves, and a portal's
// URLs share few prefixes (a date, a section): a batch of 256 rewrites
// about as many leaves as one of 64 did (the big crawl: 6% less CPU per
// page).
const (
	writeBatch = 256
	writeAfter = 100 * time.Millisecond
)

// SetBeforeDone sets a function that runs before Done marks are written
// (Done keeps them in memory, see deferWrite); when it fails, the marks are
// not written. The crawler passes its output's Flush: a request is marked
// done on disk only once its record has reached the output file, so a
// killed run's successor either finds the record there (store.Reconcile)
// or fetches the page again. Set it before the run starts.
func (f *Frontier) SetBeforeDone(fn func() error) { f.beforeDone = fn }

// Done forgets a taken request: it was handled. The removal is written in a
// batch of writeBatch deferred writes.
func (f *Frontier) Done(_ context.Context, id []byte) error {
	return f.deferWrite(func() int { f.done = append(f.done, id); return len(f.done) })
}

// AddPending keeps the validators of a URL fetched in this run. They are
// written in a batch of writeBatch deferred writes.
func (f *Frontier) AddPending(_ context.Context, v Validators) error {
	return f.deferWrite(func() int { f.pending = append(f.pending, v); return len(f.pending) })
}

// deferWrite records a write with add (under f.mu; it returns how many such
// writes wait) and makes a transaction for them once writeBatch wait or
// the first has waited writeAfter.
func (f *Frontier) deferWrite(add func() int) error {
	now := time.Now()
	f.mu.Lock()
	n := add()
	if f.deferredSince.IsZero() {
		f.deferredSince = now
	}
	due := n >= writeBatch || now.Sub(f.deferredSince) >= writeAfter
	if due {
		f.deferredSince = time.Time{} // this call writes them
	}
	f.mu.Unlock()
	if !due {
		return nil
	}
	return f.update(func(*bolt.Tx) error { return nil })
}

func putPending(tx *bolt.Tx, vs []Validators) error {
	b := tx.Bucket(bucketPending)
	for _, v := range vs {
		data, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(v.URL), data); err != nil {
			return err
		}
	}
	return nil
}

// CommitPending copies the validators collected in this run into st, in
// batches.
func (f *Frontier) CommitPending(ctx context.Context, st State) (int, error) {
	if err := f.update(func(*bolt.Tx) error { return nil }); err != nil {
		return 0, err
	}
	const batch = 512
	n := 0
	buf := make([]Validators, 0, batch)
	flush := func() error {
		if err := st.PutValidators(ctx, buf); err != nil {
			return err
		}
		n += len(buf)
		buf = buf[:0]
		return nil
	}
	err := f.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(k, v []byte) error {
			var val Validators
			if err := json.Unmarshal(v, &val); err != nil {
				return fmt.Errorf("pending validators of %s: %w", k, err)
			}
			buf = append(buf, val)
			if len(buf) == batch {
				return flush()
			}
			return nil
		})
	})
	if err == nil && len(buf) > 0 {
		err = flush()
	}
	return n, err
}

// TakeCarry returns and forgets the requests an earlier completed run
// carried over.
func (f *Frontier) TakeCarry(_ context.Context) ([]Job, error) {
	var jobs []Job
	err := f.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCarry)
		if err := b.ForEach(func(k, v []byte) error {
			jobs = append(jobs, decodeJob(k, v))
			return nil
		}); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketCarry); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketCarry)
		return err
	})
	return jobs, err
}

// Init implements colly's storage.Storage.
func (f *Frontier) Init() error { return nil }

// Visited implements storage.Storage. The crawler keeps its own visited set
// (FirstSeen, Pop, Claim); colly's is not used.
func (f *Frontier) Visited(uint64) error { return nil }

// IsVisited implements storage.Storage; see Visited.
func (f *Frontier) IsVisited(uint64) (bool, error) { return false, nil }

// Cookies implements storage.Storage.
// colly asks for every request, so a host's cookies are read from the file
// once and then served from memory: the file has one writer, this process.
func (f *Frontier) Cookies(u *url.URL) string {
	f.cookieMu.Lock()
	defer f.cookieMu.Unlock()
	if s, ok := f.cookies[u.Host]; ok {
		return s
	}
	var s string
	err := f.view(func(tx *bolt.Tx) error {
		s = string(tx.Bucket(bucketCookies).Get([]byte(u.Host)))
		return nil
	})
	if err == nil {
		f.cacheCookies(u.Host, s)
	}
	return s
}

// SetCookies implements storage.Storage.
func (f *Frontier) SetCookies(u *url.URL, cookies string) {
	f.cookieMu.Lock()
	defer f.cookieMu.Unlock()
	err := f.write(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCookies).Put([]byte(u.Host), []byte(cookies))
	})
	if err == nil {
		f.cacheCookies(u.Host, cookies)
	} else {
		delete(f.cookies, u.Host) // read again from the file
	}
}

// dropCookies forgets the cookies held in memory, when the run's buckets
// may be cleared.
func (f *Frontier) dropCookies() {
	f.cookieMu.Lock()
	defer f.cookieMu.Unlock()
	f.cookies = nil
}

// cacheCookies keeps a host's cookies in memory; f.cookieMu is held.
func (f *Frontier) cacheCookies(host, cookies string) {
	if f.cookies == nil {
		f.cookies = map[string]string{}
	}
	f.cookies[host] = cookies
}

// Close closes the frontier; its file stays for the next run.
func (f *Frontier) Close() error {
	ferr := f.update(func(*bolt.Tx) error { return nil }) // pending Done calls
	if err := errors.Join(ferr, f.db.Close()); err != nil {
		return fmt.Errorf("frontier %s: %w", f.path, err)
	}
	return nil
}
