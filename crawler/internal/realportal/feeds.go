package realportal

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// feedSize is how many of the newest articles the feed lists, besides the
// feed-only ones.
const feedSize = 20

// serveRSS answers the RSS feed: the newest articles found in several ways
// and the feed-only ones, linked with tracking parameters when Tracking is
// on (the guid keeps the plain URL).
func (p *Portal) serveRSS(w http.ResponseWriter, r *http.Request, h *host) {
	p.mu.Lock()
	var items []story
	newest := 0
	for i := len(h.stories) - 1; i >= 0; i-- {
		switch s := h.stories[i]; {
		case s.onlyIn == InFeed:
			items = append(items, *s)
		case s.onlyIn == "" && newest < feedSize:
			items = append(items, *s)
			newest++
		}
	}
	mod := lastModified(h)
	p.mu.Unlock()

	track := ""
	if p.on(Tracking) {
		track = "?utm_source=rss&utm_medium=feed"
	}
	site := siteName(h.index)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<rss version="2.0"><channel>` + "\n")
	fmt.Fprintf(&b, "<title>%s</title><link>%s/</link><description>%s 最新新闻</description><lastBuildDate>%s</lastBuildDate>\n",
		xmlText(site), h.base, xmlText(site), mod.Format(time.RFC1123Z))
	for _, s := range items {
		u := h.base + newsPath(s.id)
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"true\">%s</guid><pubDate>%s</pubDate></item>\n",
			xmlText(s.page.title), xmlText(u+track), u, s.published.Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>\n")
	body := []byte(b.String())
	p.send(w, r, "application/rss+xml; charset=utf-8", fmt.Sprintf(`"f%x"`, hash64(b.String())), mod, body)
}

// serveSitemapIndex answers the sitemap index named in robots.txt.
func (p *Portal) serveSitemapIndex(w http.ResponseWriter, r *http.Request, h *host) {
	p.mu.Lock()
	mod := lastModified(h)
	p.mu.Unlock()
	body := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`+"\n"+
		"<sitemap><loc>%s/sitemap-news.xml.gz</loc><lastmod>%s</lastmod></sitemap>\n</sitemapindex>\n",
		h.base, mod.Format(time.RFC3339))
	p.send(w, r, "application/xml; charset=utf-8", fmt.Sprintf(`"i%x"`, hash64(body)), mod, []byte(body))
}

// serveSitemap answers the gzipped news sitemap: every article found in
// several ways and the sitemap-only ones, at their canonical URLs (the
// moved article too, which the listings link at its old URL).
func (p *Portal) serveSitemap(w http.ResponseWriter, r *http.Request, h *host) {
	p.mu.Lock()
	var items []story
	for i := len(h.stories) - 1; i >= 0; i-- {
		if s := h.stories[i]; s.onlyIn == "" || s.onlyIn == InSitemap {
			items = append(items, *s)
		}
	}
	mod := lastModified(h)
	p.mu.Unlock()

	var x bytes.Buffer
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n")
	for _, s := range items {
		lang := "zh"
		if s.page.kind == kindEN {
			lang = "en"
		}
		fmt.Fprintf(&x, "<url><loc>%s%s</loc><lastmod>%s</lastmod><news:news><news:publication><news:name>%s</news:name><news:language>%s</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n",
			h.base, newsPath(s.id), s.modified.Format(time.RFC3339), xmlText(siteName(h.index)), lang, s.published.Format(time.RFC3339), xmlText(s.page.title))
	}
	x.WriteString("</urlset>\n")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz) // no name or time in the header: same bytes, same ETag
	zw.Write(x.Bytes())
	zw.Close()
	p.send(w, r, "application/x-gzip", fmt.Sprintf(`"s%x"`, hash64(gz.String())), mod, gz.Bytes())
}

// xmlText escapes s for XML character data.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
