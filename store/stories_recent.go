package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// The story index has two parts. The band-key bucket (bucketStories, with
// the signatures in bucketStorySigs) holds the stories of earlier merges;
// the story log (bucketStoryLog) holds the stories filed since, in the
// order they were filed, and recentStories finds them in memory by band
// key.
//
// Written straight into the bucket, a story's 16 band keys, scattered over
// it, rewrote about 16 of its leaves, and each new story was a synced
// commit of its own: a crawl of distinct articles (every real portal's)
// ran at 551 pages/s on a 5,000-article loopback portal against 5,700 for
// near-copies, which file nothing. Appended to the log, a story shares the
// log's last leaf with dozens of others and goes out with the next write
// transaction (as a rule the group commit's MarkEmitted). Once mergeAt
// stories are logged they are merged into the bucket sorted by key, a key
// range per transaction, so that a leaf of the bucket is rewritten about
// once per merge rather than once per key, and then cut from the log.
//
// A story not yet logged is found as if written: FileStory looks among
// the recent stories under the lock it files with, so that of two copies
// emitted at once exactly one is filed first. A kill loses the stories of
// the records not yet committed, which the next run reconciles without
// their stories (a later copy of one of those is not linked to it); a kill
// during a merge leaves the log whole, and the next merge writes again
// what the killed one had written, which changes nothing.

// bucketStoryLog holds the stories filed since the last merge: 8-byte
// sequence -> encodeLogged.
var bucketStoryLog = []byte("storylog")

// mergeAt is how many logged stories start a merge, mergeChunk how many
// band-key entries (or signatures) one merge transaction writes: a key
// range of the bucket, held in memory until it commits. A crawl of 20,000
// distinct articles ran at 3,700 pages/s with 4,096 and 4,096 (peak RSS
// 158 MB), 3,300-3,600 with 1,024 and 512 or 2,048 (137-153 MB); at 5,000
// articles, 4,200 pages/s and 116 MB against 4,200-5,000 and 75-78 MB.
// maxUnlogged bounds the stories waiting to be logged: past it, FileStory
// makes a transaction itself.
const (
	mergeAt     = 1024
	mergeChunk  = 512
	maxUnlogged = 256
)

type recentStory struct {
	seq  uint64
	st   Story
	keys []uint64
}

// recentStories are the stories of the log and those waiting to be
// logged, in the order they were filed.
type recentStories struct {
	mu       sync.Mutex // held by FileStory from its look-up to its filing
	list     []recentStory
	byKey    map[uint64][]*Story
	next     uint64 // sequence of the last story filed
	loggedTo uint64 // list holds logged stories up to this sequence
	merging  sync.Mutex
}

// under appends to out the recent stories filed under any of keys that out
// does not hold yet. The caller holds mu.
func (r *recentStories) under(out []Story, keys []uint64) []Story {
	for _, k := range keys {
		for _, st := range r.byKey[k] {
			if !Filed(out, st.URL) {
				out = append(out, *st)
			}
		}
	}
	return out
}

// add files st under keys with sequence seq. The caller holds mu (or owns
// r, as Open does).
func (r *recentStories) add(seq uint64, st Story, keys []uint64) {
	r.next = max(r.next, seq)
	r.list = append(r.list, recentStory{seq: seq, st: st, keys: keys})
	if r.byKey == nil {
		r.byKey = make(map[uint64][]*Story)
	}
	for _, k := range keys {
		// At most storiesPerKey under a key, as in the bucket: a key
		// shared by that many stories says little, and a look-up stays
		// short.
		if len(r.byKey[k]) < storiesPerKey {
			r.byKey[k] = append(r.byKey[k], &st) // a copy of its own: list moves as it grows
		}
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
// log) or up to it (to merge), as a slice of their own.
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
		if err := b.Put(binary.BigEndian.AppendUint64(nil, rs.seq), encodeLogged(rs)); err != nil {
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

// drop forgets the stories up to seq, merged into the bucket.
func (r *recentStories) drop(seq uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	keep := r.list[:0]
	for _, rs := range r.list {
		if rs.seq > seq {
			keep = append(keep, rs)
			continue
		}
		for _, k := range rs.keys {
			if r.byKey[k] = dropStory(r.byKey[k], rs.st.URL); len(r.byKey[k]) == 0 {
				delete(r.byKey, k)
			}
		}
	}
	r.list = keep
}

// dropStory returns list without the story of url.
func dropStory(list []*Story, url string) []*Story {
	out := list[:0]
	for _, st := range list {
		if st.URL != url {
			out = append(out, st)
		}
	}
	return out
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

func decodeLogged(seq uint64, v []byte) (recentStory, error) {
	bad := fmt.Errorf("story log entry %d: %w", seq, ErrCorrupt)
	field := func() ([]byte, bool) {
		n, w := binary.Uvarint(v)
		if w <= 0 || uint64(len(v)-w) < n {
			return nil, false
		}
		f := v[w : w+int(n)]
		v = v[w+int(n):]
		return f, true
	}
	u, ok1 := field()
	sig, ok2 := field()
	if !ok1 || !ok2 || len(v)%8 != 0 {
		return recentStory{}, bad
	}
	rs := recentStory{seq: seq, st: Story{URL: string(u), Sig: bytes.Clone(sig)}}
	for ; len(v) > 0; v = v[8:] {
		rs.keys = append(rs.keys, binary.BigEndian.Uint64(v))
	}
	return rs, nil
}

// loadLog reads the story log into r (Open).
func (r *recentStories) loadLog(tx *bolt.Tx) error {
	return tx.Bucket(bucketStoryLog).ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("story log key %x: %w", k, ErrCorrupt)
		}
		rs, err := decodeLogged(binary.BigEndian.Uint64(k), v)
		if err != nil {
			return err
		}
		r.add(rs.seq, rs.st, rs.keys)
		r.loggedTo = rs.seq
		return nil
	})
}

// FileStory implements State: the stories filed under keys, merged and
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
	var earlier []Story
	if err := s.view("stories", func(tx *bolt.Tx) error {
		earlier = storiesIn(tx, keys)
		return nil
	}); err != nil {
		return "", err
	}
	earlier = r.under(earlier, keys)
	if found := match(earlier); found != "" || Filed(earlier, st.URL) {
		return found, nil
	}
	r.add(r.next+1, st, append([]uint64(nil), keys...))
	return "", nil
}

// mergeIfDue merges the logged stories into the band-key bucket once
// mergeAt are logged, unless a merge is running.
func (s *Bolt) mergeIfDue() error {
	if logged, _ := s.recent.counts(); logged < mergeAt || !s.recent.merging.TryLock() {
		return nil
	}
	defer s.recent.merging.Unlock()
	return s.mergeLog()
}

// mergeLog writes the logged stories into the band-key bucket and their
// signatures, each sorted by key, mergeChunk at a time, then cuts them
// from the log and from memory.
func (s *Bolt) mergeLog() error {
	r := &s.recent
	r.mu.Lock()
	upTo := r.loggedTo
	r.mu.Unlock()
	stories := r.snapshot(false, upTo)
	if len(stories) == 0 {
		return nil
	}
	type entry struct {
		key uint64
		url string
	}
	var entries []entry
	for _, rs := range stories { // in filing order: a key's list keeps it
		for _, k := range rs.keys {
			entries = append(entries, entry{k, rs.st.URL})
		}
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
	for c := range slices.Chunk(entries, mergeChunk) {
		if err := s.mergeTx(func(tx *bolt.Tx) error {
			b := tx.Bucket(bucketStories)
			for _, e := range c {
				if err := appendStory(b, e.key, e.url); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	slices.SortFunc(stories, func(a, b recentStory) int { return cmp.Compare(a.st.URL, b.st.URL) })
	for c := range slices.Chunk(stories, mergeChunk) {
		if err := s.mergeTx(func(tx *bolt.Tx) error {
			sigs := tx.Bucket(bucketStorySigs)
			for _, rs := range c {
				if err := sigs.Put([]byte(rs.st.URL), rs.st.Sig); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	if err := s.mergeTx(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketStoryLog).Cursor()
		for k, _ := c.First(); k != nil && binary.BigEndian.Uint64(k) <= upTo; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	r.drop(upTo)
	return nil
}

// mergeTx runs one transaction of a merge (not update: it would log and
// merge again).
func (s *Bolt) mergeTx(fn func(tx *bolt.Tx) error) error {
	err := s.wrap("merge stories", s.tx(s.db.Update, fn))
	s.trim.after(s.db)
	return err
}

// appendStory adds url to the list of key k, unless the list holds
// storiesPerKey stories or url already (a merge written again).
func appendStory(b *bolt.Bucket, k uint64, url string) error {
	v := b.Get(storyKey(k))
	if bytes.Count(v, newline) >= storiesPerKey || listed(v, url) {
		return nil
	}
	nv := append(append(append(make([]byte, 0, len(v)+len(url)+1), v...), url...), '\n')
	return b.Put(storyKey(k), nv)
}

// listed reports whether url is a line of list.
func listed(list []byte, url string) bool {
	for line := range bytes.SplitSeq(list, newline) {
		if string(line) == url {
			return true
		}
	}
	return false
}

var newline = []byte{'\n'}
