package crawler

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
)

// sitemapEntries parses a sitemap or a sitemap index (plain or gzipped,
// including Google News sitemaps, whose <url> entries carry <news:news>) and
// returns the page URLs and the child sitemap URLs it lists.
func sitemapEntries(body []byte, maxBytes int64) (pages, children []string, err error) {
	var r io.Reader = bytes.NewReader(body)
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, nil, fmt.Errorf("sitemap gzip: %w", err)
		}
		defer zr.Close()
		r = io.LimitReader(zr, maxBytes) // a bounded gunzip: no zip bombs
	}
	dec := xml.NewDecoder(r)
	dec.CharsetReader = charset.NewReaderLabel
	dec.Strict = false
	var inIndex bool
	var stack []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			if len(pages)+len(children) > 0 {
				break // keep what a cut-off sitemap gave
			}
			return nil, nil, fmt.Errorf("sitemap: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if name == "sitemapindex" {
				inIndex = true
			}
			stack = append(stack, name)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			n := len(stack)
			if n < 2 || stack[n-1] != "loc" {
				continue
			}
			loc := strings.TrimSpace(string(t))
			if loc == "" {
				continue
			}
			switch parent := stack[n-2]; {
			case parent == "sitemap" || inIndex && parent != "url":
				children = append(children, loc)
			case parent == "url":
				pages = append(pages, loc)
			}
		}
	}
	if !inIndex && len(pages) == 0 && len(children) == 0 && !bytes.Contains(body, []byte("urlset")) {
		return nil, nil, fmt.Errorf("sitemap: no <urlset> or <sitemapindex>")
	}
	return pages, children, nil
}

// feedLinks parses an RSS, Atom or JSON feed and returns its item links.
func feedLinks(body []byte) ([]string, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	var links []string
	for _, it := range f.Items {
		switch {
		case it.Link != "":
			links = append(links, it.Link)
		case len(it.Links) > 0:
			links = append(links, it.Links[0])
		case strings.HasPrefix(it.GUID, "http"):
			links = append(links, it.GUID)
		}
	}
	return links, nil
}

// isFeedType reports whether a <link type> names an RSS or Atom feed.
func isFeedType(t string) bool {
	t = strings.ToLower(t)
	return strings.Contains(t, "rss") || strings.Contains(t, "atom") || t == "application/feed+json"
}
