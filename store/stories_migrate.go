package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The story index of earlier versions: bucketStoriesV1 filed each story's
// URL under its band keys (8-byte key -> URLs, one per line, at most
// storiesPerKey), bucketStorySigsV1 held each URL's signature, and the
// story log held only the stories filed since the last merge into them.
var (
	bucketStoriesV1   = []byte("stories")
	bucketStorySigsV1 = []byte("storysigs")
)

// migrateStories turns an index of an earlier version, when tx holds one,
// into log and runs (Open): the merged stories first, in the order their
// keys first list them, then those of the log in theirs, numbered anew,
// and the runs written again. An earlier version that opened a state of
// this one made its bucket of what it found in the log and cut them from
// it, so the runs are rebuilt rather than kept. A story whose signature is
// missing is left out.
func migrateStories(tx *bolt.Tx) error {
	old := tx.Bucket(bucketStoriesV1)
	if old == nil {
		return nil
	}
	stories, err := mergedV1(tx, old)
	if err != nil {
		return err
	}
	merged := make(map[string]bool, len(stories))
	for _, rs := range stories {
		merged[rs.st.URL] = true
	}
	log := tx.Bucket(bucketStoryLog)
	if err := log.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("story log key %x: %w", k, errBadIndex)
		}
		rs, err := decodeLogged(binary.BigEndian.Uint64(k), v)
		if err == nil && !merged[rs.st.URL] { // an earlier version killed between its merge and the log's cut
			stories = append(stories, rs)
		}
		return err
	}); err != nil {
		return err
	}
	for _, b := range [][]byte{bucketStoryLog, bucketStoryRuns} {
		if err := tx.DeleteBucket(b); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(b); err != nil {
			return err
		}
	}
	log = tx.Bucket(bucketStoryLog)
	log.FillPercent = 1
	for i := range stories {
		stories[i].seq = uint64(i + 1)
		if err := log.Put(seqKey(stories[i].seq), encodeLogged(stories[i])); err != nil {
			return err
		}
	}
	for len(stories) > 0 {
		n := min(len(stories), maxRunEntries/16) // 16 band keys a story
		if err := writeRun(tx, stories[:n]); err != nil {
			return err
		}
		stories = stories[n:]
	}
	if tx.Bucket(bucketStorySigsV1) != nil {
		if err := tx.DeleteBucket(bucketStorySigsV1); err != nil {
			return err
		}
	}
	return tx.DeleteBucket(bucketStoriesV1)
}

// mergedV1 returns the stories of an earlier version's band-key bucket
// old, with their signatures and keys.
func mergedV1(tx *bolt.Tx, old *bolt.Bucket) ([]recentStory, error) {
	sigs := tx.Bucket(bucketStorySigsV1)
	index := map[string]int{}
	var stories []recentStory
	err := old.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("story key %x: %w", k, errBadIndex)
		}
		key := binary.BigEndian.Uint64(k)
		for u := range bytes.SplitSeq(v, newline) {
			if len(u) == 0 {
				continue
			}
			i, ok := index[string(u)]
			if !ok {
				var sig []byte
				if sigs != nil {
					sig = sigs.Get(u)
				}
				if sig == nil {
					continue
				}
				i = len(stories)
				index[string(u)] = i
				stories = append(stories, recentStory{st: Story{URL: string(u), Sig: bytes.Clone(sig)}})
			}
			stories[i].keys = append(stories[i].keys, key)
		}
		return nil
	})
	return stories, err
}
