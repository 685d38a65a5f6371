package crawler

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestMain doubles as a crawl subprocess for TestCrawlSIGKILL.
func TestMain(m *testing.M) {
	if seed := os.Getenv("NEWSPIPE_TEST_CHILD_SEED"); seed != "" {
		os.Exit(childCrawl(seed, os.Getenv("NEWSPIPE_TEST_CHILD_STATE"), os.Getenv("NEWSPIPE_TEST_CHILD_OUT")))
	}
	os.Exit(m.Run())
}

// childCrawl is the crawl of a subprocess. NEWSPIPE_TEST_CHILD_DELAY sets
// the per-host delay, NEWSPIPE_TEST_CHILD_PATTERN the article pattern, and
// NEWSPIPE_TEST_CHILD_FSIZE limits the size of any
// file the process writes (RLIMIT_FSIZE), as a full disk would.
func childCrawl(seed, stateDir, out string) int {
	cfg := Config{
		Sites: []Site{{Seeds: []string{seed}}}, Delay: 2 * time.Millisecond, Timeout: time.Second,
		RetryBase: 20 * time.Millisecond, MaxBody: 1 << 20, MaxDepth: 20,
	}
	if d, err := time.ParseDuration(os.Getenv("NEWSPIPE_TEST_CHILD_DELAY")); err == nil {
		cfg.Delay, cfg.Concurrency = d, 1
		if d == 0 {
			cfg.Delay, cfg.Concurrency = -1, 4 // Config's "none"
		}
	}
	cfg.Sites[0].ArticlePattern = os.Getenv("NEWSPIPE_TEST_CHILD_PATTERN")
	if n, err := strconv.ParseUint(os.Getenv("NEWSPIPE_TEST_CHILD_FSIZE"), 10, 64); err == nil {
		lim := syscall.Rlimit{Cur: n, Max: n}
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
	}
	t := &testing.T{}
	_, err := crawlOnce(t, context.Background(), cfg, stateDir, out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// checkExactlyOnce asserts that out holds every expected article exactly
// once, as whole lines.
func checkExactlyOnce(t *testing.T, p *portal, out string) {
	t.Helper()
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Errorf("output ends in a partial line")
	}
	recs := readRecords(t, out, 0) // fails on any broken line
	got, want := urlsOf(recs), p.expectedURLs(portalArticles)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("over all runs got\n%s\nwant each once\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCrawlCancelResume stops a crawl (as SIGINT/SIGTERM do, through the
// context) at several points and checks that a rerun completes the set
// without losing or duplicating a record.
func TestCrawlCancelResume(t *testing.T) {
	for _, after := range []int{1, 3, 5, 7} {
		t.Run(fmt.Sprintf("after%d", after), func(t *testing.T) {
			p := newPortal(t)
			dir := t.TempDir()
			stateDir, out := filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var once sync.Once
			var cancelledAt time.Time
			var seen atomic.Int32
			p.onRequest = func(path string) {
				if strings.HasPrefix(path, "/2026/") {
					if int(seen.Add(1)) >= after {
						once.Do(func() { cancelledAt = time.Now(); cancel() })
					}
				}
			}
			stats, err := crawlOnce(t, ctx, testConfig(p), stateDir, out)
			if !stats.Cancelled {
				t.Fatalf("run was not cancelled (err %v)", err)
			}
			if d := time.Since(cancelledAt); d > 3*time.Second {
				t.Errorf("stopping took %v", d)
			}
			p.mu.Lock()
			p.onRequest = nil
			p.mu.Unlock()
			if _, err := crawlOnce(t, context.Background(), testConfig(p), stateDir, out); err != nil {
				t.Fatalf("rerun: %v", err)
			}
			checkExactlyOnce(t, p, out)
		})
	}
}

// TestCrawlSIGKILL kills crawl subprocesses at random points (twice per
// scenario), then lets a last run finish: over all runs every article is
// emitted exactly once and the output holds only whole lines.
func TestCrawlSIGKILL(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	for sc := 0; sc < 3; sc++ {
		t.Run(fmt.Sprint("scenario", sc), func(t *testing.T) {
			p := newPortal(t)
			dir := t.TempDir()
			stateDir, out := filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl")
			child := func() *exec.Cmd {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), "NEWSPIPE_TEST_CHILD_SEED="+p.url("/"),
					"NEWSPIPE_TEST_CHILD_STATE="+stateDir, "NEWSPIPE_TEST_CHILD_OUT="+out)
				cmd.Stderr = os.Stderr
				return cmd
			}
			for i, maxWait := range []int{1100, 600} {
				cmd := child()
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				wait := time.Duration(30+rng.IntN(maxWait)) * time.Millisecond
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				select {
				case <-time.After(wait):
					cmd.Process.Signal(syscall.SIGKILL)
					<-done
					lines := len(readRecords(t, out, 0))
					t.Logf("child %d killed after %v; %d records so far", i, wait, lines)
				case err := <-done:
					t.Logf("child %d finished before the kill (%v)", i, err)
				}
			}
			if err := child().Run(); err != nil {
				t.Fatalf("final run: %v", err)
			}
			checkExactlyOnce(t, p, out)
		})
	}
}
