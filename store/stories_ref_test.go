package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// refStoriesIn is storiesIn as it was, with a map and bytes.Split: the
// test below holds the new one to it.
func refStoriesIn(tx *bolt.Tx, keys []uint64) []Story {
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

// TestStoriesInMatchesReference fills the story buckets at random (lists
// with repeats, empty entries, URLs without a signature, lists longer
// than linearStories all told) and compares the look-ups.
func TestStoriesInMatchesReference(t *testing.T) {
	st, err := Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 30 {
		nURL := 1 + rng.IntN(200)
		err := st.db.Update(func(tx *bolt.Tx) error {
			b, sigs := tx.Bucket(bucketStories), tx.Bucket(bucketStorySigs)
			for k := range uint64(20) {
				var v []byte
				for range rng.IntN(70) {
					if rng.IntN(20) == 0 {
						v = append(v, '\n') // an empty entry
						continue
					}
					v = append(v, fmt.Sprintf("http://s/%d/%d\n", round, rng.IntN(nURL))...)
				}
				if rng.IntN(5) == 0 && len(v) > 0 {
					v = v[:len(v)-1] // no final newline
				}
				if err := b.Put(storyKey(k), v); err != nil {
					return err
				}
			}
			for i := range nURL {
				if rng.IntN(4) > 0 {
					if err := sigs.Put(fmt.Appendf(nil, "http://s/%d/%d", round, i), fmt.Appendf(nil, "sig%d", i)); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		keys := make([]uint64, 1+rng.IntN(22))
		for i := range keys {
			keys[i] = uint64(rng.IntN(22))
		}
		st.db.View(func(tx *bolt.Tx) error {
			got, want := storiesIn(tx, keys), refStoriesIn(tx, keys)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, keys %v: storiesIn = %d stories, want %d\n%v\n%v", round, keys, len(got), len(want), got, want)
			}
			return nil
		})
	}
}

// benchStoriesIn looks up the 16 keys of a body in buckets where each key
// lists one story, as in a crawl of one story's copies.
func benchStoriesIn(b *testing.B, look func(*bolt.Tx, []uint64) []Story) {
	st, err := Open(b.TempDir(), time.Second)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	keys := make([]uint64, 16)
	for i := range keys {
		keys[i] = uint64(i)<<32 | uint64(i*7919)
	}
	none := func([]Story) string { return "" }
	if _, err := st.FileStory(b.Context(), Story{URL: "http://example.com/2026/02/01/story-0000001.html", Sig: make([]byte, 64)}, keys, none); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		st.db.View(func(tx *bolt.Tx) error { look(tx, keys); return nil })
	}
}

func BenchmarkStoriesIn(b *testing.B)    { benchStoriesIn(b, storiesIn) }
func BenchmarkStoriesInRef(b *testing.B) { benchStoriesIn(b, refStoriesIn) }
