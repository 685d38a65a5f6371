package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newspipe/newspipe/store"
	"github.com/newspipe/newspipe/store/redistest"
)

// TestCrawlSharedFlags: bad shared-crawl flags are usage errors; an
// unreachable Redis fails at once with its address; a worker already
// running on this machine under the same crawl and worker id exits 3.
func TestCrawlSharedFlags(t *testing.T) {
	dead := "unix://" + filepath.Join(t.TempDir(), "none.sock")
	for _, tt := range []struct {
		args []string
		want int
		msg  string
	}{
		{[]string{"--redis", dead, "--worker-id", "a.b", "http://a/"}, exitUsage, "--worker-id"},
		{[]string{"--redis", dead, "--redis-lease", "10ms", "http://a/"}, exitUsage, "--redis-lease"},
		{[]string{"--redis", dead, "--crawl-id", "x y", "http://127.0.0.1:1/"}, exitUsage, "--crawl-id"},
		{[]string{"--redis", dead, "http://127.0.0.1:1/"}, exitFailed, "none.sock is unreachable"},
	} {
		var out, errb bytes.Buffer
		args := append([]string{"crawl", "--state", t.TempDir()}, tt.args...)
		if got := run(context.Background(), args, nil, &out, &errb); got != tt.want || !strings.Contains(errb.String(), tt.msg) {
			t.Errorf("%v = %d, stderr %q; want %d containing %q", tt.args, got, errb.String(), tt.want, tt.msg)
		}
	}

	srv := redistest.Start(t)
	state := t.TempDir()
	held, err := store.Open(filepath.Join(state, "workers", "c1.w1"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--state", state, "--redis", srv.URL, "--crawl-id", "c1", "--worker-id", "w1", "http://127.0.0.1:1/"}, nil, &out, &errb)
	if code != exitLocked || !strings.Contains(errb.String(), "worker w1 of crawl c1 is already running") {
		t.Errorf("second w1: exit %d, stderr %q; want %d", code, errb.String(), exitLocked)
	}
}

// TestCrawlSharedNoSeedReachable: in a shared crawl the last worker out
// judges the seeds of the whole crawl: none reachable is exit 1, as on one
// machine, and the unreachable host's URLs are carried to the next run.
func TestCrawlSharedNoSeedReachable(t *testing.T) {
	srv := redistest.Start(t)
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--state", t.TempDir(), "--redis", srv.URL, "--crawl-id", "dead",
		"--worker-id", "w1", "--retries", "0", "--timeout", "2s", "http://127.0.0.1:1/"}, nil, &out, &errb)
	if code != exitFailed || !strings.Contains(errb.String(), "no seed was reachable") ||
		!strings.Contains(errb.String(), "carried over to the next run") || !strings.Contains(errb.String(), "crawl-wide (all 1 workers") {
		t.Errorf("exit %d, stderr %q; want %d, no seed reachable, URLs carried, a crawl-wide summary", code, errb.String(), exitFailed)
	}
}
