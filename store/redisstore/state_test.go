package redisstore

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
	"github.com/newspipe/newspipe/store/redistest"
	"github.com/redis/go-redis/v9"
)

// TestStateShared: what one worker records, another worker of the same
// crawl reads; other crawls do not see it; it survives a Redis restart.
func TestStateShared(t *testing.T) {
	srv := redistest.Start(t)
	w1, w2 := open(t, srv, "c").State(), open(t, srv, "c").State()
	other := open(t, srv, "d").State()
	t0 := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

	if p, err := w1.Page(context.Background(), "https://a.example/1"); err != nil || !reflect.DeepEqual(p, store.Page{}) {
		t.Fatalf("unknown page = %+v, %v; want the zero Page", p, err)
	}
	recs := []store.Emitted{{URL: "https://a.example/1", ContentHash: "sha256:aa", At: t0}, {URL: "https://a.example/2", ContentHash: "sha256:bb", At: t0.Add(time.Minute)}}
	if err := w1.MarkEmitted(context.Background(), store.Mark{Key: "out-w1", Offset: 812}, recs); err != nil {
		t.Fatal(err)
	}
	p, err := w2.Page(context.Background(), "https://a.example/2")
	if err != nil || p.ContentHash != "sha256:bb" || !p.EmittedAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("worker 2 reads %+v, %v; want worker 1's record", p, err)
	}
	if off, err := w2.Watermark(context.Background(), "out-w1"); err != nil || off != 812 {
		t.Errorf("watermark out-w1 = %d, %v; want 812", off, err)
	}
	if off, err := w2.Watermark(context.Background(), "out-w2"); err != nil || off != 0 {
		t.Errorf("watermark of an output never marked = %d, %v; want 0", off, err)
	}
	if p, err := other.Page(context.Background(), "https://a.example/2"); err != nil || p.ContentHash != "" {
		t.Errorf("another crawl reads %+v, %v; want nothing", p, err)
	}

	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	if p, err := w2.Page(context.Background(), "https://a.example/1"); err != nil || p.ContentHash != "sha256:aa" {
		t.Errorf("after a Redis restart: %+v, %v; want the record kept (AOF)", p, err)
	}
}

// TestStateValidators: validators are stored; a dead fetch only sets
// DeadAt and keeps the last complete fetch's validators; a later complete
// fetch clears DeadAt.
func TestStateValidators(t *testing.T) {
	srv := redistest.Start(t)
	st := open(t, srv, "c").State()
	t0 := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	u := "https://a.example/list"
	steps := []struct {
		v    store.Validators
		want store.Page
	}{
		{store.Validators{URL: u, ETag: `"e1"`, LastModified: "Wed, 02 Dec 2026 09:00:00 GMT", FetchedAt: t0, Links: []string{"https://a.example/1"}},
			store.Page{ETag: `"e1"`, LastModified: "Wed, 02 Dec 2026 09:00:00 GMT", FetchedAt: t0, Links: []string{"https://a.example/1"}}},
		{store.Validators{URL: u, FetchedAt: t0.Add(time.Hour), Dead: true},
			store.Page{ETag: `"e1"`, LastModified: "Wed, 02 Dec 2026 09:00:00 GMT", FetchedAt: t0, Links: []string{"https://a.example/1"}, DeadAt: t0.Add(time.Hour)}},
		{store.Validators{URL: u, ETag: `"e2"`, FetchedAt: t0.Add(2 * time.Hour)},
			store.Page{ETag: `"e2"`, FetchedAt: t0.Add(2 * time.Hour)}},
	}
	for i, s := range steps {
		if err := st.PutValidators(context.Background(), []store.Validators{s.v}); err != nil {
			t.Fatal(err)
		}
		got, err := st.Page(context.Background(), u)
		if err != nil {
			t.Fatal(err)
		}
		if !got.FetchedAt.Equal(s.want.FetchedAt) || !got.DeadAt.Equal(s.want.DeadAt) || got.ETag != s.want.ETag ||
			got.LastModified != s.want.LastModified || !reflect.DeepEqual(got.Links, s.want.Links) {
			t.Errorf("step %d: page %+v, want %+v", i, got, s.want)
		}
		// The batch read agrees, and knows nothing of an unknown URL.
		pages, err := st.Pages(context.Background(), []string{"https://a.example/none", u})
		if err != nil || len(pages) != 2 || !reflect.DeepEqual(pages[1], got) || !reflect.DeepEqual(pages[0], store.Page{}) {
			t.Errorf("step %d: Pages = %+v, %v; want {} and %+v", i, pages, err, got)
		}
	}
}

// TestStateRecent: Recent gives the URLs emitted at or after since, oldest
// first, each at least once, also across its batches and when many share
// one time; a URL emitted again moves to its new time.
func TestStateRecent(t *testing.T) {
	srv := redistest.Start(t)
	st := open(t, srv, "c").State()
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	const n = 2500
	var recs []store.Emitted
	for i := range n {
		// Runs of 50 URLs share one millisecond: batch edges fall inside runs.
		recs = append(recs, store.Emitted{URL: fmt.Sprintf("https://a.example/%04d", i), ContentHash: "h", At: t0.Add(time.Duration(i/50) * time.Second)})
	}
	if err := st.MarkEmitted(context.Background(), store.Mark{}, recs); err != nil {
		t.Fatal(err)
	}
	// URL 0 emitted again, last.
	if err := st.MarkEmitted(context.Background(), store.Mark{}, []store.Emitted{{URL: recs[0].URL, ContentHash: "h2", At: t0.Add(time.Hour)}}); err != nil {
		t.Fatal(err)
	}
	since := t0.Add(10 * time.Second) // from URL 500 on
	seen := map[string]int{}
	var order []string
	if err := st.Recent(context.Background(), since, func(u string) error { seen[u]++; order = append(order, u); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := 500; i < n; i++ {
		if seen[recs[i].URL] == 0 {
			t.Fatalf("Recent missed %s", recs[i].URL)
		}
	}
	if seen[recs[0].URL] != 1 || order[len(order)-1] != recs[0].URL {
		t.Errorf("the URL emitted again: seen %d times, last %s; want once, last", seen[recs[0].URL], order[len(order)-1])
	}
	if seen[recs[499].URL] != 0 {
		t.Errorf("Recent gave %s, emitted before since", recs[499].URL)
	}
	if len(seen) != n-500+1 {
		t.Errorf("Recent gave %d URLs, want %d", len(seen), n-500+1)
	}
}

// TestStateCoverage: AddCoverage returns the history before the new entry
// and keeps the last keep entries.
func TestStateCoverage(t *testing.T) {
	srv := redistest.Start(t)
	st := open(t, srv, "cov").State()
	for i := 1; i <= 4; i++ {
		hist, err := st.AddCoverage(context.Background(), "a.cn", store.Coverage{Articles: i, Has: map[string]int{"date": i}}, 3)
		if err != nil {
			t.Fatal(err)
		}
		if want := min(i-1, 3); len(hist) != want || (want > 0 && hist[len(hist)-1].Articles != i-1) {
			t.Fatalf("add %d: history %+v; want %d entries ending with %d articles", i, hist, want, i-1)
		}
	}
}

// TestStateStories: a story filed under keys is found by any of them, once,
// with its signature; other keys find nothing.
func TestStateStories(t *testing.T) {
	srv := redistest.Start(t)
	st := open(t, srv, "stories").State()
	none := func([]store.Story) string { return "" }
	if found, err := st.FileStory(context.Background(), store.Story{URL: "http://a/1", Sig: []byte{1, 2, 3, 4}}, []uint64{7, 9}, none); err != nil || found != "" {
		t.Fatalf("FileStory = %q, %v", found, err)
	}
	got, err := st.Stories(context.Background(), []uint64{9, 7, 11})
	if err != nil || len(got) != 1 || got[0].URL != "http://a/1" || string(got[0].Sig) != "\x01\x02\x03\x04" {
		t.Fatalf("Stories = %+v, %v; want the filed story once", got, err)
	}
	if got, err := st.Stories(context.Background(), []uint64{11}); err != nil || len(got) != 0 {
		t.Errorf("Stories(other key) = %+v, %v", got, err)
	}
}

// TestStateFileStoryTrips: filing a first copy takes one round trip; a
// story with others under its keys that it does not copy takes two (the
// stories read, then filed if still the same); filing a URL filed before
// takes one and keeps the signature filed first.
func TestStateFileStoryTrips(t *testing.T) {
	srv := redistest.Start(t)
	o := open(t, srv, "storytrips")
	m := &meter{}
	c := redis.NewClient(o.rdb.Options())
	c.AddHook(m)
	defer c.Close()
	st := (&Store{rdb: c, crawl: o.crawl, addr: o.addr, k: o.k}).State()
	ctx := context.Background()
	none := func([]store.Story) string { return "" }
	file := func(u string, sig string, keys []uint64) float64 {
		t.Helper()
		m.reset()
		if found, err := st.FileStory(ctx, store.Story{URL: u, Sig: []byte(sig)}, keys, none); err != nil || found != "" {
			t.Fatalf("FileStory(%s) = %q, %v", u, found, err)
		}
		return float64(m.trips.Load())
	}
	file("http://warm/1", "w", []uint64{1}) // loads the script
	if n := file("http://a/1", "sig a", []uint64{7, 9}); n != 1 {
		t.Errorf("first copy: %v round trips, want 1", n)
	}
	if n := file("http://b/1", "sig b", []uint64{9, 12}); n != 2 {
		t.Errorf("story beside another: %v round trips, want 2", n)
	}
	if n := file("http://a/1", "sig a again", []uint64{7, 9}); n != 1 {
		t.Errorf("URL filed before: %v round trips, want 1", n)
	}
	got, err := st.Stories(ctx, []uint64{7, 9, 12})
	slices.SortFunc(got, func(a, b store.Story) int { return strings.Compare(a.URL, b.URL) })
	if err != nil || len(got) != 2 || got[0].URL != "http://a/1" || string(got[0].Sig) != "sig a" || got[1].URL != "http://b/1" || string(got[1].Sig) != "sig b" {
		t.Errorf("Stories = %+v, %v; want a/1 (sig a) and b/1 (sig b)", got, err)
	}
}

// TestStateDifferentStoriesAllFiled: workers filing different stories
// under overlapping keys at the same moment lose none of them to a retry.
func TestStateDifferentStoriesAllFiled(t *testing.T) {
	srv := redistest.Start(t)
	const workers, stories = 4, 64
	states := make([]*State, workers)
	for i := range states {
		states[i] = open(t, srv, "different").State()
	}
	none := func([]store.Story) string { return "" }
	errs := make([]error, stories)
	var wg sync.WaitGroup
	for i := range stories {
		wg.Go(func() {
			keys := []uint64{500, 600 + uint64(i%5)}
			_, errs[i] = states[i%workers].FileStory(context.Background(), store.Story{URL: fmt.Sprintf("http://s/%d", i), Sig: []byte{byte(i)}}, keys, none)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	got, err := states[0].Stories(context.Background(), []uint64{500})
	if err != nil || len(got) != stories {
		t.Errorf("Stories(shared key) = %d stories, %v; want %d", len(got), err, stories)
	}
}

// TestStateFirstCopyOnce: workers filing copies of one story at the same
// moment (each its own client, as separate processes are) agree on one
// first copy: exactly one is filed, every other names it.
func TestStateFirstCopyOnce(t *testing.T) {
	srv := redistest.Start(t)
	const workers, copies = 4, 8
	states := make([]*State, workers)
	for i := range states {
		states[i] = open(t, srv, "firstcopy").State()
	}
	sig := []byte("same story")
	copyOf := func(s []store.Story) string {
		for _, e := range s {
			if string(e.Sig) == string(sig) {
				return e.URL
			}
		}
		return ""
	}
	for round := range 5 {
		found := make([]string, workers*copies)
		errs := make([]error, len(found))
		var wg sync.WaitGroup
		for i := range found {
			wg.Go(func() {
				// Keys overlap in one of three, as band keys of near copies do.
				keys := []uint64{uint64(round)<<20 + 100 + uint64(i%3), uint64(round)<<20 + 200, uint64(round)<<20 + 300 + uint64(i)}
				u := fmt.Sprintf("http://copy/%d/%d", round, i)
				found[i], errs[i] = states[i%workers].FileStory(context.Background(), store.Story{URL: u, Sig: sig}, keys, copyOf)
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
					t.Fatalf("round %d: two first copies: %s and copy %d", round, first, i)
				}
				first = fmt.Sprintf("http://copy/%d/%d", round, i)
			}
		}
		if first == "" {
			t.Fatalf("round %d: no first copy", round)
		}
		for i, f := range found {
			if f != "" && f != first {
				t.Errorf("round %d: copy %d names %s, want %s", round, i, f, first)
			}
		}
		sig = append(sig, '!') // the next round's story
	}
}
