package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// onDisk returns the URLs state.db itself lists under key k, and whether
// url's signature is written.
func onDisk(t *testing.T, st *Bolt, k uint64, url string) (list string, sig bool) {
	t.Helper()
	if err := st.view("test", func(tx *bolt.Tx) error {
		list = string(tx.Bucket(bucketStories).Get(storyKey(k)))
		sig = tx.Bucket(bucketStorySigs).Get([]byte(url)) != nil
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return list, sig
}

// A new story makes no transaction of its own: it waits, is found by the
// next look-up as if written, and is written by the next write
// transaction (the group commit's MarkEmitted), once.
func TestFiledStoriesWaitForTheNextCommit(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	none := func([]Story) string { return "" }
	first := func(s []Story) string {
		if len(s) > 0 {
			return s[0].URL
		}
		return ""
	}
	if _, err := st.FileStory(ctx, Story{URL: "http://a/1", Sig: []byte{1}}, []uint64{7, 9}, none); err != nil {
		t.Fatal(err)
	}
	if list, sig := onDisk(t, st, 7, "http://a/1"); list != "" || sig {
		t.Fatalf("FileStory wrote at once: %q, signature %v", list, sig)
	}
	if found, _ := st.FileStory(ctx, Story{URL: "http://b/1", Sig: []byte{1}}, []uint64{9}, first); found != "http://a/1" {
		t.Errorf("a copy of a waiting story: found %q, want http://a/1", found)
	}
	if err := st.MarkEmitted(ctx, Mark{}, []Emitted{{URL: "http://a/1", ContentHash: "h", At: time.Now()}}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []uint64{7, 9} {
		if list, sig := onDisk(t, st, k, "http://a/1"); list != "http://a/1\n" || !sig {
			t.Errorf("after the commit, key %d lists %q, signature %v; want the story once", k, list, sig)
		}
	}
	if n := st.pending.waiting(); n != 0 {
		t.Errorf("%d stories still wait after the commit", n)
	}
	// Written twice (two commits racing for one snapshot), listed once.
	if err := st.update("test", func(tx *bolt.Tx) error {
		return fileStory(tx.Bucket(bucketStories), tx.Bucket(bucketStorySigs), Story{URL: "http://a/1", Sig: []byte{1}}, []uint64{7})
	}); err != nil {
		t.Fatal(err)
	}
	if list, _ := onDisk(t, st, 7, "http://a/1"); list != "http://a/1\n" {
		t.Errorf("written again, key 7 lists %q", list)
	}

	// Close writes what still waits.
	if _, err := st.FileStory(ctx, Story{URL: "http://c/1", Sig: []byte{2}}, []uint64{11}, none); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, err := st.Stories(ctx, []uint64{11}); err != nil || len(got) != 1 || got[0].URL != "http://c/1" {
		t.Errorf("after Close and Open: Stories = %+v, %v; want http://c/1", got, err)
	}
}

// Stories filed while commits run are neither lost nor written twice, and
// every copy finds the one first copy (run with -race).
func TestFiledStoriesDuringCommits(t *testing.T) {
	ctx := context.Background()
	st, err := Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
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
	none := func([]Story) string { return "" }
	var filers sync.WaitGroup
	for w := range 4 {
		filers.Go(func() {
			for i := range 100 {
				u := fmt.Sprintf("http://w%d/%d", w, i)
				if _, err := st.FileStory(ctx, Story{URL: u, Sig: []byte(u)}, []uint64{uint64(w*1000 + i), 1 << 40}, none); err != nil {
					t.Error(err)
				}
			}
		})
	}
	testFirstCopyOnce(t, st.FileStory, 16)
	filers.Wait()
	close(stop)
	commits.Wait()
	// Each commit writes storiesPerCommit of those still waiting.
	for i := 0; st.pending.waiting() > 0; i++ {
		if i > 400/storiesPerCommit+2 {
			t.Fatalf("%d stories still wait after %d commits", st.pending.waiting(), i)
		}
		if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil {
			t.Fatal(err)
		}
	}
	for w := range 4 {
		for i := range 100 {
			u := fmt.Sprintf("http://w%d/%d", w, i)
			if list, sig := onDisk(t, st, uint64(w*1000+i), u); list != u+"\n" || !sig {
				t.Fatalf("%s: key lists %q, signature %v; want it once", u, list, sig)
			}
		}
	}
}

// Past maxPendingStories, FileStory writes the waiting stories itself.
func TestFiledStoriesBounded(t *testing.T) {
	ctx := context.Background()
	st, err := Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	none := func([]Story) string { return "" }
	for i := range maxPendingStories + 10 {
		if _, err := st.FileStory(ctx, Story{URL: fmt.Sprintf("http://a/%d", i), Sig: []byte{1}}, []uint64{uint64(i)}, none); err != nil {
			t.Fatal(err)
		}
		if n := st.pending.waiting(); n > maxPendingStories {
			t.Fatalf("%d stories wait after %d filed", n, i+1)
		}
	}
	if list, _ := onDisk(t, st, 0, "http://a/0"); list != "http://a/0\n" {
		t.Errorf("the first story is not written past the bound: %q", list)
	}
}
