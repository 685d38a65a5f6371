package store

import (
	"bytes"
	"context"

	bolt "go.etcd.io/bbolt"
)

// The fetched bucket maps every URL fetched in this run to the request
// that fetched it (see Claim). PopN claims each URL it hands out for its
// own request; those claims are not written by PopN's transaction but kept
// in memory (Frontier.claims) and written with the deferred batch (see
// update), which also writes the requests' Done marks. The URLs are
// scattered over the bucket, so each claim written rewrote a leaf of its
// own: written with the batch, in a transaction that writes the scattered
// validators anyway, PopN's transaction touches only the queue and taken
// buckets, whose keys follow each other.
//
// A claim kept in memory counts as written: Claim and PopN look there
// first, and claimMu orders every transaction that reads or writes claims
// with the map. A request's claim is written no later than its Done mark
// (update writes the claims made before it), so a killed run's next run
// either queues the request again or finds its claim.

// maxUnwrittenClaims bounds the claims kept in memory: past it, PopN
// writes them itself. The deferred batch writes them well before, unless
// requests are popped much faster than they are done.
const maxUnwrittenClaims = 4096

// Claim records that the request for by is fetching url (a redirect
// target). It reports false when another request fetched url in this run;
// a request may claim the same URL again (a retry).
func (f *Frontier) Claim(_ context.Context, url, by string) (bool, error) {
	f.claimMu.Lock()
	defer f.claimMu.Unlock()
	var ok bool
	err := f.write(func(tx *bolt.Tx) error {
		var err error
		ok, err = f.claim(tx, url, by)
		return err
	})
	return ok, err
}

// claim records url as fetched by the request for by and reports whether
// it may fetch it (see Claim). A URL claimed by its own request (every one
// but a redirect's target) is stored with the value one rather than a
// second copy of itself: the fetched set holds every URL of the run. The
// caller holds claimMu.
func (f *Frontier) claim(tx *bolt.Tx, url, by string) (bool, error) {
	if _, ok := f.claims[url]; ok {
		return by == url, nil
	}
	b := tx.Bucket(bucketFetched)
	if v := b.Get([]byte(url)); v != nil {
		if bytes.Equal(v, one) {
			return by == url, nil
		}
		return string(v) == by, nil
	}
	if by == url {
		return true, b.Put([]byte(url), one)
	}
	return true, b.Put([]byte(url), []byte(by))
}

// claimOwn is claim(tx, url, url) for PopN: a new claim is not written but
// appended to fresh, for the caller to keep in f.claims once its
// transaction commits. The caller holds claimMu.
func (f *Frontier) claimOwn(tx *bolt.Tx, url string, fresh *[]string) bool {
	if _, ok := f.claims[url]; ok {
		return true
	}
	switch v := tx.Bucket(bucketFetched).Get([]byte(url)); {
	case v == nil:
		*fresh = append(*fresh, url)
		return true
	case bytes.Equal(v, one):
		return true
	default:
		return string(v) == url // claimed by a redirect: by this request only if it is the redirect's
	}
}

// keepClaims adds the claims of a committed PopN transaction to f.claims.
// The caller holds claimMu.
func (f *Frontier) keepClaims(fresh []string) {
	if len(fresh) == 0 {
		return
	}
	if f.claims == nil {
		f.claims = make(map[string]struct{}, 2*len(fresh))
	}
	for _, u := range fresh {
		f.claims[u] = struct{}{}
	}
}

// writeClaims writes claims made by their own requests to the fetched
// bucket.
func writeClaims(tx *bolt.Tx, claims map[string]struct{}) error {
	b := tx.Bucket(bucketFetched)
	for u := range claims {
		if err := b.Put([]byte(u), one); err != nil {
			return err
		}
	}
	return nil
}
