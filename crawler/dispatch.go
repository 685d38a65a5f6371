package crawler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gocolly/colly/v2"

	"github.com/newspipe/newspipe/store"
)

// jobSpec is a queued request as the frontier stores it (the URL is kept
// beside it).
type jobSpec struct {
	Kind    string `json:"k"`
	Depth   int    `json:"d"`
	Seed    bool   `json:"s,omitempty"`
	Cal     int    `json:"c,omitempty"`
	Tries   int    `json:"t,omitempty"`
	Carried int    `json:"r,omitempty"` // runs it was carried over
}

// encode returns the spec as JSON, the bytes json.Marshal gives (older
// frontiers hold them), appended by hand: a request is encoded when queued
// and decoded when taken, and encoding/json's reflection cost more than
// the rest of both steps (see decodeSpec).
func (s jobSpec) encode() []byte {
	if !plainJSON(s.Kind) {
		b, _ := json.Marshal(s) // a struct of plain fields always encodes
		return b
	}
	b := make([]byte, 0, 48)
	b = append(b, `{"k":"`...)
	b = append(b, s.Kind...)
	b = append(b, `","d":`...)
	b = strconv.AppendInt(b, int64(s.Depth), 10)
	if s.Seed {
		b = append(b, `,"s":true`...)
	}
	for _, f := range [...]struct {
		name string
		v    int
	}{{`,"c":`, s.Cal}, {`,"t":`, s.Tries}, {`,"r":`, s.Carried}} {
		if f.v != 0 {
			b = strconv.AppendInt(append(b, f.name...), int64(f.v), 10)
		}
	}
	return append(b, '}')
}

// plainJSON reports whether s is encoded by JSON as itself between quotes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// decodeSpec decodes a spec. The form encode writes (any key order,
// plain strings, integers, true) is read by hand; anything else goes
// through encoding/json, which also reports the errors.
func decodeSpec(b []byte) (jobSpec, error) {
	s, ok := decodeSpecFast(b)
	if !ok {
		s = jobSpec{}
		if err := json.Unmarshal(b, &s); err != nil {
			return s, fmt.Errorf("queued request: %w", err)
		}
	}
	if s.Kind == "" {
		s.Kind = kindPage
	}
	return s, nil
}

// decodeSpecFast decodes the objects encode writes: {"k":"page","d":2,...}
// with known keys, each once, plain string values, int values without
// sign or leading zeros, and true. It reports false for anything else.
func decodeSpecFast(b []byte) (jobSpec, bool) {
	var s jobSpec
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return s, false
	}
	b = b[1 : len(b)-1]
	var have [6]bool
	for len(b) > 0 {
		if len(b) < 5 || b[0] != '"' || b[2] != '"' || b[3] != ':' {
			return s, false
		}
		key := b[1]
		b = b[4:]
		slot := strings.IndexByte("kdsctr", key)
		if slot < 0 || have[slot] {
			return s, false
		}
		have[slot] = true
		end := bytes.IndexByte(b, ',')
		if end < 0 {
			end = len(b)
		}
		v := b[:end]
		switch key {
		case 'k':
			if len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' || !plainJSON(string(v[1:len(v)-1])) {
				return s, false
			}
			s.Kind = string(v[1 : len(v)-1])
		case 's':
			if string(v) != "true" {
				return s, false
			}
			s.Seed = true
		default:
			n, ok := plainInt(v)
			if !ok {
				return s, false
			}
			switch key {
			case 'd':
				s.Depth = n
			case 'c':
				s.Cal = n
			case 't':
				s.Tries = n
			case 'r':
				s.Carried = n
			}
		}
		b = b[end:]
		if len(b) > 0 {
			if b = b[1:]; len(b) == 0 {
				return s, false // a trailing comma
			}
		}
	}
	return s, true
}

// plainInt parses a decimal integer as JSON writes it: an optional minus,
// no leading zeros, small enough for any int.
func plainInt(v []byte) (int, bool) {
	neg := len(v) > 0 && v[0] == '-'
	if neg {
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 9 || (v[0] == '0' && len(v) > 1) {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// newRequest returns the colly request for u: what
// colly.Collector.UnmarshalRequest makes of the JSON form of the request
// (see TestNewRequest), without encoding and decoding that JSON (a tenth
// of the crawl's own work outside extraction). colly has no other public
// constructor that binds a request to its collector and leaves its URL as
// url.Parse reads it, so the request is a copy of a template
// UnmarshalRequest made once (setup) with its fields set; its ID is the
// template's, colly numbers the request it sends (fetch) anew.
func (c *crawl) newRequest(u string, s jobSpec) (*colly.Request, error) {
	pu, err := url.Parse(u)
	if err != nil {
		return nil, err
	}
	ctx := colly.NewContext()
	ctx.Put(ctxKind, s.Kind)
	ctx.Put(ctxKey, u)
	if s.Seed {
		ctx.Put(ctxSeed, "1")
	}
	if s.Cal > 0 {
		ctx.Put(ctxCal, strconv.Itoa(s.Cal))
	}
	if s.Tries > 0 {
		ctx.Put(ctxTry, strconv.Itoa(s.Tries))
	}
	req := *c.reqTmpl
	var hdr http.Header // nil, as decoded: colly adds the collector's headers
	req.Method, req.URL, req.Depth, req.Body, req.Ctx, req.Headers = http.MethodGet, pu, s.Depth, bytes.NewReader(nil), ctx, &hdr
	return &req, nil
}

// jobRun is a request in flight, found by its colly context in handlers.
type jobRun struct {
	h       *host
	release func() // frees the host's slot; idempotent
	retryAt time.Time
	handled bool          // the response or the final error was dealt with
	denied  time.Duration // the shared turn was refused for this long (see transport.takeTurn)
}

// runOf returns the jobRun of a colly request context (nil for none).
func (c *crawl) runOf(ctx *colly.Context) *jobRun {
	if v, ok := c.jobs.Load(ctx); ok {
		return v.(*jobRun)
	}
	return nil
}

// dispatch starts tasks as the scheduler allows, at most Workers at once,
// until nothing is left, the run is cancelled or failed, or the page cap is
// reached; then it waits for the tasks in flight.
//
// Tasks run on worker goroutines that stay for the next task rather than
// on a goroutine each: a task's stack grows to what extraction needs
// (tens of KB), and growing a new goroutine's stack for every task, copy
// by copy, was 5% of the crawl's CPU. A worker is started when a task finds
// none idle, so there are never more than Workers.
func (c *crawl) dispatch() {
	var wg sync.WaitGroup
	defer wg.Wait()
	slots := make(chan struct{}, c.cfg.Workers)
	tasks := make(chan task) // to an idle worker
	defer close(tasks)
	run := func(t task) {
		defer func() { <-slots }()
		defer c.sched.finished()
		c.work(t)
	}
	worker := func(t task) {
		defer wg.Done()
		run(t)
		for t := range tasks {
			run(t)
		}
	}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for c.ctx.Err() == nil && !c.pageCapReached() {
		select {
		case slots <- struct{}{}:
		case <-c.ctx.Done():
			return
		}
		t, ok, wait, idle := c.sched.next()
		if !ok {
			<-slots
			if idle || c.syncDue() {
				work, err := c.syncShared()
				if err != nil {
					c.fail(err)
					return
				}
				switch {
				case idle && work == noWork:
					return
				case idle && work == queuedWork:
					continue
				case idle: // other processes hold requests that may queue more
					wait = sharedPoll
				}
			}
			c.sleep(timer, wait)
			continue
		}
		if !t.robots && t.retry == nil {
			c.mu.Lock()
			c.total++
			c.mu.Unlock()
		}
		select {
		case tasks <- t:
		default:
			wg.Add(1)
			go worker(t)
		}
	}
}

// sleep waits for the scheduler's signal, for wait when positive, or for
// the end of the run.
func (c *crawl) sleep(timer *time.Timer, wait time.Duration) {
	var tc <-chan time.Time
	if wait > 0 {
		timer.Reset(wait)
		tc = timer.C
		defer timer.Stop()
	}
	select {
	case <-c.sched.wake:
	case <-tc:
	case <-c.ctx.Done():
	}
}

func (c *crawl) pageCapReached() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cfg.MaxPages > 0 && c.total >= c.cfg.MaxPages {
		c.capped = true
	}
	return c.capped
}

// work runs one task on a worker.
func (c *crawl) work(t task) {
	if t.robots {
		c.readRobots(t.h)
		return
	}
	run := &jobRun{h: t.h}
	var slot string // the shared fetch slot, freed with the host's own
	run.release = sync.OnceFunc(func() {
		c.sched.released(t.h)
		if slot != "" {
			c.releaseSlot(t.h, slot)
		}
	})
	defer run.release()
	j, ok := c.take(t)
	if !ok {
		return
	}
	spec, err := decodeSpec(j.Data)
	if err != nil {
		c.log.Warn("dropped a damaged queued request", "url", j.URL, "err", err)
		c.done(j)
		return
	}
	slot = c.newSlot()
	req, err := c.newRequest(j.URL, spec)
	if err != nil {
		c.log.Warn("dropped a bad queued request", "url", j.URL, "err", err)
		c.done(j)
		return
	}
	if ok, err := c.tr.allowed(c.ctx, req.URL, c.cfg.UserAgent); err != nil || !ok {
		c.cnt.skip("robots")
		c.log.Debug("disallowed by robots.txt", "url", j.URL)
		c.done(j)
		return
	}
	if slot != "" {
		// The transport takes the shared turn right before sending, so
		// that no work of ours falls between the turn and the request.
		if req.Headers == nil {
			req.Headers = &http.Header{}
		}
		if *req.Headers == nil {
			*req.Headers = http.Header{}
		}
		req.Headers.Set(slotHeader, slot)
	}
	c.jobs.Store(req.Ctx, run)
	req.Do() // the outcome reaches onResponse or onError
	c.jobs.Delete(req.Ctx)
	switch {
	case run.denied > 0:
		c.awaitTurn(t, j, run.denied)
	case !run.handled || c.ctx.Err() != nil:
		// Stopped mid-request, or while its links were being queued (the
		// queueing stops with the run): the request stays taken in the
		// frontier and the next run handles it again. An article found
		// twice this way is emitted once (see emitter).
	case !run.retryAt.IsZero():
		spec.Tries++
		j.Data = spec.encode()
		if err := c.env.Frontier.Retry(c.ioCtx, j); err != nil {
			c.fail(err)
			return
		}
		c.sched.retryLater(t.h, j, run.retryAt)
	default:
		c.done(j)
	}
}

// popBatch is how many requests of one host are taken from the frontier in
// one transaction; they wait in memory for their turn (a killed run's next
// run queues them again).
const popBatch = 16

// poppedJob is a request taken from the frontier, waiting for its turn.
type poppedJob struct {
	job     store.Job
	claimed bool
}

// take returns the request of a task: its retry, or the next in its host's
// queue, claimed for this fetch. ok is false when there is nothing to fetch.
func (c *crawl) take(t task) (store.Job, bool) {
	if t.retry != nil {
		return *t.retry, true
	}
	p, ok, err := c.popped(t.h)
	j, claimed := p.job, p.claimed
	switch {
	case err != nil:
		if !c.stopped(err) {
			c.fail(err)
		}
		return j, false
	case !ok:
		return j, false
	case !claimed:
		c.cnt.skip("duplicate")
		c.log.Debug("already fetched through a redirect", "url", j.URL)
		c.done(j)
		return j, false
	}
	return j, true
}

// popped returns the next request of host, taking a batch from the frontier
// when none is waiting; when the frontier has none either, it corrects the
// host's count (see scheduler.emptied). Hosts pop one at a time, each under
// its own lock, so that a shared frontier's round trips for one host do not
// hold up the others.
func (c *crawl) popped(h *host) (poppedJob, bool, error) {
	mu, _ := c.popLocks.LoadOrStore(h.name, &sync.Mutex{})
	mu.(*sync.Mutex).Lock()
	defer mu.(*sync.Mutex).Unlock()
	c.popMu.Lock()
	if q := c.pops[h.name]; len(q) > 0 {
		c.pops[h.name] = q[1:]
		c.popMu.Unlock()
		return q[0], true, nil
	}
	c.popMu.Unlock()
	jobs, claimed, err := c.env.Frontier.PopN(c.ctx, h.name, popBatch)
	if err != nil {
		return poppedJob{}, false, err
	}
	if len(jobs) == 0 {
		c.sched.emptied(h)
		return poppedJob{}, false, nil
	}
	c.popMu.Lock()
	for i := 1; i < len(jobs); i++ {
		c.pops[h.name] = append(c.pops[h.name], poppedJob{jobs[i], claimed[i]})
	}
	c.popMu.Unlock()
	return poppedJob{jobs[0], claimed[0]}, true, nil
}

// done forgets a handled request. Its record must reach the output file
// before the request is acknowledged: the output holds lines in memory
// (store.Output), and a frontier that acknowledges at once (a shared
// crawl's) would otherwise let a killed worker lose an article whose
// request no one takes again. A frontier that writes its Done marks in
// batches flushes the output itself, once a batch (see doneDeferrer).
func (c *crawl) done(j store.Job) {
	if !c.doneDeferred {
		if err := c.em.flushOutput(); err != nil {
			c.fail(err)
			return
		}
	}
	if err := c.env.Frontier.Done(c.ioCtx, j.ID); err != nil {
		c.fail(err)
	}
}

// readRobots fetches the robots.txt of h (its first request): Crawl-delay
// raises the host's delay, Sitemap: lines of a seed's origin are queued, and
// an unreachable robots.txt sets the host aside for this run.
func (c *crawl) readRobots(h *host) {
	u, err := url.Parse(h.name)
	if err != nil {
		c.sched.robotsDone(h, 0, err)
		c.sched.released(h)
		return
	}
	slot, ok := c.sharedRobots(h)
	if !ok {
		c.sched.released(h)
		return
	}
	if slot != "" {
		defer c.releaseSlot(h, slot)
	}
	e := c.tr.robotsEntry(c.ctx, u)
	var delay time.Duration
	if e.err == nil {
		if g := e.data.FindGroup(c.cfg.UserAgent); g != nil && g.CrawlDelay > 0 {
			delay = min(g.CrawlDelay, maxCrawlDelay)
		}
	} else if c.ctx.Err() == nil {
		c.cnt.fail("robots_unreachable")
		c.log.Warn("robots.txt unreachable; host set aside until the next run", "host", h.name, "err", e.err)
	}
	c.sched.robotsDone(h, delay, e.err)
	c.sched.released(h)
	if e.err == nil && c.isShared {
		if _, _, err := c.shared.ShareRobots(c.ioCtx, h.name, e.status, e.body); err != nil {
			c.fail(err)
			return
		}
	}
	if e.err == nil && c.origins[h.name] && len(e.data.Sitemaps) > 0 {
		ts := make([]target, len(e.data.Sitemaps))
		for i, sm := range e.data.Sitemaps {
			ts[i] = target{url: sm, kind: kindSitemap, depth: 1}
		}
		c.enqueue(ts, 0)
	}
}
