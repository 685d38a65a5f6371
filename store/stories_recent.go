package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// recentStories are the stories filed since the runs' end (see
// stories_runs.go): those of the log past it and those waiting to be
// logged, found in memory by band key.
//
// A story not yet logged is found as if written: FileStory looks among
// the recent stories under the lock it files with, so that of two copies
// emitted at once exactly one is filed first. It goes out with the next
// write transaction (as a rule the group commit's MarkEmitted), appended
// to the log, where it shares the last leaf with dozens of others. A kill
// loses the stories of the records not yet committed, which the next run
// reconciles without their stories (a later copy of one of those is not
// linked to it); a kill before a run is written leaves the log whole, and
// the next Open reads the stories past the runs back into memory.

// bucketStoryLog holds every story filed: 8-byte sequence ->
// encodeLogged.
var bucketStoryLog = []byte("storylog")

// maxUnlogged bounds the stories waiting to be logged: past it, FileStory
// makes a transaction itself.
const maxUnlogged = 256

type recentStory struct {
	seq  uint64
	st   Story
	keys []uint64
}

// recentStories are the stories of the log past the runs and those
// waiting to be logged, in the order they were filed.
type recentStories struct {
	mu       sync.Mutex // held by FileStory from its look-up to its filing
	list     []recentStory
	byKey    keyTable // of list
	next     uint64   // sequence of the last story filed
	loggedTo uint64   // list holds logged stories up to this sequence
	flushing sync.Mutex
	// indexed is whether the state has runs: until it has, a look-up
	// makes no read transaction (a crawl of a few hundred stories, or of
	// one story's copies, never writes one).
	indexed bool
}

// under appends to out the recent stories filed under any of keys that out
// does not hold yet. The caller holds mu.
func (r *recentStories) under(out []Story, keys []uint64) []Story {
	for _, k := range keys {
		r.byKey.under(k, func(i int) {
			if st := r.list[i].st; !Filed(out, st.URL) {
				out = append(out, st)
			}
		})
	}
	return out
}

// add files st under keys with sequence seq. The caller holds mu (or owns
// r, as Open does).
func (r *recentStories) add(seq uint64, st Story, keys []uint64) {
	r.next = max(r.next, seq)
	r.list = append(r.list, recentStory{seq: seq, st: st, keys: keys})
	for _, k := range keys {
		r.byKey.put(k, len(r.list)-1)
	}
}

// counts returns how many recent stories are logged and how many wait.
func (r *recentStories) counts() (logged, waiting int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	logged = sort.Search(len(r.list), func(i int) bool { return r.list[i].seq > r.loggedTo }) // list is in sequence order
	return logged, len(r.list) - logged
}

// snapshot returns the recent stories with a sequence above after (to
// log) or up to it (to index), as a slice of their own.
func (r *recentStories) snapshot(above bool, after uint64) []recentStory {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []recentStory
	for _, rs := range r.list {
		if rs.seq > after == above {
			out = append(out, rs)
		}
	}
	return out
}

// writeLog appends the stories not yet logged to the log in tx and returns
// the sequence logged up to, for logged once tx has committed.
func (r *recentStories) writeLog(tx *bolt.Tx) (uint64, error) {
	r.mu.Lock()
	after := r.loggedTo
	r.mu.Unlock()
	waiting := r.snapshot(true, after)
	if len(waiting) == 0 {
		return 0, nil
	}
	b := tx.Bucket(bucketStoryLog)
	b.FillPercent = 1 // appended in order: full leaves
	for _, rs := range waiting {
		if err := b.Put(seqKey(rs.seq), encodeLogged(rs)); err != nil {
			return 0, err
		}
	}
	return waiting[len(waiting)-1].seq, nil
}

// logged records that the stories up to seq are in the log.
func (r *recentStories) logged(seq uint64) {
	r.mu.Lock()
	r.loggedTo = max(r.loggedTo, seq)
	r.mu.Unlock()
}

// drop forgets the stories up to seq, indexed by a run now.
func (r *recentStories) drop(seq uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.indexed = true
	i := sort.Search(len(r.list), func(i int) bool { return r.list[i].seq > seq })
	kept := slices.Clone(r.list[i:])
	r.list, r.byKey = nil, keyTable{}
	for _, rs := range kept {
		r.add(rs.seq, rs.st, rs.keys)
	}
}

// encodeLogged encodes a logged story: URL and signature, each after its
// length, then the band keys.
func encodeLogged(rs recentStory) []byte {
	v := binary.AppendUvarint(nil, uint64(len(rs.st.URL)))
	v = append(v, rs.st.URL...)
	v = binary.AppendUvarint(v, uint64(len(rs.st.Sig)))
	v = append(v, rs.st.Sig...)
	for _, k := range rs.keys {
		v = binary.BigEndian.AppendUint64(v, k)
	}
	return v
}

// splitLogged returns the parts of a logged story as slices of v.
func splitLogged(v []byte) (url, sig, keys []byte, ok bool) {
	field := func() ([]byte, bool) {
		n, w := binary.Uvarint(v)
		if w <= 0 || uint64(len(v)-w) < n {
			return nil, false
		}
		f := v[w : w+int(n)]
		v = v[w+int(n):]
		return f, true
	}
	url, ok1 := field()
	sig, ok2 := field()
	if !ok1 || !ok2 || len(v)%8 != 0 {
		return nil, nil, nil, false
	}
	return url, sig, v, true
}

func decodeLogged(seq uint64, v []byte) (recentStory, error) {
	url, sig, keys, ok := splitLogged(v)
	if !ok {
		return recentStory{}, fmt.Errorf("story log entry %d: %w", seq, errBadIndex)
	}
	rs := recentStory{seq: seq, st: Story{URL: string(url), Sig: bytes.Clone(sig)}}
	for ; len(keys) > 0; keys = keys[8:] {
		rs.keys = append(rs.keys, binary.BigEndian.Uint64(keys))
	}
	return rs, nil
}

// loadLog reads the stories of the log past the runs into r, and where
// the log ends (Open).
func (r *recentStories) loadLog(tx *bolt.Tx) error {
	covered, err := coveredTo(tx)
	if err != nil {
		return err
	}
	c := tx.Bucket(bucketStoryLog).Cursor()
	for k, v := c.Seek(seqKey(covered + 1)); k != nil; k, v = c.Next() {
		if len(k) != 8 {
			return fmt.Errorf("story log key %x: %w", k, errBadIndex)
		}
		rs, err := decodeLogged(binary.BigEndian.Uint64(k), v)
		if err != nil {
			return err
		}
		r.add(rs.seq, rs.st, rs.keys)
	}
	if k, _ := c.Last(); len(k) == 8 {
		r.next = max(r.next, binary.BigEndian.Uint64(k))
	}
	r.next = max(r.next, covered)
	r.loggedTo = r.next
	r.indexed = covered > 0
	return nil
}

// FileStory implements State: the stories filed under keys, indexed and
// recent, are looked up and st is filed (to be logged with the next write
// transaction) in one step under the lock of the recent stories.
func (s *Bolt) FileStory(_ context.Context, st Story, keys []uint64, match func([]Story) string) (string, error) {
	found, err := s.lookUpAndFile(st, keys, match)
	if err != nil {
		return "", err
	}
	if _, waiting := s.recent.counts(); waiting >= maxUnlogged {
		return found, s.update("file stories", func(*bolt.Tx) error { return nil })
	}
	return found, nil
}

func (s *Bolt) lookUpAndFile(st Story, keys []uint64, match func([]Story) string) (string, error) {
	r := &s.recent
	r.mu.Lock()
	defer r.mu.Unlock()
	earlier, err := s.indexedStories(keys)
	if err != nil {
		return "", err
	}
	earlier = r.under(earlier, keys)
	if found := match(earlier); found != "" || Filed(earlier, st.URL) {
		return found, nil
	}
	r.add(r.next+1, st, append([]uint64(nil), keys...))
	return "", nil
}
