package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newspipe/newspipe/internal/gctune"
)

// bigPortal generates a portal of n articles behind n/100 listing pages.
// Its articles are near-copies of one text, so that the crawl files one
// story; with NEWSPIPE_BIG_CRAWL_DISTINCT=1 each has a text of its own, as
// on a real portal, and every article files a new story (see
// store.FileStory).
func bigPortal(t testing.TB, n int) *httptest.Server {
	distinct := os.Getenv("NEWSPIPE_BIG_CRAWL_DISTINCT") != ""
	const perPage = 100
	pages := (n + perPage - 1) / perPage
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch {
		case r.URL.Path == "/robots.txt":
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case r.URL.Path == "/" || r.URL.Path == "/list":
			pg, _ := strconv.Atoi(r.URL.Query().Get("page"))
			var b strings.Builder
			b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Big Portal</title></head><body><div class="nav"><a href="/">Home</a></div><ul>`)
			for i := pg * perPage; i < min((pg+1)*perPage, n); i++ {
				fmt.Fprintf(&b, `<li><a href="/2026/02/%02d/story-%07d.html">Story number %d about the city</a></li>`, i%28+1, i, i)
			}
			b.WriteString(`</ul>`)
			if pg+1 < pages {
				fmt.Fprintf(&b, `<a rel="next" href="/list?page=%d">Next</a>`, pg+1)
			}
			b.WriteString(`</body></html>`)
			fmt.Fprint(w, b.String())
		case strings.HasPrefix(r.URL.Path, "/2026/02/") && distinct:
			var id int
			fmt.Sscanf(r.URL.Path[len("/2026/02/00/story-"):], "%d", &id)
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story %d - Big Portal</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/list?page=0">Latest</a></div>
<article><h1>Story %d: the council approves a new plan for the river district</h1><p class="date">February %d, 2026 10:%02d</p>
<p>%s</p>
<p>%s</p>
<p>%s</p>
<p>%s</p>
</article><div class="footer">About | Contact | Copyright Big Portal</div></body></html>`, id, id, id%28+1, id%60,
				wordSalad(id, 0), wordSalad(id, 1), wordSalad(id, 2), wordSalad(id, 3))
		case strings.HasPrefix(r.URL.Path, "/2026/02/"):
			var id int
			fmt.Sscanf(r.URL.Path[len("/2026/02/00/story-"):], "%d", &id)
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story %d - Big Portal</title></head><body>
<div class="nav"><a href="/">Home</a> <a href="/list?page=0">Latest</a></div>
<article><h1>Story %d: the council approves a new plan for the river district</h1><p class="date">February %d, 2026 10:%02d</p>
<p>The city council on Tuesday approved plan number %d for the river district, ending a debate that has lasted for more than two years and divided residents of the old harbour quarter.</p>
<p>Under the plan, some four hundred new homes will be built on former industrial land, with a park along the water and a school for six hundred pupils, officials said after the vote.</p>
<p>Opponents argued that the area lacks transport links and that traffic on the two bridges is already heavy at peak hours; the council promised a new bus line before the first homes open.</p>
<p>Construction is expected to start next spring and to take about four years, according to the developer, which has agreed to keep a third of the homes for rent at regulated prices.</p>
</article><div class="footer">About | Contact | Copyright Big Portal</div></body></html>`, id, id, id%28+1, id%60, id)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// procStatus reads a kB field of /proc/self/status (Linux only).
func procStatus(field string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, field+":") {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(line[len(field)+1:], "kB")), &kb)
			return kb
		}
	}
	return -1
}

// cpuTime returns the CPU time (user and system) this process used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// bigCrawlPages is the number of articles of the big crawl benchmarks:
// NEWSPIPE_BIG_CRAWL_PAGES, 5000 when unset (e.g. 20000 to check that peak
// RSS stays flat as the crawl grows).
func bigCrawlPages() int {
	if v, err := strconv.Atoi(os.Getenv("NEWSPIPE_BIG_CRAWL_PAGES")); err == nil && v > 0 {
		return v
	}
	return 5000
}

// BenchmarkBigCrawl crawls a generated loopback portal of bigCrawlPages
// articles with no delay, reports pages/s and peak RSS, checks that the live
// heap stays flat as the crawl grows, and that a rerun emits nothing. Run it
// with
//
//	go test ./crawler -run '^$' -bench 'BigCrawl$' -benchtime 1x -v
func BenchmarkBigCrawl(b *testing.B) {
	n := bigCrawlPages()
	for i := 0; i < b.N; i++ {
		r := bigCrawl(b, n)
		r.report(b)
	}
}

// bigCrawlResult is what one big crawl measured.
type bigCrawlResult struct {
	pagesPerSec float64
	peakRSS     int64         // VmHWM in KiB
	cpuPerPage  time.Duration // CPU time of the whole process (portal included) per page
}

func (r bigCrawlResult) report(b *testing.B) {
	b.ReportMetric(r.pagesPerSec, "pages/s")
	b.ReportMetric(float64(r.peakRSS)/1024, "peakRSS-MiB")
	b.ReportMetric(float64(r.cpuPerPage.Microseconds()), "CPU-µs/page")
}

// bigCrawl runs the big crawl once, with the collector settings of the
// newspipe command (package gctune), and returns what it measured.
func bigCrawl(t testing.TB, n int) bigCrawlResult {
	defer gctune.ForRun()()
	srv := bigPortal(t, n)
	dir := t.TempDir()
	cfg := Config{
		Sites: []Site{{Seeds: []string{srv.URL + "/"}}}, Delay: -1, Concurrency: 8,
		MaxDepth: n/100 + 5, MaxHostPages: 10 * n, Timeout: 10 * time.Second,
	}

	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	type point struct {
		outBytes int64
		live     uint64
		rss      int64
		// Anonymous memory is the heap and stacks; file memory is mostly
		// the test binary's own pages, plus the pages of state.db and
		// frontier.db that bbolt's mmap touched since the store last
		// released them (see store's mapTrim).
		anon, file int64
	}
	var (
		mu     sync.Mutex
		points []point
	)
	out := filepath.Join(dir, "out.jsonl")
	done := make(chan struct{})
	go func() {
		tk := time.NewTicker(50 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-done:
				return
			case <-tk.C:
				metrics.Read(samples)
				fi, _ := os.Stat(out)
				var size int64
				if fi != nil {
					size = fi.Size()
				}
				mu.Lock()
				points = append(points, point{outBytes: size, live: samples[0].Value.Uint64(), rss: procStatus("VmRSS"), anon: procStatus("RssAnon"), file: procStatus("RssFile")})
				mu.Unlock()
			}
		}
	}()
	runtime.GC()
	start, cpu := time.Now(), cpuTime()
	var (
		stats Stats
		err   error
	)
	// The label (inherited by the crawl's goroutines) lets a profile of the
	// benchmark leave out the rerun: go tool pprof -tagfocus=phase=crawl.
	pprof.Do(context.Background(), pprof.Labels("phase", "crawl"), func(ctx context.Context) {
		stats, err = crawlOnce(t, ctx, cfg, filepath.Join(dir, "state"), out)
	})
	elapsed, cpu := time.Since(start), cpuTime()-cpu
	close(done)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Emitted != int64(n) {
		t.Errorf("emitted %d of %d articles", stats.Emitted, n)
	}
	pps := float64(stats.Fetched) / elapsed.Seconds()
	hwm := procStatus("VmHWM")
	t.Logf("crawled %d pages (%d articles) in %v (CPU %v): %.0f pages/s; peak RSS (VmHWM) %d MiB",
		stats.Fetched, stats.Emitted, elapsed.Round(time.Millisecond), cpu.Round(time.Millisecond), pps, hwm>>10)
	mu.Lock()
	if len(points) < 8 {
		t.Errorf("too few samples (%d) to judge memory growth", len(points))
	} else {
		// Live heap over the second quarter of the crawl against the last
		// quarter: flat means no per-URL growth.
		q := len(points) / 4
		var early, late uint64
		for _, p := range points[q : 2*q] {
			early = max(early, p.live)
		}
		for _, p := range points[3*q:] {
			late = max(late, p.live)
		}
		var anon, file int64
		for _, p := range points {
			anon, file = max(anon, p.anon), max(file, p.file)
		}
		t.Logf("live heap: max %.1f MiB in the 2nd quarter of the crawl, %.1f MiB in the 4th; RSS at end %d MiB; peak RSS parts %d MiB anonymous, %d MiB file-backed",
			float64(early)/(1<<20), float64(late)/(1<<20), points[len(points)-1].rss>>10, anon>>10, file>>10)
		if late > early*3/2+8<<20 {
			t.Errorf("live heap grew from %d to %d bytes as the crawl went on", early, late)
		}
	}
	mu.Unlock()

	logDBStats(t, filepath.Join(dir, "state"))
	// A rerun of the unchanged portal emits nothing.
	start = time.Now()
	stats, err = crawlOnce(t, context.Background(), cfg, filepath.Join(dir, "state"), out)
	if err != nil || stats.Emitted != 0 {
		t.Errorf("rerun: emitted %d, err %v", stats.Emitted, err)
	}
	t.Logf("rerun of the unchanged portal: %d requests, %d emitted in %v", stats.Requests, stats.Emitted, time.Since(start).Round(time.Millisecond))
	return bigCrawlResult{pagesPerSec: pps, peakRSS: hwm, cpuPerPage: cpu / time.Duration(max(stats.Fetched, 1))}
}

// wordSalad is paragraph p of article id for a portal of distinct
// articles: 32 words drawn from a short list by a generator seeded with
// both, different from every other article's.
func wordSalad(id, p int) string {
	words := strings.Fields(`council plan river district debate residents harbour quarter homes industrial land park
		water school pupils officials vote opponents transport links traffic bridges peak hours bus line construction
		spring years developer third rent prices city mayor budget tax police court hospital doctors nurses teachers
		students railway station airport port market shop farmers weather storm flood fire museum theatre festival`)
	x := uint64(id)*0x9e3779b97f4a7c15 + uint64(p)*0xbf58476d1ce4e5b9 + 1
	var b strings.Builder
	for i := range 32 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[x%uint64(len(words))])
	}
	b.WriteByte('.')
	return b.String()
}
