package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrLocked is returned by Open when another process holds the state.
var ErrLocked = errors.New("state is locked by another run")

// Page is what State remembers about one URL.
type Page struct {
	// ContentHash is the content_hash of the last record emitted for this
	// URL; empty when none was emitted.
	ContentHash string    `json:"h,omitempty"`
	EmittedAt   time.Time `json:"e,omitempty"`
	// Validators of the last complete fetch, for conditional GET.
	ETag         string    `json:"t,omitempty"`
	LastModified string    `json:"m,omitempty"`
	FetchedAt    time.Time `json:"f,omitempty"`
	// Links are the hub links of a non-article page (listing pages,
	// sitemap indexes): what a 304 for it must still lead the crawl to.
	Links []string `json:"l,omitempty"`
	// DeadAt is when the URL was last found dead (see Validators.Dead);
	// zero when its last fetch succeeded.
	DeadAt time.Time `json:"d,omitempty"`
}

// Emitted names one record written to the output.
type Emitted struct {
	URL         string
	ContentHash string
	At          time.Time
}

// Validators are the cache validators of one fetched URL.
type Validators struct {
	URL          string
	ETag         string
	LastModified string
	FetchedAt    time.Time
	Links        []string // see Page.Links
	// Dead reports that the fetch found the URL gone (e.g. a 404 or 410).
	// PutValidators then only sets Page.DeadAt to FetchedAt and keeps the
	// validators, time and links of the last complete fetch.
	Dead bool
}

// Mark is an output watermark: every line of output Key before Offset is
// known to State. Key is empty for outputs that cannot be re-read (stdout).
type Mark struct {
	Key    string
	Offset int64
}

// State is the durable per-URL crawl state. It is small on purpose so that a
// shared store (e.g. Redis or Postgres) can replace the embedded one.
//
// Every method but Close takes a context: a shared store stops waiting for
// its server when ctx is done (the embedded one, whose calls do not wait on
// the network, may ignore it). Callers committing what a run did pass a
// context that outlives the run (see crawler.Run).
type State interface {
	// Page returns what is known about url; the zero Page when nothing is.
	Page(ctx context.Context, url string) (Page, error)
	// Pages is Page for several URLs at once (one transaction, or one
	// round trip for a shared store).
	Pages(ctx context.Context, urls []string) ([]Page, error)
	// MarkEmitted records emitted records and, when m.Key is set, moves the
	// watermark of output m.Key to m.Offset, atomically.
	MarkEmitted(ctx context.Context, m Mark, recs []Emitted) error
	// PutValidators stores the cache validators of fetched URLs.
	PutValidators(ctx context.Context, vs []Validators) error
	// Watermark returns the offset saved for output key (0 when unknown).
	Watermark(ctx context.Context, key string) (int64, error)
	// FileStory files st, the copy of a story about to be emitted, under
	// keys unless match finds it a copy of a story filed earlier: match is
	// called with the stories filed under any of keys by then and returns
	// the URL of the one st copies, or "". FileStory returns what match
	// returned. The look-up and the filing are one step for every process
	// sharing the state, so that of two copies emitted at once exactly one
	// is filed as the first. Filing a URL already filed changes nothing.
	FileStory(ctx context.Context, st Story, keys []uint64, match func([]Story) string) (string, error)
	// AddCoverage appends c to site's coverage history, keeping its last
	// keep entries, and returns the history as it was before, oldest first.
	AddCoverage(ctx context.Context, site string, c Coverage, keep int) ([]Coverage, error)
	// Recent calls fn with every URL whose EmittedAt is at or after since,
	// oldest first, without reading the pages of older URLs. It stops at
	// and returns the first error of fn.
	Recent(ctx context.Context, since time.Time, fn func(url string) error) error
	// Close releases the state and its lock.
	Close() error
}

var (
	bucketPages   = []byte("pages")
	bucketOutputs = []byte("outputs")
	// bucketSites holds each site's coverage history (AddCoverage): host ->
	// JSON list of Coverage, a few entries per site.
	bucketSites = []byte("sites")
	// bucketEmitted indexes pages by EmittedAt, for Recent: its keys are
	// emittedKey(EmittedAt, url), its values empty. It holds one key per
	// emitted URL (MarkEmitted moves it), so it grows with the pages, not
	// with time, and is never pruned.
	bucketEmitted = []byte("emitted")
)

// Bolt is the embedded State: one bbolt file, state.db, in the state
// directory. bbolt's exclusive file lock doubles as the run lock.
type Bolt struct {
	db     *bolt.DB
	dir    string
	path   string // of state.db, for messages
	trim   mapTrim
	recent recentStories // stories past the runs, logged or to be (see FileStory)
	runAt  int           // logged stories past the runs that make a run
	// keepStories is how many of the newest stories the runs keep at least
	// (see retireRuns).
	keepStories int
}

// Open opens (creating if needed) the state in dir and takes its lock.
// When another process holds it, Open gives up after lockWait and returns an
// error wrapping ErrLocked. A damaged state.db gives an error wrapping
// ErrCorrupt (see CheckDB).
func Open(dir string, lockWait time.Duration) (*Bolt, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("state dir %s: %w", dir, err)
	}
	if lockWait <= 0 {
		lockWait = 100 * time.Millisecond
	}
	path := filepath.Join(dir, "state.db")
	db, err := openBolt(path, bolt.Options{Timeout: lockWait})
	if errors.Is(err, berrors.ErrTimeout) {
		return nil, fmt.Errorf("%s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open state: %w", err)
	}
	if err := CheckDB(db, path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open state: %w", err)
	}
	s := &Bolt{db: db, dir: dir, path: path, runAt: runAt, keepStories: keepStories}
	err = s.update("init", func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketPages, bucketOutputs, bucketSites, bucketStoryLog, bucketStoryRuns} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		if err := migrateStories(tx); err != nil {
			return err
		}
		if tx.Bucket(bucketEmitted) != nil {
			return nil
		}
		// A state.db of an older version: index its pages once.
		idx, err := tx.CreateBucket(bucketEmitted)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketPages).ForEach(func(k, v []byte) error {
			p, err := s.decode(string(k), v)
			if err != nil {
				return err
			}
			if !emitted(p) {
				return nil
			}
			return idx.Put(emittedKey(p.EmittedAt, string(k)), nil)
		})
	})
	if err == nil {
		err = s.view("read story log", s.recent.loadLog)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Dir returns the state directory.
func (s *Bolt) Dir() string { return s.dir }

// view and update run fn in a bbolt transaction for operation op. They turn
// a bbolt panic into an error wrapping ErrCorrupt, since a page damaged after
// Open checked the file must stop the run, not crash it, and make every
// error name the file once.
func (s *Bolt) view(op string, fn func(*bolt.Tx) error) error {
	return s.wrap(op, s.tx(s.db.View, fn))
}

// update runs fn in a write transaction, which also logs the stories
// FileStory filed since the last one, and indexes the story log past the
// runs as a run once it is long enough (see runAt).
func (s *Bolt) update(op string, fn func(*bolt.Tx) error) error {
	var logged uint64
	err := s.wrap(op, s.tx(s.db.Update, func(tx *bolt.Tx) (err error) {
		if logged, err = s.recent.writeLog(tx); err != nil {
			return err
		}
		return fn(tx)
	}))
	s.trim.after(s.db)
	if err != nil {
		return err
	}
	s.recent.logged(logged)
	return s.flushIfDue()
}

func (s *Bolt) tx(run func(func(*bolt.Tx) error) error, fn func(*bolt.Tx) error) (err error) {
	defer guard(s.path, &err)
	defer debug.SetPanicOnFault(onFault())
	return run(fn)
}

func (s *Bolt) wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrCorrupt): // its message names the file
		return fmt.Errorf("state %s: %w", op, err)
	case errors.Is(err, errBadIndex):
		return fmt.Errorf("state %s: %w", op, corrupt(s.path, err))
	}
	return fmt.Errorf("state %s: %s: %w", s.path, op, err)
}

// decode decodes the stored page of url. What Bolt stores always decodes,
// so a failure means a damaged file.
func (s *Bolt) decode(url string, v []byte) (Page, error) {
	p, err := parsePage(v)
	if err != nil {
		return Page{}, corrupt(s.path, fmt.Errorf("page %s: %w", url, err))
	}
	return p, nil
}

// Page implements State.
// The operation's name ("page "+url) is built only for an error: the crawl
// reads two pages per fetch, nearly always without one.
func (s *Bolt) Page(_ context.Context, url string) (Page, error) {
	var p Page
	err := s.tx(s.db.View, func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPages).Get([]byte(url))
		if v == nil {
			return nil
		}
		var err error
		p, err = s.decode(url, v)
		return err
	})
	if err != nil {
		return p, s.wrap("page "+url, err)
	}
	return p, nil
}

// Pages implements State in one read transaction.
func (s *Bolt) Pages(_ context.Context, urls []string) ([]Page, error) {
	out := make([]Page, len(urls))
	var at string
	err := s.tx(s.db.View, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPages)
		for i, u := range urls {
			if v := b.Get([]byte(u)); v != nil {
				var err error
				if out[i], err = s.decode(u, v); err != nil {
					at = u
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, s.wrap("page "+at, err)
	}
	return out, nil
}

// emitted reports whether p was ever passed to MarkEmitted, which is when
// the emitted index holds it.
func emitted(p Page) bool { return p.ContentHash != "" || !p.EmittedAt.IsZero() }

// emittedKey is the key of url in bucketEmitted: the big-endian UnixNano of
// t (0 before 1970), so that keys sort by time, then the URL.
func emittedKey(t time.Time, url string) []byte {
	k := make([]byte, 8, 8+len(url))
	if n := t.UnixNano(); t.After(time.Unix(0, 0)) && n > 0 {
		binary.BigEndian.PutUint64(k, uint64(n))
	}
	return append(k, url...)
}

// change changes the page of url in b with f. It returns the page as it was.
func (s *Bolt) change(b *bolt.Bucket, url string, f func(*Page)) (Page, error) {
	var old Page
	if v := b.Get([]byte(url)); v != nil {
		var err error
		if old, err = s.decode(url, v); err != nil {
			return Page{}, err
		}
	}
	p := old
	f(&p)
	// A new slice each time: bbolt keeps the value until the commit.
	return old, b.Put([]byte(url), appendPage(make([]byte, 0, 64), &p))
}

// MarkEmitted implements State.
func (s *Bolt) MarkEmitted(_ context.Context, m Mark, recs []Emitted) error {
	return s.update("mark emitted", func(tx *bolt.Tx) error {
		b, idx := tx.Bucket(bucketPages), tx.Bucket(bucketEmitted)
		// The index's keys start with the emission time, so they arrive
		// in order: full pages on a split, not bbolt's default half-full
		// ones, halve the index.
		idx.FillPercent = 0.95
		for _, r := range recs {
			old, err := s.change(b, r.URL, func(p *Page) {
				p.ContentHash = r.ContentHash
				p.EmittedAt = r.At
			})
			if err != nil {
				return err
			}
			if emitted(old) {
				if err := idx.Delete(emittedKey(old.EmittedAt, r.URL)); err != nil {
					return err
				}
			}
			if err := idx.Put(emittedKey(r.At, r.URL), nil); err != nil {
				return err
			}
		}
		if m.Key == "" {
			return nil
		}
		return tx.Bucket(bucketOutputs).Put([]byte(m.Key), []byte(fmt.Sprint(m.Offset)))
	})
}

// PutValidators implements State.
func (s *Bolt) PutValidators(_ context.Context, vs []Validators) error {
	if len(vs) == 0 {
		return nil
	}
	return s.update("put validators", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPages)
		for _, v := range vs {
			_, err := s.change(b, v.URL, func(p *Page) {
				if v.Dead {
					p.DeadAt = v.FetchedAt
					return
				}
				p.ETag, p.LastModified, p.FetchedAt, p.Links = v.ETag, v.LastModified, v.FetchedAt, v.Links
				p.DeadAt = time.Time{}
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// Watermark implements State.
func (s *Bolt) Watermark(_ context.Context, key string) (int64, error) {
	var off int64
	err := s.view("watermark of "+key, func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketOutputs).Get([]byte(key))
		if v == nil {
			return nil
		}
		if _, err := fmt.Sscan(string(bytes.TrimSpace(v)), &off); err != nil {
			return corrupt(s.path, fmt.Errorf("watermark of %s: %q: %w", key, v, err))
		}
		return nil
	})
	return off, err
}

// recentBatch is how many URLs Recent reads per transaction.
const recentBatch = 1024

// Recent implements State. fn runs outside any transaction, so it may call
// the State itself: Recent reads the index in batches of recentBatch and
// resumes after the last key it read. A URL marked emitted meanwhile may
// therefore show up too, or twice when it was already given.
func (s *Bolt) Recent(_ context.Context, since time.Time, fn func(url string) error) error {
	from := emittedKey(since, "")
	var urls []string
	for {
		urls = urls[:0]
		err := s.view("recent since "+since.Format(time.RFC3339), func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketEmitted).Cursor()
			k, _ := c.Seek(from)
			for ; k != nil && len(urls) < recentBatch; k, _ = c.Next() {
				if len(k) < 8 {
					continue // not a key of ours
				}
				urls = append(urls, string(k[8:]))
				from = append(append(from[:0], k...), 0) // the next key after k
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, u := range urls {
			if err := fn(u); err != nil {
				return err
			}
		}
		if len(urls) < recentBatch {
			return nil
		}
	}
}

// Close implements State. It writes the stories still waiting (see
// FileStory) first.
func (s *Bolt) Close() (err error) {
	defer guard(s.path, &err)
	var werr error
	if _, waiting := s.recent.counts(); waiting > 0 {
		werr = s.update("file stories", func(*bolt.Tx) error { return nil })
	}
	return errors.Join(werr, s.wrap("close", s.db.Close()))
}
