package crawler

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
	"github.com/newspipe/newspipe/internal/gctune"
)

// realCrawlHosts and realCrawlArticles size BenchmarkRealCrawlVsColly's
// portal: 8 hosts of 150 real corpus articles each (about 120 KB a page).
const (
	realCrawlHosts    = 8
	realCrawlArticles = 150
)

// BenchmarkRealCrawlVsColly is BenchmarkBigCrawlVsColly/paired on real
// pages: the loopback portal of package realportal serves corpus articles
// (GBK and UTF-8, about 120 KB each, with their own navigation and link
// lists) on 8 hosts, with its troubles off except the wrong charset
// headers. The full crawl (extraction, exactly-once state) and a bare colly
// crawl that only follows links alternate, bare colly first in odd rounds,
// NEWSPIPE_BIG_CRAWL_ROUNDS times; it reports the median and lowest ratio
// of their pages/s and their CPU time per page. The generated pages of
// BigCrawl are about 1.5 KB, where extraction's fixed cost per page weighs
// most; here the cost of a real page's parse and links weighs in too.
//
//	go test -run '^$' -bench RealCrawlVsColly -benchtime 1x ./crawler
func BenchmarkRealCrawlVsColly(b *testing.B) {
	p, err := realportal.Start(realportal.Options{Hosts: realCrawlHosts, ArticlesPerHost: realCrawlArticles, PerPage: 50,
		Without: realportal.AllTrouble &^ realportal.Charsets})
	if errors.Is(err, realportal.ErrNoCorpus) {
		b.Skip("BenchmarkRealCrawlVsColly: shared/corpus not found beside the repository (set NEWSPIPE_CORPUS); skipping")
	}
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	var seeds []string
	for i := range realCrawlHosts {
		seeds = append(seeds, p.URL(i)+"/")
	}
	for range b.N {
		var ratios, fullCPU, bareCPU []float64
		for r := range bigCrawlRounds() {
			var full, bare crawlMeasure
			crawls := [2]func(){
				func() { full = realNewspipeCrawl(b, seeds) },
				func() { bare = realCollyCrawl(b, seeds) },
			}
			if r%2 == 1 {
				crawls[0], crawls[1] = crawls[1], crawls[0]
			}
			for _, run := range crawls {
				run()
			}
			ratios = append(ratios, full.pagesPerSec()/bare.pagesPerSec())
			fullCPU, bareCPU = append(fullCPU, full.cpuPerPage()), append(bareCPU, bare.cpuPerPage())
			b.Logf("round %d: newspipe %d pages, %.0f pages/s, %.0f µs CPU a page; bare colly %d pages, %.0f pages/s, %.0f µs: %.2f×",
				r+1, full.pages, full.pagesPerSec(), full.cpuPerPage(), bare.pages, bare.pagesPerSec(), bare.cpuPerPage(), ratios[r])
		}
		b.ReportMetric(median(ratios), "median-ratio")
		b.ReportMetric(slices.Min(ratios), "lowest-ratio")
		b.ReportMetric(median(fullCPU), "newspipe-CPU-µs/page")
		b.ReportMetric(median(bareCPU), "colly-CPU-µs/page")
	}
}

// realNewspipeCrawl crawls seeds with the full crawler, fresh state, the
// command's GC settings, no delay and 8 requests per host at most.
func realNewspipeCrawl(b *testing.B, seeds []string) crawlMeasure {
	defer gctune.ForRun()()
	dir := b.TempDir()
	var sites []Site
	for _, s := range seeds {
		sites = append(sites, Site{Seeds: []string{s}})
	}
	cfg := Config{Sites: sites, Delay: -1, Concurrency: 8, MaxDepth: 20, Timeout: 10 * time.Second}
	start, cpu := time.Now(), cpuTime()
	stats, err := crawlOnce(b, context.Background(), cfg, filepath.Join(dir, "state"), filepath.Join(dir, "out.jsonl"))
	m := crawlMeasure{pages: stats.Fetched, elapsed: time.Since(start), cpu: cpuTime() - cpu}
	if err != nil {
		b.Fatal(err)
	}
	if stats.Emitted < realCrawlHosts*realCrawlArticles*9/10 {
		b.Fatalf("newspipe emitted %d records of %d articles", stats.Emitted, realCrawlHosts*realCrawlArticles)
	}
	return m
}

// realCollyCrawl crawls seeds with colly alone, robots.txt read: without
// it colly would also fetch the disallowed page every article links to,
// twice the requests.
func realCollyCrawl(b *testing.B, seeds []string) crawlMeasure {
	m := collyCrawl(b, seeds, 20, true)
	if m.pages < realCrawlHosts*realCrawlArticles*9/10 {
		b.Fatalf("bare colly fetched %d pages, want at least 90%% of the %d articles", m.pages, realCrawlHosts*realCrawlArticles)
	}
	return m
}
