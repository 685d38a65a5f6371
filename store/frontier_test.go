package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func openTestFrontier(t *testing.T, dir string, now time.Time) (*Frontier, Resume) {
	t.Helper()
	f, err := OpenFrontier(dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := f.Begin(context.Background(), now, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return f, r
}

func TestFrontierSeenAndPerHostQueues(t *testing.T) {
	f, r := openTestFrontier(t, t.TempDir(), time.Now())
	defer f.Close()
	if r.Resumed || len(r.Queued) != 0 {
		t.Fatalf("new frontier: %+v", r)
	}
	first, _ := f.FirstSeen(context.Background(), []string{"a", "b", "a"})
	if !first[0] || !first[1] || first[2] {
		t.Errorf("FirstSeen = %v", first)
	}
	first, _ = f.FirstSeen(context.Background(), []string{"b", "c"})
	if first[0] || !first[1] {
		t.Errorf("FirstSeen again = %v", first)
	}
	err := f.Enqueue(context.Background(), []Job{
		{Host: "http://a", URL: "http://a/1", Data: []byte("d1")},
		{Host: "http://b", URL: "http://b/1", Data: []byte("e1")},
		{Host: "http://a", URL: "http://a/2", Data: []byte("d2")},
	})
	if err != nil {
		t.Fatal(err)
	}
	// Each host's queue is FIFO and independent of the others.
	for _, want := range []struct{ host, url, data string }{
		{"http://b", "http://b/1", "e1"}, {"http://a", "http://a/1", "d1"}, {"http://a", "http://a/2", "d2"},
	} {
		j, claimed, ok, err := f.Pop(context.Background(), want.host)
		if err != nil || !ok || !claimed || j.URL != want.url || string(j.Data) != want.data || j.Host != want.host {
			t.Errorf("Pop(%s) = %+v claimed=%v ok=%v err=%v", want.host, j, claimed, ok, err)
		}
	}
	if _, _, ok, _ := f.Pop(context.Background(), "http://a"); ok {
		t.Error("Pop of an empty host queue returned a job")
	}
}

// A redirect and the target's own request never both fetch a page, and
// whichever comes first wins (issue: the redirect target was dropped).
func TestFrontierClaim(t *testing.T) {
	f, _ := openTestFrontier(t, t.TempDir(), time.Now())
	defer f.Close()
	// /old/1 redirects to /news/1 first: the queued /news/1 is then skipped.
	if ok, _ := f.Claim(context.Background(), "http://a/news/1", "http://a/old/1"); !ok {
		t.Fatal("first claim refused")
	}
	if ok, _ := f.Claim(context.Background(), "http://a/news/1", "http://a/old/1"); !ok {
		t.Error("a retry of the same redirect was refused")
	}
	f.Enqueue(context.Background(), []Job{{Host: "http://a", URL: "http://a/news/1"}})
	if _, claimed, ok, _ := f.Pop(context.Background(), "http://a"); !ok || claimed {
		t.Errorf("Pop of an already fetched URL: ok=%v claimed=%v, want true false", ok, claimed)
	}
	// /news/2 fetched first: the redirect to it is refused.
	f.Enqueue(context.Background(), []Job{{Host: "http://a", URL: "http://a/news/2"}})
	if _, claimed, _, _ := f.Pop(context.Background(), "http://a"); !claimed {
		t.Error("first fetch of /news/2 not claimed")
	}
	if ok, _ := f.Claim(context.Background(), "http://a/news/2", "http://a/old/2"); ok {
		t.Error("redirect to a fetched page was allowed")
	}
	if ok, _ := f.Claim(context.Background(), "http://a/news/2", "http://a/news/2"); !ok {
		t.Error("the page's own request was refused its claim")
	}
}

// A run that does not finish is continued by the next one: its queue, seen
// set and the requests it had taken are all there (issue: 20 short killed
// runs in a row must make progress).
func TestFrontierResume(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	f, _ := openTestFrontier(t, dir, t0)
	f.FirstSeen(context.Background(), []string{"http://a/1", "http://a/2", "http://a/3"})
	f.Enqueue(context.Background(), []Job{{Host: "http://a", URL: "http://a/1"}, {Host: "http://a", URL: "http://a/2"}, {Host: "http://a", URL: "http://a/3"}})
	j1, _, _, _ := f.Pop(context.Background(), "http://a")
	f.Done(context.Background(), j1.ID)
	j2, _, _, _ := f.Pop(context.Background(), "http://a") // taken, then the process dies
	f.AddPending(context.Background(), Validators{URL: "http://a/1", ETag: `"x"`})
	f.Close()

	f, r := openTestFrontier(t, dir, t0.Add(time.Hour))
	if !r.Resumed || !r.Started.Equal(t0) || r.Queued["http://a"] != 2 {
		t.Fatalf("resume = %+v, want resumed from %v with 2 queued", r, t0)
	}
	j, _, ok, _ := f.Pop(context.Background(), "http://a")
	if !ok || j.URL != j2.URL {
		t.Errorf("first job after resume = %q, want the taken %q", j.URL, j2.URL)
	}
	if first, _ := f.FirstSeen(context.Background(), []string{"http://a/1"}); first[0] {
		t.Error("seen set lost on resume")
	}
	f.Close()

	// Too old to continue: a fresh run.
	f, r = openTestFrontier(t, dir, t0.Add(48*time.Hour))
	defer f.Close()
	if r.Resumed || len(r.Queued) != 0 {
		t.Errorf("stale frontier resumed: %+v", r)
	}
	if first, _ := f.FirstSeen(context.Background(), []string{"http://a/1"}); !first[0] {
		t.Error("seen set of a stale run kept")
	}
}

// Finish clears the run but carries the requests of hosts set aside.
func TestFrontierFinishCarry(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	f, _ := openTestFrontier(t, dir, now)
	f.Enqueue(context.Background(), []Job{
		{Host: "http://slow", URL: "http://slow/1", Data: []byte("s1")},
		{Host: "http://slow", URL: "http://slow/2", Data: []byte("s2")},
		{Host: "http://ok", URL: "http://ok/1"},
	})
	j, _, _, _ := f.Pop(context.Background(), "http://slow")
	j.Data = []byte("s1-retry")
	f.Retry(context.Background(), j)
	n, err := f.Finish(context.Background(), func(h string) bool { return h == "http://slow" })
	if err != nil || n != 2 {
		t.Fatalf("Finish = %d, %v; want 2 carried", n, err)
	}
	f.Close()

	f, r := openTestFrontier(t, dir, now.Add(time.Minute))
	defer f.Close()
	if r.Resumed || len(r.Queued) != 0 {
		t.Errorf("a finished run was resumed: %+v", r)
	}
	jobs, err := f.TakeCarry(context.Background())
	if err != nil || len(jobs) != 2 {
		t.Fatalf("TakeCarry = %d jobs, %v", len(jobs), err)
	}
	got := map[string]string{}
	for _, j := range jobs {
		got[j.URL] = string(j.Data)
	}
	if got["http://slow/1"] != "s1-retry" || got["http://slow/2"] != "s2" {
		t.Errorf("carried = %v", got)
	}
	if jobs, _ := f.TakeCarry(context.Background()); len(jobs) != 0 {
		t.Errorf("carry taken twice: %d", len(jobs))
	}
}

// A damaged frontier.db is replaced, not a panic: it holds only work that
// can be rediscovered.
func TestFrontierCorruptIsRecreated(t *testing.T) {
	dir := t.TempDir()
	f, _ := openTestFrontier(t, dir, time.Now())
	var jobs []Job
	for i := 0; i < 2000; i++ {
		jobs = append(jobs, Job{Host: "http://a", URL: "http://a/" + string(rune('a'+i%26)) + time.Duration(i).String()})
	}
	f.Enqueue(context.Background(), jobs)
	f.Close()
	path := filepath.Join(dir, "frontier.db")
	data, _ := os.ReadFile(path)
	for i := len(data) / 3; i < len(data)/3+8192 && i < len(data); i++ {
		data[i] = byte(i * 7)
	}
	os.WriteFile(path, data, 0o600)
	f, err := OpenFrontier(dir)
	if err != nil {
		t.Fatalf("OpenFrontier on a damaged file: %v", err)
	}
	defer f.Close()
	if _, err := f.Begin(context.Background(), time.Now(), time.Hour); err != nil {
		t.Fatalf("Begin after recreate: %v", err)
	}
}

// Done marks are written only after SetBeforeDone's function succeeded:
// when it fails they stay unwritten, and the next run takes the request
// again.
func TestFrontierBeforeDone(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	ctx := context.Background()
	f, _ := openTestFrontier(t, dir, t0)
	f.Enqueue(ctx, []Job{{Host: "http://a", URL: "http://a/1"}, {Host: "http://a", URL: "http://a/2"}})
	j1, _, _, _ := f.Pop(ctx, "http://a")
	j2, _, _, _ := f.Pop(ctx, "http://a")
	var calls int
	fail := errors.New("output gone")
	f.SetBeforeDone(func() error { calls++; return nil })
	f.Done(ctx, j1.ID)
	if err := f.update(func(*bolt.Tx) error { return nil }); err != nil || calls != 1 {
		t.Fatalf("writing a Done mark: %v, %d calls; want the function called once", err, calls)
	}
	if err := f.update(func(*bolt.Tx) error { return nil }); calls != 1 || err != nil {
		t.Errorf("a write with no Done mark called the function (%d calls, %v)", calls, err)
	}
	f.SetBeforeDone(func() error { calls++; return fail })
	f.Done(ctx, j2.ID)
	if err := f.update(func(*bolt.Tx) error { return nil }); !errors.Is(err, fail) {
		t.Fatalf("update with a failing function: %v, want %v", err, fail)
	}
	f.SetBeforeDone(nil)
	f.Close()

	f, r := openTestFrontier(t, dir, t0.Add(time.Minute))
	defer f.Close()
	if r.Queued["http://a"] != 1 {
		t.Fatalf("resumed with %d queued, want the one request whose mark was not written", r.Queued["http://a"])
	}
	if j, _, ok, _ := f.Pop(ctx, "http://a"); !ok || j.URL != j2.URL {
		t.Errorf("resumed run takes %q, want %q", j.URL, j2.URL)
	}
}
