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
	// cpu, when positive, confines each process to that many cores (see
	// confineCPU).
	cpu float64
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
	if spec.cpu > 0 {
		if err := confineCPU(tb, w.cmd.Process.Pid, spec.cpu); err != nil {
			w.cmd.Process.Kill()
			tb.Fatalf("worker %s: %v", id, err)
		}
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
