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
// once.
func (s *Bolt) Stories(_ context.Context, keys []uint64) ([]Story, error) {
	var out []Story
	err := s.view("stories", func(tx *bolt.Tx) error {
		out = storiesIn(tx, keys)
		return nil
	})
	return out, err
}

// storiesIn returns the stories filed under any of keys, each once.
func storiesIn(tx *bolt.Tx, keys []uint64) []Story {
	var out []Story
	b, sigs := tx.Bucket(bucketStories), tx.Bucket(bucketStorySigs)
	seen := map[string]bool{}
	for _, k := range keys {
		for _, u := range bytes.Split(b.Get(storyKey(k)), []byte{'\n'}) {
			if len(u) == 0 || seen[string(u)] {
				continue
			}
			seen[string(u)] = true
			if sig := sigs.Get(u); sig != nil {
				out = append(out, Story{URL: string(u), Sig: append([]byte(nil), sig...)})
			}
		}
	}
	return out
}

// FileStory implements State: a read transaction first, enough for a
// copy and for a first copy already filed; otherwise the look-up is made
// again and st filed in one write transaction, which bbolt runs one at a
// time.
func (s *Bolt) FileStory(ctx context.Context, st Story, keys []uint64, match func([]Story) string) (string, error) {
	earlier, err := s.Stories(ctx, keys)
	if err != nil {
		return "", err
	}
	if found := match(earlier); found != "" || Filed(earlier, st.URL) {
		return found, nil
	}
	var found string
	err = s.update("file story "+st.URL, func(tx *bolt.Tx) error {
		found = ""
		earlier = storiesIn(tx, keys)
		if found = match(earlier); found != "" {
			return nil
		}
		if Filed(earlier, st.URL) {
			return nil // by another worker of this process meanwhile
		}
		b := tx.Bucket(bucketStories)
		for _, k := range keys {
			v := b.Get(storyKey(k))
			if bytes.Count(v, []byte{'\n'}) >= storiesPerKey {
				continue
			}
			nv := append(append(append([]byte(nil), v...), st.URL...), '\n')
			if err := b.Put(storyKey(k), nv); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketStorySigs).Put([]byte(st.URL), st.Sig)
	})
	return found, err
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
