package crawler_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
	"github.com/newspipe/newspipe/store/redistest"
)

// BenchmarkScaleOut measures the pages/s of 1, 2 and 4 `newspipe crawl`
// worker processes sharing one crawl through Redis, against the
// single-process bbolt crawl of the same portal in the same run (issue #8:
// one Redis worker should reach 70% of the bbolt crawl, two workers 1.7×
// one). Every process runs with GOMAXPROCS=1, so that a worker stands for
// one core of a machine; the portal (8 hosts, NEWSPIPE_SCALE_ARTICLES
// articles each, default 150, no slow, hanging, huge or 503 pages) is
// served from the benchmark's own process with --delay 0. On a 2-core
// machine the portal and Redis share the cores with the workers, so 4
// workers cannot do much better than 2. It also reports the Redis commands
// and bytes (in plus out) per request, from INFO before and after each
// Redis crawl.
//
//	go test -run '^$' -bench ScaleOut -benchtime 1x ./crawler
func BenchmarkScaleOut(b *testing.B) {
	if realportal.FindCorpus(".") == "" {
		b.Skip("BenchmarkScaleOut: shared/corpus not found beside the repository (set NEWSPIPE_CORPUS); skipping")
	}
	n := 150
	if v, err := strconv.Atoi(os.Getenv("NEWSPIPE_SCALE_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	p := startScalePortal(b, realportal.Options{Hosts: scaleHosts, ArticlesPerHost: n, PerPage: 50,
		Without: realportal.Slow | realportal.Hang | realportal.Huge | realportal.Unavailable})
	srv := redistest.Start(b)
	bin := buildNewspipe(b)
	opt, err := redis.ParseURL(srv.URL)
	if err != nil {
		b.Fatal(err)
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()

	for i := 0; i < b.N; i++ {
		base := runScaleBench(b, bin, p, "", nil, fmt.Sprintf("bbolt-%d", i), 0)
		b.ReportMetric(base.pagesPerSec, "bbolt-pages/s")
		var one float64
		for _, workers := range []int{1, 2, 4} {
			r := runScaleBench(b, bin, p, srv.URL, rdb, fmt.Sprintf("bench-%d-%d", i, workers), workers)
			name := "redis" + strconv.Itoa(workers)
			b.ReportMetric(r.pagesPerSec, name+"-pages/s")
			switch workers {
			case 1:
				one = r.pagesPerSec
				b.ReportMetric(r.pagesPerSec/base.pagesPerSec, "redis1/bbolt")
				b.ReportMetric(r.commands/float64(r.requests), "redis-cmds/req")
				b.ReportMetric(r.bytes/float64(r.requests), "redis-bytes/req")
			default:
				b.ReportMetric(r.pagesPerSec/one, name+"/redis1")
			}
		}
	}
}

// scaleBenchResult is one crawl of BenchmarkScaleOut.
type scaleBenchResult struct {
	requests    int // requests the portal answered
	emitted     int // records written
	elapsed     time.Duration
	pagesPerSec float64
	// Redis commands (those scripts run included: INFO commandstats and
	// total_commands_processed both count them) and bytes in plus out; 0
	// for bbolt.
	commands, bytes   float64
	workers           int
	crawlID, backends string
}

// runScaleBench crawls p from scratch with workers Redis worker processes,
// or with the single-process bbolt crawl when workers is 0, and returns its
// pages/s: requests the portal answered over the time from the first
// process's start to the last one's exit.
func runScaleBench(b *testing.B, bin string, p *realportal.Portal, redisURL string, rdb *redis.Client, crawlID string, workers int) scaleBenchResult {
	b.Helper()
	dir := b.TempDir()
	spec := crawlSpec{
		bin: bin, crawlID: crawlID, state: filepath.Join(dir, "state"), out: filepath.Join(dir, "out") + "/",
		concurrency: scaleConc, seeds: seedsOf(p, scaleHosts), env: []string{"GOMAXPROCS=1"},
		// No retries: a backed-off retry of the portal's 500 pages would
		// end every crawl with seconds of waiting that are not throughput.
		extra: []string{"--retries", "0", "--log-level", "warn"},
	}
	res := scaleBenchResult{workers: workers, crawlID: crawlID, backends: "bbolt"}
	procs := 1
	var before redisCounters
	if workers > 0 {
		spec.redis = redisURL
		procs, res.backends = workers, "redis"
		before = readRedisCounters(b, rdb)
	}
	reqs0 := len(p.Requests())
	start := time.Now()
	var ws []*worker
	if workers == 0 {
		ws = []*worker{startWorker(b, spec, "solo")}
	} else {
		ws = startWorkers(b, spec, procs)
	}
	waitAll(b, ws, 10*time.Minute, 0)
	if b.Failed() {
		b.FailNow()
	}
	res.elapsed = time.Since(start)
	res.requests = len(p.Requests()) - reqs0
	recs, _ := readOutputs(b, outputFiles(b, spec.out))
	res.emitted = len(recs)
	res.pagesPerSec = float64(res.requests) / res.elapsed.Seconds()
	if workers > 0 {
		after := readRedisCounters(b, rdb)
		res.commands = after.commands - before.commands
		res.bytes = after.bytes - before.bytes
	}
	redisCost := ""
	if workers > 0 {
		redisCost = fmt.Sprintf("; Redis per request: %.1f commands, %.0f bytes",
			res.commands/float64(res.requests), res.bytes/float64(res.requests))
	}
	b.Logf("%s, %d process(es): %d requests, %d records of %d articles in %v: %.0f pages/s%s",
		res.backends, procs, res.requests, res.emitted, len(p.Articles()), res.elapsed.Round(time.Millisecond), res.pagesPerSec, redisCost)
	return res
}

// redisCounters are the server-wide totals BenchmarkScaleOut compares
// before and after a crawl.
type redisCounters struct {
	commands float64 // calls summed over INFO commandstats (script calls included)
	bytes    float64 // total_net_input_bytes + total_net_output_bytes
}

// readRedisCounters reads INFO commandstats and INFO stats.
func readRedisCounters(b *testing.B, rdb *redis.Client) redisCounters {
	b.Helper()
	ctx := context.Background()
	var c redisCounters
	cs, err := rdb.Info(ctx, "commandstats").Result()
	if err != nil {
		b.Fatal(err)
	}
	// cmdstat_get:calls=12,usec=...
	for _, line := range strings.Split(cs, "\n") {
		_, rest, ok := strings.Cut(strings.TrimSpace(line), ":calls=")
		if !ok {
			continue
		}
		calls, _, _ := strings.Cut(rest, ",")
		v, _ := strconv.ParseFloat(calls, 64)
		c.commands += v
	}
	st, err := rdb.Info(ctx, "stats").Result()
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(st, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		f, _ := strconv.ParseFloat(v, 64)
		switch {
		case !ok:
		case k == "total_net_input_bytes" || k == "total_net_output_bytes":
			c.bytes += f
		}
	}
	return c
}
