package store

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestPutValidatorsDead(t *testing.T) {
	t1 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	t2, t3 := t1.Add(time.Hour), t1.Add(2*time.Hour)
	live := Validators{URL: "http://a/", ETag: `"a"`, LastModified: "lm1", FetchedAt: t1, Links: []string{"http://a/1"}}
	dead := Validators{URL: "http://a/", FetchedAt: t2, Dead: true}
	again := Validators{URL: "http://a/", ETag: `"b"`, FetchedAt: t3}
	tests := []struct {
		name     string
		puts     []Validators
		want     Page
		oneBatch bool
	}{
		{"live", []Validators{live}, Page{ETag: `"a"`, LastModified: "lm1", FetchedAt: t1, Links: []string{"http://a/1"}}, false},
		{"dead keeps the last complete fetch", []Validators{live, dead}, Page{ETag: `"a"`, LastModified: "lm1", FetchedAt: t1, Links: []string{"http://a/1"}, DeadAt: t2}, false},
		{"alive again", []Validators{live, dead, again}, Page{ETag: `"b"`, FetchedAt: t3}, false},
		{"dead at first sight", []Validators{dead}, Page{DeadAt: t2}, false},
		{"dead in the same batch", []Validators{live, dead}, Page{ETag: `"a"`, LastModified: "lm1", FetchedAt: t1, Links: []string{"http://a/1"}, DeadAt: t2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			st, err := Open(dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			emitted := []Emitted{{URL: "http://a/", ContentHash: "h", At: t1}}
			if err := st.MarkEmitted(context.Background(), Mark{}, emitted); err != nil {
				t.Fatal(err)
			}
			if tt.oneBatch {
				err = st.PutValidators(context.Background(), tt.puts)
			} else {
				for _, v := range tt.puts {
					if err = st.PutValidators(context.Background(), []Validators{v}); err != nil {
						break
					}
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			// What a later run reads back.
			st.Close()
			if st, err = Open(dir, 0); err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			got, err := st.Page(context.Background(), "http://a/")
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			want.ContentHash, want.EmittedAt = "h", t1
			if !reflect.DeepEqual(got, want) {
				t.Errorf("page\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

// recent collects what Recent gives.
func recent(t *testing.T, st State, since time.Time) []string {
	t.Helper()
	var got []string
	err := st.Recent(context.Background(), since, func(u string) error {
		got = append(got, u)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestRecent(t *testing.T) {
	st, err := Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t1 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	at := func(h int) time.Time { return t1.Add(time.Duration(h) * time.Hour) }
	for _, r := range []Emitted{
		{URL: "http://a/", ContentHash: "a1", At: at(1)},
		{URL: "http://b/", ContentHash: "b1", At: at(2)},
		{URL: "http://c/", ContentHash: "c1", At: at(3)},
		{URL: "http://a/", ContentHash: "a2", At: at(4)}, // edited: a moves
	} {
		if err := st.MarkEmitted(context.Background(), Mark{}, []Emitted{r}); err != nil {
			t.Fatal(err)
		}
	}
	// Validators alone are not an emission.
	if err := st.PutValidators(context.Background(), []Validators{{URL: "http://d/", ETag: "x", FetchedAt: at(5)}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		since time.Time
		want  []string
	}{
		{time.Time{}, []string{"http://b/", "http://c/", "http://a/"}},
		{at(1), []string{"http://b/", "http://c/", "http://a/"}},
		{at(2), []string{"http://b/", "http://c/", "http://a/"}},
		{at(2).Add(time.Nanosecond), []string{"http://c/", "http://a/"}},
		{at(4), []string{"http://a/"}},
		{at(5), nil},
	}
	for _, tt := range tests {
		if got := recent(t, st, tt.since); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Recent(%s) = %q, want %q", tt.since.Format(time.RFC3339Nano), got, tt.want)
		}
	}
	// One index key per emitted URL: the old key of a moved URL is gone.
	n := 0
	st.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketEmitted).Stats().KeyN
		return nil
	})
	if n != 3 {
		t.Errorf("index holds %d keys, want 3", n)
	}

	// fn may use the state (it runs outside any transaction), and its
	// error stops Recent.
	stop := errors.New("stop")
	calls := 0
	err = st.Recent(context.Background(), time.Time{}, func(u string) error {
		calls++
		if err := st.MarkEmitted(context.Background(), Mark{}, []Emitted{{URL: "http://e/", ContentHash: "e", At: at(0)}}); err != nil {
			return err
		}
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Recent with a failing fn = %v after %d calls, want stop after 1", err, calls)
	}
}

// TestRecentBatches reads more URLs than one transaction of Recent does.
func TestRecentBatches(t *testing.T) {
	st, err := Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 2*recentBatch + 7
	fill(t, st, 0, n) // page i emitted at a base time + i s
	got := recent(t, st, time.Time{})
	if len(got) != n {
		t.Fatalf("Recent gave %d URLs, want %d", len(got), n)
	}
	var last time.Time
	for i, u := range got {
		p, err := st.Page(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && !p.EmittedAt.After(last) {
			t.Fatalf("URL %d %s emitted at %v, not after %v", i, u, p.EmittedAt, last)
		}
		last = p.EmittedAt
	}
}

// TestRecentIndexBuiltOnOpen opens a state.db of a version without the
// index: Open must build it from the pages.
func TestRecentIndexBuiltOnOpen(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	err = st.MarkEmitted(context.Background(), Mark{}, []Emitted{
		{URL: "http://b/", ContentHash: "b", At: t1.Add(time.Hour)},
		{URL: "http://a/", ContentHash: "a", At: t1},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutValidators(context.Background(), []Validators{{URL: "http://hub/", ETag: "x", FetchedAt: t1}}); err != nil {
		t.Fatal(err)
	}
	err = st.db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketEmitted) })
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	if st, err = Open(dir, 0); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if got, want := recent(t, st, time.Time{}), []string{"http://a/", "http://b/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Recent after Open = %q, want %q", got, want)
	}
	if got, want := recent(t, st, t1.Add(time.Minute)), []string{"http://b/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Recent(t1+1m) after Open = %q, want %q", got, want)
	}
}

// TestPagesMatchesPage: the batch read gives, in order, what Page gives for
// each URL, the zero Page for unknown ones.
func TestPagesMatchesPage(t *testing.T) {
	st, err := Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	if err := st.PutValidators(context.Background(), []Validators{{URL: "http://a/1", ETag: `"x"`, FetchedAt: at}, {URL: "http://a/2", FetchedAt: at, Dead: true}}); err != nil {
		t.Fatal(err)
	}
	urls := []string{"http://a/2", "http://a/none", "http://a/1"}
	got, err := st.Pages(context.Background(), urls)
	if err != nil || len(got) != 3 {
		t.Fatalf("Pages = %v, %v", got, err)
	}
	for i, u := range urls {
		want, err := st.Page(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("Pages[%d] (%s) = %+v, Page = %+v", i, u, got[i], want)
		}
	}
	if got[0].DeadAt.IsZero() || got[2].ETag != `"x"` || got[1].ETag != "" {
		t.Errorf("Pages = %+v; want a/2 dead, a/1 with its ETag, a/none empty", got)
	}
}

// TestStories: the bbolt state files a story under its keys and finds it
// by any of them, once; a story match finds a copy of is not filed.
func TestStories(t *testing.T) {
	st, err := Open(t.TempDir(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	none := func([]Story) string { return "" }
	if found, err := st.FileStory(context.Background(), Story{URL: "http://a/1", Sig: []byte{1, 2}}, []uint64{7, 9}, none); err != nil || found != "" {
		t.Fatalf("FileStory = %q, %v", found, err)
	}
	st.FileStory(context.Background(), Story{URL: "http://a/1", Sig: []byte{1, 2}}, []uint64{7, 9}, none) // again: no second entry
	got, err := st.Stories(context.Background(), []uint64{9, 7, 11})
	if err != nil || len(got) != 1 || got[0].URL != "http://a/1" || string(got[0].Sig) != "\x01\x02" {
		t.Fatalf("Stories = %+v, %v; want the filed story once", got, err)
	}
	if got, _ := st.Stories(context.Background(), []uint64{11}); len(got) != 0 {
		t.Errorf("Stories(other key) = %+v", got)
	}
	copyOf := func(s []Story) string {
		if len(s) > 0 {
			return s[0].URL
		}
		return ""
	}
	if found, err := st.FileStory(context.Background(), Story{URL: "http://b/1", Sig: []byte{1, 2}}, []uint64{9, 12}, copyOf); err != nil || found != "http://a/1" {
		t.Errorf("FileStory(a copy) = %q, %v; want http://a/1", found, err)
	}
	if got, _ := st.Stories(context.Background(), []uint64{12}); len(got) != 0 {
		t.Errorf("a copy was filed: %+v", got)
	}
	testFirstCopyOnce(t, st.FileStory, 16)
}

// testFirstCopyOnce files n copies of one story at once, each under a URL
// of its own: exactly one must be filed as the first copy and every other
// must name it.
func testFirstCopyOnce(t *testing.T, file func(context.Context, Story, []uint64, func([]Story) string) (string, error), n int) {
	t.Helper()
	sig := []byte("same story")
	copyOf := func(s []Story) string {
		for _, e := range s {
			if string(e.Sig) == string(sig) {
				return e.URL
			}
		}
		return ""
	}
	found := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			// Keys overlap in one of three, as band keys of near copies do.
			keys := []uint64{100 + uint64(i%3), 200, 300 + uint64(i)}
			found[i], errs[i] = file(context.Background(), Story{URL: fmt.Sprintf("http://copy/%d", i), Sig: sig}, keys, copyOf)
		})
	}
	wg.Wait()
	first := ""
	for i, f := range found {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if f == "" {
			if first != "" {
				t.Fatalf("two first copies: %s and http://copy/%d", first, i)
			}
			first = fmt.Sprintf("http://copy/%d", i)
		}
	}
	if first == "" {
		t.Fatal("no first copy")
	}
	for i, f := range found {
		if f != "" && f != first {
			t.Errorf("copy %d names %s, want %s", i, f, first)
		}
	}
}
