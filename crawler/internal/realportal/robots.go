package realportal

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// robots returns host h's robots.txt: a group that shuts out another bot
// (so a crawler must pick its own group), the disallowed paths and the
// optional Crawl-delay for every other agent, and the sitemap index.
func (p *Portal) robots(h *host) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# robots.txt for %s\n", h.base)
	b.WriteString("User-agent: BadBot\nDisallow: /\n\n")
	b.WriteString("User-agent: *\nDisallow: /private/\nDisallow: /search\n")
	if d := p.opts.CrawlDelay[h.index]; d > 0 {
		fmt.Fprintf(&b, "Crawl-delay: %s\n", strconv.FormatFloat(d, 'f', -1, 64))
	}
	fmt.Fprintf(&b, "\nSitemap: %s/sitemap_index.xml\n", h.base)
	return b.String()
}

func (p *Portal) serveRobots(w http.ResponseWriter, r *http.Request, h *host) {
	body := []byte(p.robots(h))
	p.send(w, r, "text/plain; charset=utf-8", fmt.Sprintf(`"r%x"`, hash64(string(body))), publishedAt(0), body)
}
