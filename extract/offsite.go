package extract

import (
	"net/url"
	"strings"
)

// A link to another site says what a list is. A feed of teasers (related
// stories, the most read) links the site's own pages; a roundup of projects,
// products or sources inside an article links out to the sites it presents.

// pageHost returns the host of the page's URL, "" when unknown.
func pageHost(u *url.URL) string {
	if u == nil {
		return ""
	}
	return u.Hostname()
}

// siteOf reduces a host name to its last two labels ("www.example.com",
// "news.example.com" → "example.com"). Under a two-part suffix ("bbc.co.uk")
// this gives the suffix itself, so sites there look alike: links among them
// count as on-site, which is what counting no link as off-site gave before.
func siteOf(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	i := strings.LastIndexByte(host, '.')
	if i <= 0 {
		return host
	}
	if j := strings.LastIndexByte(host[:i], '.'); j >= 0 {
		return host[j+1:]
	}
	return host
}

// isOffSite reports an absolute http(s) link (or a scheme-relative one) to
// a site other than site, and whether the link is absolute at all.
func isOffSite(href, site string) (off, abs bool) {
	href = strings.TrimSpace(href)
	var rest string
	switch {
	case strings.HasPrefix(href, "//"):
		rest = href[2:]
	case len(href) > 8 && strings.EqualFold(href[:8], "https://"):
		rest = href[8:]
	case len(href) > 7 && strings.EqualFold(href[:7], "http://"):
		rest = href[7:]
	default:
		return false, false // relative: the same site
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.Contains(rest[i:], "]") {
		rest = rest[:i]
	}
	return rest != "" && siteOf(rest) != site, true
}

// offSiteShare reports whether most of block b's link text leads to other
// sites. Only a page that links its own site by absolute URL somewhere is
// asked: without one the page's URL is likely not where it was published (a
// copy, an archive, a test fixture), and every link would look off-site.
func (w *blockWalker) offSiteShare(b *block) bool {
	return w.onSite > 0 && 2*b.extRunes > b.linkRunes
}
