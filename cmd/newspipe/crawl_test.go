package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
)

func TestCrawlUsage(t *testing.T) {
	tests := []struct {
		args []string
		want int
		msg  string
	}{
		{nil, exitUsage, "give SEED_URLs"},
		{[]string{"--log-format", "xml", "http://a/"}, exitUsage, "--log-format"},
		{[]string{"--max-body", "lots", "http://a/"}, exitUsage, "not a size"},
		{[]string{"--demo", "http://a/"}, exitUsage, "--demo crawls"},
		{[]string{"--config", "/nonexistent.yaml"}, exitUsage, "nonexistent"},
		{[]string{"-h"}, exitOK, "-allow-domain"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		got := run(context.Background(), append([]string{"crawl"}, tt.args...), nil, &out, &errb)
		if got != tt.want || !strings.Contains(errb.String(), tt.msg) {
			t.Errorf("crawl %v = %d, stderr %q; want %d containing %q", tt.args, got, errb.String(), tt.want, tt.msg)
		}
	}
}

func TestCrawlHelpNamesEveryFlag(t *testing.T) {
	var out, errb bytes.Buffer
	run(context.Background(), []string{"crawl", "--help"}, nil, &out, &errb)
	for _, f := range []string{"-config", "-out", "-state", "-delay", "-concurrency", "-max-pages", "-max-depth",
		"-timeout", "-max-body", "-user-agent", "-allow-domain", "-log-format", "-log-level", "-demo", "Examples:", "Exit status",
		"-max-pause", "-max-duration", "-dead-link-ttl", "Slow hosts", "the next run continues"} {
		if !strings.Contains(errb.String(), f) {
			t.Errorf("help lacks %q", f)
		}
	}
}

// TestCrawlDemo crawls the bundled portal twice on one state: the first run
// emits its six articles, the second nothing.
func TestCrawlDemo(t *testing.T) {
	state := t.TempDir()
	out := filepath.Join(t.TempDir(), "demo.jsonl")
	// A port of its own: the default one may be another run's (a second
	// test run on the machine), and a rerun on other URLs is a new crawl.
	addr := freeLoopbackAddr(t)
	for i, want := range []int{6, 0} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"crawl", "--demo", "--demo-addr", addr, "--state", state, "--out", out, "--log-level", "warn"}, nil, &stdout, &stderr)
		if code != exitOK {
			t.Fatalf("run %d: exit %d, stderr %s", i+1, code, stderr.String())
		}
		data, _ := os.ReadFile(out)
		lines := bytes.Count(data, []byte("\n"))
		if i == 0 && lines != want {
			t.Errorf("run 1: %d records, want %d", lines, want)
		}
		if i == 1 && lines != 6 {
			t.Errorf("run 2 added records: %d lines in all", lines)
		}
		if !strings.Contains(stderr.String(), "newspipe crawl finished") {
			t.Errorf("no summary on stderr: %s", stderr.String())
		}
	}
	data, _ := os.ReadFile(out)
	encodings := map[string]bool{}
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var r struct {
			URL, Title, Encoding string
		}
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		encodings[r.Encoding] = true
		if strings.Contains(r.URL, "/admin/") || r.Title == "" {
			t.Errorf("bad record %+v", r)
		}
	}
	for _, e := range []string{"utf-8", "gbk", "big5"} {
		if !encodings[e] {
			t.Errorf("no %s article among the demo records (%v)", e, encodings)
		}
	}
}

// TestCrawlLocked: a second run on a state held by another exits at once
// with exitLocked and a clear message.
func TestCrawlLocked(t *testing.T) {
	state := t.TempDir()
	held, err := store.Open(state, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	var stdout, stderr bytes.Buffer
	start := time.Now()
	code := run(context.Background(), []string{"crawl", "--state", state, "http://127.0.0.1:1/"}, nil, &stdout, &stderr)
	if code != exitLocked || !strings.Contains(stderr.String(), "another crawl is running") {
		t.Errorf("exit %d, stderr %q; want %d and a clear message", code, stderr.String(), exitLocked)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v to give up", d)
	}
}

func TestCrawlNoSeedReachable(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--state", t.TempDir(), "--retries", "0", "--timeout", "2s", "http://127.0.0.1:1/"}, nil, &stdout, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), "no seed was reachable") {
		t.Errorf("exit %d, stderr %q; want %d, no seed reachable", code, stderr.String(), exitFailed)
	}
}

func TestCrawlCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"crawl", "--demo", "--out", "-"}, nil, &stdout, &stderr)
	if code != exitStopped {
		t.Errorf("exit %d, want %d; stderr %s", code, exitStopped, stderr.String())
	}
}

// TestCrawlConcurrentRuns starts a real crawl and, while it runs, a second
// one on the same state: the second exits at once with exitLocked, the
// first is stopped by its context and exits with exitStopped.
func TestCrawlConcurrentRuns(t *testing.T) {
	state := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := make(chan int, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		first <- run(ctx, []string{"crawl", "--demo", "--delay", "300ms", "--state", state, "--out", "-"}, nil, &stdout, &stderr)
	}()
	// Wait until the first run holds the lock. The probe takes the lock
	// itself for a moment, so it leaves long gaps: the first run waits only
	// 200 ms for the lock, and on a loaded machine a busy probe could keep it
	// out.
	deadline := time.Now().Add(15 * time.Second)
	for {
		st, err := store.Open(state, 10*time.Millisecond)
		if err != nil {
			break
		}
		st.Close()
		select {
		case code := <-first:
			t.Fatalf("first run ended with exit %d before the second started", code)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("first run never took the lock")
		}
		time.Sleep(50 * time.Millisecond)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"crawl", "--demo", "--state", state, "--out", "-"}, nil, &stdout, &stderr); code != exitLocked {
		t.Errorf("second run: exit %d, want %d; stderr %s", code, exitLocked, stderr.String())
	}
	cancel()
	select {
	case code := <-first:
		if code != exitStopped {
			t.Errorf("first run: exit %d, want %d", code, exitStopped)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("first run did not stop within 5s of its cancellation")
	}
}

// A damaged state.db ends the run with exit 1 and a message that says
// what to do, never a panic (issue #10, item 7).
func TestCrawlCorruptState(t *testing.T) {
	state := t.TempDir()
	out := filepath.Join(t.TempDir(), "demo.jsonl")
	if code := run(context.Background(), []string{"crawl", "--demo", "--state", state, "--out", out, "--log-level", "warn"}, nil, &bytes.Buffer{}, &bytes.Buffer{}); code != exitOK {
		t.Fatalf("first run: exit %d", code)
	}
	path := filepath.Join(state, "state.db")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, damage := range []struct {
		name string
		data []byte
	}{
		{"garbage after the meta pages", append(append([]byte(nil), data[:8192]...), bytes.Repeat([]byte{0x5a}, len(data)-8192)...)},
		{"truncated", data[:6000]},
	} {
		if err := os.WriteFile(path, damage.data, 0o600); err != nil {
			t.Fatal(err)
		}
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"crawl", "--demo", "--state", state, "--out", out}, nil, &stdout, &stderr)
		if code != exitFailed || !strings.Contains(stderr.String(), "corrupt") || !strings.Contains(stderr.String(), "mv ") {
			t.Errorf("%s: exit %d, stderr %q; want exit 1 saying the file is corrupt and how to move it aside", damage.name, code, stderr.String())
		}
	}
}

// freeLoopbackAddr returns a loopback address with a port free right now.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
