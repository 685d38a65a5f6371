package store

import (
	"bytes"
	"context"
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// Story is the first copy of a story the crawl emitted: its URL and the
// fingerprint (package dedup's signature) that later copies are compared
// with, so that duplicate_of holds across runs.
type Story struct {
	URL string
	Sig []byte
}

// storiesPerKey bounds the URLs filed under one band key: a key shared by
// that many stories says little, and the list stays small.
const storiesPerKey = 64

func storyKey(k uint64) []byte { return binary.BigEndian.AppendUint64(nil, k) }

// Stories returns the stories filed under any of keys (FileStory), each
// once: those merged into the band-key bucket and the recent ones.
func (s *Bolt) Stories(_ context.Context, keys []uint64) ([]Story, error) {
	s.recent.mu.Lock()
	defer s.recent.mu.Unlock()
	var out []Story
	err := s.view("stories", func(tx *bolt.Tx) error {
		out = storiesIn(tx, keys)
		return nil
	})
	return s.recent.under(out, keys), err
}

// storiesIn returns the stories filed under any of keys, each once. A
// story is filed under several of a body's keys, and the lists are short:
// the URLs are told apart by a search of out, a map only once out is
// long, and cut out of each list in place rather than split into a slice
// of their own (the map and the split were a third of a look-up that runs
// once per article).
func storiesIn(tx *bolt.Tx, keys []uint64) []Story {
	var out []Story
	var seen map[string]bool // from linearStories stories on
	b, sigs := tx.Bucket(bucketStories), tx.Bucket(bucketStorySigs)
	var kb [8]byte
	for _, k := range keys {
		binary.BigEndian.PutUint64(kb[:], k) // storyKey, without its allocation
		for u := range bytes.SplitSeq(b.Get(kb[:]), newline) {
			if len(u) == 0 || seen != nil && seen[string(u)] || seen == nil && hasStory(out, u) {
				continue
			}
			// A merge writes a story's band keys before its signature (see
			// mergeLog), and a kill can fall in between: the story is then
			// still in the log and found there, and the next merge writes
			// the signature.
			sig := sigs.Get(u)
			if sig == nil {
				continue
			}
			out = append(out, Story{URL: string(u), Sig: append([]byte(nil), sig...)})
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
	}
	return out
}

// linearStories is how many stories storiesIn searches one by one before
// it keeps a map of them: up to Bands×storiesPerKey may come.
const linearStories = 32

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
