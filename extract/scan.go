package extract

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// document is everything one extraction knows about a document.
type document struct {
	root    *html.Node
	body    *html.Node
	base    *url.URL
	meta    metadata
	heads   []*html.Node // h1 elements, then other title-like elements
	bylines []string     // text of author/byline elements
	// bylineParted holds each byline's text with partSep between its
	// elements' texts (byline_parts.go), "" when that is the same text.
	bylineParted []string
	// leadBylines are short texts a byline word opens, each as "word |
	// name" (byline_lead.go), in document order.
	leadBylines []string
	// earlyLeads are the leads printed before the page's first h1: a
	// trending or related card's byline where the page has a headline.
	earlyLeads []string
	sawH1      bool
	links      []Link
	collect    bool
	headsAlt   []*html.Node // h2/h3 and class~=title elements, tried when no h1 matches the title
	// titleParts is how many parts <title> splits into at separators
	// (set by chooseTitle); 1 means no site suffix.
	titleParts int
	// origin is "scheme://host" of originOf, the base it was worked out
	// for (resolve_fast.go).
	originOf *url.URL
	origin   string
	// blockElems and breaks count the block-level and <br> elements scan
	// passed: segmentBlocks sizes its slices by them.
	blockElems, breaks int
}

// scan makes one pass over the tree for metadata, headline candidates,
// bylines and (optionally) links. It does not change the tree.
func (p *document) scan(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			p.addLeadByline(c)
			continue
		}
		if c.Type != html.ElementNode {
			continue
		}
		if isBlockElement(c.DataAtom) {
			p.blockElems++
		} else if c.DataAtom == atom.Br {
			p.breaks++
		}
		switch c.DataAtom {
		case atom.Html:
			if l := attr(c, "lang"); l != "" {
				p.meta.lang = l
			}
		case atom.Body:
			p.body = c
		case atom.Title:
			if p.meta.titleTag == "" {
				p.meta.titleTag = textOf(c)
			}
			continue
		case atom.Meta:
			p.meta.addMeta(c)
			continue
		case atom.Base:
			if h := attr(c, "href"); h != "" && p.base != nil {
				if u, err := p.base.Parse(strings.TrimSpace(h)); err == nil {
					p.base = u
				}
			}
			continue
		case atom.Link:
			p.linkElement(c)
			continue
		case atom.Script:
			if strings.Contains(attr(c, "type"), "ld+json") && c.FirstChild != nil {
				p.meta.addJSONLD(c.FirstChild.Data)
			}
			continue
		case atom.Style, atom.Noscript, atom.Template:
			continue
		case atom.H1:
			p.heads = append(p.heads, c)
			p.sawH1 = true
		case atom.H2, atom.H3:
			p.headsAlt = append(p.headsAlt, c)
		case atom.Time:
			if d := attr(c, "datetime"); d != "" {
				p.meta.timeAttrs = append(p.meta.timeAttrs, d)
			}
		case atom.A:
			if p.collect {
				p.addLink(attr(c, "href"), c, attr(c, "rel"), attr(c, "type"))
			}
		}
		p.scanAttrs(c)
		p.scan(c)
	}
}

// scanAttrs looks at microdata and author/byline/title markers.
func (p *document) scanAttrs(c *html.Node) {
	for _, a := range c.Attr {
		switch a.Key {
		case "itemprop":
			switch a.Val {
			case "datePublished":
				if d := attr(c, "datetime"); d != "" {
					p.meta.timeAttrs = append(p.meta.timeAttrs, d)
				} else if d := attr(c, "content"); d != "" {
					p.meta.timeAttrs = append(p.meta.timeAttrs, d)
				} else if raw, ok := textOfMax(c, 160); ok {
					if t := strings.TrimSpace(raw); t != "" && len(t) < 80 {
						p.meta.timeAttrs = append(p.meta.timeAttrs, t)
					}
				}
			case "author", "creator":
				p.addByline(c)
			case "headline":
				p.headsAlt = append(p.headsAlt, c)
			}
		case "rel":
			if a.Val == "author" {
				p.addByline(c)
			}
		case "class", "id":
			v := strings.ToLower(a.Val)
			// "authorbox", "article-author", "byline"; not "authorized".
			if strings.Contains(v, "author") && !strings.Contains(v, "authoriz") || strings.Contains(v, "byline") {
				p.addByline(c)
			} else if c.DataAtom != atom.Body && (strings.Contains(v, "title") || strings.Contains(v, "headline")) {
				p.headsAlt = append(p.headsAlt, c)
			}
		}
	}
}

func (p *document) addByline(c *html.Node) {
	if len(p.bylines) >= 8 {
		return
	}
	raw, ok := textOfMax(c, 400)
	t := collapseSpace(raw)
	if !ok || t == "" || len(t) > 200 {
		return
	}
	for _, b := range p.bylines {
		if b == t {
			return
		}
	}
	p.bylines = append(p.bylines, t)
	parted := bylineParts(c, 400)
	if parted == t {
		parted = "" // no boundary inside: the plain text says it all
	}
	p.bylineParted = append(p.bylineParted, parted)
}

func (p *document) linkElement(c *html.Node) {
	rel := strings.ToLower(attr(c, "rel"))
	href := attr(c, "href")
	if rel == "canonical" && p.meta.canonical == "" {
		p.meta.canonical = href
	}
	if p.collect && (rel == "alternate" || rel == "next" || rel == "prev" || rel == "canonical" || rel == "amphtml") {
		p.addLink(href, nil, rel, attr(c, "type"))
	}
}

// resolve makes href absolute against the page's base URL and drops the
// fragment; ok is false for non-http(s) links.
func (p *document) resolve(href string) (string, bool) {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "javascript:") || strings.HasPrefix(href, "mailto:") {
		return "", false
	}
	if u, ok := p.fastResolve(href); ok { // resolve_fast.go
		return u, true
	}
	return p.slowResolve(href)
}

func (p *document) addLink(href string, a *html.Node, rel, typ string) {
	u, ok := p.resolve(href)
	if !ok {
		return
	}
	l := Link{URL: u, Rel: rel, Type: typ}
	if a != nil {
		l.Text = collapseSpace(textOf(a))
	}
	p.links = append(p.links, l)
}
