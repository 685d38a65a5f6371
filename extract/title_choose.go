package extract

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// titleEvidence is what the page says its headline and its site's name are,
// gathered once for chooseTitle's steps.
type titleEvidence struct {
	tag, og, ld string   // <title> (placeholders dropped), og:title, JSON-LD headline
	ref         string   // the first of them present: what headings are checked against
	tagParts    []string // <title> split at its separators
	tagHead     string   // the part of <title> that holds the headline
	refHead     string   // ref without a site suffix
	headRefs    []string // the headline as metadata states it whole (to cut kickers)
	metaHeads   []string // og:title and JSON-LD headline forms <title> does not state
	siteNames   []string // lower-cased names of the site
	siteHeads   map[*html.Node]bool
}

// chooseTitle picks the headline and its element (nil when it came from
// metadata) and the site name: the heading that metadata confirms, else
// metadata itself, cleaned of what the page glued to it.
func (p *document) chooseTitle() (title string, node *html.Node, site string) {
	ev := p.titleEvidence()
	title, node = ev.pickHeading(p.heads, 0.5)
	if node == nil {
		title, node = ev.pickHeading(p.headsAlt, 0.6)
	}
	if node == nil {
		title, node = ev.metadataTitle(p)
	}
	if node != nil && ev.copiesTitle(p, title) {
		// A share widget or a screen-reader heading filled from
		// document.title copies <title> whole, the site's name included:
		// its headline part is the headline. The site name stays what is
		// read beside the printed copy (the declared one, if any): the
		// parts between may be a section as well as the site, and the
		// credit checks match names against it.
		return ev.cleanTitle(p, ev.tagHead, nil), node, ev.siteName(p, title)
	}
	title = ev.cleanTitle(p, title, node)
	return title, node, ev.siteName(p, title)
}

// copiesTitle reports a printed heading that is the whole of a <title>
// ending in the site's name.
func (ev *titleEvidence) copiesTitle(p *document, t string) bool {
	return t == ev.tag && ev.tagHead != "" && ev.tagHead != t && ev.endsInSiteName(p)
}

// titleEvidence reads <title>, og:title, the JSON-LD headline and the
// site's names from the metadata and the headings that name the site.
func (p *document) titleEvidence() *titleEvidence {
	ev := &titleEvidence{} // siteHeads is made by the first site heading: most pages have none
	ev.tag = collapseSpace(p.meta.titleTag)
	if isPlaceholderTitle(ev.tag) {
		// A template default or a greeting names no page: weigh the page's
		// own headline as if there were no <title>.
		ev.tag = ""
	}
	ev.og = collapseSpace(p.meta.metas["og:title"])
	// CMS plugins write the JSON-LD headline HTML-escaped ("Actuary&#8217;s").
	ev.ld = collapseSpace(html.UnescapeString(p.meta.ld.headline))
	ev.ref = ev.tag
	if ev.ref == "" {
		ev.ref = ev.og
	}
	if ev.ref == "" {
		ev.ref = ev.ld
	}
	// Blogs put the site's name in <h1> and the post's title lower down;
	// an element that only repeats the site name is not the headline.
	if v := collapseSpace(p.meta.metas["og:site_name"]); v != "" {
		ev.siteNames = append(ev.siteNames, strings.ToLower(v))
	}
	ev.tagParts = splitTitle(ev.tag)
	p.titleParts = len(ev.tagParts)
	ev.tagHead = headlinePart(ev.tagParts)
	// The last part is the site's name, unless it is the headline part
	// itself ("明日股市预测--headline": the site put its name in front).
	if n := len(ev.tagParts); n >= 2 && ev.tagParts[n-1] != ev.tagHead {
		ev.siteNames = append(ev.siteNames, strings.ToLower(ev.tagParts[n-1]))
	}
	// A heading that is the logo or links home names the site, whichever
	// part of <title> it repeats; an element repeating a link home does too.
	for _, cands := range [2][]*html.Node{p.heads, p.headsAlt} {
		for _, h := range cands {
			if site, home := p.namesSite(h); site {
				if ev.siteHeads == nil {
					ev.siteHeads = make(map[*html.Node]bool)
				}
				ev.siteHeads[h] = true
				if t := collapseSpace(textOf(h)); t != "" && home {
					ev.siteNames = append(ev.siteNames, strings.ToLower(t))
				}
			}
		}
	}
	ev.refHead = ev.tagHead
	if ev.ref != ev.tag {
		ev.refHead = stripTitleSuffix(ev.ref)
	}
	ev.metaHeads = ev.metaHeadlines()
	if ev.ld != "" {
		ev.headRefs = append(ev.headRefs, ev.ld)
	}
	ev.headRefs = append(ev.headRefs, titleForms(ev.og)...)
	ev.headRefs = append(ev.headRefs, titleForms(ev.tag)...)
	return ev
}

// isSiteName reports a text that is one of the site's names.
func (ev *titleEvidence) isSiteName(t string) bool {
	lt := strings.ToLower(t)
	for _, sn := range ev.siteNames {
		if lt == sn {
			return true
		}
	}
	return false
}

// coversPart reports a fragment of <title> that can be its headline: a
// whole part, or most of the headline part, not a word inside it.
func (ev *titleEvidence) coversPart(t string, n int) bool {
	if 2*n >= utf8.RuneCountInString(ev.refHead) {
		return true
	}
	for _, part := range ev.tagParts {
		if strings.EqualFold(t, part) {
			return true
		}
	}
	return false
}

// statesWhole reports a heading that og:title or the JSON-LD headline
// states whole (bar a site suffix) where that differs from <title>'s
// headline part: the per-article metadata names it, while a CMS's <title>
// template may put a section's name ("News - Site") in its place.
func (ev *titleEvidence) statesWhole(t string) bool {
	return slices.Contains(ev.metaHeads, t)
}

// metaHeadlines returns the forms of og:title and the JSON-LD headline,
// whole and without a site suffix, that say something <title> does not.
func (ev *titleEvidence) metaHeadlines() []string {
	var out []string
	for _, m := range [...]string{ev.og, ev.ld} {
		if m == "" || m == ev.tag {
			continue
		}
		head := stripTitleSuffix(m)
		if strings.EqualFold(head, ev.tagHead) {
			continue
		}
		out = append(out, m, head)
	}
	return out
}

// pickHeading returns the heading among cands that metadata confirms best,
// scoring at least min, or nil.
func (ev *titleEvidence) pickHeading(cands []*html.Node, min float64) (title string, node *html.Node) {
	bestScore := 0.0
	for _, h := range cands {
		if ev.siteHeads[h] {
			continue
		}
		raw, ok := headingText(h, 2000)
		if !ok {
			continue // a wrapper, not a headline
		}
		t := collapseSpace(raw)
		n := utf8.RuneCountInString(t)
		if n < 2 || n > 300 || ev.isSiteName(t) {
			continue
		}
		score := 0.0
		switch {
		case ev.ref == "":
			score = 0.5
		case ev.statesWhole(t):
			// og:title or the JSON-LD headline names this heading whole while
			// <title> holds a section's name: the article's own metadata wins.
			score = 2 + float64(n)/1000
		case strings.Contains(ev.ref, t) && n >= 4 && ev.coversPart(t, n):
			score = 1 + float64(n)/1000
		case quotesHeadline(t, ev.refHead) || isNumberedSection(t):
			continue // a comments heading or a section of the text
		case isPlainSubheading(h) && !extendsHead(t, ev.refHead):
			continue // a section of the text rewording the headline
		default:
			score = ev.resembles(t)
		}
		if score > bestScore && score >= min {
			title, node, bestScore = t, h, score
		}
	}
	return title, node
}

// resembles scores how closely heading t reads like the headline metadata
// names: its likeness to the headline part of <title>, to og:title, and to
// the whole of <title>. The longest part of <title> is only a guess at its
// headline: the site's name may be longer ("Guide to filing your taxes in
// 2024 | Consumer Financial Protection Bureau"), or a printed headline may
// reword one part and repeat another ("Best Drip Coffee Makers (2026)" under
// "Best Drip Coffee Maker - Kev's In-Depth Review 2026"); the whole line
// holds the headline either way.
func (ev *titleEvidence) resembles(t string) float64 {
	var buf [128]uint64
	heading := sortedBigrams(t, buf[:0]) // sorted once for up to three forms
	score := heading.similarity(ev.refHead)
	if ev.og != "" && ev.og != ev.ref {
		score = max(score, heading.similarity(ev.og))
	}
	if ev.ref != ev.refHead {
		score = max(score, heading.similarity(ev.ref))
	}
	return score
}

// isPlainSubheading reports an h2 or h3 that nothing marks as the page's
// title (no title or headline class, no itemprop="headline"). Articles
// head their sections with such elements, often rewording the headline
// ("Why consider starting an LLC" under "How to Start an LLC"): one counts
// as the headline only where metadata states it, never for a likeness.
func isPlainSubheading(h *html.Node) bool {
	if h.DataAtom != atom.H2 && h.DataAtom != atom.H3 {
		return false
	}
	return !classSaysTitle(h) && attr(h, "itemprop") != "headline"
}

// extendsHead reports a heading that holds the whole headline part of
// <title>, an ellipsis at its end aside: the printed headline of which
// <title> is a shortened copy ("…年度预算执行情况…" cut to fit).
func extendsHead(t, head string) bool {
	head = strings.TrimRight(head, ".…· ")
	return utf8.RuneCountInString(head) >= 4 && strings.Contains(t, head)
}

// metadataTitle is the headline when no heading was confirmed: JSON-LD's,
// og:title's, the headline part of <title>, or else the first heading.
func (ev *titleEvidence) metadataTitle(p *document) (string, *html.Node) {
	switch {
	case ev.ld != "":
		return ev.dropSiteSuffix(ev.ld), nil
	case ev.og != "":
		return stripTitleSuffix(ev.og), nil
	case ev.tag != "":
		return ev.tagHead, nil
	case len(p.heads) > 0:
		t, _ := headingText(p.heads[0], -1)
		return collapseSpace(t), p.heads[0]
	}
	return "", nil
}

// dropSiteSuffix returns headline s without a last part that is one of
// the site's names ("Ten Renovations That Pay | RenoFi"): some CMSs fill
// the JSON-LD headline from <title>. Any other last part stays, since a
// headline may hold a dash ("Interview mit Rainer Teuber – #OutInChurch").
func (ev *titleEvidence) dropSiteSuffix(s string) string {
	forms := titleForms(s)
	if len(forms) < 2 || forms[1] == "" {
		return s
	}
	if last := strings.Trim(s[len(forms[1]):], " -_|–—·｜»:"); ev.isSiteName(last) {
		return forms[1]
	}
	return s
}

// cleanTitle cuts what the page glued to a printed headline (kickers,
// subtitles, the site's name, a date, permalink marks, a forum label).
func (ev *titleEvidence) cleanTitle(p *document, title string, node *html.Node) string {
	if node != nil {
		title = trimToConfirmed(title, node, ev.headRefs)
		declared := collapseSpace(p.meta.metas["og:site_name"])
		if declared == "" {
			declared = collapseSpace(p.meta.ld.publisher)
		}
		title = trimSiteName(title, node, append(ev.siteNames, strings.ToLower(declared)), strings.ToLower(declared))
		title = trimMarkedParts(title, node)
		title = trimColonKicker(title, node)
	}
	title = dropPrivateUse(title)
	// Permalink markers that documentation generators append to headings.
	title = strings.TrimRight(title, " ¶§#🔗")
	title = trimHeadlineLabel(title)
	// A date printed inside the headline element ("27.01.2022MineralölINFO …")
	// is not part of the headline.
	if _, _, start, end, ok := findDate(title, time.UTC); ok && start == 0 && utf8.RuneCountInString(title[end:]) >= 8 {
		title = strings.TrimLeft(title[end:], " -–|:")
	}
	return title
}

// siteName is the declared site name, else what <title> holds beside the
// headline.
func (ev *titleEvidence) siteName(p *document, title string) string {
	for _, v := range [...]string{p.meta.metas["og:site_name"], p.meta.ld.publisher, p.meta.metas["application-name"]} {
		if site := collapseSpace(v); site != "" {
			return site
		}
	}
	if ev.tag == "" || title == "" {
		return ""
	}
	rest := ev.tag
	if i := strings.Index(rest, title); i >= 0 {
		rest = rest[:i] + " | " + rest[i+len(title):]
	} else if ev.tagHead != "" {
		rest = strings.Replace(rest, ev.tagHead, " | ", 1)
	}
	parts := splitTitle(rest)
	if len(parts) == 0 {
		return ""
	}
	if site := parts[len(parts)-1]; !runesOver(site, 40) {
		return site
	}
	return ""
}
