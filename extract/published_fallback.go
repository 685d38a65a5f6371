package extract

import (
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file holds the last resorts for a page that states no publish date
// anywhere newspipe usually looks: the hAtom microformat's date titles,
// publish-date keys in a script's JSON state, and the page's modification
// time.

// scriptDateKeys are JSON keys that single-page apps and CMS APIs use for
// an item's publication time in the state they embed ("__NEXT_DATA__",
// "window.__INITIAL_STATE__"), in order of trust.
var scriptDateKeys = [...]string{`"datePublished"`, `"publishedAt"`, `"publishedDate"`, `"publishDate"`,
	`"publicationDate"`, `"published_at"`, `"publishedTime"`, `"firstPublishedAt"`}

// maxScriptScan bounds the script text searched for a date key.
const maxScriptScan = 1 << 20

// lastResortDate returns a publish date for a page with no other date
// candidate: an hAtom "published" title (<abbr class="published"
// title="2017-07-23T17:06:45+0000">), else the first publish-date key in
// an inline script's JSON, else the page's stated modification time (the
// metadata's, then an hAtom "updated" title). A modification time is an
// upper bound, and on such pages usually the day the item went up.
func lastResortDate(p *document, loc *time.Location) (time.Time, bool, bool) {
	var published, updated, script string
	scanned := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Script:
				if t := c.FirstChild; script == "" && t != nil && t.Type == html.TextNode && scanned < maxScriptScan {
					scanned += len(t.Data)
					script = scriptDateValue(t.Data)
				}
				continue
			case atom.Style, atom.Noscript, atom.Template:
				continue
			}
			if published == "" || updated == "" {
				if cls := attr(c, "class"); cls != "" {
					if v := attr(c, "title"); v != "" {
						for _, f := range strings.Fields(cls) {
							switch f {
							case "published", "dt-published":
								if published == "" {
									published = v
								}
							case "updated", "dt-updated":
								if updated == "" {
									updated = v
								}
							}
						}
					}
				}
			}
			walk(c)
		}
	}
	if p.root != nil {
		walk(p.root)
	}
	for _, s := range [...]string{published, script, p.meta.modified, modifiedMeta(p.meta.metas), updated} {
		if s == "" {
			continue
		}
		if t, hasTime, ok := parseDate(s, loc); ok {
			return t, hasTime, true
		}
	}
	return time.Time{}, false, false
}

// modifiedMeta returns the first modification-time <meta>.
func modifiedMeta(metas map[string]string) string {
	for _, k := range modifiedMetaKeys {
		if v := metas[k]; v != "" {
			return v
		}
	}
	return ""
}

// scriptDateValue returns the string value of the first publish-date key
// in a script's text ("publishedDate":"2016-11-04T20:37:27Z"), or "".
func scriptDateValue(text string) string {
	if len(text) > maxScriptScan {
		text = text[:maxScriptScan]
	}
	for _, k := range scriptDateKeys {
		for off := 0; off < len(text); {
			i := strings.Index(text[off:], k)
			if i < 0 {
				break
			}
			off += i + len(k)
			rest := strings.TrimLeft(text[off:], " \t\r\n")
			if !strings.HasPrefix(rest, ":") {
				continue
			}
			rest = strings.TrimLeft(rest[1:], " \t\r\n")
			if !strings.HasPrefix(rest, `"`) {
				continue
			}
			rest = rest[1:]
			if end := strings.IndexByte(rest, '"'); end > 0 && end <= 40 {
				return rest[:end]
			}
		}
	}
	return ""
}
