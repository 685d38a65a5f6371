package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// storyIndex returns how many runs the story index has, the sequence
// they cover up to, and how many stories the log holds.
func storyIndex(t *testing.T, st *Bolt) (runs int, covered uint64, logged int) {
	t.Helper()
	if err := st.view("test", func(tx *bolt.Tx) (err error) {
		runs = tx.Bucket(bucketStoryRuns).Stats().KeyN
		logged = tx.Bucket(bucketStoryLog).Stats().KeyN
		covered, err = coveredTo(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return runs, covered, logged
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
	if runs, _, logged := storyIndex(t, st); runs != 0 || logged != 0 {
		t.Fatalf("FileStory wrote at once: %d runs, %d logged", runs, logged)
	}
	if found, _ := st.FileStory(ctx, Story{URL: "http://b/1", Sig: []byte{1}}, []uint64{9}, first); found != "http://a/1" {
		t.Errorf("a copy of a story not yet logged: found %q, want http://a/1", found)
	}
	if err := st.MarkEmitted(ctx, Mark{}, []Emitted{{URL: "http://a/1", ContentHash: "h", At: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	if _, _, logged := storyIndex(t, st); logged != 1 {
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

// Once runAt stories are logged they are indexed as a run, found there
// with their signatures in filing order, at most storiesPerKey under one
// key, and forgotten in memory; the log keeps them all, and Open reads
// back only those past the run.
func TestStoryRunWritten(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	n := runAt + 10
	for i := range n {
		u := fmt.Sprintf("http://a/%d", i)
		// Key 1<<40 is shared by all: a look-up takes the first
		// storiesPerKey of a run.
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
	runs, covered, inLog := storyIndex(t, st)
	if runs != 1 || covered < runAt || int(covered)+logged != n || waiting != 0 || inLog != n {
		t.Fatalf("after %d stories: %d runs up to %d, %d in memory (%d waiting), %d in the log", n, runs, covered, logged, waiting, inLog)
	}
	var shared []Story
	st.view("test", func(tx *bolt.Tx) error { shared = storiesIn(tx, []uint64{1 << 40}); return nil })
	if len(shared) != storiesPerKey || shared[0].URL != "http://a/0" || shared[storiesPerKey-1].URL != fmt.Sprintf("http://a/%d", storiesPerKey-1) {
		t.Errorf("the run gives %d stories under the shared key, from %v; want the first %d in filing order", len(shared), shared[:min(2, len(shared))], storiesPerKey)
	}
	check := func(when string) {
		t.Helper()
		for _, i := range []int{0, runAt / 2, int(covered) - 1, min(int(covered), n-1), n - 1} {
			u := fmt.Sprintf("http://a/%d", i)
			if got, _ := st.Stories(ctx, []uint64{uint64(i)}); len(got) != 1 || got[0].URL != u || string(got[0].Sig) != u {
				t.Errorf("%s: Stories(%d) = %+v, want %s with its signature", when, i, got, u)
			}
		}
	}
	check("after the run")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = openState(t, dir)
	defer st.Close()
	if logged, _ := st.recent.counts(); logged != n-int(covered) {
		t.Errorf("Open read %d stories into memory, want the %d past the run", logged, n-int(covered))
	}
	check("after Open")
	if _, err := st.FileStory(ctx, Story{URL: "http://a/new", Sig: []byte{1}}, []uint64{1 << 50}, fileNone); err != nil {
		t.Fatal(err)
	}
	if st.recent.next != uint64(n+1) {
		t.Errorf("the next story after Open has sequence %d, want %d", st.recent.next, n+1)
	}
}

// Runs are merged two of like size at a time: after many the index has
// about log2(stories/runAt) runs, contiguous, sorted, each story's keys
// listed once, and every story found.
func TestStoryRunsCompacted(t *testing.T) {
	ctx := context.Background()
	st := openState(t, t.TempDir())
	defer st.Close()
	st.runAt = 16
	const n, perStory = 16 * 40, 3
	keys := threeKeys
	fileNumbered(t, st, n)
	var (
		next    uint64 = 1
		entries int
		runs    int
	)
	st.view("test", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketStoryRuns).ForEach(func(k, v []byte) error {
			first, last, err := runRange(k)
			if err != nil || first != next || last < first {
				t.Errorf("run %d-%d after %d (%v)", first, last, next-1, err)
			}
			for i := 1; i < len(v)/8; i++ {
				if entryAt(v, i-1) >= entryAt(v, i) {
					t.Errorf("run %d-%d is not sorted at entry %d", first, last, i)
					break
				}
			}
			next, entries, runs = last+1, entries+len(v)/8, runs+1
			return nil
		})
	})
	if covered := int(next - 1); entries != covered*perStory || covered < n-st.runAt-5 {
		t.Errorf("runs cover %d stories with %d entries, want %d", covered, entries, covered*perStory)
	}
	if runs > 8 {
		t.Errorf("%d runs for %d stories of %d a run", runs, n, st.runAt)
	}
	for i := range n {
		u := fmt.Sprintf("http://c/%d", i)
		for _, k := range keys(i) {
			if got, _ := st.Stories(ctx, []uint64{k}); len(got) != 1 || got[0].URL != u {
				t.Fatalf("Stories(%x) = %+v, want %s", k, got, u)
			}
		}
	}
}

// threeKeys are the band keys of story i of fileNumbered.
func threeKeys(i int) []uint64 {
	return []uint64{uint64(i) << 32, uint64(i)<<32 | 1, uint64(i)<<32 | 2}
}

// fileNumbered files n stories, http://c/0 and on, under threeKeys, with a
// write transaction (a group commit) after every fifth.
func fileNumbered(t *testing.T, st *Bolt, n int) {
	t.Helper()
	ctx := t.Context()
	for i := range n {
		u := fmt.Sprintf("http://c/%d", i)
		if _, err := st.FileStory(ctx, Story{URL: u, Sig: []byte(u)}, threeKeys(i), fileNone); err != nil {
			t.Fatal(err)
		}
		if i%5 == 4 {
			if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
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
	const workers, each = 4, runAt/3 + 50 // enough for a run
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

// A process killed with runAt stories logged but no run written leaves
// every story findable: the next Open reads them from the log, and the
// next transaction indexes them.
func TestStoryRunKilled(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openState(t, dir)
	st.recent.flushing.Lock() // no run in this process: it is "killed" first
	n := runAt + 5
	url := func(i int) string { return fmt.Sprintf("http://k/%d", i) }
	for i := range n {
		if _, err := st.FileStory(ctx, Story{URL: url(i), Sig: []byte(url(i))}, []uint64{uint64(i), 1<<40 + uint64(i%3)}, fileNone); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil { // logs them all
		t.Fatal(err)
	}
	if err := st.db.Close(); err != nil { // killed: no Close
		t.Fatal(err)
	}

	st = openState(t, dir)
	defer st.Close()
	found := func(when string) {
		t.Helper()
		for _, i := range []int{0, n / 2, n - 1} {
			if got, _ := st.Stories(ctx, []uint64{uint64(i)}); len(got) != 1 || got[0].URL != url(i) || string(got[0].Sig) != url(i) {
				t.Errorf("%s: Stories(%d) = %+v, want %s with its signature", when, i, got, url(i))
			}
		}
	}
	found("after the kill")
	if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil { // writes the run
		t.Fatal(err)
	}
	if runs, covered, inLog := storyIndex(t, st); runs != 1 || covered != uint64(n) || inLog != n {
		t.Errorf("after the next transaction: %d runs up to %d, %d logged; want 1 up to %d", runs, covered, inLog, n)
	}
	if logged, waiting := st.recent.counts(); logged+waiting != 0 {
		t.Errorf("after the run %d stories are logged, %d waiting in memory; want none", logged, waiting)
	}
	found("after the run")
}
