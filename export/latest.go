package export

import (
	"context"
	"hash/maphash"
)

// pick is where the newest record of a URL is: its file and line, and its
// fetch time (Unix ns; 0 when unknown).
type pick struct {
	at         int64
	file, line int32
}

// latestIndex maps a URL's hash to its newest record. Keys are 64-bit
// hashes, not URLs, so that a million URLs cost about 16 MB of keys and
// values instead of their text; two URLs would have to collide for one to
// hide the other (about one chance in 10^8 for a billion pairs).
type latestIndex struct {
	seed  maphash.Seed
	picks map[uint64]pick
}

// indexLatest reads the inputs once and returns, per URL, its newest
// record by fetched_at (the later one in input order on a tie or when
// fetched_at is missing).
func indexLatest(ctx context.Context, files []string) (*latestIndex, error) {
	ix := &latestIndex{seed: maphash.MakeSeed(), picks: map[uint64]pick{}}
	err := scan(ctx, files, func(*LineError) {}, func(file, line int, r Record) error {
		var at int64
		if r.FetchedAt != nil {
			at = r.FetchedAt.UnixNano()
		}
		k := maphash.String(ix.seed, r.URL)
		if old, ok := ix.picks[k]; !ok || at >= old.at {
			ix.picks[k] = pick{at: at, file: int32(file), line: int32(line)}
		}
		return nil
	})
	return ix, err
}

// newest reports whether the record at file:line is its URL's newest.
func (ix *latestIndex) newest(file, line int, url string) bool {
	p := ix.picks[maphash.String(ix.seed, url)]
	return p.file == int32(file) && p.line == int32(line)
}
