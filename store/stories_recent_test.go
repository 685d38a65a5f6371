package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// inBucket returns the URLs the band-key bucket itself lists under key k,
// whether url's signature is there, and how many stories the log holds.
func inBucket(t *testing.T, st *Bolt, k uint64, url string) (list string, sig bool, logged int) {
	t.Helper()
	if err := st.view("test", func(tx *bolt.Tx) error {
		list = string(tx.Bucket(bucketStories).Get(storyKey(k)))
		sig = tx.Bucket(bucketStorySigs).Get([]byte(url)) != nil
		logged = tx.Bucket(bucketStoryLog).Stats().KeyN
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return list, sig, logged
}

func openState(t *testing.T, dir string) *Bolt {
	t.Helper()
	st, err := Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

var fileNone = func([]Story) string { return "" }

// A new story makes no transaction of its own: it is found by the next
// look-up as if written, logged by the next write transaction (the group
// commit's MarkEmitted), read back from the log by the next Open, and
// written by Close when no transaction came.
func TestFiledStoriesLogged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	first := func(s []Story) string {
		if len(s) > 0 {
			return s[0].URL
		}
		return ""
	}
	if _, err := st.FileStory(ctx, Story{URL: "http://a/1", Sig: []byte{1}}, []uint64{7, 9}, fileNone); err != nil {
		t.Fatal(err)
	}
	if list, sig, logged := inBucket(t, st, 7, "http://a/1"); list != "" || sig || logged != 0 {
		t.Fatalf("FileStory wrote at once: %q, signature %v, %d logged", list, sig, logged)
	}
	if found, _ := st.FileStory(ctx, Story{URL: "http://b/1", Sig: []byte{1}}, []uint64{9}, first); found != "http://a/1" {
		t.Errorf("a copy of a story not yet logged: found %q, want http://a/1", found)
	}
	if err := st.MarkEmitted(ctx, Mark{}, []Emitted{{URL: "http://a/1", ContentHash: "h", At: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	if _, _, logged := inBucket(t, st, 7, "http://a/1"); logged != 1 {
		t.Errorf("after the commit the log holds %d stories, want 1", logged)
	}
	if _, err := st.FileStory(ctx, Story{URL: "http://c/1", Sig: []byte{2}}, []uint64{11}, fileNone); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = openState(t, dir)
	defer st.Close()
	for _, c := range []struct {
		key uint64
		url string
	}{{7, "http://a/1"}, {9, "http://a/1"}, {11, "http://c/1"}} {
		got, err := st.Stories(ctx, []uint64{c.key})
		if err != nil || len(got) != 1 || got[0].URL != c.url {
			t.Errorf("after Close and Open: Stories(%d) = %+v, %v; want %s", c.key, got, err, c.url)
		}
	}
	if found, _ := st.FileStory(ctx, Story{URL: "http://d/1", Sig: []byte{1}}, []uint64{9}, first); found != "http://a/1" {
		t.Errorf("a copy of a logged story after Open: found %q, want http://a/1", found)
	}
}

// Once mergeAt stories are logged they are merged into the band-key
// bucket, each listed once under each of its keys in filing order, with
// its signature, and cut from the log; a merge written again (a kill
// during the first) changes nothing.
func TestStoryLogMerged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	n := mergeAt + 10
	for i := range n {
		u := fmt.Sprintf("http://a/%d", i)
		// Key 1<<40 is shared by all: its list stops at storiesPerKey.
		if _, err := st.FileStory(ctx, Story{URL: u, Sig: []byte(u)}, []uint64{uint64(i), 1 << 40}, fileNone); err != nil {
			t.Fatal(err)
		}
		if i%100 == 99 {
			if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
		t.Fatal(err)
	}
	logged, waiting := st.recent.counts()
	if logged+waiting >= mergeAt {
		t.Fatalf("%d stories logged and %d waiting after %d filed: no merge", logged, waiting, n)
	}
	list, sig, inLog := inBucket(t, st, 0, "http://a/0")
	if list != "http://a/0\n" || !sig || inLog != logged {
		t.Errorf("after the merge: key 0 lists %q, signature %v, log %d (in memory %d)", list, sig, inLog, logged)
	}
	shared, _, _ := inBucket(t, st, 1<<40, "")
	if want := storiesPerKey; countLines(shared) != want || shared[:len("http://a/0\n")] != "http://a/0\n" {
		t.Errorf("the shared key lists %d stories starting %.30q, want the first %d in filing order", countLines(shared), shared, want)
	}
	// Merged again, as after a kill during the merge: nothing changes.
	if err := st.mergeTx(func(tx *bolt.Tx) error { return appendStory(tx.Bucket(bucketStories), 0, "http://a/0") }); err != nil {
		t.Fatal(err)
	}
	if list, _, _ := inBucket(t, st, 0, "http://a/0"); list != "http://a/0\n" {
		t.Errorf("written again, key 0 lists %q", list)
	}
	for _, i := range []int{0, mergeAt / 2, n - 1} {
		u := fmt.Sprintf("http://a/%d", i)
		if got, _ := st.Stories(ctx, []uint64{uint64(i)}); len(got) != 1 || got[0].URL != u || string(got[0].Sig) != u {
			t.Errorf("Stories(%d) = %+v, want %s with its signature", i, got, u)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = openState(t, dir)
	defer st.Close()
	if got, _ := st.Stories(ctx, []uint64{uint64(n - 1)}); len(got) != 1 {
		t.Errorf("after Open, the last story (in the log) = %+v", got)
	}
}

func countLines(s string) (n int) {
	for _, c := range s {
		if c == '\n' {
			n++
		}
	}
	return n
}

// Stories filed while commits and merges run are neither lost nor listed
// twice, and every copy finds the one first copy (run with -race).
func TestFiledStoriesDuringCommits(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	stop := make(chan struct{})
	var commits sync.WaitGroup
	commits.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
				t.Error(err)
				return
			}
		}
	})
	const workers, each = 4, mergeAt/3 + 50 // enough for a merge
	var filers sync.WaitGroup
	for w := range workers {
		filers.Go(func() {
			for i := range each {
				u := fmt.Sprintf("http://w%d/%d", w, i)
				if _, err := st.FileStory(ctx, Story{URL: u, Sig: []byte(u)}, []uint64{uint64((w+1)<<20 | i)}, fileNone); err != nil {
					t.Error(err)
				}
			}
		})
	}
	testFirstCopyOnce(t, st.FileStory, 16)
	filers.Wait()
	close(stop)
	commits.Wait()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = openState(t, dir)
	defer st.Close()
	for w := range workers {
		for i := range each {
			u := fmt.Sprintf("http://w%d/%d", w, i)
			got, err := st.Stories(ctx, []uint64{uint64((w+1)<<20 | i)})
			if err != nil || len(got) != 1 || got[0].URL != u {
				t.Fatalf("%s: Stories = %+v, %v; want it once", u, got, err)
			}
			if list, _, _ := inBucket(t, st, uint64((w+1)<<20|i), u); list != "" && list != u+"\n" {
				t.Fatalf("%s: the bucket lists %q", u, list)
			}
		}
	}
}

// Past maxUnlogged stories waiting, FileStory logs them itself.
func TestFiledStoriesBounded(t *testing.T) {
	ctx := context.Background()
	st := openState(t, t.TempDir())
	defer st.Close()
	for i := range maxUnlogged + 10 {
		if _, err := st.FileStory(ctx, Story{URL: fmt.Sprintf("http://a/%d", i), Sig: []byte{1}}, []uint64{uint64(i)}, fileNone); err != nil {
			t.Fatal(err)
		}
		if _, waiting := st.recent.counts(); waiting >= maxUnlogged {
			t.Fatalf("%d stories wait after %d filed", waiting, i+1)
		}
	}
}

// A run killed during a merge (band keys of some stories written, their
// signatures and the log's cut not) leaves every story findable, and the
// next run's merge finishes it with each story listed once.
func TestStoryMergeKilled(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	st.recent.merging.Lock() // no merge in this run: it is "killed" first
	n := mergeAt + 5
	url := func(i int) string { return fmt.Sprintf("http://k/%d", i) }
	for i := range n {
		if _, err := st.FileStory(ctx, Story{URL: url(i), Sig: []byte(url(i))}, []uint64{uint64(i), 1<<40 + uint64(i%3)}, fileNone); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil { // logs them all
		t.Fatal(err)
	}
	// The killed merge's first transaction: band keys of the first stories.
	if err := st.mergeTx(func(tx *bolt.Tx) error {
		for i := range mergeChunk / 2 {
			if err := appendStory(tx.Bucket(bucketStories), uint64(i), url(i)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := st.db.Close(); err != nil { // killed: no Close
		t.Fatal(err)
	}

	st = openState(t, dir)
	defer st.Close()
	for _, i := range []int{0, mergeChunk/2 - 1, mergeChunk / 2, n - 1} {
		if got, _ := st.Stories(ctx, []uint64{uint64(i)}); len(got) != 1 || got[0].URL != url(i) || string(got[0].Sig) != url(i) {
			t.Errorf("after the killed merge: Stories(%d) = %+v, want %s with its signature", i, got, url(i))
		}
	}
	if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil { // merges
		t.Fatal(err)
	}
	if logged, waiting := st.recent.counts(); logged+waiting != 0 {
		t.Errorf("after the next merge %d stories are logged, %d waiting; want none", logged, waiting)
	}
	for _, i := range []int{0, mergeChunk/2 - 1, mergeChunk / 2, n - 1} {
		list, sig, inLog := inBucket(t, st, uint64(i), url(i))
		if list != url(i)+"\n" || !sig || inLog != 0 {
			t.Errorf("after the next merge: key %d lists %q, signature %v, log %d", i, list, sig, inLog)
		}
	}
}
