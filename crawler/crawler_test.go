package crawler

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// testConfig is a fast crawl of p: tiny delays and backoff.
func testConfig(p *portal) Config {
	return Config{
		Sites:        []Site{{Seeds: []string{p.url("/")}}},
		Delay:        2 * time.Millisecond,
		Concurrency:  2,
		Timeout:      time.Second,
		RetryBase:    20 * time.Millisecond,
		MaxRetryWait: 5 * time.Second,
		MaxBody:      1 << 20,
	}
}

// crawlOnce runs one crawl with state in stateDir and output appended to
// out, the way the command wires it.
func crawlOnce(t testing.TB, ctx context.Context, cfg Config, stateDir, out string) (Stats, error) {
	t.Helper()
	return crawlWith(t, ctx, cfg, stateDir, out, nil)
}

// crawlWith is crawlOnce with the Env changed by wrap first (nil: as is):
// other State or Frontier wrappers, an Archiver.
func crawlWith(t testing.TB, ctx context.Context, cfg Config, stateDir, out string, wrap func(*Env)) (Stats, error) {
	t.Helper()
	st, err := store.Open(stateDir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fr, err := store.OpenFrontier(stateDir)
	if err != nil {
		t.Fatal(err)
	}
	defer fr.Close()
	o, err := store.OpenOutput(out, time.Now(), os.Stdout)
	if err != nil {
		t.Fatal(err)
	}
	env := Env{State: st, Frontier: fr, Output: o}
	if wrap != nil {
		wrap(&env)
	}
	stats, err := Run(ctx, cfg, env)
	if cerr := o.Close(); cerr != nil {
		t.Fatal(cerr)
	}
	return stats, err
}

// readRecords reads a JSONL file from line offset skip on.
func readRecords(t testing.TB, path string, skip int) []*extract.Article {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		t.Fatal(err)
	}
	defer f.Close()
	var out []*extract.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for i := 0; sc.Scan(); i++ {
		if i < skip {
			continue
		}
		a := new(extract.Article)
		if err := json.Unmarshal(sc.Bytes(), a); err != nil {
			t.Fatalf("line %d of %s: %v", i+1, path, err)
		}
		out = append(out, a)
	}
	return out
}

func urlsOf(recs []*extract.Article) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.URL
	}
	sort.Strings(out)
	return out
}

func TestCrawlPortal(t *testing.T) {
	p := newPortal(t)
	dir := t.TempDir()
	stateDir, out := filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl")
	cfg := testConfig(p)

	stats, err := crawlOnce(t, context.Background(), cfg, stateDir, out)
	if err != nil {
		t.Fatalf("run 1: %v", err)
	}
	var sb strings.Builder
	stats.WriteSummary(&sb)
	t.Log(sb.String())
	recs := readRecords(t, out, 0)
	got, want := urlsOf(recs), p.expectedURLs(portalArticles)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("run 1 emitted\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	byURL := map[string]*extract.Article{}
	for _, r := range recs {
		byURL[r.URL] = r
	}
	for _, a := range portalArticles {
		r := byURL[p.url(a.path)]
		if r == nil {
			continue
		}
		if r.Title != a.title {
			t.Errorf("%s: title %q, want %q", a.path, r.Title, a.title)
		}
		if pub := r.PublishedAt.Format(time.RFC3339); r.PublishedAt.IsZero() || pub != a.pubISO {
			t.Errorf("%s: published_at %q, want %q", a.path, pub, a.pubISO)
		}
		if !strings.Contains(r.Body, a.phrase()) {
			t.Errorf("%s: body lacks %q; body %.80q", a.path, a.phrase(), r.Body)
		}
		if r.ContentHash == "" || r.FetchedAt.IsZero() {
			t.Errorf("%s: content_hash %q fetched_at %v", a.path, r.ContentHash, r.FetchedAt)
		}
		if a.charset != "utf-8" && r.Encoding != a.charset {
			t.Errorf("%s: encoding %q, want %q", a.path, r.Encoding, a.charset)
		}
	}

	// Politeness and traps.
	if n := p.hitCount("/private/"); n != 0 {
		t.Errorf("robots.txt-disallowed path requested %d times", n)
	}
	p.mu.Lock()
	pdf := p.pdfBytes
	flaky := p.times["/2026/01/10/flaky-20260110006.html"]
	p.mu.Unlock()
	if pdf >= pdfSize/2 {
		t.Errorf("PDF: %d of %d bytes sent; want the download abandoned", pdf, pdfSize)
	}
	if len(flaky) != 2 {
		t.Errorf("flaky page requested %d times, want 2", len(flaky))
	} else if gap := flaky[1].Sub(flaky[0]); gap < 900*time.Millisecond {
		t.Errorf("retry after 503 came %v later; Retry-After asked for 1s", gap)
	}
	// The calendar links both ways: 1 + 2 + 2 pages for 3 levels.
	if n := p.hitCount("/calendar"); n == 0 || n > 5 {
		t.Errorf("calendar pages requested %d times; want 1..5", n)
	}
	if n := p.hitCount("/2026/01/09/slow-"); n != 2 {
		t.Errorf("slow page requested %d times, want 2 (timeout, then retry)", n)
	}
	if stats.Errors["http_4xx"] < 1 {
		t.Errorf("404 not counted: errors %v", stats.Errors)
	}
	if stats.Skipped["robots"] < 1 || stats.Skipped["not_html"] < 1 || stats.Skipped["calendar_trap"] < 1 {
		t.Errorf("skips not counted: %v", stats.Skipped)
	}

	// Run 2: nothing new, and the portal answers mostly 304.
	stats, err = crawlOnce(t, context.Background(), cfg, stateDir, out)
	if err != nil {
		t.Fatalf("run 2: %v", err)
	}
	if again := readRecords(t, out, len(recs)); len(again) != 0 {
		t.Errorf("run 2 emitted %d records, want none: %v", len(again), urlsOf(again))
	}
	sb.Reset()
	stats.WriteSummary(&sb)
	t.Log(sb.String())
	if stats.NotModified == 0 || stats.Fetched > 2 {
		t.Errorf("run 2: %d fetched, %d not modified; want (almost) only 304s", stats.Fetched, stats.NotModified)
	}
	// The dead link of run 1 is not asked for again (negative cache).
	if n := p.hitCount("/2026/01/01/missing-"); n != 1 || stats.Skipped["dead_link"] != 1 {
		t.Errorf("404 page requested %d times over two runs (skipped %v); want once", n, stats.Skipped)
	}

	// Run 3: one article published.
	p.publish(newArticle)
	if _, err := crawlOnce(t, context.Background(), cfg, stateDir, out); err != nil {
		t.Fatalf("run 3: %v", err)
	}
	fresh := readRecords(t, out, len(recs))
	if got, want := urlsOf(fresh), []string{p.url(newArticle.path)}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("run 3 emitted %v, want %v", got, want)
	}

	// Run 4: an article is edited (its listing is not): it is emitted
	// again, with a new content_hash, and nothing else is.
	const correction = "更正：本文此前报道的项目数量有误，现已更正，特此说明。相关部门表示将进一步加强信息发布工作。"
	edited := portalArticles[1]
	p.edit(edited.path, correction)
	if _, err := crawlOnce(t, context.Background(), cfg, stateDir, out); err != nil {
		t.Fatalf("run 4: %v", err)
	}
	again := readRecords(t, out, len(recs)+len(fresh))
	if len(again) != 1 || again[0].URL != p.url(edited.path) {
		t.Fatalf("run 4 emitted %v, want only %s", urlsOf(again), edited.path)
	}
	if !strings.Contains(again[0].Body, correction[:30]) || again[0].ContentHash == byURL[again[0].URL].ContentHash {
		t.Errorf("edited record: hash %s (was %s), body %.60q...", again[0].ContentHash, byURL[again[0].URL].ContentHash, again[0].Body)
	}
}

// Edits of articles listed only in a feed or only in a sitemap are caught
// within the revisit window even while the feed answers 304 (issue #10,
// item 9); after the window they are left alone.
func TestFeedAndSitemapOnlyEditsSeen(t *testing.T) {
	p := newPortal(t)
	cfg := testConfig(p)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	if _, err := crawlOnce(t, context.Background(), cfg, dir, out); err != nil {
		t.Fatal(err)
	}
	first := len(readRecords(t, out, 0))
	feedOnly, sitemapOnly := portalArticles[6], portalArticles[7]
	p.edit(feedOnly.path, "更正：本文此前报道的开售时间有误，现已更正，特此说明，敬请读者谅解。")
	p.edit(sitemapOnly.path, "Correction: an earlier version of this story gave the wrong date for the first sailing of the ferry.")
	stats, err := crawlOnce(t, context.Background(), cfg, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	got := urlsOf(readRecords(t, out, first))
	want := []string{p.url(feedOnly.path), p.url(sitemapOnly.path)}
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("run 2 emitted %v, want the two edited articles %v", got, want)
	}
	if p.hitCount("/rss.xml") < 2 || stats.NotModified == 0 {
		t.Errorf("feed not revalidated: %d hits, %d not modified", p.hitCount("/rss.xml"), stats.NotModified)
	}

	// Outside the window an unlisted article is no longer revisited.
	cfg.Now = func() time.Time { return time.Now().Add(72 * time.Hour) }
	before := p.hitCount(feedOnly.path)
	if _, err := crawlOnce(t, context.Background(), cfg, dir, out); err != nil {
		t.Fatal(err)
	}
	if n := p.hitCount(feedOnly.path) - before; n != 0 {
		t.Errorf("feed-only article requested %d times 72 h after it was emitted", n)
	}
}
