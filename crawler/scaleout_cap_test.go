package crawler_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/newspipe/newspipe/store/redistest"
)

// --max-host-pages holds for the crawl, not per worker: three workers
// together send each host at most the cap (robots.txt and redirect hops
// aside), then every worker sets it aside; the run still ends with exit 0.
func testScaleHostCap(t *testing.T, bin string, srv *redistest.Server) {
	const hosts, limit = 2, 60
	opts := scaleOptions(150)
	opts.Hosts = hosts
	p := startScalePortal(t, opts)
	dir := t.TempDir()
	spec := crawlSpec{
		bin: bin, redis: srv.URL, crawlID: "hostcap",
		state: filepath.Join(dir, "state"), out: filepath.Join(dir, "out") + "/",
		delay: scaleDelay, concurrency: scaleConc, seeds: seedsOf(p, hosts),
		extra: []string{"--max-host-pages", strconv.Itoa(limit)},
	}
	waitAll(t, startWorkers(t, spec, 3), scaleWait, 0)
	sent := make([]int, hosts)
	for _, r := range p.Requests() {
		if r.Path == "/robots.txt" || r.Status >= 300 && r.Status < 400 {
			continue // robots.txt is not counted; a redirect's hop shares its request's turn
		}
		sent[r.Host]++
	}
	for h, n := range sent {
		if n > limit || n < limit/2 {
			t.Errorf("host %d: %d requests from 3 workers with --max-host-pages %d; want at most the cap (and most of it)", h, n, limit)
		}
	}
	t.Logf("requests per host with --max-host-pages %d and 3 workers: %v", limit, sent)
}
