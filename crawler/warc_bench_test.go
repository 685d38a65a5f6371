package crawler

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
	"github.com/newspipe/newspipe/internal/gctune"
	"github.com/newspipe/newspipe/internal/warcfile"
	"github.com/newspipe/newspipe/store"
)

// BenchmarkWARCOverhead crawls the big crawl's loopback portal
// (bigCrawlPages articles, no delay) without and with a WARC writer,
// alternating on the same portal in the same process, and reports pages/s
// of each and the slowdown (issue #9 target: at most 15%). Run it with
//
//	NEWSPIPE_WARC_PAIRS=6 go test ./crawler -run '^$' -bench WARCOverhead -benchtime 1x -v
func BenchmarkWARCOverhead(b *testing.B) {
	n := bigCrawlPages()
	srv := bigPortal(b, n)
	cfg := Config{
		Sites: []Site{{Seeds: []string{srv.URL + "/"}}}, Delay: -1, Concurrency: 8,
		MaxDepth: n/100 + 5, MaxHostPages: 10 * n, Timeout: 10 * time.Second,
	}
	warcOverhead(b, cfg, n)
}

// BenchmarkWARCOverheadRealPages is BenchmarkWARCOverhead on the portal of
// real corpus pages (BenchmarkRealPortal's: NEWSPIPE_REAL_ARTICLES per
// host, two hosts), whose pages are news pages of real size rather than
// the big crawl's 3 KB ones.
func BenchmarkWARCOverheadRealPages(b *testing.B) {
	n := envInt("NEWSPIPE_REAL_ARTICLES", 600)
	p := startRealPortal(b, realportal.Options{Hosts: 2, ArticlesPerHost: n, PerPage: 50,
		Without: realportal.Slow | realportal.Hang | realportal.Huge | realportal.Unavailable})
	cfg := realConfig(p, 2)
	cfg.Delay, cfg.Concurrency, cfg.MaxDepth, cfg.MaxHostPages = -1, 4, n/50+10, 100*n
	warcOverhead(b, cfg, 0)
}

// warcOverhead crawls with cfg in pairs of runs, without then with a WARC
// writer (NEWSPIPE_WARC_PAIRS pairs, default 2), and reports the mean
// pages/s and CPU per page of each, and the slowdown as the median over
// pairs of each pair's own (one pair is two runs a second apart, so a
// burst of load from another process spoils one pair, not the median);
// wantEmitted, when not 0, is checked against every run.
func warcOverhead(b *testing.B, cfg Config, n int) {
	pairs := envInt("NEWSPIPE_WARC_PAIRS", 2)
	for i := 0; i < b.N; i++ {
		var pps, cpuPerPage [2]float64
		var slowdowns []float64
		var warcBytes, fetchedAll int64
		var lastPPS float64 // of the run without WARC just before
		for round := range 2 * pairs {
			withWARC := round%2 == 1
			dir := b.TempDir()
			var arc *warcfile.Writer
			if withWARC {
				var err error
				arc, err = warcfile.Open(warcfile.Options{Dir: filepath.Join(dir, "warc"), Start: time.Now(), Software: "bench"})
				if err != nil {
					b.Fatal(err)
				}
			}
			cpu0 := cpuTime()
			st, fetched, elapsed := warcBenchRun(b, cfg, dir, arc)
			cpu := cpuTime() - cpu0
			fetchedAll += fetched
			if n > 0 && st.Emitted != int64(n) {
				b.Errorf("emitted %d of %d", st.Emitted, n)
			}
			if withWARC {
				files, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz"))
				for _, f := range files {
					if fi, err := os.Stat(f); err == nil {
						warcBytes += fi.Size()
					}
				}
			}
			p := float64(fetched) / elapsed.Seconds()
			b.Logf("round %d, WARC %v: %d pages in %v, %.0f pages/s, CPU %v (portal included)", round+1, withWARC, fetched, elapsed.Round(time.Millisecond), p, cpu.Round(time.Millisecond))
			pps[round%2] += p / float64(pairs)
			cpuPerPage[round%2] += float64(cpu.Microseconds()) / float64(fetched) / float64(pairs)
			if withWARC {
				slowdowns = append(slowdowns, 100*(1-p/lastPPS))
			}
			lastPPS = p
		}
		slices.Sort(slowdowns)
		b.ReportMetric(pps[0], "pages/s")
		b.ReportMetric(pps[1], "pages/s-warc")
		b.ReportMetric(slowdowns[len(slowdowns)/2], "median-slowdown-%")
		b.ReportMetric(100*(1-pps[1]/pps[0]), "slowdown-of-means-%")
		b.ReportMetric(cpuPerPage[0], "CPU-µs/page")
		b.ReportMetric(cpuPerPage[1], "CPU-µs/page-warc")
		b.ReportMetric(float64(warcBytes/int64(pairs))/float64(fetchedAll/int64(2*pairs)), "WARC-bytes/page")
	}
}

func warcBenchRun(b *testing.B, cfg Config, dir string, arc *warcfile.Writer) (Stats, int64, time.Duration) {
	defer gctune.ForRun()()
	stateDir := filepath.Join(dir, "state")
	st, err := store.Open(stateDir, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	fr, err := store.OpenFrontier(stateDir)
	if err != nil {
		b.Fatal(err)
	}
	defer fr.Close()
	o, err := store.OpenOutput(filepath.Join(dir, "out.jsonl"), time.Now(), os.Stdout)
	if err != nil {
		b.Fatal(err)
	}
	env := Env{State: st, Frontier: fr, Output: o}
	if arc != nil {
		env.Archive = arc
	}
	start := time.Now()
	stats, err := Run(context.Background(), cfg, env)
	if arc != nil {
		if cerr := arc.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}
	elapsed := time.Since(start)
	if cerr := o.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	return stats, stats.Fetched, elapsed
}
