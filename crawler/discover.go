package crawler

import (
	"fmt"
	"net/url"

	"github.com/newspipe/newspipe/store"
)

// discover queues the run's starting points: the requests left by an
// unfinished run and those carried over by the last one, or, for a new run,
// the seeds, their sitemaps and feeds, and the recent articles to revisit.
func (c *crawl) discover(resume store.Resume) {
	for h, n := range resume.Queued {
		c.sched.added(h, n)
	}
	if resume.Resumed {
		c.log.Info("continuing the unfinished run", "started", resume.Started, "queued", sum(resume.Queued))
	} else {
		c.seed()
		c.revisitRecent()
	}
	c.takeCarry()
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// seed queues the seeds, /sitemap.xml of each seed's origin (robots.txt
// Sitemap: lines follow when robots.txt is read) and the configured feeds
// and sitemaps.
func (c *crawl) seed() {
	for i := range c.cfg.Sites {
		s := &c.cfg.Sites[i]
		var ts []target
		for _, seed := range s.Seeds {
			if !c.isShared { // shared: counted when queued (see enqueue)
				c.seeds.Add(1)
			}
			ts = append(ts, target{url: seed, kind: kindPage, depth: 1, seed: true})
		}
		for _, seed := range s.Seeds {
			u, _ := url.Parse(seed)
			origin := u.Scheme + "://" + u.Host
			if !c.origins[origin] {
				c.origins[origin] = true
				ts = append(ts, target{url: origin + "/sitemap.xml", kind: kindSitemap, depth: 1})
			}
		}
		for _, sm := range s.Sitemaps {
			ts = append(ts, target{url: sm, kind: kindSitemap, depth: 1})
		}
		for _, f := range s.Feeds {
			ts = append(ts, target{url: f, kind: kindFeed, depth: 1})
		}
		c.enqueue(ts, 0)
	}
}

// revisitRecent queues the articles emitted within the revisit window, so
// that an edit is caught even when the article is listed only in a feed or
// a sitemap that answers 304.
func (c *crawl) revisitRecent() {
	if c.cfg.RevisitWindow <= 0 {
		return
	}
	var ts []target
	err := c.env.State.Recent(c.ioCtx, c.start.Add(-c.cfg.RevisitWindow), func(u string) error {
		ts = append(ts, target{url: u, kind: kindPage, depth: 2, revisit: true})
		if len(ts) == 512 {
			c.enqueue(ts, 0)
			ts = ts[:0]
		}
		return nil
	})
	if err != nil {
		c.fail(fmt.Errorf("state: recent articles: %w", err))
		return
	}
	c.enqueue(ts, 0)
}

// takeCarry queues the requests an earlier run carried over because their
// host was set aside; after maxCarries runs they are given up.
func (c *crawl) takeCarry() {
	if c.ctx.Err() != nil {
		return // stopping already: the carried requests wait for the next run
	}
	jobs, err := c.env.Frontier.TakeCarry(c.ioCtx)
	if err != nil {
		c.fail(err)
		return
	}
	var ts []target
	for _, j := range jobs {
		spec, err := decodeSpec(j.Data)
		if err != nil {
			continue
		}
		if spec.Carried >= maxCarries {
			c.cnt.skip("given_up")
			c.log.Warn("given up after being carried over several runs", "url", j.URL, "runs", spec.Carried)
			continue
		}
		ts = append(ts, target{url: j.URL, kind: spec.Kind, depth: spec.Depth, seed: spec.Seed, cal: spec.Cal, carried: spec.Carried + 1})
	}
	if len(ts) > 0 {
		c.log.Info("requests carried over from the last run", "count", len(ts))
	}
	c.queueTargets(ts, 0) // taken out of the carry: queued even if the run stops meanwhile
}

// maxCarries bounds how many runs in a row a request is carried over.
const maxCarries = 3
