package crawler

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
)

// strictState is a State that refuses every call whose context is done,
// as a shared store waiting on its server would fail it.
type strictState struct{ *store.Bolt }

func refuse(ctx context.Context, op string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("strict %s: %w", op, err)
	}
	return nil
}

func (s strictState) Page(ctx context.Context, u string) (store.Page, error) {
	if err := refuse(ctx, "Page"); err != nil {
		return store.Page{}, err
	}
	return s.Bolt.Page(ctx, u)
}

func (s strictState) Pages(ctx context.Context, urls []string) ([]store.Page, error) {
	if err := refuse(ctx, "Pages"); err != nil {
		return nil, err
	}
	return s.Bolt.Pages(ctx, urls)
}

func (s strictState) MarkEmitted(ctx context.Context, m store.Mark, recs []store.Emitted) error {
	if err := refuse(ctx, "MarkEmitted"); err != nil {
		return err
	}
	return s.Bolt.MarkEmitted(ctx, m, recs)
}

func (s strictState) PutValidators(ctx context.Context, vs []store.Validators) error {
	if err := refuse(ctx, "PutValidators"); err != nil {
		return err
	}
	return s.Bolt.PutValidators(ctx, vs)
}

func (s strictState) Watermark(ctx context.Context, key string) (int64, error) {
	if err := refuse(ctx, "Watermark"); err != nil {
		return 0, err
	}
	return s.Bolt.Watermark(ctx, key)
}

func (s strictState) Stories(ctx context.Context, keys []uint64) ([]store.Story, error) {
	if err := refuse(ctx, "Stories"); err != nil {
		return nil, err
	}
	return s.Bolt.Stories(ctx, keys)
}

func (s strictState) FileStory(ctx context.Context, st store.Story, keys []uint64, match func([]store.Story) string) (string, error) {
	if err := refuse(ctx, "FileStory"); err != nil {
		return "", err
	}
	return s.Bolt.FileStory(ctx, st, keys, match)
}

func (s strictState) AddCoverage(ctx context.Context, site string, c store.Coverage, keep int) ([]store.Coverage, error) {
	if err := refuse(ctx, "AddCoverage"); err != nil {
		return nil, err
	}
	return s.Bolt.AddCoverage(ctx, site, c, keep)
}

func (s strictState) Recent(ctx context.Context, since time.Time, fn func(string) error) error {
	if err := refuse(ctx, "Recent"); err != nil {
		return err
	}
	return s.Bolt.Recent(ctx, since, fn)
}

// strictFrontier is the Frontier counterpart of strictState.
type strictFrontier struct{ *store.Frontier }

func (f strictFrontier) Begin(ctx context.Context, now time.Time, within time.Duration) (store.Resume, error) {
	if err := refuse(ctx, "Begin"); err != nil {
		return store.Resume{}, err
	}
	return f.Frontier.Begin(ctx, now, within)
}

func (f strictFrontier) FirstSeen(ctx context.Context, keys []string) ([]bool, error) {
	if err := refuse(ctx, "FirstSeen"); err != nil {
		return nil, err
	}
	return f.Frontier.FirstSeen(ctx, keys)
}

func (f strictFrontier) Unseen(ctx context.Context, keys []string) ([]bool, error) {
	if err := refuse(ctx, "Unseen"); err != nil {
		return nil, err
	}
	return f.Frontier.Unseen(ctx, keys)
}

func (f strictFrontier) EnqueueNew(ctx context.Context, jobs []store.Job, onlyNew bool, accept func(store.Job) bool) ([]bool, error) {
	if err := refuse(ctx, "EnqueueNew"); err != nil {
		return nil, err
	}
	return f.Frontier.EnqueueNew(ctx, jobs, onlyNew, accept)
}

func (f strictFrontier) PopN(ctx context.Context, host string, n int) ([]store.Job, []bool, error) {
	if err := refuse(ctx, "PopN"); err != nil {
		return nil, nil, err
	}
	return f.Frontier.PopN(ctx, host, n)
}

func (f strictFrontier) Claim(ctx context.Context, u, by string) (bool, error) {
	if err := refuse(ctx, "Claim"); err != nil {
		return false, err
	}
	return f.Frontier.Claim(ctx, u, by)
}

func (f strictFrontier) Retry(ctx context.Context, j store.Job) error {
	if err := refuse(ctx, "Retry"); err != nil {
		return err
	}
	return f.Frontier.Retry(ctx, j)
}

func (f strictFrontier) Done(ctx context.Context, id []byte) error {
	if err := refuse(ctx, "Done"); err != nil {
		return err
	}
	return f.Frontier.Done(ctx, id)
}

func (f strictFrontier) AddPending(ctx context.Context, v store.Validators) error {
	if err := refuse(ctx, "AddPending"); err != nil {
		return err
	}
	return f.Frontier.AddPending(ctx, v)
}

func (f strictFrontier) CommitPending(ctx context.Context, st store.State) (int, error) {
	if err := refuse(ctx, "CommitPending"); err != nil {
		return 0, err
	}
	return f.Frontier.CommitPending(ctx, st)
}

func (f strictFrontier) Finish(ctx context.Context, carry func(string) bool) (int, error) {
	if err := refuse(ctx, "Finish"); err != nil {
		return 0, err
	}
	return f.Frontier.Finish(ctx, carry)
}

func (f strictFrontier) TakeCarry(ctx context.Context) ([]store.Job, error) {
	if err := refuse(ctx, "TakeCarry"); err != nil {
		return nil, err
	}
	return f.Frontier.TakeCarry(ctx)
}

// TestCancelledRunCommits cancels crawls whose State and Frontier refuse
// every call made with a done context: the run's end must not cancel the
// calls that commit what it did (emitted records, done requests), and a
// take refused because the run ended is not a failure. The cut-short run
// reports no error and a rerun completes the set, each article once.
func TestCancelledRunCommits(t *testing.T) {
	for _, after := range []int{2, 6} {
		t.Run(fmt.Sprintf("after%d", after), func(t *testing.T) {
			p := newPortal(t)
			dir := t.TempDir()
			stateDir, out := filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var once sync.Once
			var seen atomic.Int32
			p.onRequest = func(path string) {
				if strings.HasPrefix(path, "/2026/") && int(seen.Add(1)) >= after {
					once.Do(cancel)
				}
			}
			stats, err := crawlStrict(t, ctx, testConfig(p), stateDir, out)
			if !stats.Cancelled || err != nil || stats.Failed {
				t.Fatalf("cancelled run: cancelled %v, failed %v, err %v; want cancelled without an error", stats.Cancelled, stats.Failed, err)
			}
			p.mu.Lock()
			p.onRequest = nil
			p.mu.Unlock()
			if _, err := crawlStrict(t, context.Background(), testConfig(p), stateDir, out); err != nil {
				t.Fatalf("rerun: %v", err)
			}
			checkExactlyOnce(t, p, out)
		})
	}
}

// crawlStrict is crawlOnce over strictState and strictFrontier.
func crawlStrict(t *testing.T, ctx context.Context, cfg Config, stateDir, out string) (Stats, error) {
	t.Helper()
	return crawlWith(t, ctx, cfg, stateDir, out, func(env *Env) {
		env.State = strictState{env.State.(*store.Bolt)}
		env.Frontier = strictFrontier{env.Frontier.(*store.Frontier)}
	})
}

// cutFrontier is a Frontier whose PopN number cutAt ends the run while the
// take is under way, as a stop (SIGTERM, --max-duration) can land during a
// round trip to the frontier: the take returns the run's context error.
type cutFrontier struct {
	*store.Frontier
	cutAt  int32
	calls  *atomic.Int32
	cancel context.CancelFunc
}

func (f cutFrontier) PopN(ctx context.Context, host string, n int) ([]store.Job, []bool, error) {
	if f.calls.Add(1) == f.cutAt {
		f.cancel()
		<-ctx.Done()
		return nil, nil, fmt.Errorf("pop %s: %w", host, ctx.Err())
	}
	return f.Frontier.PopN(ctx, host, n)
}

// TestCutShortTakeNotAFailure stops a run in the middle of a take: the run
// reports itself cancelled, not failed, and the next run fetches what the
// cut-short take left, each article once.
func TestCutShortTakeNotAFailure(t *testing.T) {
	p := newPortal(t)
	dir := t.TempDir()
	stateDir, out := filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	stats, err := crawlWith(t, ctx, testConfig(p), stateDir, out, func(env *Env) {
		env.Frontier = cutFrontier{Frontier: env.Frontier.(*store.Frontier), cutAt: 3, calls: &calls, cancel: cancel}
	})
	if calls.Load() < 3 {
		t.Fatalf("the run took work %d times; the cut was at the 3rd", calls.Load())
	}
	if err != nil || stats.Failed || !stats.Cancelled {
		t.Fatalf("run cut during a take: cancelled %v, failed %v, err %v; want cancelled without an error", stats.Cancelled, stats.Failed, err)
	}
	if _, err := crawlOnce(t, context.Background(), testConfig(p), stateDir, out); err != nil {
		t.Fatalf("rerun: %v", err)
	}
	checkExactlyOnce(t, p, out)
}
