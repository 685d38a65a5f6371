package crawler

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
)

// ackCheck remembers which URL each taken request fetches and reports the
// article requests acknowledged while their record was not yet in the
// output file: a worker killed then would lose the article.
type ackCheck struct {
	out      string
	articles map[string]bool

	mu       sync.Mutex
	urls     map[string]string // request ID -> URL
	waiting  []string          // article URLs marked done, not yet checked
	acked    int
	batches  int
	tooEarly []string
}

// popped records the URLs of jobs taken by PopN and passes its results on.
func (a *ackCheck) popped(jobs []store.Job, claimed []bool, err error) ([]store.Job, []bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, j := range jobs {
		a.urls[string(j.ID)] = j.URL
	}
	return jobs, claimed, err
}

// check reports the URLs that have no record in the output file.
func (a *ackCheck) check(urls []string) {
	data, err := os.ReadFile(a.out)
	if err != nil && !os.IsNotExist(err) {
		panic(err)
	}
	for _, u := range urls {
		if !bytes.Contains(data, []byte(`"url":"`+u+`"`)) {
			a.tooEarly = append(a.tooEarly, u)
		}
	}
}

// immediateAcks is a Frontier that acknowledges each request at once, as a
// shared crawl's does: it does not offer SetBeforeDone.
type immediateAcks struct {
	Frontier
	*ackCheck
}

func (f immediateAcks) PopN(ctx context.Context, host string, n int) ([]store.Job, []bool, error) {
	return f.popped(f.Frontier.PopN(ctx, host, n))
}

func (f immediateAcks) Done(ctx context.Context, id []byte) error {
	f.mu.Lock()
	if u := f.urls[string(id)]; f.articles[u] {
		f.check([]string{u})
		f.acked++
	}
	f.mu.Unlock()
	return f.Frontier.Done(ctx, id)
}

// batchedAcks is store.Frontier, which writes Done marks in batches, with
// each batch checked once the crawl's SetBeforeDone function has run.
type batchedAcks struct {
	*store.Frontier
	*ackCheck
}

func (f batchedAcks) PopN(ctx context.Context, host string, n int) ([]store.Job, []bool, error) {
	return f.popped(f.Frontier.PopN(ctx, host, n))
}

func (f batchedAcks) Done(ctx context.Context, id []byte) error {
	f.mu.Lock()
	if u := f.urls[string(id)]; f.articles[u] {
		f.waiting = append(f.waiting, u)
		f.acked++
	}
	f.mu.Unlock()
	return f.Frontier.Done(ctx, id)
}

func (f batchedAcks) SetBeforeDone(fn func() error) {
	f.Frontier.SetBeforeDone(func() error {
		// The marks about to be written are those of Done calls made
		// before this point; later ones wait for the next batch.
		f.mu.Lock()
		urls := f.waiting
		f.waiting = nil
		f.mu.Unlock()
		if err := fn(); err != nil {
			return err
		}
		f.mu.Lock()
		f.check(urls)
		f.batches++
		f.mu.Unlock()
		return nil
	})
}

// A request is acknowledged only once its record is in the output file,
// though the output holds lines in memory: at once (flushed per request)
// with a frontier that acknowledges at once, per batch with store.Frontier.
func TestRecordInFileBeforeDone(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(Frontier, *ackCheck) Frontier
	}{
		{"immediate", func(f Frontier, a *ackCheck) Frontier { return immediateAcks{f, a} }},
		{"batched", func(f Frontier, a *ackCheck) Frontier { return batchedAcks{f.(*store.Frontier), a} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPortal(t)
			dir := t.TempDir()
			out := filepath.Join(dir, "out.jsonl")
			a := &ackCheck{out: out, articles: map[string]bool{}, urls: map[string]string{}}
			for _, u := range p.expectedURLs(p.articles()) {
				a.articles[u] = true
			}
			// Requests 40 ms apart: store.Frontier writes its Done marks
			// every 100 ms, so batches go out mid-run, with records of the
			// batch written since the last group commit.
			cfg := testConfig(p)
			cfg.Delay = 40 * time.Millisecond
			_, err := crawlWith(t, context.Background(), cfg, filepath.Join(dir, "state"), out, func(env *Env) {
				env.Frontier = tc.wrap(env.Frontier, a)
			})
			if err != nil {
				t.Fatal(err)
			}
			// One article is reached only through a redirect: its request
			// has the old URL.
			if a.acked != len(a.articles)-1 {
				t.Errorf("%d article requests acknowledged, want %d", a.acked, len(a.articles)-1)
			}
			if len(a.tooEarly) > 0 {
				t.Errorf("acknowledged before their record reached the file: %q", a.tooEarly)
			}
			if tc.name == "batched" && a.batches == 0 {
				t.Error("the crawl never set the frontier's SetBeforeDone function")
			}
			checkExactlyOnce(t, p, out)
		})
	}
}
