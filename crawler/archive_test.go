package crawler

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/newspipe/newspipe/internal/warcfile"
)

// fakeArchive records what reaches it; it can be slow, and fail from a
// given write on.
type fakeArchive struct {
	delay  time.Duration
	failAt int // the write that fails first (1-based); 0: never

	mu      sync.Mutex
	written []string // URLs, in order
	syncs   []int    // len(written) at each Sync
}

func (f *fakeArchive) Write(ex warcfile.Exchange) error {
	time.Sleep(f.delay)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failAt > 0 && len(f.written)+1 >= f.failAt {
		return errors.New("warc x.warc.gz.open: no space left on device")
	}
	f.written = append(f.written, ex.URL)
	return nil
}

func (f *fakeArchive) Sync() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.syncs = append(f.syncs, len(f.written))
	return nil
}

func (f *fakeArchive) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.written)
}

func TestArchiveQueueSyncWaitsForQueued(t *testing.T) {
	f := &fakeArchive{delay: 2 * time.Millisecond}
	a := startArchive(f, func(err error) { t.Errorf("unexpected failure: %v", err) })
	for i := range 10 {
		if err := a.put(warcfile.Exchange{URL: "http://a.test/" + string(rune('a'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.sync(); err != nil {
		t.Fatal(err)
	}
	if f.syncs[0] != 10 {
		t.Errorf("Sync ran with %d of 10 queued exchanges written", f.syncs[0])
	}
	a.put(warcfile.Exchange{URL: "http://a.test/last"})
	if err := a.stop(); err != nil {
		t.Fatal(err)
	}
	if f.count() != 11 || f.written[10] != "http://a.test/last" {
		t.Errorf("after stop: %v", f.written)
	}
	if err := a.sync(); err != nil || f.syncs[1] != 11 { // the crawl's last commit comes after stop
		t.Errorf("sync after stop: %v, syncs %v", err, f.syncs)
	}
}

func TestArchiveQueueFailure(t *testing.T) {
	f := &fakeArchive{failAt: 3}
	var fails []error
	var mu sync.Mutex
	a := startArchive(f, func(err error) { mu.Lock(); fails = append(fails, err); mu.Unlock() })
	for range 5 {
		a.put(warcfile.Exchange{URL: "http://a.test/"})
	}
	err := a.sync()
	if err == nil {
		t.Fatal("sync after a failed write: no error")
	}
	if err := a.put(warcfile.Exchange{URL: "http://a.test/"}); err == nil {
		t.Error("put after a failed write: no error")
	}
	if err := a.stop(); err == nil {
		t.Error("stop after a failed write: no error")
	}
	if len(fails) != 1 || f.count() != 2 || len(f.syncs) != 0 {
		t.Errorf("told %d times (want 1); %d written (want 2); %d syncs (want 0)", len(fails), f.count(), len(f.syncs))
	}
}

// A crawl archives every article it emits, and a commit syncs the archive
// only once every page written before it is in: a record the state counts
// as emitted has its page archived, though the archive is written off the
// workers' path.
func TestCrawlArchivesBeforeCommit(t *testing.T) {
	const n = 600
	srv := bigPortal(t, n)
	f := &fakeArchive{delay: 100 * time.Microsecond}
	stats := archiveRun(t, srv.URL, f)
	if stats.Emitted != n {
		t.Fatalf("emitted %d of %d", stats.Emitted, n)
	}
	if int64(f.count()) != stats.Fetched {
		t.Errorf("archived %d of %d pages fetched", f.count(), stats.Fetched)
	}
	if len(f.syncs) < 2 { // group commits every commitEvery records, and the last
		t.Errorf("archive synced %d times", len(f.syncs))
	}
}

// A failing archive ends the run with its error, promptly.
func TestCrawlArchiveFailureEndsRun(t *testing.T) {
	srv := bigPortal(t, 3000)
	f := &fakeArchive{failAt: 50}
	dir := t.TempDir()
	start := time.Now()
	stats, err := archiveRunErr(t, srv.URL, dir, f)
	if err == nil || !stats.Failed {
		t.Fatalf("run with a failing archive: err %v, failed %v", err, stats.Failed)
	}
	if stats.Fetched > 500 {
		t.Errorf("fetched %d pages after the archive failed at the 50th", stats.Fetched)
	}
	t.Logf("ended after %v, %d fetched: %v", time.Since(start).Round(time.Millisecond), stats.Fetched, err)
}

func archiveRun(t *testing.T, url string, arc Archiver) Stats {
	t.Helper()
	stats, err := archiveRunErr(t, url, t.TempDir(), arc)
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func archiveRunErr(t *testing.T, url, dir string, arc Archiver) (Stats, error) {
	t.Helper()
	cfg := Config{
		Sites: []Site{{Seeds: []string{url + "/"}}}, Delay: -1, Concurrency: 4,
		MaxDepth: 40, MaxHostPages: 100000, Timeout: 10 * time.Second,
	}
	return crawlWith(t, context.Background(), cfg, filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl"),
		func(env *Env) { env.Archive = arc })
}
