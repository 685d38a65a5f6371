package crawler_test

import (
	"encoding/json"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
	"github.com/newspipe/newspipe/store/redistest"
)

// Scale-out (issue #8): three `newspipe crawl` processes share one crawl
// through a real redis-server, against the real-page portal on eight
// loopback hosts. Helpers are in scaleout_helpers_test.go.

const (
	scaleHosts = 8
	// scaleDelay and scaleConc are the workers' --delay and --concurrency
	// where the test is not about spacing: a short delay for a quick
	// crawl (see politeDelay for the tests that check the spacing).
	scaleDelay = 20 * time.Millisecond
	scaleConc  = 2
	// scaleSlack is how much closer than the delay two request starts
	// may be in the portal's log (see politeness.slack for the few that
	// may be closer still): the log times a request when the server's
	// handler starts, a little after the client took its slot.
	scaleSlack = 5 * time.Millisecond
	// politeDelay and politeCrawlDelay (host 0's robots.txt) are the
	// spacings the politeness test checks. They are longer than
	// scaleDelay because at 20 ms eight hosts ask for 400 requests/s,
	// which keeps both cores of a small machine busy, and then the time
	// from taking a slot to the request reaching the portal varies by up
	// to the delay itself (the bbolt crawl shows the same), so the log
	// could not tell a polite crawl from an impolite one.
	politeDelay      = 50 * time.Millisecond
	politeCrawlDelay = 60 * time.Millisecond
	// scaleWait bounds one crawl of the tests (about 10 s each on two
	// cores), leaving room for expired leases to come back.
	scaleWait = 150 * time.Second
	// scaleLease is the --redis-lease of the tests that kill a worker:
	// how long its URLs wait before the others take them over (30 s by
	// default, which would make those tests wait for nothing).
	scaleLease = 5 * time.Second
)

// scaleOptions is the test portal: every host with articles, redirects
// (a loop and one into the disallowed directory among them),
// tracking-parameter duplicates, odd charsets and robots.txt Disallow
// lines, but none of the trouble that only costs time: slow, hanging and
// huge pages, traps, dead links, 500s, and the 503 (the crawler retries it
// only after the host's other pages, which added 12 to 17 s to every
// crawl); the politeness test turns the 503 back on.
func scaleOptions(articlesPerHost int) realportal.Options {
	return realportal.Options{
		Hosts: scaleHosts, ArticlesPerHost: articlesPerHost, PerPage: 50,
		Without: realportal.Slow | realportal.Hang | realportal.Huge | realportal.Traps |
			realportal.DeadLinks | realportal.Errors | realportal.Flaky | realportal.Unavailable,
	}
}

// TestScaleOut runs the scale-out tests as subtests, so that the newspipe
// binary is built once and one redis-server serves them (each crawl under
// its own crawl id; the Redis outage tests start their own server).
func TestScaleOut(t *testing.T) {
	if testing.Short() {
		t.Skip("scale-out tests run worker processes for about two minutes; skipped with -short")
	}
	if realportal.FindCorpus(".") == "" {
		t.Skip("scale-out tests: shared/corpus not found beside the repository (set NEWSPIPE_CORPUS); skipping")
	}
	srv := redistest.Start(t)
	bin := buildNewspipe(t)

	t.Run("StartErrors", func(t *testing.T) { testScaleStartErrors(t, bin, srv) })
	t.Run("PolitenessAndDedup", func(t *testing.T) { testScalePoliteness(t, bin, srv) })
	t.Run("RerunAndEdit", func(t *testing.T) { testScaleRerun(t, bin, srv) })
	t.Run("KillRestart", func(t *testing.T) { testScaleKillRestart(t, bin, srv) })
	t.Run("KillNoRestart", func(t *testing.T) { testScaleKillNoRestart(t, bin, srv) })
	t.Run("HostCap", func(t *testing.T) { testScaleHostCap(t, bin, srv) })
	t.Run("CrossHostHop", func(t *testing.T) { testScaleCrossHostHop(t, bin, srv) })
	t.Run("RedisRestart", func(t *testing.T) { testScaleRedisRestart(t, bin) })
	t.Run("RedisGone", func(t *testing.T) { testScaleRedisGone(t, bin) })
}

// sharedSpec is a crawl whose workers share one --state and one --out
// directory, as N processes on one machine do.
func sharedSpec(t *testing.T, bin, redisURL, crawlID string, p *realportal.Portal) crawlSpec {
	dir := t.TempDir()
	return crawlSpec{
		bin: bin, redis: redisURL, crawlID: crawlID,
		state: filepath.Join(dir, "state"), out: filepath.Join(dir, "out") + "/",
		delay: scaleDelay, concurrency: scaleConc, seeds: seedsOf(p, scaleHosts),
	}
}

// Redis unreachable at start is exit 1 with a message naming the address;
// a second process with the same crawl id and worker id while the first
// runs is exit 3; SIGINT stops a worker with 130 and its summary.
func testScaleStartErrors(t *testing.T, bin string, srv *redistest.Server) {
	// A loopback port nobody listens on: bind one and close it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := ln.Addr().String()
	ln.Close()
	missingSock := filepath.Join(t.TempDir(), "no-redis.sock")
	for _, tc := range []struct{ url, addr string }{
		{"redis://" + closedAddr + "/0", closedAddr},
		{"unix://" + missingSock, missingSock},
	} {
		dir := t.TempDir()
		spec := crawlSpec{bin: bin, redis: tc.url, crawlID: "unreachable", state: filepath.Join(dir, "state"),
			out: filepath.Join(dir, "out") + "/", delay: scaleDelay, concurrency: scaleConc,
			seeds: []string{"http://127.0.0.2:9/"}}
		w := startWorker(t, spec, "w1")
		code := w.wait(t, 30*time.Second)
		msg := w.stderr.String()
		if code != 1 || !strings.Contains(msg, tc.addr) {
			t.Errorf("--redis %s (unreachable): exit %d, stderr %q; want 1 and a message naming %s", tc.url, code, tail(msg, 600), tc.addr)
		}
		if n := countLines(spec.out); n > 0 {
			t.Errorf("--redis %s (unreachable): %d records written", tc.url, n)
		}
	}
	// With --log-format json every line on stderr is a JSON record, the
	// Redis client's own complaints included.
	{
		dir := t.TempDir()
		spec := crawlSpec{bin: bin, redis: "redis://" + closedAddr + "/0", crawlID: "unreachable", state: filepath.Join(dir, "state"),
			out: filepath.Join(dir, "out") + "/", delay: scaleDelay, concurrency: scaleConc,
			extra: []string{"--log-format", "json"}, seeds: []string{"http://127.0.0.2:9/"}}
		w := startWorker(t, spec, "w1")
		if code := w.wait(t, 30*time.Second); code != 1 {
			t.Errorf("--log-format json, Redis unreachable: exit %d, want 1", code)
		}
		for _, line := range strings.Split(strings.TrimSpace(w.stderr.String()), "\n") {
			if !json.Valid([]byte(line)) {
				t.Errorf("--log-format json, Redis unreachable: stderr line is not JSON: %q", line)
			}
		}
	}

	// A crawl that lasts: one host with a Crawl-delay of half a second.
	p := startScalePortal(t, realportal.Options{Hosts: 1, ArticlesPerHost: 40, CrawlDelay: map[int]float64{0: 0.5},
		Without: realportal.AllTrouble})
	dir := t.TempDir()
	spec := crawlSpec{bin: bin, redis: srv.URL, crawlID: "locked", state: filepath.Join(dir, "state"),
		out: filepath.Join(dir, "out") + "/", delay: scaleDelay, concurrency: scaleConc, seeds: seedsOf(p, 1)}
	first := startWorker(t, spec, "w1")
	// The first worker holds its lock once it requests anything.
	if !waitFor(30*time.Second, func() bool { return len(p.Requests()) > 0 || !first.running() }) || !first.running() {
		t.Fatalf("first worker made no request (exit %d); stderr:\n%s", first.code, tail(first.stderr.String(), 2000))
	}
	second := startWorker(t, spec, "w1")
	if code := second.wait(t, 30*time.Second); code != 3 {
		t.Errorf("second worker w1 of crawl %q while the first runs: exit %d, want 3; stderr:\n%s", spec.crawlID, code, tail(second.stderr.String(), 2000))
	}
	if !first.running() {
		t.Fatalf("the first worker exited (%d) while the second tried its lock; stderr:\n%s", first.code, tail(first.stderr.String(), 2000))
	}
	first.cmd.Process.Signal(syscall.SIGINT)
	if code := first.wait(t, 30*time.Second); code != 130 {
		t.Errorf("worker stopped by SIGINT: exit %d, want 130; stderr:\n%s", code, tail(first.stderr.String(), 2000))
	}
	if summaryEmitted(first) < 0 {
		t.Errorf("worker stopped by SIGINT printed no summary; stderr:\n%s", tail(first.stderr.String(), 2000))
	}
}

// Three workers, each with its own --state and --out as on three machines:
// the portal's request log shows the per-host delay (and a host's larger
// Crawl-delay), --concurrency and a Retry-After held across all workers
// together, robots.txt fetched once per host, no disallowed path and no
// URL requested twice; the union of the outputs is every article once.
func testScalePoliteness(t *testing.T, bin string, srv *redistest.Server) {
	opts := scaleOptions(300)               // 2,400 articles: the log's proof wants a crawl of some size
	opts.Without &^= realportal.Unavailable // the shared Retry-After pause is checked
	opts.CrawlDelay = map[int]float64{0: politeCrawlDelay.Seconds()}
	p := startScalePortal(t, opts)
	dir := t.TempDir()
	spec := crawlSpec{
		bin: bin, redis: srv.URL, crawlID: "polite",
		delay: politeDelay, concurrency: scaleConc, seeds: seedsOf(p, scaleHosts),
		stateFor: func(id string) string { return filepath.Join(dir, "state-"+id) },
		outFor:   func(id string) string { return filepath.Join(dir, "out-"+id) + "/" },
	}
	start := time.Now()
	ws := startWorkers(t, spec, 3)
	waitAll(t, ws, scaleWait, 0)
	t.Logf("3 workers crawled %d articles on %d hosts in %v", len(p.Articles()), scaleHosts, time.Since(start).Round(time.Millisecond))

	var outs []string
	for _, w := range ws {
		outs = append(outs, spec.outFor(w.id))
	}
	recs, torn := readOutputs(t, outputFiles(t, outs...))
	if torn > 0 {
		t.Errorf("%d output files end in a torn line after clean exits", torn)
	}
	checkExactlyOnce(t, unionOf(p, recs))
	checkSummaries(t, ws)
	for _, w := range ws {
		wr, _ := readOutputs(t, outputFiles(t, spec.outFor(w.id)))
		if got := summaryEmitted(w); got != len(wr) {
			t.Errorf("worker %s: summary says %d emitted, its output holds %d records", w.id, got, len(wr))
		}
		// Three workers share the work: each takes a real part of it.
		if len(wr) < len(p.Articles())/10 {
			t.Errorf("worker %s emitted %d of %d articles; want at least a tenth", w.id, len(wr), len(p.Articles()))
		}
		t.Logf("worker %s: %d records", w.id, len(wr))
	}
	if n, emitted, ok := crawlWide(ws); ok && (n != 3 || emitted != len(p.Articles())) {
		t.Errorf("crawl-wide summary: %d workers, %d emitted; want 3 and %d", n, emitted, len(p.Articles()))
	}
	checkRequestLog(t, p, p.Requests(), politeness{
		hosts: scaleHosts, delay: politeDelay, crawlDelay: map[int]time.Duration{0: politeCrawlDelay},
		concurrency: scaleConc, slack: scaleSlack, retryAfter: time.Second, fetchOnce: true,
	})
}

// A worker that starts while the others are mid-run joins their run. A
// rerun of the same crawl id with nothing changed on the portal emits
// nothing (and creates no output file); after one article is edited, a
// rerun emits that article once across all workers.
func testScaleRerun(t *testing.T, bin string, srv *redistest.Server) {
	p := startScalePortal(t, scaleOptions(60))
	spec := sharedSpec(t, bin, srv.URL, "rerun", p)
	ws := startWorkers(t, spec, 2)
	waitMidRun(t, p, ws, spec.out)
	ws = append(ws, startWorker(t, spec, "w3"))
	waitAll(t, ws, scaleWait, 0)
	files1 := outputFiles(t, spec.out)
	recs1, _ := readOutputs(t, files1)
	u1 := unionOf(p, recs1)
	checkExactlyOnce(t, u1)
	checkSummaries(t, ws)
	if n, _, ok := crawlWide(ws); ok && n != 3 {
		t.Errorf("w3 started mid-run, yet the crawl-wide summary counts %d workers in the run; want 3", n)
	}
	late := 0
	for _, r := range recs1 {
		if fileOfWorker(r.file, "w3") {
			late++
		}
	}
	if late == 0 {
		t.Errorf("w3, started mid-run, emitted nothing of the %d articles", len(p.Articles()))
	}
	t.Logf("w3 joined mid-run and wrote %d of %d records", late, len(recs1))
	if t.Failed() {
		t.FailNow()
	}

	// Run 2: nothing changed.
	mark := time.Now()
	ws = startWorkers(t, spec, 3)
	waitAll(t, ws, scaleWait, 0)
	checkSummaries(t, ws)
	files2 := outputFiles(t, spec.out)
	if len(files2) != len(files1) {
		t.Errorf("rerun of an unchanged portal created output files: %d before, %d after", len(files1), len(files2))
	}
	recs2, _ := readOutputs(t, files2)
	if len(recs2) != len(recs1) {
		t.Errorf("rerun of an unchanged portal emitted %d records; want none", len(recs2)-len(recs1))
	}
	for _, w := range ws {
		if n := summaryEmitted(w); n != 0 {
			t.Errorf("rerun: worker %s says it emitted %d", w.id, n)
		}
	}
	articleGETs := 0
	for _, r := range requestsSince(p, mark) {
		if strings.HasPrefix(r.Path, "/news/") && r.Status == 200 {
			articleGETs++
		}
	}
	// The validators are shared: whichever worker asks for an article
	// again, it asks conditionally and gets a 304.
	if articleGETs > 0 {
		t.Errorf("rerun of an unchanged portal: %d articles answered 200; want 304s", articleGETs)
	}
	t.Logf("rerun: %d requests, %d articles answered 200 (the rest 304 or not asked)", len(requestsSince(p, mark)), articleGETs)

	// Run 3: one article edited.
	edited, err := p.Edit(3, 17)
	if err != nil {
		t.Fatal(err)
	}
	ws = startWorkers(t, spec, 3)
	waitAll(t, ws, scaleWait, 0)
	checkSummaries(t, ws)
	recs3, _ := readOutputs(t, outputFiles(t, spec.out))
	before := map[string]int{}
	for _, r := range recs2 {
		before[r.file+"\n"+r.URL]++
	}
	var fresh []record
	for _, r := range recs3 {
		if k := r.file + "\n" + r.URL; before[k] > 0 {
			before[k]--
		} else {
			fresh = append(fresh, r)
		}
	}
	if len(fresh) != 1 || fresh[0].URL != edited.URL {
		var urls []string
		for _, r := range fresh {
			urls = append(urls, r.URL)
		}
		t.Fatalf("after editing %s the rerun emitted %d records %v; want that article once", edited.URL, len(fresh), urls)
	}
	old := u1.byURL[edited.URL][0]
	if fresh[0].ContentHash == nil || old.ContentHash == nil || *fresh[0].ContentHash == *old.ContentHash {
		t.Errorf("the edited article's record has the old content_hash")
	}
	if !strings.Contains(fresh[0].Body, edited.Edit) {
		t.Errorf("the edited article's record lacks the edit %q", edited.Edit)
	}
}

// One worker is killed with SIGKILL at random points, several times, and
// restarted with its worker id each time: the union of the outputs holds
// every article exactly once, and politeness held throughout.
func testScaleKillRestart(t *testing.T, bin string, srv *redistest.Server) {
	p := startScalePortal(t, scaleOptions(150))
	spec := sharedSpec(t, bin, srv.URL, "killrestart", p)
	spec.delay = politeDelay // so that the log can show the spacing (see politeDelay)
	spec.extra = []string{"--redis-lease", scaleLease.String()}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 8))
	t.Logf("random seed %d", seed)
	ws := startWorkers(t, spec, 3)
	const wantKills = 4
	kills := 0
	for kills < wantKills {
		// A random point in the worker's life: 0.2 to 2 s after it started.
		time.Sleep(time.Duration(200+rng.IntN(1800)) * time.Millisecond)
		if !ws[1].running() || (!ws[0].running() && !ws[2].running()) {
			break // the crawl is over
		}
		lines := countLines(spec.out)
		ws[1].kill(t)
		kills++
		t.Logf("kill %d: w2 killed %v after its start; %d records written by all so far", kills, time.Since(ws[1].start).Round(time.Millisecond), lines)
		ws[1] = startWorker(t, spec, "w2")
	}
	if kills < 3 {
		t.Fatalf("the crawl ended after %d kills; the portal is too small for this test", kills)
	}
	waitAll(t, ws, scaleWait, 0)
	recs, torn := readOutputs(t, outputFiles(t, spec.out))
	t.Logf("%d records, %d torn last lines (of killed runs)", len(recs), torn)
	checkExactlyOnce(t, unionOf(p, recs))
	checkSummaries(t, ws)
	checkRequestLog(t, p, p.Requests(), politeness{
		hosts: scaleHosts, delay: politeDelay, concurrency: scaleConc, slack: scaleSlack,
	})
}

// One worker is killed with SIGKILL once and never comes back: the others
// finish the crawl (its leases expire and its URLs go back to the
// frontier) and every article is in the union. An article is written twice
// only when one copy is in the dead worker's output: a record it wrote but
// had not committed to the shared state, which another worker writes again
// in this run (if the URL's lease was still held) or in the next one (if
// it was acknowledged). So a rerun by the two survivors follows, and the
// duplicates over both runs are counted against the bound README states:
// at most one group commit of the dead worker (256 records, crawler/emitter.go
// commitEvery), and never more than it wrote.
func testScaleKillNoRestart(t *testing.T, bin string, srv *redistest.Server) {
	p := startScalePortal(t, scaleOptions(150))
	spec := sharedSpec(t, bin, srv.URL, "killonce", p)
	spec.extra = []string{"--redis-lease", scaleLease.String()}
	ws := startWorkers(t, spec, 3)
	victimLines := func() int {
		n := 0
		for _, f := range outputFiles(t, spec.out) {
			if fileOfWorker(f, "w2") {
				n += countLines(f)
			}
		}
		return n
	}
	if !waitFor(scaleWait, func() bool { return victimLines() >= 100 || !ws[1].running() }) || !ws[1].running() {
		t.Fatalf("w2 did not write 100 records (exit %d); stderr:\n%s", ws[1].code, tail(ws[1].stderr.String(), 2000))
	}
	ws[1].kill(t)
	killedAt := time.Now()
	t.Logf("w2 killed after writing %d records", victimLines())
	survivors := []*worker{ws[0], ws[2]}
	waitAll(t, survivors, scaleWait, 0)
	t.Logf("the other workers finished %v after the kill", time.Since(killedAt).Round(time.Millisecond))

	recs, torn := readOutputs(t, outputFiles(t, spec.out))
	u := unionOf(p, recs)
	checkComplete(t, u)
	checkSummaries(t, survivors)
	victimRecs := 0
	for _, r := range recs {
		if fileOfWorker(r.file, "w2") {
			victimRecs++
		}
	}
	// The crawl-wide summary counts the dead worker too: as one of the
	// run's workers, and with what it reported before the kill.
	survivorsEmitted := summaryEmitted(ws[0]) + summaryEmitted(ws[2])
	if n, emitted, ok := crawlWide(survivors); ok && (n != 3 || emitted < survivorsEmitted || emitted > survivorsEmitted+victimRecs) {
		t.Errorf("crawl-wide summary: %d workers, %d emitted; want 3 workers and at least the survivors' %d, at most %d with the dead worker's",
			n, emitted, survivorsEmitted, survivorsEmitted+victimRecs)
	} else {
		t.Logf("crawl-wide summary: %d workers, %d emitted (survivors %d, dead worker wrote %d)", n, emitted, survivorsEmitted, victimRecs)
	}
	checkDeadWorkerDuplicates(t, u, "w2")
	t.Logf("dead worker: %d records (%d torn last lines); duplicates in the run: %d", victimRecs, torn, len(u.duplicated))

	// The survivors run the crawl again; nothing changed on the portal.
	survivors = []*worker{startWorker(t, spec, "w1"), startWorker(t, spec, "w3")}
	waitAll(t, survivors, scaleWait, 0)
	checkSummaries(t, survivors)
	recs2, _ := readOutputs(t, outputFiles(t, spec.out))
	u2 := unionOf(p, recs2)
	checkComplete(t, u2)
	checkDeadWorkerDuplicates(t, u2, "w2")
	bound := min(256, victimRecs) // README: one group commit, crawler/emitter.go commitEvery
	t.Logf("the rerun emitted %d records; duplicates over both runs: %d (bound %d: one group commit of at most 256, and no more than it wrote)",
		len(recs2)-len(recs), len(u2.duplicated), bound)
	if len(u2.duplicated) > bound {
		t.Errorf("%d articles written twice over both runs; the dead worker could leave at most %d uncommitted records", len(u2.duplicated), bound)
	}
}

// checkDeadWorkerDuplicates asserts that every article written more than
// once has exactly two records, one of them in the output of the dead
// worker.
func checkDeadWorkerDuplicates(t *testing.T, u union, dead string) {
	t.Helper()
	for _, url := range u.duplicated {
		rs := u.byURL[url]
		inDead := 0
		var files []string
		for _, r := range rs {
			if fileOfWorker(r.file, dead) {
				inDead++
			}
			files = append(files, filepath.Base(r.file))
		}
		if len(rs) != 2 || inDead != 1 {
			t.Errorf("%s has %d records in %v; a duplicate must be one record of the dead worker and one of another", url, len(rs), files)
		}
	}
}

// startOwnRedis starts a redis-server for a test that stops it, or skips
// the test when NEWSPIPE_TEST_REDIS names a server it may not stop.
func startOwnRedis(t *testing.T) *redistest.Server {
	if os.Getenv(redistest.EnvServer) != "" {
		t.Skip("this test stops and restarts Redis; it needs its own server, not " + redistest.EnvServer)
	}
	return redistest.Start(t)
}

// waitMidRun waits until the workers have written a quarter of p's
// articles, and fails the test if the crawl ended before.
func waitMidRun(t *testing.T, p *realportal.Portal, ws []*worker, outs ...string) int {
	t.Helper()
	want := len(p.Articles()) / 4
	anyDone := func() bool {
		for _, w := range ws {
			if !w.running() {
				return true
			}
		}
		return false
	}
	if !waitFor(scaleWait, func() bool { return countLines(outs...) >= want || anyDone() }) || anyDone() {
		for _, w := range ws {
			t.Logf("worker %s (running %v, exit %d): stderr ends:\n%s", w.id, w.running(), w.code, tail(w.stderr.String(), 1500))
		}
		t.Fatalf("the workers did not write %d records while all running", want)
	}
	return countLines(outs...)
}

// Redis is stopped for three seconds mid-run and started again on the
// same data: the workers wait for it (--redis-timeout is longer) and the
// crawl finishes with every article exactly once.
func testScaleRedisRestart(t *testing.T, bin string) {
	srv := startOwnRedis(t)
	p := startScalePortal(t, scaleOptions(150))
	spec := sharedSpec(t, bin, srv.URL, "redisrestart", p)
	// The default --redis-lease of 30 s: nothing a worker held during the
	// outage may wait for its lease to expire (an early version ended the
	// crawl 36 s after Redis was back instead of 6).
	const lease = 30 * time.Second
	spec.extra = []string{"--redis-timeout", "30s", "--redis-lease", lease.String()}
	ws := startWorkers(t, spec, 3)
	n := waitMidRun(t, p, ws, spec.out)
	srv.Stop()
	t.Logf("Redis stopped after %d of %d records", n, len(p.Articles()))
	time.Sleep(3 * time.Second) // the outage itself
	for _, w := range ws {
		if !w.running() {
			t.Errorf("worker %s exited (%d) during a 3 s Redis outage with --redis-timeout 30s; stderr ends:\n%s", w.id, w.code, tail(w.stderr.String(), 2000))
		}
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	back := time.Now()
	waitAll(t, ws, scaleWait, 0)
	for _, w := range ws {
		d := w.end.Sub(back)
		t.Logf("worker %s finished %v after Redis came back", w.id, d.Round(time.Millisecond))
		if d > lease-5*time.Second {
			t.Errorf("worker %s finished %v after Redis came back: work held during the outage waited for its %v lease to expire",
				w.id, d.Round(time.Millisecond), lease)
		}
	}
	recs, torn := readOutputs(t, outputFiles(t, spec.out))
	if torn > 0 {
		t.Errorf("%d output files end in a torn line", torn)
	}
	checkExactlyOnce(t, unionOf(p, recs))
	checkSummaries(t, ws)
}

// Redis is stopped for longer than --redis-timeout: every worker stops
// with exit 1 and whole lines in its output. Once Redis is back, a rerun
// of the crawl finishes it, with every article exactly once over both
// runs.
func testScaleRedisGone(t *testing.T, bin string) {
	srv := startOwnRedis(t)
	p := startScalePortal(t, scaleOptions(150))
	spec := sharedSpec(t, bin, srv.URL, "redisgone", p)
	spec.out = filepath.Join(t.TempDir(), "news.jsonl") // the file form: news.WORKER.jsonl
	const timeout = 2 * time.Second
	spec.extra = []string{"--redis-timeout", timeout.String()}
	ws := startWorkers(t, spec, 3)
	n := waitMidRun(t, p, ws, spec.out)
	srv.Stop()
	stopped := time.Now()
	t.Logf("Redis stopped after %d of %d records", n, len(p.Articles()))
	waitAll(t, ws, 60*time.Second, 1)
	var last time.Duration
	for _, w := range ws {
		last = max(last, w.end.Sub(stopped))
		// --redis-timeout bounds the wait for Redis, not each of the
		// Redis calls a stopping worker still makes (commit, release,
		// leave): it must be gone soon after the timeout.
		if d := w.end.Sub(stopped); d > timeout+5*time.Second {
			t.Errorf("worker %s exited %v after Redis went away; --redis-timeout is %v; stderr ends:\n%s",
				w.id, d.Round(time.Millisecond), timeout, tail(w.stderr.String(), 1200))
		}
		if !strings.Contains(strings.ToLower(w.stderr.String()), "redis") {
			t.Errorf("worker %s stopped without naming Redis; stderr ends:\n%s", w.id, tail(w.stderr.String(), 1500))
		}
	}
	t.Logf("the last worker stopped %v after Redis (--redis-timeout %v)", last.Round(time.Millisecond), timeout)
	recs, torn := readOutputs(t, outputFiles(t, spec.out))
	if torn > 0 {
		t.Errorf("%d output files end in a torn line after exit 1", torn)
	}
	t.Logf("%d records before the rerun", len(recs))

	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	ws = startWorkers(t, spec, 3)
	waitAll(t, ws, scaleWait, 0)
	files := outputFiles(t, spec.out)
	recs, _ = readOutputs(t, files)
	checkExactlyOnce(t, unionOf(p, recs))
	checkSummaries(t, ws)
	for _, w := range ws {
		if n := countLines(strings.TrimSuffix(spec.out, ".jsonl") + "." + w.id + ".jsonl"); n == 0 {
			t.Errorf("no records in news.%s.jsonl (output files: %v)", w.id, files)
		}
	}
}
