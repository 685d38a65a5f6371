package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// titleSeparators split a <title> into headline, section and site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", "｜", "_", "--", "|", " · ", "－", " —", "—— "}

// splitTitle splits a <title> at the separators portals use between
// headline, section and site name, in one pass.
func splitTitle(t string) []string {
	var parts []string
	start := 0
	add := func(p string) {
		if p = strings.Trim(p, " -_|–—·｜»:"); p != "" {
			parts = append(parts, p)
		}
	}
	for i := 0; i < len(t); {
		n := 0
		for _, sep := range titleSeparators {
			if strings.HasPrefix(t[i:], sep) {
				n = len(sep)
				break
			}
		}
		if n > 0 {
			add(t[start:i])
			i += n
			start = i
			continue
		}
		_, sz := utf8.DecodeRuneInString(t[i:])
		i += sz
	}
	add(t[start:])
	if len(parts) == 1 {
		// "北方商报网-冬储菜上市": a bare hyphen between CJK text separates too.
		if i := strings.IndexByte(parts[0], '-'); i > 0 {
			before, _ := utf8.DecodeLastRuneInString(parts[0][:i])
			after, _ := utf8.DecodeRuneInString(parts[0][i+1:])
			if isCJK(before) && isCJK(after) {
				return []string{parts[0][:i], parts[0][i+1:]}
			}
		}
	}
	return parts
}

// stripTitleSuffix returns the headline part of a <title>: the longest
// segment, the first of equals.
func stripTitleSuffix(t string) string {
	return longestPart(splitTitle(t))
}

// longestPart returns the longest of a title's parts, the first of equals.
func longestPart(parts []string) string {
	best := ""
	for _, p := range parts {
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
			best = p
		}
	}
	return best
}

// similarity is the character-bigram Dice coefficient of a and b.
func similarity(a, b string) float64 {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	if len(ra) < 2 || len(rb) < 2 {
		if a == b {
			return 1
		}
		return 0
	}
	grams := make(map[[2]rune]int, len(ra))
	for i := 0; i+1 < len(ra); i++ {
		grams[[2]rune{ra[i], ra[i+1]}]++
	}
	inter := 0
	for i := 0; i+1 < len(rb); i++ {
		g := [2]rune{rb[i], rb[i+1]}
		if grams[g] > 0 {
			grams[g]--
			inter++
		}
	}
	return 2 * float64(inter) / float64(len(ra)+len(rb)-2)
}

// chooseTitle picks the headline and its element (nil when it came from
// metadata) and the site name.
func (p *document) chooseTitle() (title string, node *html.Node, site string) {
	tag := collapseSpace(p.meta.titleTag)
	if isPlaceholderTitle(tag) {
		// A template default or a greeting names no page: weigh the page's
		// own headline as if there were no <title>.
		tag = ""
	}
	og := collapseSpace(p.meta.metas["og:title"])
	ld := collapseSpace(p.meta.ld.headline)
	ref := tag
	if ref == "" {
		ref = og
	}
	if ref == "" {
		ref = ld
	}
	// Blogs put the site's name in <h1> and the post's title lower down;
	// an element that only repeats the site name is not the headline.
	siteNames := make([]string, 0, 3)
	if v := collapseSpace(p.meta.metas["og:site_name"]); v != "" {
		siteNames = append(siteNames, strings.ToLower(v))
	}
	tagParts := splitTitle(tag)
	p.titleParts = len(tagParts)
	tagHead := headlinePart(tagParts)
	// The last part is the site's name, unless it is the headline part
	// itself ("明日股市预测--headline": the site put its name in front).
	if n := len(tagParts); n >= 2 && tagParts[n-1] != tagHead {
		siteNames = append(siteNames, strings.ToLower(tagParts[n-1]))
	}
	// A heading that is the logo or links home names the site, whichever
	// part of <title> it repeats; an element repeating a link home does too.
	siteHeads := make(map[*html.Node]bool)
	for _, cands := range [2][]*html.Node{p.heads, p.headsAlt} {
		for _, h := range cands {
			if site, home := p.namesSite(h); site {
				siteHeads[h] = true
				if t := collapseSpace(textOf(h)); t != "" && home {
					siteNames = append(siteNames, strings.ToLower(t))
				}
			}
		}
	}
	isSiteName := func(t string) bool {
		lt := strings.ToLower(t)
		for _, sn := range siteNames {
			if lt == sn {
				return true
			}
		}
		return false
	}
	refHead := tagHead
	if ref != tag {
		refHead = stripTitleSuffix(ref)
	}
	// The headline as metadata states it whole, to cut a printed headline
	// down to when it carries a kicker or subtitle beside it.
	var headRefs []string
	if ld != "" {
		headRefs = append(headRefs, ld)
	}
	headRefs = append(headRefs, titleForms(og)...)
	headRefs = append(headRefs, titleForms(tag)...)
	refHeadRunes := utf8.RuneCountInString(refHead)
	// coversPart reports a fragment of <title> that can be its headline:
	// a whole part, or most of the headline part, not a word inside it.
	coversPart := func(t string, n int) bool {
		if 2*n >= refHeadRunes {
			return true
		}
		for _, part := range tagParts {
			if strings.EqualFold(t, part) {
				return true
			}
		}
		return false
	}
	bestScore := 0.0
	pick := func(cands []*html.Node, min float64) {
		for _, h := range cands {
			if siteHeads[h] {
				continue
			}
			raw, ok := textOfMax(h, 2000)
			if !ok {
				continue // a wrapper, not a headline
			}
			t := collapseSpace(raw)
			n := utf8.RuneCountInString(t)
			if n < 2 || n > 300 || isSiteName(t) {
				continue
			}
			score := 0.0
			switch {
			case ref == "":
				score = 0.5
			case strings.Contains(ref, t) && n >= 4 && coversPart(t, n):
				score = 1 + float64(n)/1000
			case quotesHeadline(t, refHead) || isNumberedSection(t):
				continue // a comments heading or a section of the text
			default:
				score = similarity(t, refHead)
				if og != "" && og != ref {
					score = max(score, similarity(t, og))
				}
			}
			if score > bestScore && score >= min {
				title, node, bestScore = t, h, score
			}
		}
	}
	pick(p.heads, 0.5)
	if node == nil {
		pick(p.headsAlt, 0.6)
	}
	if node == nil {
		switch {
		case ld != "":
			title = ld
		case og != "":
			title = stripTitleSuffix(og)
		case tag != "":
			title = tagHead
		case len(p.heads) > 0:
			title, node = collapseSpace(textOf(p.heads[0])), p.heads[0]
		}
	}
	if node != nil {
		title = trimToConfirmed(title, node, headRefs)
		declared := collapseSpace(p.meta.metas["og:site_name"])
		if declared == "" {
			declared = collapseSpace(p.meta.ld.publisher)
		}
		title = trimSiteName(title, node, append(siteNames, strings.ToLower(declared)), strings.ToLower(declared))
		title = trimMarkedParts(title, node)
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
	site = collapseSpace(p.meta.metas["og:site_name"])
	if site == "" {
		site = collapseSpace(p.meta.ld.publisher)
	}
	if site == "" {
		site = collapseSpace(p.meta.metas["application-name"])
	}
	if site == "" && tag != "" && title != "" {
		rest := tag
		if i := strings.Index(rest, title); i >= 0 {
			rest = rest[:i] + " | " + rest[i+len(title):]
		} else if tagHead != "" {
			rest = strings.Replace(rest, tagHead, " | ", 1)
		}
		parts := splitTitle(rest)
		if len(parts) > 0 {
			site = parts[len(parts)-1]
			if utf8.RuneCountInString(site) > 40 {
				site = ""
			}
		}
	}
	return title, node, site
}
