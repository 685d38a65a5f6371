package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Story is the first copy of a story the crawl emitted: its URL and the
// fingerprint (package dedup's signature) that later copies are compared
// with, so that duplicate_of holds across runs.
type Story struct {
	URL string
	Sig []byte
}

// storiesPerKey bounds the stories a look-up takes under one band key
// from a run or from memory: a key shared by that many stories says
// little, and the look-up stays short.
const storiesPerKey = 64

// Stories returns the stories filed under any of keys (FileStory), each
// once: those the runs index and the recent ones.
func (s *Bolt) Stories(_ context.Context, keys []uint64) ([]Story, error) {
	s.recent.mu.Lock()
	defer s.recent.mu.Unlock()
	out, err := s.indexedStories(keys)
	return s.recent.under(out, keys), err
}

// indexedStories returns the stories the runs index under any of keys
// (storiesIn), without a transaction while there are no runs. The caller
// holds recent.mu: a flush marks the state indexed under it, after its run
// is committed and before it drops the run's stories from memory.
func (s *Bolt) indexedStories(keys []uint64) (out []Story, err error) {
	if !s.recent.indexed {
		return nil, nil
	}
	err = s.view("stories", func(tx *bolt.Tx) error {
		out = storiesIn(tx, keys)
		return nil
	})
	return out, err
}

// storiesIn returns the stories the runs in tx index under any of keys,
// each URL once, in filing order. A damaged log entry is passed over: it
// only misses a match.
func storiesIn(tx *bolt.Tx, keys []uint64) []Story {
	var buf [64]uint64
	seqs := buf[:0]
	c := tx.Bucket(bucketStoryRuns).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		seqs = seqsUnder(v, keys, seqs)
	}
	if len(seqs) == 0 {
		return nil
	}
	slices.Sort(seqs)
	seqs = slices.Compact(seqs)
	log := tx.Bucket(bucketStoryLog)
	var out []Story
	var seen map[string]bool // from linearStories stories on
	var kb [8]byte
	for _, seq := range seqs {
		binary.BigEndian.PutUint64(kb[:], seq)
		url, sig, ks, ok := splitLogged(log.Get(kb[:]))
		if !ok || !sharesKey(ks, keys) || seen != nil && seen[string(url)] || seen == nil && hasStory(out, url) {
			continue
		}
		out = append(out, Story{URL: string(url), Sig: bytes.Clone(sig)})
		switch {
		case seen != nil:
			seen[out[len(out)-1].URL] = true
		case len(out) >= linearStories:
			seen = make(map[string]bool, 2*len(out))
			for _, s := range out {
				seen[s.URL] = true
			}
		}
	}
	return out
}

// linearStories is how many stories storiesIn searches one by one before
// it keeps a map of them: up to Bands×storiesPerKey per run may come.
const linearStories = 32

// sharesKey reports whether the encoded band keys ks hold any of keys: a
// run matched only the upper half of their hashes.
func sharesKey(ks []byte, keys []uint64) bool {
	for ; len(ks) >= 8; ks = ks[8:] {
		if slices.Contains(keys, binary.BigEndian.Uint64(ks)) {
			return true
		}
	}
	return false
}

// hasStory reports whether url is among stories.
func hasStory(stories []Story, url []byte) bool {
	for _, s := range stories {
		if s.URL == string(url) {
			return true
		}
	}
	return false
}

// Filed reports whether url is among stories: a first copy seen again.
func Filed(stories []Story, url string) bool {
	for _, s := range stories {
		if s.URL == url {
			return true
		}
	}
	return false
}

var newline = []byte{'\n'}
