package crawler

import "strings"

// indexSites maps every allowed domain of sites to the first site, in
// configuration order, that allows it.
func indexSites(sites []Site) map[string]int {
	idx := map[string]int{}
	for i, s := range sites {
		for _, d := range s.AllowDomains {
			if _, ok := idx[d]; !ok {
				idx[d] = i
			}
		}
	}
	return idx
}

// siteOf returns the site whose allowed domains include host (the domain
// itself or a parent of it), or nil; the first in configuration order when
// several do. It looks up host and each parent domain rather than every
// site's list: a crawl of hundreds of portals asks this for every link.
func (c *crawl) siteOf(host string) *Site {
	best := -1
	for d := host; ; {
		if i, ok := c.siteIndex[d]; ok && (best < 0 || i < best) {
			best = i
		}
		dot := strings.IndexByte(d, '.')
		if dot < 0 {
			break
		}
		d = d[dot+1:]
	}
	if best < 0 {
		return nil
	}
	return &c.cfg.Sites[best]
}
