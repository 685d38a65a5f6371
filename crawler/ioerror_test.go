package crawler

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childCmd runs one crawl of seed in a subprocess (see childCrawl).
func childCmd(seed, stateDir, out string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "NEWSPIPE_TEST_CHILD_SEED="+seed,
		"NEWSPIPE_TEST_CHILD_STATE="+stateDir, "NEWSPIPE_TEST_CHILD_OUT="+out)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// When state files cannot grow (RLIMIT_FSIZE, as on a full disk) the run
// ends promptly with an error naming the cause, instead of spinning with
// the lock held (issue #10, item 2: 93% CPU for 10 minutes). With an
// article pattern that matches nothing, only frontier.db grows; otherwise
// state.db (emitted records) and frontier.db grow together and either may
// hit the limit first.
func TestStateWriteErrorEndsRun(t *testing.T) {
	for _, tc := range []struct{ name, pattern, file string }{
		{"frontier", "^nothing$", "frontier.db"},
		{"state", "", ".db"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := bigPortal(t, 3000)
			dir := t.TempDir()
			cmd := childCmd(srv.URL+"/", filepath.Join(dir, "state"), "-", "NEWSPIPE_TEST_CHILD_FSIZE=196608",
				"NEWSPIPE_TEST_CHILD_DELAY=0s", "NEWSPIPE_TEST_CHILD_PATTERN="+tc.pattern)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if cmd.ProcessState.ExitCode() != 1 {
					t.Errorf("exit %v, want status 1; stderr:\n%s", err, stderr.String())
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Signal(syscall.SIGQUIT) // a goroutine dump tells where it hangs
				<-done
				t.Fatalf("crawl still running 30 s after its state stopped growing:\n%s", stderr.String())
			}
			msg := strings.TrimSpace(stderr.String())
			t.Logf("failed after %v: %s", time.Since(start).Round(time.Millisecond), msg)
			if !strings.Contains(msg, "file too large") || !strings.Contains(msg, tc.file) {
				t.Errorf("error does not name %s and the cause:\n%s", tc.file, msg)
			}
			// The state is usable again: a run without the limit completes.
			_, err := crawlOnce(t, context.Background(), Config{
				Sites: []Site{{Seeds: []string{srv.URL + "/"}}}, Delay: -1, Concurrency: 8, MaxDepth: 40, MaxHostPages: 10000,
			}, filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl"))
			if err != nil {
				t.Fatalf("run after the failure: %v", err)
			}
		})
	}
}

// Twenty short runs in a row, each killed, make progress: each continues
// the frontier of the last instead of starting over from the seeds (issue
// #10: resume after a kill).
func TestKilledRunsMakeProgress(t *testing.T) {
	const n = 300
	srv := bigPortal(t, n)
	dir := t.TempDir()
	stateDir, out := filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl")
	prev := 0
	for i := 0; i < 20; i++ {
		cmd := childCmd(srv.URL+"/", stateDir, out, "NEWSPIPE_TEST_CHILD_DELAY=3ms")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(400 * time.Millisecond) // a subprocess start takes part of it
		cmd.Process.Kill()
		cmd.Wait()
		got := len(readRecords(t, out, 0))
		if got < prev {
			t.Fatalf("run %d: output shrank from %d to %d records", i, prev, got)
		}
		prev = got
	}
	if prev < n {
		t.Errorf("after 20 killed runs of 400 ms: %d of %d articles emitted", prev, n)
	}
	if err := childCmd(srv.URL+"/", stateDir, out).Run(); err != nil {
		t.Fatal(err)
	}
	recs := readRecords(t, out, 0)
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.URL] {
			t.Errorf("%s emitted twice", r.URL)
		}
		seen[r.URL] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct articles over all runs, want %d", len(seen), n)
	}
}
