package crawler

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// Site drift: a site's share of articles with a field, compared at the end
// of each completed run with its recent runs. A portal whose redesign broke
// date or author extraction shows as a sharp drop.
const (
	driftMinArticles = 10  // a run with fewer articles of a site says little
	driftMinRuns     = 2   // recent runs needed before judging
	driftKeepRuns    = 10  // runs kept per site
	driftFloor       = 0.5 // the field was found in at least half the articles...
	driftDrop        = 0.3 // ...and its share fell by 30 points or more, to at most half
)

// coverage counts, per site (host), the run's articles with each field.
type coverage struct {
	mu    sync.Mutex
	sites map[string]*store.Coverage // bounded by the allowed hosts
}

func newCoverage() *coverage { return &coverage{sites: map[string]*store.Coverage{}} }

// add counts article a of the page at u.
func (c *coverage) add(u *url.URL, a *extract.Article) {
	has := store.Fields{Title: a.Title, Source: a.Source, Editor: a.Editor, Body: a.Body,
		Published: a.PublishedAt, Authors: len(a.Authors)}.Present()
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.sites[u.Hostname()]
	if s == nil {
		s = &store.Coverage{Has: map[string]int{}}
		c.sites[u.Hostname()] = s
	}
	s.Articles++
	for _, f := range has {
		s.Has[f]++
	}
}

// checkDrift records each site's coverage of this run in State and returns,
// for the sites whose coverage of a field dropped sharply against their
// recent runs, one line each ("host: date 96%→0%, authors 80%→10%").
func (c *crawl) checkDrift(now time.Time) ([]string, error) {
	c.cov.mu.Lock()
	hosts := make([]string, 0, len(c.cov.sites))
	for h, s := range c.cov.sites {
		if s.Articles >= driftMinArticles {
			hosts = append(hosts, h)
		}
	}
	c.cov.mu.Unlock()
	sort.Strings(hosts)
	var drifts []string
	for _, h := range hosts {
		c.cov.mu.Lock()
		cur := *c.cov.sites[h]
		c.cov.mu.Unlock()
		cur.At = now
		hist, err := c.env.State.AddCoverage(c.ioCtx, h, cur, driftKeepRuns)
		if err != nil {
			return drifts, fmt.Errorf("state: coverage of %s: %w", h, err)
		}
		if d := drifted(hist, cur); d != "" {
			drifts = append(drifts, h+": "+d)
		}
	}
	return drifts, nil
}

// drifted describes the fields whose share in cur fell sharply against
// the mean of the recent runs in hist ("" when none did).
func drifted(hist []store.Coverage, cur store.Coverage) string {
	var recent []store.Coverage
	for _, h := range hist {
		if h.Articles >= driftMinArticles {
			recent = append(recent, h)
		}
	}
	if len(recent) < driftMinRuns {
		return ""
	}
	var parts []string
	for _, f := range store.CoverageFields {
		was := 0.0
		for _, h := range recent {
			was += h.Share(f)
		}
		was /= float64(len(recent))
		now := cur.Share(f)
		if was >= driftFloor && was-now >= driftDrop && now <= was/2 {
			parts = append(parts, fmt.Sprintf("%s %.0f%%→%.0f%%", f, 100*was, 100*now))
		}
	}
	return strings.Join(parts, ", ")
}
