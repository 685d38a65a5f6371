package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
)

// TestCrawlBadInputLeavesNoTrace: a bad seed, pattern, config file or limit
// is a usage error (exit 2) reported in one line naming it, before the
// state is locked and before any output is created.
func TestCrawlBadInputLeavesNoTrace(t *testing.T) {
	dir := t.TempDir()
	badSelector := filepath.Join(dir, "selector.yaml")
	unparsable := filepath.Join(dir, "unparsable.yaml")
	badSeed := filepath.Join(dir, "seed.yaml")
	zeroConcurrency := filepath.Join(dir, "concurrency.yaml")
	for path, text := range map[string]string{
		badSelector:     "sites:\n  - name: x\n    seeds: [https://a.test/]\n    selectors:\n      body: 'div[['\n",
		unparsable:      "sites:\n  - seeds: [https://a.test/\n",
		badSeed:         "sites:\n  - name: x\n    seeds: [a.test]\n",
		zeroConcurrency: "sites:\n  - name: x\n    seeds: [https://a.test/]\n    concurrency: 0\n",
	} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args []string
		msg  string // in the one line on stderr
	}{
		{[]string{"ftp://x"}, `seed "ftp://x" is not an http(s) URL`},
		{[]string{"not a url"}, `seed "not a url" is not an http(s) URL`},
		{[]string{"--article-pattern", "(", "https://a.test/"}, "article_pattern: error parsing regexp: missing closing )"},
		{[]string{"--feed", "feed.xml", "https://a.test/"}, `feed "feed.xml" is not an http(s) URL`},
		{[]string{"--config", badSelector}, "selector.yaml: site 1 (x): selectors:"},
		{[]string{"--config", unparsable}, "unparsable.yaml: yaml:"},
		{[]string{"--config", badSeed}, `seed.yaml: site 1 (x): seed "a.test" is not an http(s) URL`},
		{[]string{"--config", zeroConcurrency}, "concurrency 0: must be at least 1"},
		{[]string{"--max-pause", "0s", "https://a.test/"}, "--max-pause must be > 0"},
		{[]string{"--max-duration", "-1m", "https://a.test/"}, "--max-duration and --dead-link-ttl must be >= 0"},
		{[]string{"--dead-link-ttl", "-1h", "https://a.test/"}, "--max-duration and --dead-link-ttl must be >= 0"},
	}
	for _, tt := range tests {
		state := filepath.Join(t.TempDir(), "state")
		outDir := t.TempDir()
		var stdout, stderr bytes.Buffer
		args := append([]string{"crawl", "--state", state, "--out", outDir + "/"}, tt.args...)
		code := run(context.Background(), args, nil, &stdout, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), tt.msg) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("crawl %q: exit %d, stderr %q; want %d and one line containing %q", tt.args, code, stderr.String(), exitUsage, tt.msg)
		}
		if _, err := os.Stat(filepath.Join(state, "state.db")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("crawl %q: state.db was created (stat: %v)", tt.args, err)
		}
		if _, err := os.Stat(state); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("crawl %q: the state dir was created (stat: %v)", tt.args, err)
		}
		if entries, _ := os.ReadDir(outDir); len(entries) > 0 {
			t.Errorf("crawl %q: output created: %s", tt.args, entries[0].Name())
		}
		if stdout.Len() > 0 {
			t.Errorf("crawl %q: stdout %q", tt.args, stdout.String())
		}
	}
}

// jsonLines parses every line of stderr as a JSON object.
func jsonLines(t *testing.T, stderr string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("stderr line is not JSON: %q (%v)", line, err)
		}
		recs = append(recs, rec)
	}
	return recs
}

// TestCrawlJSONLog: with --log-format json every stderr line is a JSON
// object: usage errors, the lock message, fatal errors and the summary,
// which comes last and carries the exit status and a numeric duration.
func TestCrawlJSONLog(t *testing.T) {
	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{
			{"--concurrency", "0", "https://a.test/"},
			{},
			{"--state", t.TempDir(), "--article-pattern", "(", "https://a.test/"},
		} {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"crawl", "--log-format", "json"}, args...), nil, &stdout, &stderr)
			recs := jsonLines(t, stderr.String())
			if code != exitUsage || len(recs) != 1 || recs[0]["level"] != "ERROR" || recs[0]["exit_status"] != float64(exitUsage) {
				t.Errorf("crawl %q: exit %d, stderr %s; want %d and one ERROR record with exit_status", args, code, stderr.String(), exitUsage)
			}
		}
	})
	t.Run("locked", func(t *testing.T) {
		state := t.TempDir()
		held, err := store.Open(state, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer held.Close()
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"crawl", "--log-format", "json", "--state", state, "http://127.0.0.1:1/"}, nil, &stdout, &stderr)
		recs := jsonLines(t, stderr.String())
		last := recs[len(recs)-1]
		msg, _ := last["msg"].(string)
		if code != exitLocked || !strings.Contains(msg, "another crawl is running on state "+state) || last["exit_status"] != float64(exitLocked) {
			t.Errorf("exit %d, stderr %s; want %d and the lock message as JSON", code, stderr.String(), exitLocked)
		}
	})
	t.Run("failed", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"crawl", "--log-format", "json", "--state", t.TempDir(),
			"--retries", "0", "--timeout", "2s", "http://127.0.0.1:1/"}, nil, &stdout, &stderr)
		recs := jsonLines(t, stderr.String())
		sum := recs[len(recs)-1]
		if code != exitFailed || sum["msg"] != "summary" || sum["exit_status"] != float64(exitFailed) {
			t.Fatalf("exit %d, stderr %s; want %d and a summary with exit_status %d last", code, stderr.String(), exitFailed, exitFailed)
		}
		if d, ok := sum["duration_s"].(float64); !ok || d < 0 {
			t.Errorf("duration_s = %v (%T), want a number", sum["duration_s"], sum["duration_s"])
		}
		found := false
		for _, r := range recs[:len(recs)-1] {
			if r["level"] == "ERROR" && strings.Contains(r["msg"].(string), "no seed was reachable") {
				found = true
			}
		}
		if !found {
			t.Errorf("no ERROR record naming the failure: %s", stderr.String())
		}
	})
	t.Run("done", func(t *testing.T) {
		// --log-level warn drops the info records but never the summary.
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"crawl", "--demo", "--log-format", "json", "--log-level", "warn", "--out", "-"}, nil, &stdout, &stderr)
		recs := jsonLines(t, stderr.String())
		sum := recs[len(recs)-1]
		d, _ := sum["duration_s"].(float64)
		if code != exitOK || sum["msg"] != "summary" || sum["exit_status"] != float64(exitOK) || sum["emitted"] != float64(6) || d <= 0 {
			t.Errorf("exit %d, stderr %s; want %d and a summary with exit_status 0, emitted 6 and duration_s > 0", code, stderr.String(), exitOK)
		}
	})
}

// TestCrawlTextSummaryStatus: the text summary ends with the exit status
// and the duration.
func TestCrawlTextSummaryStatus(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--state", t.TempDir(), "--retries", "0", "--timeout", "2s", "http://127.0.0.1:1/"}, nil, &stdout, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), "\n  exit status 1 (failed) after ") {
		t.Errorf("exit %d, stderr %q; want %d and the status in the summary", code, stderr.String(), exitFailed)
	}
}

// TestCrawlNoStateDir: without HOME and XDG_STATE_HOME there is no default
// state directory; a crawl needs --state (or --demo) instead of writing
// into the working directory.
func TestCrawlNoStateDir(t *testing.T) {
	t.Setenv("HOME", "")
	t.Setenv("XDG_STATE_HOME", "")
	wd := t.TempDir()
	t.Chdir(wd)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--out", "-", "http://127.0.0.1:1/"}, nil, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "pass --state DIR") {
		t.Errorf("exit %d, stderr %q; want %d asking for --state", code, stderr.String(), exitUsage)
	}
	if entries, _ := os.ReadDir(wd); len(entries) > 0 {
		t.Errorf("%s created in the working directory", entries[0].Name())
	}
	// With --state the same crawl runs (and fails: nothing listens).
	stderr.Reset()
	code = run(context.Background(), []string{"crawl", "--state", filepath.Join(wd, "st"), "--retries", "0", "--timeout", "2s", "http://127.0.0.1:1/"}, nil, &stdout, &stderr)
	if code != exitFailed {
		t.Errorf("with --state: exit %d, stderr %q; want %d", code, stderr.String(), exitFailed)
	}
	// --demo keeps its state in a temporary directory.
	stderr.Reset()
	code = run(context.Background(), []string{"crawl", "--demo", "--out", filepath.Join(wd, "demo.jsonl"), "--log-level", "warn"}, nil, &stdout, &stderr)
	if code != exitOK {
		t.Errorf("--demo: exit %d, stderr %q; want %d", code, stderr.String(), exitOK)
	}
}

// TestCrawlConfigFromFlags: the scheduler's flags reach the Config, and a
// 0 that means "none" in a flag becomes the Config's "none".
func TestCrawlConfigFromFlags(t *testing.T) {
	var stderr bytes.Buffer
	f, err := parseCrawlFlags([]string{"--state", t.TempDir(), "https://a.test/"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.crawlConfig(nil, nil)
	if cfg.MaxPause != 3*time.Minute || cfg.MaxDuration != 0 || cfg.DeadLinkTTL != 7*24*time.Hour || cfg.Delay != time.Second {
		t.Errorf("defaults: max pause %v, max duration %v, dead-link TTL %v, delay %v", cfg.MaxPause, cfg.MaxDuration, cfg.DeadLinkTTL, cfg.Delay)
	}
	f, err = parseCrawlFlags([]string{"--state", t.TempDir(), "--max-pause", "45s", "--max-duration", "50m",
		"--dead-link-ttl", "0", "--delay", "0", "--retries", "0", "https://a.test/"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	sites, err := f.sites()
	if err != nil {
		t.Fatal(err)
	}
	cfg = f.crawlConfig(sites, nil)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.MaxPause != 45*time.Second || cfg.MaxDuration != 50*time.Minute || cfg.DeadLinkTTL >= 0 || cfg.Delay != 0 || cfg.Retries != 0 {
		t.Errorf("set: max pause %v, max duration %v, dead-link TTL %v, delay %v, retries %d",
			cfg.MaxPause, cfg.MaxDuration, cfg.DeadLinkTTL, cfg.Delay, cfg.Retries)
	}
}
