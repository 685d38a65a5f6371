package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The story index on disk has two parts. The story log (bucketStoryLog)
// keeps every story filed, by sequence: its URL, signature and band keys,
// appended in filing order. Runs (bucketStoryRuns) index the log by band
// key: a run is one sorted array of 8-byte entries, the upper 32 bits of a
// band key's hash (keyHash) over the sequence of a story filed under it,
// for the stories of a range of sequences; the runs together cover the log
// up to the last run's end, and the stories after it are indexed in memory
// (recentStories) until runAt of them are logged.
//
// A band key's bucket of URL lists, written a story at a time (the first
// version), rewrote about 16 scattered leaves per story; merged in sorted
// batches, it still rewrote most of the bucket per batch, so a crawl of
// 20,000 distinct articles slowed as the bucket grew (313 to 422 µs of CPU
// a page from 5,000 to 20,000 articles) and its peak RSS reached 139 MiB.
// A run is written once, a few pages per 1,000 stories, and runs are
// merged two of like size at a time, so each entry is rewritten about
// log2(stories/runAt) times and a look-up searches that many runs.
//
// 32 bits of a key's hash tell keys apart well enough for a look-up: a
// look-up's 16 keys meet one of a million stories' 16 million with odds of
// about 1 in 17, and the story's own keys, kept in the log, are checked
// before it is returned.

// bucketStoryRuns holds the runs: runKey(first, last) -> sorted entries.
var bucketStoryRuns = []byte("storyruns")

// errBadIndex is wrapped by the errors of a damaged story log or run; the
// Bolt methods report it as ErrCorrupt, with the file (see wrap).
var errBadIndex = errors.New("damaged story index")

// runAt is how many logged stories past the runs start a new run (the
// default of Bolt.runAt); maxRunEntries bounds the entries of a run made
// by merging two (4 MB, which the merge holds in memory twice while it
// commits): past it runs stay as they are (16,384 stories or more each:
// two such no longer fit).
const (
	runAt         = 1024
	maxRunEntries = 1 << 19
)

// seqBits is how many low bits of an entry hold the story's sequence.
const (
	seqBits = 32
	seqMask = 1<<seqBits - 1
)

func seqKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

func runKey(first, last uint64) []byte {
	return binary.BigEndian.AppendUint64(seqKey(first), last)
}

// runRange returns the first and last sequence of run key k.
func runRange(k []byte) (first, last uint64, err error) {
	if len(k) != 16 {
		return 0, 0, fmt.Errorf("story run key %x: %w", k, errBadIndex)
	}
	return binary.BigEndian.Uint64(k), binary.BigEndian.Uint64(k[8:]), nil
}

// coveredTo returns the last sequence the runs cover (0 when none).
func coveredTo(tx *bolt.Tx) (uint64, error) {
	k, _ := tx.Bucket(bucketStoryRuns).Cursor().Last()
	if k == nil {
		return 0, nil
	}
	_, last, err := runRange(k)
	return last, err
}

// keyHash mixes the bits of band key k (splitmix64's finalizer, a
// bijection), so that the upper half an entry keeps tells keys apart
// however they are spread.
func keyHash(k uint64) uint64 {
	k ^= k >> 30
	k *= 0xbf58476d1ce4e5b9
	k ^= k >> 27
	k *= 0x94d049bb133111eb
	return k ^ k>>31
}

// entryAt returns entry i of run.
func entryAt(run []byte, i int) uint64 { return binary.BigEndian.Uint64(run[8*i:]) }

// writeRun indexes stories, consecutive in sequence, as one run.
func writeRun(tx *bolt.Tx, stories []recentStory) error {
	if len(stories) == 0 {
		return nil
	}
	last := stories[len(stories)-1].seq
	if last > seqMask {
		return fmt.Errorf("story %d: more stories than the index numbers (%d)", last, uint64(seqMask))
	}
	var n int
	for _, rs := range stories {
		n += len(rs.keys)
	}
	entries := make([]uint64, 0, n)
	for _, rs := range stories {
		for _, k := range rs.keys {
			entries = append(entries, keyHash(k)&^seqMask|rs.seq)
		}
	}
	slices.Sort(entries)
	entries = slices.Compact(entries) // two keys of a story whose hashes share their upper bits
	v := make([]byte, 0, 8*len(entries))
	for _, e := range entries {
		v = binary.BigEndian.AppendUint64(v, e)
	}
	return tx.Bucket(bucketStoryRuns).Put(runKey(stories[0].seq, last), v)
}

// seqsUnder appends to seqs the sequences run lists under the upper half
// of the hash of any of keys, at most storiesPerKey per key: a key shared by that many
// stories says little, and a look-up stays short.
func seqsUnder(run []byte, keys []uint64, seqs []uint64) []uint64 {
	n := len(run) / 8
	for _, k := range keys {
		lo := keyHash(k) &^ seqMask
		i := lowerBound(run, n, lo)
		for c := 0; i < n && c < storiesPerKey; i, c = i+1, c+1 {
			e := entryAt(run, i)
			if e&^seqMask != lo {
				break
			}
			seqs = append(seqs, e&seqMask)
		}
	}
	return seqs
}

// lowerBound returns the index of the first of run's n entries at or above
// x. The entries' upper halves are hashes, spread evenly, so it starts
// where x would lie and gallops from there: a few neighbouring cache lines
// where a binary search touches log2(n) scattered ones (a third of a
// crawl's look-up at 20,000 stories).
func lowerBound(run []byte, n int, x uint64) int {
	if n == 0 {
		return 0
	}
	g := int((x >> seqBits) * uint64(n) >> (64 - seqBits))
	var lo, hi int // the answer lies in [lo, hi]
	if entryAt(run, g) < x {
		lo = g + 1
		step := 1
		for lo+step-1 < n && entryAt(run, lo+step-1) < x {
			lo += step
			step *= 2
		}
		hi = min(lo+step-1, n)
	} else {
		hi = g
		step := 1
		for hi-step >= 0 && entryAt(run, hi-step) >= x {
			hi -= step
			step *= 2
		}
		lo = max(hi-step+1, 0)
	}
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if entryAt(run, h) < x {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}

// mergeRuns returns the entries of runs a and b, which hold different
// stories, as one sorted run.
func mergeRuns(a, b []byte) []byte {
	out := make([]byte, 0, len(a)+len(b))
	i, j, na, nb := 0, 0, len(a)/8, len(b)/8
	for i < na && j < nb {
		if x, y := entryAt(a, i), entryAt(b, j); x < y {
			out, i = binary.BigEndian.AppendUint64(out, x), i+1
		} else {
			out, j = binary.BigEndian.AppendUint64(out, y), j+1
		}
	}
	out = append(out, a[8*i:8*na]...)
	return append(out, b[8*j:8*nb]...)
}

// compactRuns merges the newest two runs, a transaction each, while the
// older is not much longer than the newer, like a binary counter: about
// log2(stories/runAt) runs remain.
func (s *Bolt) compactRuns() error {
	for {
		merged := false
		if err := s.mergeTx(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketStoryRuns)
			c := b.Cursor()
			k2, v2 := c.Last()
			k1, v1 := c.Prev()
			if k1 == nil || len(v1) > len(v2)*5/4 || (len(v1)+len(v2))/8 > maxRunEntries {
				return nil
			}
			first, _, err1 := runRange(k1)
			_, last, err2 := runRange(k2)
			if err := errors.Join(err1, err2); err != nil {
				return err
			}
			v := mergeRuns(v1, v2)
			k1, k2 = bytes.Clone(k1), bytes.Clone(k2) // the deletes change the pages they lie in
			if err := b.Delete(k1); err != nil {
				return err
			}
			if err := b.Delete(k2); err != nil {
				return err
			}
			merged = true
			return b.Put(runKey(first, last), v)
		}); err != nil || !merged {
			return err
		}
	}
}

// flushIfDue indexes the logged stories past the runs as a new run once
// s.runAt are logged, unless a flush is running.
func (s *Bolt) flushIfDue() error {
	if logged, _ := s.recent.counts(); logged < s.runAt || !s.recent.flushing.TryLock() {
		return nil
	}
	defer s.recent.flushing.Unlock()
	return s.flushLog()
}

// flushLog writes the logged stories past the runs as a run, forgets them
// in memory, and compacts the runs.
func (s *Bolt) flushLog() error {
	r := &s.recent
	r.mu.Lock()
	upTo := r.loggedTo
	r.mu.Unlock()
	stories := r.snapshot(false, upTo)
	if len(stories) == 0 {
		return nil
	}
	err := s.mergeTx(func(tx *bolt.Tx) error {
		if err := writeRun(tx, stories); err != nil {
			return err
		}
		return retireRuns(tx, uint64(s.keepStories))
	})
	if err != nil {
		return err
	}
	r.drop(upTo)
	return s.compactRuns()
}

// mergeTx runs one transaction of a flush or merge (not update: it would
// log and flush again).
func (s *Bolt) mergeTx(fn func(tx *bolt.Tx) error) error {
	err := s.wrap("index stories", s.tx(s.db.Update, fn))
	s.trim.after(s.db)
	return err
}

// keepStories is how many of the newest stories the index keeps at least
// (the default of Bolt.keepStories). The log and the runs take about 400
// bytes a story, so without a bound a crawl run from cron for years would
// grow state.db by that much for every article it ever emitted, and every
// look-up would search more runs. A million stories is about 400 MB; a
// crawl filing 20,000 new stories a day keeps about seven weeks, and a
// reprint of a story older than that is filed as a story of its own.
const keepStories = 1 << 20

// retireRuns drops the oldest runs, with their stories' log entries, while
// the newer runs alone cover keep stories or more: the index keeps between
// keep stories and keep plus one run's. The newest run always stays.
// Sequences are consecutive, so a run's range counts its stories.
func retireRuns(tx *bolt.Tx, keep uint64) error {
	runs := tx.Bucket(bucketStoryRuns)
	for {
		c := runs.Cursor()
		kOld, _ := c.First()
		kNew, _ := c.Last()
		if kOld == nil || bytes.Equal(kOld, kNew) {
			return nil
		}
		first, oldLast, err1 := runRange(kOld)
		_, last, err2 := runRange(kNew)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		if last-oldLast < keep {
			return nil
		}
		if err := runs.Delete(bytes.Clone(kOld)); err != nil {
			return err
		}
		if err := deleteLogged(tx, first, oldLast); err != nil {
			return err
		}
	}
}

// deleteLogged deletes the log entries of the stories first to last.
func deleteLogged(tx *bolt.Tx, first, last uint64) error {
	c := tx.Bucket(bucketStoryLog).Cursor()
	for k, _ := c.Seek(seqKey(first)); k != nil; k, _ = c.Seek(seqKey(first)) {
		if len(k) != 8 {
			return fmt.Errorf("story log key %x: %w", k, errBadIndex)
		}
		if binary.BigEndian.Uint64(k) > last {
			return nil
		}
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
