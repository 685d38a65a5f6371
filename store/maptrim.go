package store

import (
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// trimEvery is how often a store gives back the pages of its memory-mapped
// file. bbolt reads a file through a shared read-only mmap, and every page a
// transaction touches stays mapped, counted in the process's RSS, until the
// file is unmapped: without trimming, RSS grows with the state file (about
// 400 bytes per URL), so a crawl of a million URLs would look like a leak
// of hundreds of MB. After a release the hot pages (the B+tree's upper
// levels, the story runs' pages a look-up reads) fault back in, each a
// minor page fault, while the cold leaves stay out. Every 25 ms those
// faults took 4–6% of a fast crawl's CPU; every 250 ms they cost little
// and peak RSS stays flat: 43–51/51–57/60 MiB at 5,000/20,000/100,000
// pages.
const trimEvery = 250 * time.Millisecond

// mapTrim releases, at most every trimEvery, the pages of a bbolt file's
// mapping (see releaseMapped). The zero value is ready to use.
type mapTrim struct {
	last atomic.Int64 // unix nanoseconds of the last release
}

// after is called after each write transaction; it releases the mapping
// when trimEvery has passed since the last release. Errors are ignored: the
// mapping merely stays resident.
func (m *mapTrim) after(db *bolt.DB) {
	now := time.Now().UnixNano()
	last := m.last.Load()
	if now-last < int64(trimEvery) || !m.last.CompareAndSwap(last, now) {
		return
	}
	// A read transaction holds bbolt's mmap lock, so the mapping cannot
	// move or shrink while it is released.
	_ = db.View(func(tx *bolt.Tx) error {
		releaseMapped(db.Info().Data, uintptr(tx.Size()))
		return nil
	})
}
