package store

import (
	"bytes"
	"context"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Stories filed by FileStory are not written by a transaction of their
// own: each was a synced commit of state.db, one per new story, and a
// crawl of distinct articles (every real portal's) ran at the pace of the
// disk's fsync: 551 pages/s on a 5,000-article loopback portal against
// 5,700 for near-copies, which file nothing (1,561 now). They wait in
// memory and go out with the next write transactions of the state, as a
// rule the group commits' MarkEmitted, storiesPerCommit at a time, and
// with Close.
//
// A story that waits is found as if written: FileStory looks among them
// under the same lock as it files, so that of two copies emitted at once
// exactly one is filed first. A kill loses the stories of the records not
// yet committed, which the next run reconciles without their stories: a
// later copy of one of those is not linked to it. Nothing else is lost.

// storiesPerCommit bounds the stories one write transaction writes. Their
// band keys are scattered over the stories bucket, so a transaction
// rewrites about one leaf per key it writes (16 per story) and holds them
// all in memory until it commits: in a crawl of 20,000 distinct articles,
// 100 stories a commit kept a live heap of 30 to 50 MB and a peak RSS of
// 330 MB, 32 a commit 135 MB, 8 a commit 98 MB (one synced commit per
// story, as before: 82 MB at a third of the speed). maxPendingStories
// bounds the stories waiting in memory: past it, FileStory makes a
// transaction itself.
const (
	storiesPerCommit  = 8
	maxPendingStories = 8 * storiesPerCommit
)

// pendingStories are the stories filed and not yet written.
type pendingStories struct {
	mu    sync.Mutex // held by FileStory from its look-up to its filing
	list  []pendingStory
	byKey map[uint64][]*Story // the stories of list filed under each key
	next  uint64              // sequence of the next story filed
}

type pendingStory struct {
	seq  uint64
	st   Story
	keys []uint64
}

// under appends to out the waiting stories filed under any of keys that
// out does not hold yet (a story can be both written and still listed
// between a commit and its removal from the list). The caller holds mu.
func (p *pendingStories) under(out []Story, keys []uint64) []Story {
	for _, k := range keys {
		for _, st := range p.byKey[k] {
			if !Filed(out, st.URL) {
				out = append(out, *st)
			}
		}
	}
	return out
}

// add files st under keys. The caller holds mu.
func (p *pendingStories) add(st Story, keys []uint64) {
	p.next++
	p.list = append(p.list, pendingStory{seq: p.next, st: st, keys: append([]uint64(nil), keys...)})
	if p.byKey == nil {
		p.byKey = make(map[uint64][]*Story)
	}
	for _, k := range keys {
		p.byKey[k] = append(p.byKey[k], &st) // a copy of its own: list moves as it grows
	}
}

// write writes the waiting stories in tx and returns the sequence up to
// which they were written, for forget once tx has committed.
func (p *pendingStories) write(tx *bolt.Tx) (uint64, error) {
	p.mu.Lock()
	list := p.list[:min(len(p.list), storiesPerCommit)]
	p.mu.Unlock()
	if len(list) == 0 {
		return 0, nil
	}
	b, sigs := tx.Bucket(bucketStories), tx.Bucket(bucketStorySigs)
	for _, ps := range list {
		if err := fileStory(b, sigs, ps.st, ps.keys); err != nil {
			return 0, err
		}
	}
	return list[len(list)-1].seq, nil
}

// forget drops the stories written up to sequence upTo.
func (p *pendingStories) forget(upTo uint64) {
	if upTo == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	i := 0
	for i < len(p.list) && p.list[i].seq <= upTo {
		for _, k := range p.list[i].keys {
			p.byKey[k] = dropStory(p.byKey[k], p.list[i].st.URL)
			if len(p.byKey[k]) == 0 {
				delete(p.byKey, k)
			}
		}
		i++
	}
	// Cut, never shift in place: another update may be writing a
	// snapshot of the list (see write).
	if p.list = p.list[i:]; len(p.list) == 0 {
		p.list = nil
	}
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

// waiting reports how many stories wait.
func (p *pendingStories) waiting() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.list)
}

// fileStory writes st under each of keys that holds fewer than
// storiesPerKey stories and not st already (two commits can write the
// same waiting story), and its signature.
func fileStory(b, sigs *bolt.Bucket, st Story, keys []uint64) error {
	for _, k := range keys {
		v := b.Get(storyKey(k))
		if bytes.Count(v, []byte{'\n'}) >= storiesPerKey || listed(v, st.URL) {
			continue
		}
		nv := append(append(append(make([]byte, 0, len(v)+len(st.URL)+1), v...), st.URL...), '\n')
		if err := b.Put(storyKey(k), nv); err != nil {
			return err
		}
	}
	return sigs.Put([]byte(st.URL), st.Sig)
}

// listed reports whether url is a line of list.
func listed(list []byte, url string) bool {
	for len(list) > 0 {
		line := list
		if i := bytes.IndexByte(list, '\n'); i >= 0 {
			line, list = list[:i], list[i+1:]
		} else {
			list = nil
		}
		if string(line) == url {
			return true
		}
	}
	return false
}

// FileStory implements State: the stories filed under keys, written and
// waiting, are looked up and st is filed (to wait for the next write
// transaction) in one step under the lock of the waiting stories.
func (s *Bolt) FileStory(ctx context.Context, st Story, keys []uint64, match func([]Story) string) (string, error) {
	found, waiting, err := s.lookUpAndFile(st, keys, match)
	if err != nil || waiting < maxPendingStories {
		return found, err
	}
	return found, s.update("file stories", func(*bolt.Tx) error { return nil }) // writes storiesPerCommit of them
}

func (s *Bolt) lookUpAndFile(st Story, keys []uint64, match func([]Story) string) (found string, waiting int, err error) {
	p := &s.pending
	p.mu.Lock()
	defer p.mu.Unlock()
	var earlier []Story
	if err := s.view("stories", func(tx *bolt.Tx) error {
		earlier = storiesIn(tx, keys)
		return nil
	}); err != nil {
		return "", 0, err
	}
	earlier = p.under(earlier, keys)
	if found := match(earlier); found != "" || Filed(earlier, st.URL) {
		return found, len(p.list), nil
	}
	p.add(st, keys)
	return "", len(p.list), nil
}
