package crawler_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
)

// This file holds the machinery of the scale-out tests (scaleout_test.go)
// and benchmark (scaleout_bench_test.go): building the newspipe binary,
// running `newspipe crawl` worker processes, reading their outputs and
// checking the portal's request log. The tests run real processes against
// a real redis-server and a real-page portal, so that what they prove holds
// for the command users run, not for an in-process stand-in.

// buildNewspipe builds cmd/newspipe into a temporary directory of tb and
// returns the binary's path. The go command's build cache makes a second
// build in the same test run cheap.
func buildNewspipe(tb testing.TB) string {
	tb.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(tb.TempDir(), "newspipe")
	cmd := exec.Command(goBin, "build", "-o", bin, "github.com/newspipe/newspipe/cmd/newspipe")
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build cmd/newspipe: %v\n%s", err, out)
	}
	return bin
}

// startScalePortal serves the real-page portal, or skips the test when the
// shared corpus is absent.
func startScalePortal(tb testing.TB, opts realportal.Options) *realportal.Portal {
	tb.Helper()
	p, err := realportal.Start(opts)
	if errors.Is(err, realportal.ErrNoCorpus) {
		tb.Skip("scale-out tests: shared/corpus not found beside the repository (set NEWSPIPE_CORPUS); skipping")
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(p.Close)
	return p
}

// seedsOf returns the home page of every host of p.
func seedsOf(p *realportal.Portal, hosts int) []string {
	var seeds []string
	for i := range hosts {
		seeds = append(seeds, p.URL(i)+"/")
	}
	return seeds
}

// crawlSpec is one crawl's command line, shared by its workers; only
// --worker-id differs between them.
type crawlSpec struct {
	bin         string
	redis       string // --redis; "" runs the single-process bbolt crawl
	crawlID     string
	state       string // --state, shared by the workers unless stateFor is set
	out         string // --out: a directory ending in "/" or a file
	delay       time.Duration
	concurrency int
	extra       []string // more flags
	seeds       []string
	env         []string // added to the environment
	// stateFor and outFor, when set, give each worker its own --state and
	// --out, as on separate machines.
	stateFor, outFor func(workerID string) string
}

// args returns the command line of worker id.
func (s crawlSpec) args(id string) []string {
	state, out := s.state, s.out
	if s.stateFor != nil {
		state = s.stateFor(id)
	}
	if s.outFor != nil {
		out = s.outFor(id)
	}
	a := []string{"crawl", "--state", state, "--out", out,
		"--delay", s.delay.String(), "--concurrency", strconv.Itoa(s.concurrency),
		"--timeout", "10s", "--max-depth", "10", "--no-progress"}
	if s.redis != "" {
		a = append(a, "--redis", s.redis, "--crawl-id", s.crawlID, "--worker-id", id)
	}
	a = append(a, s.extra...)
	return append(a, s.seeds...)
}

// worker is one running `newspipe crawl` process.
type worker struct {
	id     string
	cmd    *exec.Cmd
	stderr *syncBuffer
	done   chan struct{} // closed when the process has exited
	code   int           // exit status, valid once done is closed; -1 if killed by a signal
	start  time.Time
	end    time.Time
}

// syncBuffer is a bytes.Buffer that the process's stderr copier and the
// test may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startWorker starts worker id of spec. The process is killed when tb ends
// if it still runs.
func startWorker(tb testing.TB, spec crawlSpec, id string) *worker {
	tb.Helper()
	w := &worker{id: id, stderr: &syncBuffer{}, done: make(chan struct{})}
	w.cmd = exec.Command(spec.bin, spec.args(id)...)
	w.cmd.Env = append(os.Environ(), spec.env...)
	w.cmd.Stderr = w.stderr
	w.start = time.Now()
	if err := w.cmd.Start(); err != nil {
		tb.Fatalf("start worker %s: %v", id, err)
	}
	go func() {
		err := w.cmd.Wait()
		w.end = time.Now()
		w.code = 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			w.code = ee.ExitCode()
		} else if err != nil {
			w.code = -2
		}
		close(w.done)
	}()
	tb.Cleanup(func() {
		select {
		case <-w.done:
		default:
			w.cmd.Process.Kill()
			<-w.done
		}
	})
	return w
}

// startWorkers starts workers w1 ... wn of spec.
func startWorkers(tb testing.TB, spec crawlSpec, n int) []*worker {
	var ws []*worker
	for i := 1; i <= n; i++ {
		ws = append(ws, startWorker(tb, spec, "w"+strconv.Itoa(i)))
	}
	return ws
}

// running reports whether w has not exited yet.
func (w *worker) running() bool {
	select {
	case <-w.done:
		return false
	default:
		return true
	}
}

// wait waits for w to exit, up to timeout, and returns its exit status; on
// timeout it fails the test, printing the end of the worker's stderr.
func (w *worker) wait(tb testing.TB, timeout time.Duration) int {
	tb.Helper()
	select {
	case <-w.done:
		return w.code
	case <-time.After(timeout):
		w.cmd.Process.Signal(syscall.SIGQUIT) // goroutine dump on stderr
		select {
		case <-w.done:
		case <-time.After(5 * time.Second):
			w.cmd.Process.Kill()
			<-w.done
		}
		log, dump, _ := strings.Cut(w.stderr.String(), "SIGQUIT: quit")
		tb.Fatalf("worker %s still running after %v; its log ends:\n%s\nits newspipe goroutines:\n%s",
			w.id, timeout, tail(log, 3000), ownGoroutines(dump, 12000))
		return -1
	}
}

// ownGoroutines returns the goroutines of a Go traceback dump that run
// newspipe code, up to max bytes.
func ownGoroutines(dump string, max int) string {
	var b strings.Builder
	for _, g := range strings.Split(dump, "\n\n") {
		if strings.Contains(g, "newspipe/newspipe/") && b.Len()+len(g) < max {
			b.WriteString(g)
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// kill sends SIGKILL to w and waits for it to die.
func (w *worker) kill(tb testing.TB) {
	tb.Helper()
	if err := w.cmd.Process.Signal(syscall.SIGKILL); err != nil && w.running() {
		tb.Fatalf("kill worker %s: %v", w.id, err)
	}
	<-w.done
}

// waitAll waits for every worker and fails the test unless each exits with
// want.
func waitAll(tb testing.TB, ws []*worker, timeout time.Duration, want int) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for _, w := range ws {
		code := w.wait(tb, time.Until(deadline))
		if code != want {
			tb.Errorf("worker %s exited %d, want %d; stderr ends:\n%s", w.id, code, want, tail(w.stderr.String(), 3000))
		}
	}
}

// tail returns the last n bytes of s.
func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// waitFor polls cond every 10 ms until it holds or timeout passes, and
// reports whether it held.
func waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// record is one output line: the fields the tests use, and where it was.
type record struct {
	URL         string  `json:"url"`
	ContentHash *string `json:"content_hash"`
	Body        string  `json:"body"`
	file        string
}

// outputFiles returns the output files under the given --out paths: the
// *.jsonl and *.jsonl.part files of a directory, or for a file PATH/NAME.EXT
// every PATH/NAME-*.EXT beside it (the per-worker names) and the file itself.
func outputFiles(tb testing.TB, outs ...string) []string {
	tb.Helper()
	seen := map[string]bool{}
	var files []string
	add := func(pattern string) {
		m, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range m {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	for _, out := range outs {
		if fi, err := os.Stat(out); strings.HasSuffix(out, "/") || (err == nil && fi.IsDir()) {
			add(filepath.Join(out, "*.jsonl"))
			add(filepath.Join(out, "*.jsonl.part"))
			continue
		}
		ext := filepath.Ext(out)
		base := strings.TrimSuffix(out, ext)
		add(base + ".*" + ext)
		add(base + "-*" + ext)
		add(out)
	}
	sort.Strings(files)
	return files
}

// readOutputs parses every record of files. A last line without its
// newline (a worker killed mid-write) is not a record; torn counts them.
func readOutputs(tb testing.TB, files []string) (recs []record, torn int) {
	tb.Helper()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if len(b) > 0 && b[len(b)-1] != '\n' {
			torn++
			b = b[:bytes.LastIndexByte(b, '\n')+1]
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
		for n := 1; sc.Scan(); n++ {
			var r record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				tb.Errorf("%s line %d: not a JSON record: %v", f, n, err)
				continue
			}
			r.file = f
			recs = append(recs, r)
		}
	}
	return recs, torn
}

// countLines counts the complete lines of the output files under outs, for
// polling a crawl's progress.
func countLines(outs ...string) int {
	n := 0
	for _, out := range outs {
		var files []string
		if fi, err := os.Stat(out); strings.HasSuffix(out, "/") || (err == nil && fi.IsDir()) {
			a, _ := filepath.Glob(filepath.Join(out, "*.jsonl"))
			b, _ := filepath.Glob(filepath.Join(out, "*.jsonl.part"))
			files = append(a, b...)
		} else {
			ext := filepath.Ext(out)
			a, _ := filepath.Glob(strings.TrimSuffix(out, ext) + ".*" + ext)
			b, _ := filepath.Glob(strings.TrimSuffix(out, ext) + "-*" + ext)
			files = append(append(a, b...), out)
		}
		for _, f := range files {
			b, _ := os.ReadFile(f)
			n += bytes.Count(b, []byte{'\n'})
		}
	}
	return n
}

// fileOfWorker reports whether output file f belongs to worker id: its
// name, without .part, ends in ".ID.jsonl" (or "-ID.jsonl").
func fileOfWorker(f, id string) bool {
	name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(f), ".part"), ".jsonl")
	return strings.HasSuffix(name, "."+id) || strings.HasSuffix(name, "-"+id)
}

// union is the union of the workers' outputs, per article URL.
type union struct {
	byURL      map[string][]record
	articles   map[string]realportal.Article
	missing    []string // articles with no record
	duplicated []string // articles with more than one record
	strangers  []string // records that are not articles of the portal
}

// unionOf groups recs by URL against p's articles.
func unionOf(p *realportal.Portal, recs []record) union {
	u := union{byURL: map[string][]record{}, articles: map[string]realportal.Article{}}
	for _, a := range p.Articles() {
		u.articles[a.URL] = a
	}
	for _, r := range recs {
		u.byURL[r.URL] = append(u.byURL[r.URL], r)
	}
	for url := range u.articles {
		switch n := len(u.byURL[url]); {
		case n == 0:
			u.missing = append(u.missing, url)
		case n > 1:
			u.duplicated = append(u.duplicated, url)
		}
	}
	for url := range u.byURL {
		if _, ok := u.articles[url]; !ok {
			u.strangers = append(u.strangers, url)
		}
	}
	sort.Strings(u.missing)
	sort.Strings(u.duplicated)
	sort.Strings(u.strangers)
	return u
}

// checkComplete asserts that every article of p has a record with a
// content hash and that no record is something else; it does not look at
// duplicates.
func checkComplete(tb testing.TB, u union) {
	tb.Helper()
	if len(u.missing) > 0 {
		tb.Errorf("%d of %d articles have no record, e.g. %s", len(u.missing), len(u.articles), firstFew(u.missing))
	}
	if len(u.strangers) > 0 {
		tb.Errorf("%d records are not articles of the portal, e.g. %s", len(u.strangers), firstFew(u.strangers))
	}
	for url, rs := range u.byURL {
		for _, r := range rs {
			if r.ContentHash == nil || *r.ContentHash == "" {
				tb.Errorf("%s (in %s): no content_hash", url, filepath.Base(r.file))
			}
		}
	}
}

// checkExactlyOnce asserts that the union holds every article of p exactly
// once and nothing else.
func checkExactlyOnce(tb testing.TB, u union) {
	tb.Helper()
	checkComplete(tb, u)
	if len(u.duplicated) > 0 {
		var ex []string
		for _, url := range u.duplicated[:min(5, len(u.duplicated))] {
			var files []string
			for _, r := range u.byURL[url] {
				files = append(files, filepath.Base(r.file))
			}
			ex = append(ex, fmt.Sprintf("%s in %v", url, files))
		}
		tb.Errorf("%d articles have more than one record, e.g.\n  %s", len(u.duplicated), strings.Join(ex, "\n  "))
	}
}

func firstFew(s []string) string {
	if len(s) > 5 {
		return strings.Join(s[:5], ", ") + ", …"
	}
	return strings.Join(s, ", ")
}

// politeness is what the request log must show per host.
type politeness struct {
	hosts       int
	delay       time.Duration         // --delay
	crawlDelay  map[int]time.Duration // Crawl-delay per host index
	concurrency int                   // --concurrency
	// slack is the tolerance of a spacing: the log times a request when
	// the server's handler starts, and the crawler takes its slot a
	// little before it sends; on a busy machine either can lag by a
	// scheduling delay. At most 5% of the gaps may be short by more than
	// slack, none by more than half the delay (see checkRequestLog).
	slack time.Duration
	// retryAfter is the portal's Retry-After, checked when the
	// unavailable article is served.
	retryAfter time.Duration
	// fetchOnce asks for the run's fetch-once guarantees too: robots.txt
	// once per host, no URL twice, every article once. A run with killed
	// workers refetches what they held, so it checks politeness only.
	fetchOnce bool
}

// hostReport sums up one host's requests for the test log.
type hostReport struct {
	requests, articles   int
	minGap               time.Duration
	maxInFlight          int
	violations, robotsNo int
}

// checkRequestLog asserts, per host across all workers together, that
// request starts are spaced by the delay (the Crawl-delay where larger),
// that no more than concurrency requests are in flight, that no disallowed
// path is requested, that robots.txt is fetched once, that no URL is
// fetched twice (but for answers that ask for a retry: 429 and 5xx) and
// that every article is fetched with a 200 exactly once. After a 503 with
// Retry-After, no worker may ask the host again before it passes.
//
// Spacing is judged three ways, because the log's times are the server's:
// at most 0.5% of the gaps between two fetches are shorter than half the
// delay (a worker that kept only its own delay, or a slot granted twice,
// would show such gaps all the time: a third of them or more), at most 5%
// are shorter than the delay less pol.slack, and no second holds more
// starts than the delay allows (plus the in-flight requests). The time from
// taking a turn to reaching the portal's handler varies on a busy machine:
// on two cores, with --delay 50ms on eight hosts, 0.6 to 2.2% of the Redis
// crawl's gaps were 5 to 14 ms short and the single-process bbolt crawl's
// 1.5%, down to 23 ms; with the turn taken in the transport right before
// sending, none on a quiet machine, but a machine loaded by other test
// suites delayed a few requests by up to 47 ms (33 of 2,568 gaps short, 4
// below half the delay).
func checkRequestLog(tb testing.TB, p *realportal.Portal, reqs []realportal.Request, pol politeness) {
	tb.Helper()
	byHost := make([][]realportal.Request, pol.hosts)
	for _, r := range reqs {
		byHost[r.Host] = append(byHost[r.Host], r)
	}
	okFetches := map[string]int{} // host|path of /news/ answered 200
	unavailable := 0              // 503s served, so that the Retry-After check is not vacuous
	gaps, short, half := 0, 0, 0  // over all hosts, for the 5% and 0.5% rules
	var halfExamples []string
	var shortExamples []string
	for h, rs := range byHost {
		gap := pol.delay
		if cd := pol.crawlDelay[h]; cd > gap {
			gap = cd
		}
		rep := hostReport{requests: len(rs), minGap: time.Hour}
		urls := map[string]int{}
		var dupURLs []string
		hops := redirectHops(rs)
		prev := -1 // the last request that was not a redirect hop
		for i, r := range rs {
			if realportal.Disallowed(r.Path) {
				tb.Errorf("host %d: disallowed path requested: %s", h, r.Path)
			}
			key := r.Path
			if r.Query != "" {
				key += "?" + r.Query
			}
			if r.Status != 429 && r.Status < 500 && !hops[i] {
				if urls[key]++; urls[key] == 2 {
					dupURLs = append(dupURLs, key)
				}
			}
			if r.Path == "/robots.txt" {
				rep.robotsNo++
			}
			if strings.HasPrefix(r.Path, "/news/") && r.Status == 200 {
				okFetches[fmt.Sprintf("%d|%s", h, r.Path)]++
				rep.articles++
			}
			{ // hops too: in a shared crawl a hop waits for its host's turn
				if prev >= 0 {
					d := r.Start.Sub(rs[prev].Start)
					rep.minGap = min(rep.minGap, d)
					gaps++
					what := fmt.Sprintf("host %d %s %v after %s", h, r.Path, d.Round(time.Microsecond), rs[prev].Path)
					if d < gap-pol.slack {
						short++
						rep.violations++
						if len(shortExamples) < 8 {
							shortExamples = append(shortExamples, what)
						}
					}
					if d < gap/2 {
						half++
						if len(halfExamples) < 5 {
							halfExamples = append(halfExamples, what)
						}
					}
				}
				prev = i
			}
			// In flight at r's start: earlier requests not yet ended.
			inFlight := 1
			for _, q := range rs[:i] {
				if q.End.After(r.Start) {
					inFlight++
				}
			}
			rep.maxInFlight = max(rep.maxInFlight, inFlight)
			if r.Status == 503 && pol.retryAfter > 0 {
				unavailable++
				// Slots granted before the worker that got the 503 could
				// share its pause (at most concurrency of them) may still
				// reach the portal; a worker ignoring the pause would ask
				// about once per delay.
				var early []string
				for _, q := range rs[i+1:] {
					if !q.Start.Before(r.End) && q.Start.Before(r.End.Add(pol.retryAfter-pol.slack)) {
						early = append(early, fmt.Sprintf("%s %v after", q.Path, q.Start.Sub(r.End).Round(time.Millisecond)))
					}
				}
				if len(early) > pol.concurrency {
					tb.Errorf("host %d: %d requests within a 503's Retry-After of %v (at most %d already granted may): %s",
						h, len(early), pol.retryAfter, pol.concurrency, strings.Join(early, ", "))
				} else if len(early) > 0 {
					tb.Logf("host %d: requests within the 503's Retry-After, granted before it was known: %s", h, strings.Join(early, ", "))
				}
			}
		}
		span := time.Duration(0)
		if len(rs) > 0 {
			span = rs[len(rs)-1].End.Sub(rs[0].Start)
		}
		tb.Logf("host %d: %d requests in %v, %d articles, smallest gap %v (want ≥ %v; %d shorter than %v), at most %d in flight",
			h, rep.requests, span.Round(time.Millisecond), rep.articles, rep.minGap.Round(time.Microsecond), gap,
			rep.violations, gap-pol.slack, rep.maxInFlight)
		if n, at := busiestSecond(rs); n > int(time.Second/gap)+1+pol.concurrency {
			tb.Errorf("host %d: %d requests started in the second from %s; --delay %v allows %d",
				h, n, at.Format("15:04:05.000"), gap, int(time.Second/gap)+1)
		}
		if rep.maxInFlight > pol.concurrency {
			tb.Errorf("host %d: %d requests in flight at once; --concurrency is %d", h, rep.maxInFlight, pol.concurrency)
		}
		if !pol.fetchOnce {
			continue
		}
		if rep.robotsNo != 1 {
			tb.Errorf("host %d: robots.txt requested %d times; want once per run", h, rep.robotsNo)
		}
		if len(dupURLs) > 0 {
			sort.Strings(dupURLs)
			tb.Errorf("host %d: %d URLs requested more than once, e.g. %s", h, len(dupURLs), firstFew(dupURLs))
		}
	}
	if half > 0 {
		tb.Logf("%d of %d gaps shorter than half the delay (at most 0.5%% may be), e.g. %s", half, gaps, strings.Join(halfExamples, "; "))
	}
	if half*200 > gaps {
		tb.Errorf("%d of %d gaps between fetches of one host are shorter than half the delay (at most 0.5%% may be): %s",
			half, gaps, strings.Join(halfExamples, "; "))
	}
	if short*20 > gaps {
		tb.Errorf("%d of %d gaps between fetches of one host are shorter than the delay less %v (at most 5%% may be), e.g.\n  %s",
			short, gaps, pol.slack, strings.Join(shortExamples, "\n  "))
	}
	tb.Logf("%d of %d gaps between fetches of one host shorter than the delay less %v", short, gaps, pol.slack)
	if pol.retryAfter > 0 && unavailable < pol.hosts {
		tb.Errorf("the portal served %d 503s on %d hosts; the Retry-After check needs the unavailable article on each", unavailable, pol.hosts)
	}
	for _, a := range p.Articles() {
		if !pol.fetchOnce {
			break
		}
		if n := okFetches[fmt.Sprintf("%d|/news/%d.html", a.Host, a.ID)]; n != 1 {
			tb.Errorf("article %s fetched with a 200 %d times; want once", a.URL, n)
		}
	}
}

// busiestSecond returns the largest number of requests (redirect hops
// included) of one host that started within one second, and when that
// second began. Unlike the spacing of neighbours it is blind to a few requests
// bunched by the crawler's own delays, and sees a rate above the delay's,
// such as every worker keeping its own delay.
func busiestSecond(rs []realportal.Request) (int, time.Time) {
	starts := make([]time.Time, 0, len(rs))
	for _, r := range rs { // hops too: they wait for their host's turn
		starts = append(starts, r.Start)
	}
	best, at := 0, time.Time{}
	j := 0
	for i, s := range starts {
		for s.Sub(starts[j]) >= time.Second {
			j++
		}
		if n := i - j + 1; n > best {
			best, at = n, starts[j]
		}
	}
	return best, at
}

// redirectTarget is where the portal's redirect path goes (see
// realportal.Redirects), "" for other paths.
func redirectTarget(path string) string {
	dir, file := filepath.Split(path)
	switch dir {
	case "/old/", "/go/":
		return "/news/" + file
	case "/out/":
		return "/private/" + file
	case "/loop/":
		return map[string]string{"1.html": "/loop/2.html", "2.html": "/loop/1.html"}[file]
	}
	return ""
}

// redirectHops marks the requests of one host that follow a redirect: the
// first request of the redirect's target starting within a second of the
// redirect's answer. The crawler follows a redirect within one fetch: a hop
// is not claimed as a URL of its own (a redirect loop is followed until
// colly's hop limit), and in a shared crawl it waits for its host's turn
// like any request (up to a few delays when other workers wait too), so
// fetch-once is checked on fetches, not hops. Articles are still counted
// on every 200.
func redirectHops(rs []realportal.Request) map[int]bool {
	hops := map[int]bool{}
	for i, q := range rs {
		if q.Status < 300 || q.Status > 399 {
			continue
		}
		target := redirectTarget(q.Path)
		for j := i + 1; j < len(rs) && rs[j].Start.Before(q.End.Add(time.Second)); j++ {
			if rs[j].Path == target && !hops[j] && !rs[j].Start.Before(q.End) {
				hops[j] = true
				break
			}
		}
	}
	return hops
}

// requestsSince returns the requests of p that started at or after t.
func requestsSince(p *realportal.Portal, t time.Time) []realportal.Request {
	var out []realportal.Request
	for _, r := range p.Requests() {
		if !r.Start.Before(t) {
			out = append(out, r)
		}
	}
	return out
}

// summaryEmitted returns the number of records worker w's summary says it
// emitted, or -1 when it printed no summary.
func summaryEmitted(w *worker) int {
	summaryRe := regexp.MustCompile(`(?m)^newspipe crawl [^\n]*articles: (\d+) emitted`)
	m := summaryRe.FindAllStringSubmatch(w.stderr.String(), -1)
	if len(m) == 0 {
		return -1
	}
	n, _ := strconv.Atoi(m[len(m)-1][1])
	return n
}

// crawlWide returns the workers and emitted records of the crawl-wide
// summary the workers logged; ok is false unless exactly one logged it.
func crawlWide(ws []*worker) (workers, emitted int, ok bool) {
	crawlWideRe := regexp.MustCompile(`crawl-wide \(all (\d+) workers of the run\):[^\n]*articles: (\d+) emitted`)
	found := 0
	for _, w := range ws {
		if m := crawlWideRe.FindStringSubmatch(w.stderr.String()); m != nil {
			found++
			workers, _ = strconv.Atoi(m[1])
			emitted, _ = strconv.Atoi(m[2])
		}
	}
	return workers, emitted, found == 1
}

// checkSummaries asserts that every worker printed its own summary and that
// exactly one of them (the last out) logged the crawl-wide summary.
func checkSummaries(tb testing.TB, ws []*worker) {
	tb.Helper()
	wide := 0
	for _, w := range ws {
		s := w.stderr.String()
		if summaryEmitted(w) < 0 {
			tb.Errorf("worker %s printed no summary; stderr ends:\n%s", w.id, tail(s, 2000))
		}
		if strings.Contains(s, "crawl-wide") {
			wide++
		}
	}
	if wide != 1 {
		tb.Errorf("%d workers logged a crawl-wide summary; want exactly one (the last out)", wide)
	} else if _, _, ok := crawlWide(ws); !ok {
		tb.Errorf("the crawl-wide summary does not read \"crawl-wide (all N workers of the run): … articles: N emitted\"")
	}
}
