package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"
)

var (
	bucketVisited = []byte("visited")
	bucketSeen    = []byte("seen")
	bucketQueue   = []byte("queue")
	bucketCookies = []byte("cookies")
	bucketPending = []byte("pending")

	// one is the value of set members: bbolt reads back an empty value as nil.
	one = []byte{1}
)

// Frontier is the run-scoped crawl frontier on disk: the set of URLs seen
// and visited in this run, the request queue, cookies, and the cache
// validators collected during the run (committed to State only when the run
// completes). It implements colly's storage.Storage and queue.Storage, so
// memory stays flat however large the crawl grows.
//
// It lives in frontier.db beside state.db and is recreated by every run:
// listing pages must be re-fetched each run, so visited state must not
// outlive the run. Writes are not fsynced; nothing in it must survive a
// crash.
type Frontier struct {
	db      *bolt.DB
	path    string
	size    atomic.Int64
	stopped atomic.Bool
}

// OpenFrontier creates a fresh frontier in dir. The caller must hold the
// state lock of dir (see Open).
func OpenFrontier(dir string) (*Frontier, error) {
	path := filepath.Join(dir, "frontier.db")
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("frontier %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{NoSync: true, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if err != nil {
		return nil, fmt.Errorf("frontier %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketVisited, bucketSeen, bucketQueue, bucketCookies, bucketPending} {
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
	return &Frontier{db: db, path: path}, nil
}

// Init implements colly's storage.Storage and queue.Storage.
func (f *Frontier) Init() error { return nil }

func idKey(id uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], id)
	return k[:]
}

// Visited implements storage.Storage.
func (f *Frontier) Visited(requestID uint64) error {
	return f.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketVisited).Put(idKey(requestID), one)
	})
}

// IsVisited implements storage.Storage.
func (f *Frontier) IsVisited(requestID uint64) (bool, error) {
	var ok bool
	err := f.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketVisited).Get(idKey(requestID)) != nil
		return nil
	})
	return ok, err
}

// Cookies implements storage.Storage.
func (f *Frontier) Cookies(u *url.URL) string {
	var s string
	f.db.View(func(tx *bolt.Tx) error {
		s = string(tx.Bucket(bucketCookies).Get([]byte(u.Host)))
		return nil
	})
	return s
}

// SetCookies implements storage.Storage.
func (f *Frontier) SetCookies(u *url.URL, cookies string) {
	f.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCookies).Put([]byte(u.Host), []byte(cookies))
	})
}

// FirstSeen reports, for each key, whether this call is the first to see it
// in this run, and records them all as seen, in one transaction.
func (f *Frontier) FirstSeen(keys []string) ([]bool, error) {
	first := make([]bool, len(keys))
	err := f.db.Update(func(tx *bolt.Tx) error {
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

// AddRequest implements queue.Storage.
func (f *Frontier) AddRequest(r []byte) error {
	err := f.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQueue)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		return b.Put(idKey(seq), r)
	})
	if err == nil {
		f.size.Add(1)
	}
	return err
}

// GetRequest implements queue.Storage: it pops the oldest request, or
// returns nil when the queue is empty or stopped.
func (f *Frontier) GetRequest() ([]byte, error) {
	if f.stopped.Load() {
		return nil, nil
	}
	var out []byte
	err := f.db.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketQueue).Cursor()
		k, v := c.First()
		if k == nil {
			return nil
		}
		out = append([]byte(nil), v...)
		return c.Delete()
	})
	if err == nil && out != nil {
		f.size.Add(-1)
	}
	return out, err
}

// QueueSize implements queue.Storage. It reports 0 once Stop was called, so
// that colly's queue drains the requests in flight and returns.
func (f *Frontier) QueueSize() (int, error) {
	if f.stopped.Load() {
		return 0, nil
	}
	return int(f.size.Load()), nil
}

// Stop makes the queue look empty from now on.
func (f *Frontier) Stop() { f.stopped.Store(true) }

// AddPending keeps the validators of a URL fetched in this run.
func (f *Frontier) AddPending(v Validators) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return f.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).Put([]byte(v.URL), data)
	})
}

// CommitPending copies the validators collected in this run into st, in
// batches.
func (f *Frontier) CommitPending(st State) (int, error) {
	const batch = 512
	n := 0
	buf := make([]Validators, 0, batch)
	flush := func() error {
		if err := st.PutValidators(buf); err != nil {
			return err
		}
		n += len(buf)
		buf = buf[:0]
		return nil
	}
	err := f.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(k, v []byte) error {
			var val Validators
			if err := json.Unmarshal(v, &val); err != nil {
				return err
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

// Close closes and removes the frontier.
func (f *Frontier) Close() error {
	err := f.db.Close()
	if rerr := os.Remove(f.path); err == nil && rerr != nil && !os.IsNotExist(rerr) {
		err = rerr
	}
	return err
}
