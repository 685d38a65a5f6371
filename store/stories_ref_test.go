package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// refStories is the look-up by definition: every story filed under any of
// keys, each URL once, found by reading all that were filed.
func refStories(filed []recentStory, keys []uint64) []string {
	var out []string
	for _, rs := range filed {
		if slices.ContainsFunc(rs.keys, func(k uint64) bool { return slices.Contains(keys, k) }) && !slices.Contains(out, rs.st.URL) {
			out = append(out, rs.st.URL)
		}
	}
	slices.Sort(out)
	return out
}

// TestStoriesMatchReference files stories at random (URLs filed again
// under other keys, runs of a few
// stories written and merged in between, a reopen) and compares each
// look-up with refStories.
func TestStoriesMatchReference(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	defer func() { st.Close() }()
	st.runAt = 7
	rng := rand.New(rand.NewPCG(1, 2))
	key := func() uint64 { return uint64(rng.IntN(16))<<32 | uint64(rng.IntN(4)) }
	var filed []recentStory
	for round := range 250 { // about 12 stories a key: under storiesPerKey
		u := fmt.Sprintf("http://r/%d", rng.IntN(300))
		keys := []uint64{key(), key(), key()}
		found, err := st.FileStory(ctx, Story{URL: u, Sig: []byte(u)}, keys, fileNone)
		if err != nil || found != "" {
			t.Fatal(found, err)
		}
		if !slices.ContainsFunc(refStories(filed, keys), func(s string) bool { return s == u }) {
			filed = append(filed, recentStory{st: Story{URL: u}, keys: keys})
		}
		if rng.IntN(3) == 0 {
			if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
				t.Fatal(err)
			}
		}
		if round%60 == 59 {
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			st = openState(t, dir)
			st.runAt = 7
		}
		look := []uint64{key(), key()}
		got, err := st.Stories(ctx, look)
		if err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, s := range got {
			if string(s.Sig) != s.URL {
				t.Fatalf("%s has signature %q", s.URL, s.Sig)
			}
			urls = append(urls, s.URL)
		}
		slices.Sort(urls)
		if want := refStories(filed, look); !slices.Equal(urls, want) {
			t.Fatalf("round %d, keys %x: Stories = %v, want %v", round, look, urls, want)
		}
	}
	if runs, covered, _ := storyIndex(t, st); runs == 0 || covered < 100 {
		t.Errorf("%d runs up to %d: the test wrote too few runs", runs, covered)
	}
}

// An index of an earlier version (band-key lists, signatures by URL, a log
// of the stories since its last merge) is turned into log and runs by
// Open: every story found as before, the old buckets gone, numbered on.
func TestStoriesMigrated(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	const merged = 40
	url := func(i int) string { return fmt.Sprintf("http://old/%d", i) }
	writeAndStop(t, st, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket(bucketStoriesV1)
		if err != nil {
			return err
		}
		sigs, err := tx.CreateBucket(bucketStorySigsV1)
		if err != nil {
			return err
		}
		for i := range merged {
			// Story i under keys i and 1000+i%7; story 0 has no signature.
			for _, k := range []uint64{uint64(i), 1000 + uint64(i%7)} {
				v := b.Get(storyKey(k))
				if err := b.Put(storyKey(k), fmt.Appendf(v, "%s\n", url(i))); err != nil {
					return err
				}
			}
			if i > 0 {
				if err := sigs.Put([]byte(url(i)), []byte("sig "+url(i))); err != nil {
					return err
				}
			}
		}
		// The old log: its sequences started over after each merge, and a
		// kill between a merge and the log's cut left story 5 in both.
		log := tx.Bucket(bucketStoryLog)
		for i, u := range []int{merged, merged + 1, merged + 2, 5} {
			rs := recentStory{seq: uint64(i + 1), st: Story{URL: url(u), Sig: []byte("sig " + url(u))}, keys: []uint64{uint64(u)}}
			if err := log.Put(seqKey(rs.seq), encodeLogged(rs)); err != nil {
				return err
			}
		}
		return nil
	})
	for range 2 { // a second Open finds nothing left to migrate
		st = openState(t, dir)
		for i := 1; i < merged+3; i++ {
			got, err := st.Stories(ctx, []uint64{uint64(i)})
			if err != nil || len(got) != 1 || got[0].URL != url(i) || string(got[0].Sig) != "sig "+url(i) {
				t.Fatalf("Stories(%d) = %+v, %v; want %s", i, got, err, url(i))
			}
		}
		if got, _ := st.Stories(ctx, []uint64{0}); len(got) != 0 {
			t.Errorf("a story without a signature came through: %+v", got)
		}
		if got, _ := st.Stories(ctx, []uint64{1003}); len(got) != 6 {
			t.Errorf("key 1003 gives %d stories, want 6", len(got))
		}
		runs, covered, logged := storyIndex(t, st)
		if runs != 1 || covered != merged+2 || logged != merged+2 {
			t.Errorf("after migrating: %d runs up to %d, %d logged; want 1 up to %d", runs, covered, logged, merged+2)
		}
		st.view("test", func(tx *bolt.Tx) error {
			if tx.Bucket(bucketStoriesV1) != nil || tx.Bucket(bucketStorySigsV1) != nil {
				t.Error("the old buckets are still there")
			}
			return nil
		})
		if st.recent.next != merged+2 {
			t.Errorf("the next story would be %d, want %d", st.recent.next+1, merged+3)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// Two keys whose hashes share their upper half meet in a run; a look-up
// of one does not return the story of the other.
func TestStoriesKeyHashesAlike(t *testing.T) {
	ctx := context.Background()
	seen := map[uint64]uint64{}
	var a, b uint64
	for k := uint64(1); b == 0; k++ { // a birthday search: about 2^16 keys
		if o, ok := seen[keyHash(k)>>seqBits]; ok {
			a, b = o, k
		}
		seen[keyHash(k)>>seqBits] = k
	}
	st := openState(t, t.TempDir())
	defer st.Close()
	st.runAt = 1
	for _, k := range []uint64{a, b} {
		if _, err := st.FileStory(ctx, Story{URL: fmt.Sprint(k), Sig: []byte{1}}, []uint64{k}, fileNone); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
		t.Fatal(err)
	}
	if runs, covered, _ := storyIndex(t, st); runs == 0 || covered != 2 {
		t.Fatalf("%d runs up to %d, want both stories in runs", runs, covered)
	}
	for _, k := range []uint64{a, b} {
		var seqs []uint64
		st.view("test", func(tx *bolt.Tx) error {
			c := tx.Bucket(bucketStoryRuns).Cursor()
			for rk, v := c.First(); rk != nil; rk, v = c.Next() {
				seqs = seqsUnder(v, []uint64{k}, seqs)
			}
			return nil
		})
		got, err := st.Stories(ctx, []uint64{k})
		if len(seqs) != 2 || err != nil || len(got) != 1 || got[0].URL != fmt.Sprint(k) {
			t.Errorf("key %d: the runs give sequences %v, Stories %+v (%v); want both, then only %d", k, seqs, got, err, k)
		}
	}
}

// A state of this version opened by an earlier one, which moves the
// stories it finds in the log to its band-key bucket and cuts them from
// the log, is migrated again on the next Open: runs rebuilt, every story
// found once.
func TestStoriesMigratedAfterDowngrade(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	st.runAt = 10
	const n, moved = 30, 20
	url := func(i int) string { return fmt.Sprintf("http://d/%d", i) }
	for i := range n { // under key n-i: the old bucket lists them backwards
		if _, err := st.FileStory(ctx, Story{URL: url(i), Sig: []byte(url(i))}, []uint64{uint64(n - i), 1 << 40}, fileNone); err != nil {
			t.Fatal(err)
		}
		if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if runs, _, _ := storyIndex(t, st); runs == 0 {
		t.Fatal("no runs written")
	}
	// The earlier version's merge of the first stories of the log.
	writeAndStop(t, st, func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket(bucketStoriesV1)
		sigs, _ := tx.CreateBucket(bucketStorySigsV1)
		log := tx.Bucket(bucketStoryLog)
		for i := range moved {
			rs, err := decodeLogged(uint64(i+1), log.Get(seqKey(uint64(i+1))))
			if err != nil {
				return err
			}
			for _, k := range rs.keys {
				if err := b.Put(storyKey(k), fmt.Appendf(b.Get(storyKey(k)), "%s\n", rs.st.URL)); err != nil {
					return err
				}
			}
			if err := sigs.Put([]byte(rs.st.URL), rs.st.Sig); err != nil {
				return err
			}
			if err := log.Delete(seqKey(uint64(i + 1))); err != nil {
				return err
			}
		}
		return nil
	})
	st = openState(t, dir)
	defer st.Close()
	for i := range n {
		if got, err := st.Stories(ctx, []uint64{uint64(n - i)}); err != nil || len(got) != 1 || got[0].URL != url(i) {
			t.Errorf("Stories(%d) = %+v, %v; want %s", n-i, got, err, url(i))
		}
	}
	if got, _ := st.Stories(ctx, []uint64{1 << 40}); len(got) != n {
		t.Errorf("the shared key gives %d stories, want %d", len(got), n)
	}
}

// writeAndStop writes fn's transaction into st's file, as another version
// would, and closes the file without st.Close, as a killed process does.
func writeAndStop(t *testing.T, st *Bolt, fn func(tx *bolt.Tx) error) {
	t.Helper()
	if err := st.db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := st.db.Close(); err != nil {
		t.Fatal(err)
	}
}

// A damaged story index stops Open with an error that names the file
// and says what to do, like any other damage to state.db.
func TestStoryIndexDamaged(t *testing.T) {
	dir := t.TempDir()
	st := openState(t, dir)
	writeAndStop(t, st, func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStoryRuns).Put([]byte("short"), nil)
	})
	_, err := Open(dir, time.Second)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), st.path) || !strings.Contains(err.Error(), "story run key") {
		t.Errorf("Open = %v; want ErrCorrupt naming %s and the run", err, st.path)
	}
}

// storyKey is a band key of the earlier index, encoded as a sequence is.
func storyKey(k uint64) []byte { return seqKey(k) }

// BenchmarkStoriesIn looks up the 16 keys of a body in an index of
// 20,000 distinct stories (runs of runAt, merged as in a crawl) and one
// story whose copies the look-up finds, as in a crawl of a story's copies.
func BenchmarkStoriesIn(b *testing.B) {
	st, err := Open(b.TempDir(), time.Second)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := b.Context()
	rng := rand.New(rand.NewPCG(3, 4))
	randomKeys := func() []uint64 {
		keys := make([]uint64, 16)
		for i := range keys {
			keys[i] = rng.Uint64()
		}
		return keys
	}
	keys := randomKeys()
	if _, err := st.FileStory(ctx, Story{URL: "http://example.com/2026/02/01/story-0000001.html", Sig: make([]byte, 64)}, keys, fileNone); err != nil {
		b.Fatal(err)
	}
	for i := range 20000 {
		u := "http://example.com/2026/02/01/story-" + strings.Repeat("0", 7) + fmt.Sprint(i)
		if _, err := st.FileStory(ctx, Story{URL: u, Sig: make([]byte, 64)}, randomKeys(), fileNone); err != nil {
			b.Fatal(err)
		}
		if i%100 == 0 {
			st.MarkEmitted(ctx, Mark{}, nil)
		}
	}
	for b.Loop() {
		st.db.View(func(tx *bolt.Tx) error {
			if got := storiesIn(tx, keys); len(got) != 1 {
				b.Fatalf("found %d stories", len(got))
			}
			return nil
		})
	}
}

// BenchmarkFileStoryDistinct files distinct stories, as a crawl of a
// portal's articles does, with a group commit every 64: a look-up that
// finds nothing, the filing, the log and the runs.
func BenchmarkFileStoryDistinct(b *testing.B) {
	st, err := Open(b.TempDir(), time.Second)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx := b.Context()
	rng := rand.New(rand.NewPCG(7, 8))
	sig := make([]byte, 64)
	keys := make([]uint64, 16)
	i := 0
	for b.Loop() {
		for j := range keys {
			keys[j] = rng.Uint64()
		}
		u := "http://example.com/2026/02/01/story-" + fmt.Sprint(i) + ".html"
		if _, err := st.FileStory(ctx, Story{URL: u, Sig: sig}, keys, fileNone); err != nil {
			b.Fatal(err)
		}
		if i++; i%64 == 0 {
			if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}
