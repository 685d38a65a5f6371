package extract

import (
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dateSource says where a publish-date candidate was found.
type dateSource uint8

const (
	srcLD       dateSource = iota // datePublished of the article's JSON-LD
	srcMeta                       // a publish-date <meta>
	srcTimeAttr                   // <time datetime> or itemprop=datePublished
	srcText                       // a visible text block
	srcTitle                      // the <title>
	srcURL                        // the URL path
	srcLDAny                      // datePublished of a non-article JSON-LD object
	srcImage                      // the path of the page's share image or an image in it
	srcLast                       // a last resort: hAtom title, script JSON, modification time
)

var dateSourceNames = [...]string{"ld", "meta", "time", "text", "title", "url", "ld-any", "image", "last"}

// dateCandidate is one piece of evidence for the publish date.
type dateCandidate struct {
	t        time.Time
	hasTime  bool
	src      dateSource
	block    int       // text block index, for srcText
	dist     int       // blocks from the headline (or the body's start), for srcText
	updated  bool      // labelled as an update or modification time
	label    bool      // labelled as a publication time, or in a date/byline element
	inBody   bool      // inside the extracted body
	bad      bool      // in a block classified as boilerplate
	rel      bool      // relative ("3 hours ago")
	alt      time.Time // day and month swapped, when the text could be read either way
	dayFirst bool      // t reads alt's day first whatever the language ("02.12.19")
	near     bool      // a short line, not a caption: may be the article's date line
	listed   bool      // among other articles' dates: a related-links box or a listing
	line     bool      // the date is most of its block: a date line, even inside the body
	partial  bool      // printed without its year, which other evidence supplied
}

func (c *dateCandidate) String() string {
	s := fmt.Sprintf("%-6s %s", dateSourceNames[c.src], c.t.Format(time.RFC3339))
	if !c.hasTime {
		s += " (day)"
	}
	if c.src == srcText {
		s += fmt.Sprintf(" block=%d dist=%d", c.block, c.dist)
		for _, f := range [...]struct {
			on   bool
			name string
		}{{c.updated, "updated"}, {c.label, "label"}, {c.inBody, "body"}, {c.bad, "bad"}, {c.rel, "rel"}, {c.near, "near"}, {c.listed, "listed"}, {c.line, "line"}, {c.partial, "partial"}} {
			if f.on {
				s += " " + f.name
			}
		}
	}
	return s
}

// publishedInput is the evidence choosePublished weighs.
type publishedInput struct {
	doc   *document
	w     *blockWalker
	head  int   // headline block, -1 when none was found
	body  []int // body blocks in document order
	url   string
	loc   *time.Location // zone for dates that print none
	lang  string         // page language; decides "03/04/2020" when nothing else does
	now   time.Time      // resolves relative dates; zero when unknown
	trace io.Writer      // receives the candidates when set
}

// choosePublished weighs the date evidence: structured data, the visible
// dates near the headline (as a reader sees them), the URL. A day-only
// value is completed by a candidate of the same day that prints a time.
func choosePublished(in *publishedInput) time.Time {
	cands := in.collect()
	t, why := pickPublishedWhy(cands, in.lang, in.url, in.modified())
	if in.trace != nil {
		for i := range cands {
			fmt.Fprintf(in.trace, "date candidate: %s\n", &cands[i])
		}
		if m := in.doc.meta.modified + "|" + modifiedMeta(in.doc.meta.metas); m != "|" {
			fmt.Fprintf(in.trace, "date modified: %s\n", m)
		}
		fmt.Fprintf(in.trace, "date chosen: %s (%s)\n", t.Format(time.RFC3339), why)
	}
	return t
}

// modified returns the modification times the page states: JSON-LD
// dateModified and the first modification <meta>.
func (in *publishedInput) modified() []time.Time {
	var out []time.Time
	for _, s := range [...]string{in.doc.meta.modified, modifiedMeta(in.doc.meta.metas)} {
		if s == "" {
			continue
		}
		if t, _, ok := parseDate(s, in.loc); ok {
			out = append(out, t)
		}
	}
	return out
}

// collect gathers every candidate in a fixed order: structured first, then
// text blocks in document order, then title and URL.
func (in *publishedInput) collect() []dateCandidate {
	var cands []dateCandidate
	p := in.doc
	add := func(s string, src dateSource) {
		if s == "" {
			return
		}
		if t, hasTime, ok := parseDate(s, in.loc); ok {
			cands = append(cands, dateCandidate{t: t, hasTime: hasTime, src: src, block: -1})
		}
	}
	add(p.meta.ld.published, srcLD)
	for _, k := range dateMetaKeys {
		add(p.meta.metas[k], srcMeta)
	}
	for _, s := range p.meta.timeAttrs {
		add(s, srcTimeAttr)
	}
	if p.meta.ld.published == "" {
		add(p.meta.ldAnyDate, srcLDAny)
	}
	add(p.meta.otherDate, srcLDAny)
	cands = in.textCandidates(cands)
	if t, hasTime, _, _, ok := findDate(p.meta.titleTag, in.loc); ok {
		cands = append(cands, dateCandidate{t: t, hasTime: hasTime, src: srcTitle, block: -1})
	}
	if t, ok := dateFromURL(in.url); ok {
		cands = append(cands, dateCandidate{t: t, src: srcURL, block: -1})
	}
	if len(cands) == 0 && p.root != nil {
		if t, ok := imageURLDate(p.root); ok {
			cands = append(cands, dateCandidate{t: t, src: srcImage, block: -1})
		}
	}
	if len(cands) == 0 {
		if t, hasTime, ok := lastResortDate(p, in.loc); ok {
			cands = append(cands, dateCandidate{t: t, hasTime: hasTime, src: srcLast, block: -1})
		}
	}
	if !in.now.IsZero() {
		// A date after the crawl is a schedule or a typo, not a publish date.
		limit := in.now.Add(26 * time.Hour)
		kept := cands[:0]
		for _, c := range cands {
			if !c.t.After(limit) {
				kept = append(kept, c)
			}
		}
		cands = kept
	}
	return dropPlaceholders(cands)
}

// imageURLDate reads the upload date from the path of the page's share
// image (og:image, twitter:image, image_src) or else of its first image
// stored under a dated path (/files/2016/05/04/…). Media libraries file
// uploads by day, so with no other evidence that day is the article's.
// It walks the whole tree, so it runs only when nothing else was found.
func imageURLDate(root *html.Node) (time.Time, bool) {
	var share, img time.Time
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				switch strings.ToLower(attr(n, "property") + attr(n, "name")) {
				case "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src":
					if t, ok := dateFromURL(attr(n, "content")); ok {
						share = t
						return true
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "image_src") {
					if t, ok := dateFromURL(attr(n, "href")); ok {
						share = t
						return true
					}
				}
			case atom.Img:
				if img.IsZero() {
					img, _ = dateFromURL(attr(n, "src"))
				}
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	if !share.IsZero() {
		return share, true
	}
	return img, !img.IsZero()
}
