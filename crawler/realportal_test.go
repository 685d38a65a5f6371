package crawler

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
	"github.com/newspipe/newspipe/extract"
)

// startRealPortal serves real corpus pages on loopback hosts, or skips the
// test when ../shared/corpus is absent.
func startRealPortal(t testing.TB, opts realportal.Options) *realportal.Portal {
	t.Helper()
	p, err := realportal.Start(opts)
	if errors.Is(err, realportal.ErrNoCorpus) {
		t.Skip("real-page portal: shared/corpus not found beside the repository (set NEWSPIPE_CORPUS); skipping")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// realConfig crawls every host of p quickly: a small delay, fast retries, a
// body limit below the portal's huge pages.
func realConfig(p *realportal.Portal, hosts int) Config {
	cfg := Config{
		Delay: 2 * time.Millisecond, Concurrency: 2, Timeout: 2 * time.Second, MaxBody: 4 << 20,
		RetryBase: 50 * time.Millisecond, MaxRetryWait: time.Second, MaxPause: 10 * time.Second, MaxDepth: 8,
	}
	for i := 0; i < hosts; i++ {
		cfg.Sites = append(cfg.Sites, Site{Seeds: []string{p.URL(i) + "/"}})
	}
	return cfg
}

// mojibake are signs of a page decoded with the wrong charset.
var mojibake = []string{"\uFFFD", "鈥", "â€", "Ã©", "锟斤拷"}

// checkRecords asserts that recs hold every article of p exactly once, with
// its own text and no mojibake.
func checkRecords(t *testing.T, p *realportal.Portal, recs []*extract.Article) {
	t.Helper()
	byURL := map[string]*extract.Article{}
	for _, r := range recs {
		if byURL[r.URL] != nil {
			t.Errorf("%s emitted twice", r.URL)
		}
		byURL[r.URL] = r
	}
	for _, a := range p.Articles() {
		r := byURL[a.URL]
		if r == nil {
			t.Errorf("not emitted: %s (%s, %s, only in %q, quirk %q)", a.URL, a.Source, a.ContentType, a.OnlyIn, a.Quirk)
			continue
		}
		delete(byURL, a.URL)
		if !strings.Contains(r.Body, a.Phrase) || !strings.Contains(r.Body, a.Marker) {
			t.Errorf("%s (%s served as %q): body lacks its phrase %q or marker", a.URL, a.Source, a.ContentType, a.Phrase)
		}
		for _, m := range mojibake {
			if strings.Contains(r.Title, m) || strings.Contains(r.Body, m) {
				t.Errorf("%s (%s served as %q): mojibake %q in the record", a.URL, a.Source, a.ContentType, m)
				break
			}
		}
	}
	for u := range byURL {
		t.Errorf("emitted a record that is not an article: %s", u)
	}
}

// The crawl of a real-page portal with every kind of trouble emits every
// article exactly once with its own text, never requests a disallowed path,
// fetches no article twice, and a rerun costs 304s and emits only what
// changed (issue #10).
func TestRealPortalCrawl(t *testing.T) {
	p := startRealPortal(t, realportal.Options{Hosts: 2, ArticlesPerHost: 40})
	cfg := realConfig(p, 2)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	start := time.Now()
	stats, err := crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	stats.WriteSummary(&sb)
	t.Logf("run 1 in %v:\n%s", time.Since(start).Round(time.Millisecond), sb.String())
	recs := readRecords(t, out, 0)
	checkRecords(t, p, recs)

	articleFetches := map[string]int{}
	for _, r := range p.Requests() {
		if realportal.Disallowed(r.Path) {
			t.Errorf("disallowed path requested: host %d %s", r.Host, r.Path)
		}
		if strings.HasPrefix(r.Path, "/news/") && r.Status == 200 {
			articleFetches[fmt.Sprintf("%d%s", r.Host, r.Path)]++
		}
	}
	for k, n := range articleFetches {
		if n > 1 {
			t.Errorf("article %s fetched %d times", k, n)
		}
	}
	if stats.Errors["extract"] > 0 || stats.Errors["state"] > 0 || stats.Errors["output"] > 0 {
		t.Errorf("errors: %v", stats.Errors)
	}

	// Run 2: nothing changed; then one article is edited and one published.
	stats, err = crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Emitted != 0 || stats.NotModified == 0 {
		t.Errorf("unchanged portal: emitted %d, %d not modified", stats.Emitted, stats.NotModified)
	}
	var feedOnly realportal.Article
	for _, a := range p.Articles() {
		if a.Host == 1 && a.OnlyIn == realportal.InFeed {
			feedOnly = a
		}
	}
	edited, err := p.Edit(1, feedOnly.ID)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := p.Publish(0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := crawlOnce(t, context.Background(), cfg, dir, out); err != nil {
		t.Fatal(err)
	}
	again := readRecords(t, out, len(recs))
	got := map[string]*extract.Article{}
	for _, r := range again {
		got[r.URL] = r
	}
	if len(again) != 2 || got[edited.URL] == nil || got[fresh.URL] == nil {
		t.Fatalf("run 3 emitted %v; want the edited feed-only %s and the new %s", urlsOf(again), edited.URL, fresh.URL)
	}
	if !strings.Contains(got[edited.URL].Body, edited.Edit) {
		t.Errorf("edited record lacks the edit %q", edited.Edit)
	}
}

// On real pages, a host with a long Crawl-delay does not hold back the
// other host (issue #10, item 1).
func TestRealPortalSlowHost(t *testing.T) {
	p := startRealPortal(t, realportal.Options{Hosts: 2, ArticlesPerHost: 30, CrawlDelay: map[int]float64{0: 20},
		Without: realportal.Slow | realportal.Hang | realportal.Huge})
	cfg := realConfig(p, 2)
	cfg.MaxDuration = 6 * time.Second
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	stats, err := crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	fast := 0
	for _, r := range readRecords(t, out, 0) {
		if strings.HasPrefix(r.URL, p.URL(1)) {
			fast++
		}
	}
	want := 0
	for _, a := range p.Articles() {
		if a.Host == 1 {
			want++
		}
	}
	if fast != want {
		t.Errorf("host without Crawl-delay: %d of %d articles in 6 s (summary: %+v)", fast, want, stats.Errors)
	}
	var last time.Time
	for _, r := range p.Requests() {
		if r.Host != 0 || r.Path == "/robots.txt" {
			continue
		}
		if !last.IsZero() && r.Start.Sub(last) < 19*time.Second {
			t.Errorf("slow host asked %v after its previous request; Crawl-delay is 20 s", r.Start.Sub(last))
		}
		last = r.Start
	}
}

// BenchmarkRealPortal crawls a real-page portal with no delay and reports
// requests/s and the CPU used (crawler and loopback server share the
// process): NEWSPIPE_REAL_ARTICLES articles per host (default 600), two
// hosts, NEWSPIPE_REAL_CONCURRENCY requests in flight per host (default 2).
func BenchmarkRealPortal(b *testing.B) {
	n := envInt("NEWSPIPE_REAL_ARTICLES", 600)
	conc := envInt("NEWSPIPE_REAL_CONCURRENCY", 2)
	p := startRealPortal(b, realportal.Options{Hosts: 2, ArticlesPerHost: n, PerPage: 50,
		Without: realportal.Slow | realportal.Hang | realportal.Huge | realportal.Unavailable})
	for i := 0; i < b.N; i++ {
		cfg := realConfig(p, 2)
		cfg.Delay, cfg.Concurrency, cfg.MaxDepth, cfg.MaxHostPages = -1, conc, n/50+10, 100*n
		dir := b.TempDir()
		var ru0, ru1 syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
		start := time.Now()
		stats, err := crawlOnce(b, context.Background(), cfg, dir, filepath.Join(dir, "out.jsonl"))
		el := time.Since(start)
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
		if err != nil {
			b.Fatal(err)
		}
		cpu := time.Duration(ru1.Utime.Nano()+ru1.Stime.Nano()-ru0.Utime.Nano()-ru0.Stime.Nano()) * time.Nanosecond
		b.ReportMetric(float64(stats.Requests)/el.Seconds(), "req/s")
		b.ReportMetric(float64(stats.Emitted)/el.Seconds(), "articles/s")
		b.ReportMetric(cpu.Seconds()/el.Seconds(), "cores")
		b.Logf("%d requests, %d articles emitted of %d in %v: %.0f req/s, CPU %.2f cores (crawler + server)",
			stats.Requests, stats.Emitted, len(p.Articles()), el.Round(time.Millisecond),
			float64(stats.Requests)/el.Seconds(), cpu.Seconds()/el.Seconds())
	}
}

func envInt(name string, def int) int {
	var n int
	if _, err := fmt.Sscan(os.Getenv(name), &n); err == nil && n > 0 {
		return n
	}
	return def
}
