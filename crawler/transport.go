package crawler

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/newspipe/newspipe/store"
)

// origContentType carries the server's Content-Type past colly: the
// transport strips the charset parameter so that colly never transcodes the
// body, and the crawler restores the header before calling extract.Extract.
const origContentType = "X-Newspipe-Content-Type"

// maxCrawlDelay caps a robots.txt Crawl-delay.
const maxCrawlDelay = 30 * time.Second

// maxRobotsBytes bounds a robots.txt body (Google reads 500 KiB).
const maxRobotsBytes = 512 << 10

// transport is the http.RoundTripper under colly. It never waits: the
// scheduler starts a request only when its host's politeness allows, so the
// request timeout covers the request alone. It counts the requests that
// reach the network, pauses a host that answers with Retry-After, answers
// robots.txt from a per-host cache (one fetch per host per run; bounded by
// the allowed hosts), and hides the charset from colly.
type transport struct {
	base    http.RoundTripper
	cnt     *counters
	sched   *scheduler
	ua      string
	maxBody int64

	mu     sync.Mutex
	robots map[string]*robotsEntry // key: scheme://host:port
	shared Coordinator             // turns and pauses shared by every process of a shared crawl
	hold   time.Duration           // of a shared fetch slot (see crawl.slotHold)
	cap    int                     // requests per host per run, all processes together (Config.MaxHostPages)
}

type robotsEntry struct {
	ready  chan struct{}
	status int
	body   []byte
	data   *robotstxt.RobotsData
	err    error
}

func newTransport(base http.RoundTripper, cnt *counters, sched *scheduler, ua string, maxBody int64) *transport {
	return &transport{base: base, cnt: cnt, sched: sched, ua: ua, maxBody: maxBody, robots: map[string]*robotsEntry{}}
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == "/robots.txt" && req.URL.RawQuery == "" {
		e := t.robotsEntry(req.Context(), req.URL)
		if e.err != nil {
			return nil, e.err
		}
		return &http.Response{
			Status: fmt.Sprintf("%d %s", e.status, http.StatusText(e.status)), StatusCode: e.status,
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{"Content-Type": {"text/plain"}}, Body: io.NopCloser(bytes.NewReader(e.body)),
			ContentLength: int64(len(e.body)), Request: req,
		}, nil
	}
	if err := req.Context().Err(); err != nil {
		return nil, err // stopping: the request never leaves
	}
	if slot := req.Header.Get(slotHeader); slot != "" {
		req = req.Clone(req.Context())
		req.Header.Del(slotHeader)
		release, err := t.takeTurn(req, slot)
		if err != nil {
			return nil, err
		}
		defer release()
	} else if req.Response != nil {
		if err := t.awaitHop(req); err != nil {
			return nil, err
		}
	}
	t.cnt.requests.Add(1)
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if d, ok := retryAfter(resp.Header, time.Now()); ok {
			if t.sched.pause(originOf(req.URL), time.Now().Add(d)) {
				t.cnt.skip("long_pause")
			}
			if t.shared != nil {
				// A failure to share the pause leaves it to this process.
				// The other processes need it even when this one stops.
				_ = t.shared.Pause(context.WithoutCancel(req.Context()), originOf(req.URL), d)
			}
		}
	}
	ct := resp.Header.Get("Content-Type")
	resp.Header.Set(origContentType, ct)
	if mt, _, err := mime.ParseMediaType(ct); err == nil {
		resp.Header.Set("Content-Type", mt)
	} else if ct != "" {
		resp.Header.Del("Content-Type")
	}
	if !resp.Uncompressed && isGzipped(req.URL.Path, resp.Header) {
		// colly would gunzip with no bound on the output (a 10 MiB bomb
		// can expand to gigabytes); do it here, bounded, and tell colly
		// the body is already plain.
		resp.Body = newBoundedGunzip(resp.Body, t.maxBody+1)
		resp.Uncompressed = true
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
	}
	return resp, nil
}

func isGzipped(p string, h http.Header) bool {
	return strings.Contains(strings.ToLower(h.Get("Content-Encoding")), "gzip") ||
		strings.Contains(strings.ToLower(h.Get("Content-Type")), "gzip") ||
		strings.HasSuffix(strings.ToLower(p), ".gz")
}

// boundedGunzip decompresses a body that starts with the gzip magic bytes,
// reading at most limit decompressed bytes, and passes anything else
// through unchanged (servers label plain files .gz too).
type boundedGunzip struct {
	src   io.ReadCloser
	r     io.Reader
	limit int64
}

func newBoundedGunzip(src io.ReadCloser, limit int64) *boundedGunzip {
	return &boundedGunzip{src: src, limit: limit}
}

func (g *boundedGunzip) Read(p []byte) (int, error) {
	if g.r == nil {
		br := bufio.NewReader(g.src)
		magic, _ := br.Peek(2)
		g.r = br
		if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
			zr, err := gzip.NewReader(br)
			if err != nil {
				return 0, err
			}
			g.r = io.LimitReader(zr, g.limit)
		}
	}
	return g.r.Read(p)
}

func (g *boundedGunzip) Close() error { return g.src.Close() }

// robotsEntry returns the robots.txt of u's origin, fetching it once.
func (t *transport) robotsEntry(ctx context.Context, u *url.URL) *robotsEntry {
	key := u.Scheme + "://" + u.Host
	t.mu.Lock()
	e := t.robots[key]
	if e != nil {
		t.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return &robotsEntry{err: ctx.Err()}
		}
		return e
	}
	e = &robotsEntry{ready: make(chan struct{})}
	t.robots[key] = e
	t.mu.Unlock()
	defer close(e.ready)
	e.status, e.body, e.err = t.fetchRobots(ctx, key+"/robots.txt")
	if e.err == nil {
		e.data, e.err = robotstxt.FromStatusAndBytes(e.status, e.body)
	}
	if e.err != nil {
		// An unreachable robots.txt: stay away from the host for this run.
		e.err = fmt.Errorf("robots.txt of %s: %w", u.Host, e.err)
	}
	return e
}

// knowRobots caches the robots.txt of origin (scheme://host:port) that
// another process of a shared crawl fetched, unless one is cached already.
func (t *transport) knowRobots(origin string, status int, body []byte) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.robots[origin] != nil {
		return
	}
	e := &robotsEntry{ready: make(chan struct{}), status: status, body: body}
	e.data, e.err = robotstxt.FromStatusAndBytes(status, body)
	close(e.ready)
	t.robots[origin] = e
}

func (t *transport) fetchRobots(ctx context.Context, target string) (int, []byte, error) {
	for hop := 0; hop < 5; hop++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return 0, nil, err
		}
		req.Header.Set("User-Agent", t.ua)
		resp, err := t.base.RoundTrip(req)
		if err != nil {
			return 0, nil, err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
		resp.Body.Close()
		if err != nil {
			return 0, nil, err
		}
		if loc := resp.Header.Get("Location"); resp.StatusCode >= 300 && resp.StatusCode < 400 && loc != "" {
			next, err := req.URL.Parse(loc)
			if err != nil {
				return 0, nil, err
			}
			target = next.String()
			continue
		}
		return resp.StatusCode, body, nil
	}
	return http.StatusNotFound, nil, nil // too many redirects: as if absent
}

// allowed reports whether robots.txt lets agent fetch u, fetching robots.txt
// if needed. It tests the path the way colly does.
func (t *transport) allowed(ctx context.Context, u *url.URL, agent string) (bool, error) {
	e := t.robotsEntry(ctx, u)
	if e.err != nil {
		return false, e.err
	}
	return e.allows(u, agent), nil
}

// knownDisallowed reports whether the robots.txt of u's host, when it is
// already known (never fetched or waited for here), disallows u: links to
// disallowed paths found on a host's pages then never enter the queue,
// where each would cost a queue write, a take and an acknowledgement only
// to be dropped. A URL whose host's robots.txt is not known yet is checked
// when it is taken, as every request is.
func (t *transport) knownDisallowed(u *url.URL, agent string) bool {
	t.mu.Lock()
	e := t.robots[originOf(u)]
	t.mu.Unlock()
	if e == nil {
		return false
	}
	select {
	case <-e.ready:
	default:
		return false
	}
	return e.err == nil && !e.allows(u, agent)
}

// allows tests u against the robots.txt group of agent.
func (e *robotsEntry) allows(u *url.URL, agent string) bool {
	g := e.data.FindGroup(agent)
	if g == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.Query().Encode()
	}
	return g.Test(p)
}

// originOf returns scheme://host:port of u: the key of its host's queue
// and politeness.
func originOf(u *url.URL) string { return u.Scheme + "://" + u.Host }

// retryAfter parses a Retry-After header (seconds or an HTTP date).
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

// awaitHop holds a redirect hop of a crawl of one process until its
// host's politeness clock allows it: the scheduler spaced the task's first
// request, and without this its hops would follow it at once.
func (t *transport) awaitHop(req *http.Request) error {
	wait := t.sched.hop(originOf(req.URL))
	if wait <= 0 {
		return nil
	}
	tm := time.NewTimer(wait)
	defer tm.Stop()
	select {
	case <-tm.C:
		return nil
	case <-req.Context().Done():
		return req.Context().Err()
	}
}

// slotHeader carries a request's shared fetch slot name from the crawl to
// the transport, which takes the host's turn under it right before sending
// and removes the header.
const slotHeader = "X-Newspipe-Slot"

// turnDenied is the error of a request whose host's shared turn went to
// another process: the request did not leave; it waits for another turn.
type turnDenied struct{ wait time.Duration }

func (e *turnDenied) Error() string {
	return fmt.Sprintf("the host's turn is another worker's for %v", e.wait)
}

// hostCapped is the error of a request not sent because its host has had
// its cap of requests for the run from the processes of a shared crawl
// together: the host is set aside, as a process alone sets it aside at its
// own count.
type hostCapped struct{ err error }

func (e *hostCapped) Error() string { return e.err.Error() }

// sharedError is a failure of the shared crawl's Coordinator: it ends the
// run like a state error.
type sharedError struct{ err error }

func (e *sharedError) Error() string { return e.err.Error() }

// takeTurn takes the fetch slot named slot on req's host, shared by every
// process of the crawl, as late as possible: the delay between two
// requests to a host is then measured between their sends, whatever each
// process did before. A refused first request returns turnDenied; a
// redirect hop waits for its host's turn. A hop to the host of the fetch's
// first request runs under the slot that request holds (released with the
// task); a hop to another host takes a slot of its own there, which the
// returned release frees once the hop's answer arrives: its delay is what
// matters, and the task ends elsewhere. The hop counts toward no host cap:
// it is part of the first request's fetch, as in a crawl of one process.
func (t *transport) takeTurn(req *http.Request, slot string) (release func(), err error) {
	origin := originOf(req.URL)
	limit := t.cap
	release = func() {}
	if req.Response != nil {
		if originOf(firstRequest(req).URL) != origin {
			limit = 0
			release = func() {
				// A failure only keeps the slot until its hold runs out.
				_ = t.shared.Release(context.WithoutCancel(req.Context()), origin, slot)
			}
		}
	}
	return release, t.acquireTurn(req, origin, slot, limit)
}

// firstRequest returns the request that began req's chain of redirects.
func firstRequest(req *http.Request) *http.Request {
	for req.Response != nil && req.Response.Request != nil {
		req = req.Response.Request
	}
	return req
}

// staleTurn is the part of a host's delay after which a granted turn that
// has only just reached this process is not used: see acquireTurn.
const staleTurn = 10

// lateGrant reports whether a turn asked for at asked reached this process
// too late to be used on a host with delay gap.
func lateGrant(asked time.Time, gap time.Duration) bool {
	return gap > 0 && time.Since(asked) > gap/staleTurn
}

// acquireTurn waits for a slot on origin (see takeTurn).
//
// A turn starts when the Coordinator grants it, somewhere within the call
// that asks for it, and another process's turn may start a delay later: a
// grant whose answer took a good part of the delay to arrive (a starved
// process, a slow link to the Coordinator) would send this request close
// to the next one. Such a turn is taken again under the same slot (the
// retake is refused until the delay from the late grant has passed, and
// counts toward no concurrency or cap again), once: a Coordinator slower
// than that every time still gets its requests sent.
func (t *transport) acquireTurn(req *http.Request, origin, slot string, limit int) error {
	gap, conc := t.sched.politenessByName(origin)
	retaken := false
	for {
		// Waiting for a turn stops with the request (and so with the run):
		// that is not a failure of the Coordinator.
		asked := time.Now()
		ok, wait, err := t.shared.Acquire(req.Context(), origin, slot, gap, conc, t.hold, limit)
		switch {
		case errors.Is(err, store.ErrHostCapped):
			return &hostCapped{err}
		case err != nil && req.Context().Err() != nil:
			return req.Context().Err()
		case err != nil:
			return &sharedError{err}
		case ok && !retaken && lateGrant(asked, gap):
			retaken = true
			continue
		case ok:
			return nil
		case req.Response == nil && (!retaken || wait > gap):
			// A retake waits here only for the late grant's delay: a
			// longer wait (a pause another process set, slots held) goes
			// back to the scheduler, which sets a host aside past
			// MaxPause. The run's release frees the slot.
			return &turnDenied{wait}
		}
		select {
		case <-time.After(wait):
		case <-req.Context().Done():
			return req.Context().Err()
		}
	}
}
