package crawler

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A host with a long Crawl-delay only slows itself: the other host's
// articles are all emitted at once, and the slow host's requests keep their
// spacing (issue #10, item 1: with Crawl-delay 30 on one host of two, the
// other got 0 of its articles in 100 s).
func TestSlowHostDoesNotStarveOthers(t *testing.T) {
	slow := newMiniSite(t, 20, func(s *miniSite) { s.crawlDelay = 20 })
	fast := newMiniSite(t, 40)
	cfg := miniConfig(slow, fast)
	cfg.MaxDuration = 3 * time.Second
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	start := time.Now()
	stats, err := crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("run took %v; --max-duration was 3 s", el)
	}
	if !stats.DeadlineReached || !stats.Truncated {
		t.Errorf("stats: deadline %v truncated %v; want both", stats.DeadlineReached, stats.Truncated)
	}
	got := map[string]int{}
	for _, u := range urlsOf(readRecords(t, out, 0)) {
		got[strings.SplitN(strings.TrimPrefix(u, "http://"), "/", 2)[0]]++
	}
	if n := got[strings.TrimPrefix(fast.srv.URL, "http://")]; n != 40 {
		t.Errorf("fast host: %d of 40 articles emitted while the slow host waited", n)
	}
	hits := slow.pageHits("/news/")
	for i := 1; i < len(hits); i++ {
		if gap := hits[i].at.Sub(hits[i-1].at); gap < 19*time.Second {
			t.Errorf("slow host: requests %v apart; Crawl-delay is 20 s", gap)
		}
	}
	// The next run continues the unfinished one instead of starting over.
	cfg.MaxDuration = 2 * time.Second
	stats, err = crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if !stats.Resumed || stats.Emitted != 0 && stats.Emitted > 2 {
		t.Errorf("second run: resumed %v, emitted %d", stats.Resumed, stats.Emitted)
	}
	if n := len(fast.pageHits("/")); n > 1+40+2 {
		t.Errorf("fast host requested %d times over two runs; the resumed run refetched it", n)
	}
}

// A Retry-After within --max-pause pauses the host and then every URL is
// fetched; none is lost to a timeout while waiting (issue #10, items 3 and
// 10: 7 of 32 articles lost; a request 1 s after Retry-After: 3).
func TestRetryAfterPausesHostLosesNothing(t *testing.T) {
	var once bool
	site := newMiniSite(t, 12, func(s *miniSite) {
		s.hook = func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path == "/news/3.html" && !once {
				once = true
				w.Header().Set("Retry-After", "2")
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return true
			}
			return false
		}
	})
	cfg := miniConfig(site)
	cfg.Concurrency = 1       // no request in flight while the 503 arrives
	cfg.Timeout = time.Second // shorter than the pause: waiting must not time out
	cfg.MaxPause = 10 * time.Second
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	stats, err := crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Emitted != 12 || len(stats.Errors) != 0 {
		t.Errorf("emitted %d of 12, errors %v", stats.Emitted, stats.Errors)
	}
	var busyAt time.Time
	for _, h := range site.pageHits("/") {
		if h.path == "/news/3.html" && busyAt.IsZero() {
			busyAt = h.at
			continue
		}
		if !busyAt.IsZero() && h.at.Sub(busyAt) < 1900*time.Millisecond {
			t.Errorf("%s requested %v after Retry-After: 2", h.path, h.at.Sub(busyAt))
		}
	}
}

// A Retry-After longer than --max-pause sets the host aside: the run ends
// promptly, and the host's URLs are tried by the next run (issue #10, item
// 3: Retry-After of hours held the lock for hours).
func TestLongRetryAfterCarriesToNextRun(t *testing.T) {
	busy := true
	site := newMiniSite(t, 10, func(s *miniSite) {
		s.hook = func(w http.ResponseWriter, r *http.Request) bool {
			if busy && strings.HasPrefix(r.URL.Path, "/news/") {
				w.Header().Set("Retry-After", "7200")
				http.Error(w, "maintenance", http.StatusServiceUnavailable)
				return true
			}
			return false
		}
	})
	cfg := miniConfig(site)
	cfg.MaxPause = time.Second
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	start := time.Now()
	stats, err := crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("run with a 2 h Retry-After took %v", el)
	}
	if stats.AsideHosts[asidePaused] != 1 || stats.Carried != 10 || stats.Emitted != 0 {
		t.Errorf("aside %v, carried %d, emitted %d; want 1 host, 10 URLs carried", stats.AsideHosts, stats.Carried, stats.Emitted)
	}
	var sb strings.Builder
	stats.WriteSummary(&sb)
	if !strings.Contains(sb.String(), "10 carried over to the next run") {
		t.Errorf("summary does not tell about the carried URLs:\n%s", sb.String())
	}
	busy = false
	stats, err = crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readRecords(t, out, 0)); n != 10 {
		t.Errorf("after the pause the next run emitted %d of 10 articles", n)
	}
}

// An article reachable both through a redirect and directly is emitted in
// every run, whichever request comes first (issue #10, item 5: lost in 4 of
// 5 runs).
func TestRedirectTargetNeverLost(t *testing.T) {
	for run := 0; run < 5; run++ {
		site := newMiniSite(t, 15, func(s *miniSite) { s.redirects = true })
		cfg := miniConfig(site)
		cfg.Concurrency = 4
		dir := t.TempDir()
		out := filepath.Join(dir, "out.jsonl")
		if _, err := crawlOnce(t, context.Background(), cfg, dir, out); err != nil {
			t.Fatal(err)
		}
		if n := len(readRecords(t, out, 0)); n != 15 {
			t.Errorf("run %d: %d of 15 articles emitted", run, n)
		}
		fetched := map[string]int{}
		for _, h := range site.pageHits("/news/") {
			fetched[h.path]++
		}
		for p, n := range fetched {
			if n > 1 {
				t.Errorf("run %d: %s fetched %d times", run, p, n)
			}
		}
	}
}

// A redirect hop keeps the host's delay like any request: the site sees
// every request, hops included, at least --delay after the one before
// (the hop used to follow its first request at once).
func TestRedirectHopKeepsDelay(t *testing.T) {
	// The index links /moved/N only, so each article is reached through
	// its redirect, as a hop of the same request.
	site := newMiniSite(t, 4, func(s *miniSite) {
		s.hook = func(w http.ResponseWriter, r *http.Request) bool {
			switch p := r.URL.Path; {
			case p == "/":
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				io.WriteString(w, `<!DOCTYPE html><html><head><title>Moved</title></head><body><ul>`)
				for i := range 4 {
					fmt.Fprintf(w, `<li><a href="/moved/%d.html">Story number %d about the river district</a></li>`, i, i)
				}
				io.WriteString(w, `</ul></body></html>`)
			case strings.HasPrefix(p, "/moved/"):
				http.Redirect(w, r, "/news/"+strings.TrimPrefix(p, "/moved/"), http.StatusFound)
			default:
				return false
			}
			return true
		}
	})
	cfg := miniConfig(site)
	cfg.Delay, cfg.Concurrency = 150*time.Millisecond, 2
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	if _, err := crawlOnce(t, context.Background(), cfg, dir, out); err != nil {
		t.Fatal(err)
	}
	if n := len(readRecords(t, out, 0)); n != 4 {
		t.Errorf("%d of 4 articles emitted", n)
	}
	if n := len(site.pageHits("/news/")); n != 4 {
		t.Fatalf("%d articles fetched, want 4, each through its redirect", n)
	}
	var hits []hit
	for _, h := range site.pageHits("/") {
		if h.path != "/robots.txt" {
			hits = append(hits, h)
		}
	}
	for i := 1; i < len(hits); i++ {
		// Slack for a loaded machine: the delay runs from each request's
		// dispatch, and the server stamps a request when it reads it (a
		// hop that follows at once shows a gap of about 0).
		if gap := hits[i].at.Sub(hits[i-1].at); gap < cfg.Delay*4/5 {
			t.Errorf("%s came %v after %s; the delay is %v", hits[i].path, gap.Round(time.Millisecond), hits[i-1].path, cfg.Delay)
		}
	}
}

// A URL that keeps failing is counted and logged once, not once per try,
// and Requests counts only what reached the server (issue #10, item 10).
func TestFailureCountedOncePerURL(t *testing.T) {
	site := newMiniSite(t, 5, func(s *miniSite) {
		s.hook = func(w http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path == "/news/2.html" {
				http.Error(w, "broken", http.StatusInternalServerError)
				return true
			}
			return false
		}
	})
	cfg := miniConfig(site)
	var logs strings.Builder
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	dir := t.TempDir()
	stats, err := crawlOnce(t, context.Background(), cfg, dir, filepath.Join(dir, "out.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(site.pageHits("/news/2.html")); got != 1+3 {
		t.Errorf("broken page requested %d times, want 1 + 3 retries (the default)", got)
	}
	if stats.Errors["http_5xx"] != 1 {
		t.Errorf("errors = %v; want http_5xx=1 for one broken URL", stats.Errors)
	}
	if n := strings.Count(logs.String(), "news/2.html"); n != 1 {
		t.Errorf("broken URL named in %d log lines at info, want 1:\n%s", n, logs.String())
	}
	served := int64(len(site.pageHits("/")) - len(site.pageHits("/robots.txt")))
	if stats.Requests != served {
		t.Errorf("stats count %d requests, the server saw %d", stats.Requests, served)
	}
	if stats.Emitted != 4 {
		t.Errorf("emitted %d of the 4 good articles", stats.Emitted)
	}
}

// A host whose pages hang is set aside after its error budget; the other
// host is crawled meanwhile and the run ends promptly (issue #10: hanging
// hosts).
func TestHangingHostSetAside(t *testing.T) {
	hang := newMiniSite(t, 30, func(s *miniSite) {
		s.hook = func(w http.ResponseWriter, r *http.Request) bool {
			if strings.HasPrefix(r.URL.Path, "/news/") {
				<-r.Context().Done() // never answers
				return true
			}
			return false
		}
	})
	good := newMiniSite(t, 30)
	cfg := miniConfig(hang, good)
	cfg.Timeout = 200 * time.Millisecond
	cfg.Retries = 1
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	start := time.Now()
	stats, err := crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	if stats.Emitted != 30 {
		t.Errorf("good host: %d of 30 emitted", stats.Emitted)
	}
	if stats.AsideHosts[asideFailing] != 1 || stats.Carried == 0 {
		t.Errorf("hanging host: aside %v, carried %d", stats.AsideHosts, stats.Carried)
	}
	if n := len(hang.pageHits("/news/")); n > hostFailLimit*(1+cfg.Retries) {
		t.Errorf("hanging host asked %d times; its budget is %d failing URLs, each tried %d times", n, hostFailLimit, 1+cfg.Retries)
	}
	if el > 10*time.Second {
		t.Errorf("run took %v", el)
	}
	t.Logf("run took %v; %d requests to the hanging host", el.Round(time.Millisecond), len(hang.pageHits("/news/")))
}
