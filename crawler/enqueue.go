package crawler

import (
	"net/url"
	"strings"
	"sync"

	"github.com/newspipe/newspipe/store"
)

// target is a URL about to be queued.
type target struct {
	url     string
	kind    string
	depth   int
	seed    bool
	cal     int
	carried int
	revisit bool // an article revisited for edits: not a dead link check
	next    bool // found as rel=next or rel=prev: a listing's other page
}

// enqueue normalizes, filters and queues targets discovered together (on
// one page, feed or sitemap): one frontier transaction decides which are
// new in this run, one more queues them. It returns the targets that passed
// the filters, as hub links (see hubLink), whether or not they were new.
// It does no network I/O. A stopping run queues nothing more.
func (c *crawl) enqueue(ts []target, fromCal int) []string {
	if c.ctx.Err() != nil {
		return nil
	}
	return c.queueTargets(ts, fromCal)
}

// queueTargets is enqueue, even while the run stops: for requests that
// must not be lost, such as those carried over from the last run, which
// TakeCarry has already taken out of the frontier's carry.
func (c *crawl) queueTargets(ts []target, fromCal int) []string {
	if len(ts) == 0 {
		return nil
	}
	kept := c.filter(ts, fromCal)
	if len(kept) == 0 {
		return nil
	}
	hub := make([]string, len(kept))
	for i, t := range kept {
		hub[i] = hubLink(t.kind, t.url)
	}
	fresh, err := c.unseen(kept)
	if err != nil {
		c.fail(err)
		return hub
	}
	if len(fresh) == 0 {
		return hub // the common case on article pages: no write at all
	}
	skip, err := c.deadLinks(fresh)
	if err != nil {
		c.fail(err)
		return hub
	}
	skip = c.robotsBlocked(fresh, skip)
	jobs := make([]store.Job, len(fresh))
	for i, t := range fresh {
		u, _ := url.Parse(t.url)
		spec := jobSpec{Kind: t.kind, Depth: t.depth, Seed: t.seed, Cal: t.cal, Carried: t.carried}
		jobs[i] = store.Job{Host: originOf(u), URL: t.url, Data: spec.encode(), Hub: isHub(t, u)}
	}
	// Dead and disallowed links are marked seen too, so that the next page
	// linking one does not look it up again.
	isNew, err := c.env.Frontier.EnqueueNew(c.ioCtx, jobs, true, func(j store.Job) bool { return skip[j.URL] == "" })
	if err != nil {
		c.fail(err)
		return hub
	}
	for _, t := range fresh { // all marked seen, queued or not
		c.seen.add(t.url)
	}
	// Pages read at once can all find a link unseen; only the one whose
	// write marked it seen counts its skip or its queueing.
	for i, ok := range isNew {
		switch {
		case !ok:
		case skip[jobs[i].URL] != "":
			c.cnt.skip(skip[jobs[i].URL])
		default:
			c.sched.added(jobs[i].Host, 1)
			if c.isShared && fresh[i].seed { // queued by this process only
				c.seeds.Add(1)
			}
		}
	}
	return hub
}

// isHub reports a target that leads to other pages rather than being read
// for itself: a feed, a sitemap, a listing's next or previous page, or a
// URL shaped like a home, section, pagination or calendar page. The
// frontier fetches a host's hubs ahead of its other queued requests (see
// store.Job.Hub), as news crawlers do for freshness: the articles a
// listing leads to are found while the ones it listed before are fetched,
// instead of after them.
func isHub(t target, u *url.URL) bool {
	return t.kind != kindPage || t.next || u != nil && classifyURL(u) == shapeListing
}

// filter normalizes targets and drops duplicates, off-site links, files,
// links too deep and calendar chains too long.
func (c *crawl) filter(ts []target, fromCal int) []target {
	kept := make([]target, 0, len(ts))
	local := make(map[string]bool, len(ts))
	for _, t := range ts {
		n := Normalize(t.url)
		if n == "" || local[n] {
			continue
		}
		local[n] = true
		u, err := url.Parse(n)
		if err != nil || c.siteOf(hostOf(u)) == nil {
			continue // off-site links are not counted: there are too many
		}
		if t.kind == kindPage {
			if skippedByExtension(u) {
				continue
			}
			if t.depth > c.cfg.MaxDepth {
				c.cnt.skip("depth")
				continue
			}
			if isCalendar(u) {
				t.cal = fromCal + 1
				if t.cal > c.cfg.MaxCalendarDepth {
					c.cnt.skip("calendar_trap")
					continue
				}
			}
		}
		t.url = n
		kept = append(kept, t)
	}
	return kept
}

// unseen returns the targets whose URL was not seen yet in this run, read
// without taking the frontier's write lock (EnqueueNew checks again).
// URLs known seen (see seenCache) are not looked up: the links every page
// of a site repeats (menus, home, sections) cost no transaction.
func (c *crawl) unseen(ts []target) ([]target, error) {
	ts = c.seen.drop(ts)
	if len(ts) == 0 {
		return nil, nil
	}
	keys := make([]string, len(ts))
	for i, t := range ts {
		keys[i] = t.url
	}
	unseen, err := c.env.Frontier.Unseen(c.ioCtx, keys)
	if err != nil {
		return nil, err
	}
	var fresh []target
	for i, t := range ts {
		if unseen[i] {
			fresh = append(fresh, t)
		} else {
			c.seen.add(t.url)
		}
	}
	return fresh, nil
}

// seenCache remembers URLs the frontier holds as seen in this run, which
// they stay until the run ends, so that unseen need not ask again. It is
// bounded: two generations of at most seenCacheSize URLs each, the older
// dropped when the newer fills, so memory stays flat and the URLs found
// most often stay in.
type seenCache struct {
	mu        sync.Mutex
	cur, prev map[string]struct{}
}

const seenCacheSize = 2048

// drop returns the targets not known seen (ts itself when none is).
func (s *seenCache) drop(ts []target) []target {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []target
	for i, t := range ts {
		if s.has(t.url) {
			if out == nil {
				out = append(make([]target, 0, len(ts)), ts[:i]...)
			}
			continue
		}
		if out != nil {
			out = append(out, t)
		}
	}
	if out == nil {
		return ts
	}
	return out
}

func (s *seenCache) has(u string) bool {
	if _, ok := s.cur[u]; ok {
		return true
	}
	_, ok := s.prev[u]
	if ok {
		s.cur[u] = struct{}{} // still in use: keep it
	}
	return ok
}

// add records u as seen in this run.
func (s *seenCache) add(u string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil || len(s.cur) >= seenCacheSize {
		s.prev, s.cur = s.cur, make(map[string]struct{}, seenCacheSize)
	}
	s.cur[u] = struct{}{}
}

// deadLinks returns the pages among ts that answered 404 or 410 within
// DeadLinkTTL; such links (common inside articles) are not requested again
// until then. It looks them up before the frontier's write transaction,
// which it would otherwise hold.
func (c *crawl) deadLinks(ts []target) (map[string]string, error) {
	if c.cfg.DeadLinkTTL <= 0 {
		return nil, nil
	}
	var urls []string
	for _, t := range ts {
		if t.kind == kindPage && !t.seed {
			urls = append(urls, t.url)
		}
	}
	if len(urls) == 0 {
		return nil, nil
	}
	pages, err := c.env.State.Pages(c.ioCtx, urls)
	if err != nil {
		return nil, err
	}
	dead := map[string]string{}
	for i, p := range pages {
		if !p.DeadAt.IsZero() && c.start.Sub(p.DeadAt) < c.cfg.DeadLinkTTL {
			dead[urls[i]] = "dead_link"
		}
	}
	return dead, nil
}

// robotsBlocked adds to skip the targets that their host's robots.txt,
// already known, disallows (see transport.knownDisallowed), and returns
// skip (made when nil and needed). Skips map URLs to the reason counted.
func (c *crawl) robotsBlocked(ts []target, skip map[string]string) map[string]string {
	for _, t := range ts {
		if t.seed || skip[t.url] != "" {
			continue
		}
		u, err := url.Parse(t.url)
		if err != nil || !c.tr.knownDisallowed(u, c.cfg.UserAgent) {
			continue
		}
		if skip == nil {
			skip = map[string]string{}
		}
		skip[t.url] = "robots"
	}
	return skip
}

// hubLink encodes a link kept in State for revisiting after a 304.
func hubLink(kind, u string) string { return kind[:1] + " " + u }

// parseHubLink decodes hubLink.
func parseHubLink(s string) (kind, u string) {
	k, u, _ := strings.Cut(s, " ")
	switch k {
	case "f":
		return kindFeed, u
	case "s":
		return kindSitemap, u
	}
	return kindPage, u
}
