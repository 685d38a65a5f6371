package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
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
}

// Mark is an output watermark: every line of output Key before Offset is
// known to State. Key is empty for outputs that cannot be re-read (stdout).
type Mark struct {
	Key    string
	Offset int64
}

// State is the durable per-URL crawl state. It is small on purpose so that a
// shared store (e.g. Redis or Postgres) can replace the embedded one.
type State interface {
	// Page returns what is known about url; the zero Page when nothing is.
	Page(url string) (Page, error)
	// MarkEmitted records emitted records and, when m.Key is set, moves the
	// watermark of output m.Key to m.Offset, atomically.
	MarkEmitted(m Mark, recs []Emitted) error
	// PutValidators stores the cache validators of fetched URLs.
	PutValidators(vs []Validators) error
	// Watermark returns the offset saved for output key (0 when unknown).
	Watermark(key string) (int64, error)
	// Close releases the state and its lock.
	Close() error
}

var (
	bucketPages   = []byte("pages")
	bucketOutputs = []byte("outputs")
)

// Bolt is the embedded State: one bbolt file, state.db, in the state
// directory. bbolt's exclusive file lock doubles as the run lock.
type Bolt struct {
	db  *bolt.DB
	dir string
}

// Open opens (creating if needed) the state in dir and takes its lock.
// When another process holds it, Open gives up after lockWait and returns an
// error wrapping ErrLocked.
func Open(dir string, lockWait time.Duration) (*Bolt, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("state dir %s: %w", dir, err)
	}
	if lockWait <= 0 {
		lockWait = 100 * time.Millisecond
	}
	path := filepath.Join(dir, "state.db")
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockWait})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketPages, bucketOutputs} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("init state %s: %w", path, err)
	}
	return &Bolt{db: db, dir: dir}, nil
}

// Dir returns the state directory.
func (s *Bolt) Dir() string { return s.dir }

// Page implements State.
func (s *Bolt) Page(url string) (Page, error) {
	var p Page
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketPages).Get([]byte(url))
		if v == nil {
			return nil
		}
		return json.Unmarshal(v, &p)
	})
	if err != nil {
		return Page{}, fmt.Errorf("state page %s: %w", url, err)
	}
	return p, nil
}

func update(b *bolt.Bucket, url string, f func(*Page)) error {
	var p Page
	if v := b.Get([]byte(url)); v != nil {
		if err := json.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("state page %s: %w", url, err)
		}
	}
	f(&p)
	v, err := json.Marshal(&p)
	if err != nil {
		return err
	}
	return b.Put([]byte(url), v)
}

// MarkEmitted implements State.
func (s *Bolt) MarkEmitted(m Mark, recs []Emitted) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPages)
		for _, r := range recs {
			err := update(b, r.URL, func(p *Page) {
				p.ContentHash = r.ContentHash
				p.EmittedAt = r.At
			})
			if err != nil {
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
func (s *Bolt) PutValidators(vs []Validators) error {
	if len(vs) == 0 {
		return nil
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPages)
		for _, v := range vs {
			err := update(b, v.URL, func(p *Page) {
				p.ETag, p.LastModified, p.FetchedAt, p.Links = v.ETag, v.LastModified, v.FetchedAt, v.Links
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// Watermark implements State.
func (s *Bolt) Watermark(key string) (int64, error) {
	var off int64
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketOutputs).Get([]byte(key))
		if v == nil {
			return nil
		}
		_, err := fmt.Sscan(string(bytes.TrimSpace(v)), &off)
		return err
	})
	return off, err
}

// Close implements State.
func (s *Bolt) Close() error { return s.db.Close() }
