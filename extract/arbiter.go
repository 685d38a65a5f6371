package extract

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The arbiter weighs two independent body candidates over the same blocks.
//
// The first is chooseSpan's: the element with the most prose net of
// boilerplate, where boilerplate includes what structure says (chrome class
// names, teaser lists, the rest of a section after a "Related" heading).
// Those structural rules fail all at once when a site's markup trips them:
// a page builder that wraps every paragraph in a "widget", a listicle whose
// items open with a headline link, a "More" heading above the article's
// second half. The body is then a short box, or nothing.
//
// The second candidate reads only the text: every block is judged by its
// own length, punctuation and links, and containers are scored the way
// readability does (each paragraph's score goes to its container, half to
// the grandparent, a sixth above that, and the total is discounted by the
// container's link density), then widened to ancestors that add only more
// prose. It knows nothing of class names or headings beyond a few words
// that name comment lists, related posts and sidebars, so it fails in
// different places.
//
// The first candidate stands unless the second holds several times its
// prose: a short box is never the body when a container with far more prose
// exists, and the body is never empty when the page has prose. When one
// candidate lies inside the other, a smaller margin (mergeRatio) settles it:
// the outer text candidate wins when it holds the structural box and much
// more prose (a page builder's article in several boxes), and an inner one
// gives back the prose that structure cut out of the structural candidate
// (product reviews in "widgets"), without comment lists or sidebars; an
// inner one also wins when all the structural one adds below it is a feed
// of other stories with their summaries, or a little end matter
// (arbiter_trail.go). When structure itself took such a feed, below the
// text candidate, the text candidate wins. The second is
// turned down when it is link-dense, sits in a comment list or sidebar, or
// is a feed of headline links with summaries below the body.

// Thresholds for overruling the structural candidate.
const (
	// arbiterRatio is how many times more prose the text candidate must
	// hold: a real article is rarely a third of the prose on its page's
	// best text container.
	arbiterRatio = 3
	// arbiterMargin is the least extra prose (latin-equivalent characters,
	// about 60 words) worth a switch, so two stubs never trade places.
	arbiterMargin = 400
	// arbiterMinProse is the least prose the text candidate needs to fill
	// an empty body.
	arbiterMinProse = 150
	// arbiterMaxLinks is the most link text the text candidate may carry:
	// beyond it the container is a teaser grid, not an article.
	arbiterMaxLinks = 0.25
	// growMaxLinks is the most link text an ancestor may add to the text
	// candidate: article text runs with few links, menus and feeds do not.
	growMaxLinks = 0.2
)

// chooseBody returns the span the body is assembled from. When the text
// candidate wins it relabels the blocks in its span that structure alone
// made boilerplate, so that assemble sees them as their text reads.
func chooseBody(w *blockWalker, trace io.Writer) int32 {
	a, _ := chooseSpan(w)
	a = widenParagraph(w, a)
	text := textClasses(w)
	b, links := textCandidate(w, text, a)
	proseA := 0
	if a >= 0 {
		for i := w.spans[a].start; i < w.spans[a].end; i++ {
			if w.blocks[i].class == blockGood {
				proseA += w.blocks[i].eff()
			}
		}
	}
	proseB := 0
	if b >= 0 {
		for i := w.spans[b].start; i < w.spans[b].end; i++ {
			if text[i] == blockGood {
				proseB += w.blocks[i].eff()
			}
		}
	}
	pick, why := a, "structure"
	merge := false
	switch {
	case b < 0 || b == a:
		why = "agree"
	case links > arbiterMaxLinks:
		why = "text candidate link-dense"
	case offArticle(w, b):
		why = "text candidate in comments or sidebar"
	case a >= 0 && commentsAfter(w, a, b):
		why = "text candidate runs into the comments"
	case (a < 0 || w.spans[b].start >= w.spans[a].end) && isStoryList(w, b, text):
		// Prose between headline links, on a page with no other body or
		// below the body, is a feed of other stories with their summaries,
		// however long.
		why = "text candidate is a story list"
	case a < 0 && proseB >= arbiterMinProse:
		pick, why = b, "structure found no prose"
	case a >= 0 && proseB >= arbiterRatio*proseA && proseB-proseA >= arbiterMargin:
		pick, why = b, "text candidate holds several times the prose"
	case a >= 0 && proseB >= arbiterMinProse && within(w, b, a) && trailsStories(w, a, b, text, proseB):
		pick, why = b, "structure adds only a story list below the text candidate"
	case a >= 0 && proseB >= arbiterMinProse && w.spans[b].end <= w.spans[a].start && isStoryList(w, a, text):
		pick, why = b, "structure is a story list below the text candidate"
	case a >= 0 && proseB >= arbiterMinProse && within(w, b, a) && trailsMatter(w, a, b):
		pick, why = b, "structure adds only end matter below the text candidate"
	case a >= 0 && within(w, b, a) && mergesProse(w, b, text, proseB):
		merge, why = true, "text candidate restores prose inside the body"
	case a >= 0 && within(w, a, b) && widensProse(w, a, b, text, proseA):
		pick, why = b, "text candidate holds the structural one and much more prose"
	}
	if pick == b && b >= 0 && b != a || merge {
		restoreInside(w, b, text)
	}
	if trace != nil {
		chosen := "structure"
		if pick == b && b != a {
			chosen = "text"
		}
		fmt.Fprintf(trace, "body candidates: structure %s prose=%d, text %s prose=%d links=%.2f; chose %s (%s)\n",
			spanName(w, a), proseA, spanName(w, b), proseB, links, chosen, why)
	}
	return pick
}

// widenParagraph returns the element around the <p> a when structure
// chose one paragraph of it: a comment thread or a footer in the
// same element outweighs the article's prose, but assemble stops at the
// last paragraph anyway, so only boilerplate between the paragraphs counts.
func widenParagraph(w *blockWalker, a int32) int32 {
	if a < 0 || w.spans[a].node.DataAtom != atom.P || w.spans[a].parent < 0 {
		return a
	}
	p := &w.spans[w.spans[a].parent]
	first, last, n := int32(-1), int32(-1), 0
	var good, own float64
	for i := p.start; i < p.end; i++ {
		b := &w.blocks[i]
		if b.class != blockGood {
			continue
		}
		if first < 0 {
			first = i
		}
		last, n = i, n+1
		g := float64(b.eff()) * (1 - b.linkDensity())
		good += g
		if i >= w.spans[a].start && i < w.spans[a].end {
			own += g
		}
	}
	if n < 3 {
		return a
	}
	bad := 0.0
	for i := first; i <= last; i++ {
		if w.blocks[i].class == blockBad {
			bad += float64(w.blocks[i].eff())
		}
	}
	if good-badPenalty*bad > own {
		return w.spans[a].parent
	}
	return a
}

// mergeRatio is how many times more prose the text candidate must hold
// than structure kept of it when the text candidate lies inside the
// structural one: both found the article, but structure cut boxes out of it.
const mergeRatio = 1.5

// mergesProse reports a text candidate b, inside the structural candidate,
// that holds far more prose than structure left good in it.
func mergesProse(w *blockWalker, b int32, text []blockClass, proseB int) bool {
	kept := 0
	for i := w.spans[b].start; i < w.spans[b].end; i++ {
		if w.blocks[i].class == blockGood {
			kept += w.blocks[i].eff()
		}
	}
	return float64(proseB) >= mergeRatio*float64(kept) && proseB-kept >= arbiterMargin
}

// widensProse reports a text candidate b around the structural candidate
// a that holds mergeRatio times its prose: structure picked one box of an
// article split in several. A paragraph repeated word for word (slideshow
// captions, a disclaimer under each item) counts once.
func widensProse(w *blockWalker, a, b int32, text []blockClass, proseA int) bool {
	seen := make(map[string]bool)
	prose := 0
	for i := w.spans[b].start; i < w.spans[b].end; i++ {
		if text[i] == blockGood && !seen[w.blocks[i].text] {
			seen[w.blocks[i].text] = true
			prose += w.blocks[i].eff()
		}
	}
	return float64(prose) >= mergeRatio*float64(proseA) && prose-proseA >= arbiterMargin
}

// restoreInside is restore for a text candidate inside the structural one:
// blocks in comment lists, related posts and sidebars within it stay out.
func restoreInside(w *blockWalker, b int32, text []blockClass) {
	sub := make([]blockClass, len(text))
	copy(sub, text)
	for i := w.spans[b].start; i < w.spans[b].end; i++ {
		for sp := w.blocks[i].span; sp >= 0 && sp != b; sp = w.spans[sp].parent {
			if offArticle1(w.spans[sp].node) {
				sub[i] = blockBad
				break
			}
		}
	}
	restore(w, b, sub)
}

// restore gives the blocks of span s their text classes where structure
// alone made them boilerplate. A short line keeps the chrome label its
// element gave it unless that element holds prose too: a heading in a page
// builder's text box comes back, a "Share:" bar does not.
func restore(w *blockWalker, s int32, text []blockClass) {
	sp := &w.spans[s]
	good := make([]int32, sp.end-sp.start+1)
	for i := sp.start; i < sp.end; i++ {
		good[i-sp.start+1] = good[i-sp.start]
		if text[i] == blockGood {
			good[i-sp.start+1]++
		}
	}
	for i := sp.start; i < sp.end; i++ {
		b := &w.blocks[i]
		if b.class != blockBad || text[i] == blockBad {
			continue
		}
		if text[i] == blockShort && b.why == "class" {
			n := b.span
			for n >= 0 && !w.spans[n].noise {
				n = w.spans[n].parent
			}
			if n < 0 {
				continue
			}
			lo, hi := max(w.spans[n].start, sp.start), min(w.spans[n].end, sp.end)
			if good[hi-sp.start] == good[lo-sp.start] {
				continue
			}
		}
		b.class, b.why = text[i], ""
	}
}

// textClasses returns every block's class by its own text alone, undoing
// what element classes, teaser lists and section headings decided.
func textClasses(w *blockWalker) []blockClass {
	text := make([]blockClass, len(w.blocks))
	for i := range w.blocks {
		b := &w.blocks[i]
		switch b.why {
		case "class", "teaser", "section":
			text[i] = b.ownClass // classifyText's, not read again
		default:
			text[i] = b.class
		}
	}
	return text
}

// textCandidate scores containers readability-style from the text classes
// and returns the best one, grown to the ancestors that add more of the
// same, with the link density of the scored container, or -1. a is the
// structural candidate (-1 when it found no prose).
func textCandidate(w *blockWalker, text []blockClass, a int32) (int32, float64) {
	score := make([]float64, len(w.spans))
	any := false
	for i := range w.blocks {
		if text[i] != blockGood {
			continue
		}
		b := &w.blocks[i]
		sp := b.span
		if sp < 0 {
			continue
		}
		// A paragraph's score belongs to the element around it; text set
		// straight into a <div> scores for that div.
		if isParagraphElement(w.spans[sp].node.DataAtom) && w.spans[sp].parent >= 0 {
			sp = w.spans[sp].parent
		}
		s := paragraphScore(b)
		for level := 0; sp >= 0 && level < 3; level++ {
			switch level {
			case 0:
				score[sp] += s
			case 1:
				score[sp] += s / 2
			default:
				score[sp] += s / 6
			}
			sp = w.spans[sp].parent
		}
		any = true
	}
	if !any {
		return -1, 0
	}
	// Link density per span from prefix sums over the blocks.
	n := len(w.blocks) + 1
	sums := make([]int, 2*n) // one allocation for both
	runes, links := sums[:n:n], sums[n:]
	for i := range w.blocks {
		runes[i+1] = runes[i] + w.blocks[i].runes
		links[i+1] = links[i] + w.blocks[i].linkRunes
	}
	// When structure found nothing at all, the page is often built from one
	// box per paragraph, and the decaying scores crown the one box with the
	// most paragraphs (a disclaimer); there each span also gets its whole
	// subtree's paragraph scores, net of one point per boilerplate line.
	var net []float64
	if a < 0 {
		net = make([]float64, len(w.blocks)+1)
		for i := range w.blocks {
			switch text[i] {
			case blockGood:
				net[i+1] = net[i] + paragraphScore(&w.blocks[i])
			case blockBad:
				net[i+1] = net[i] - 1
			default:
				net[i+1] = net[i]
			}
		}
	}
	best, bestScore, bestLD := int32(-1), 0.0, 0.0
	for i := range w.spans {
		if score[i] == 0 {
			continue
		}
		s := &w.spans[i]
		if net != nil {
			score[i] = max(score[i], net[s.end]-net[s.start])
		}
		ld := 0.0
		if n := runes[s.end] - runes[s.start]; n > 0 {
			ld = float64(links[s.end]-links[s.start]) / float64(n)
		}
		// Spans come outermost first, so >= prefers the inner of equal scores.
		if f := score[i] * (1 - ld); f >= bestScore {
			best, bestScore, bestLD = int32(i), f, ld
		}
	}
	return grow(w, text, best, a, runes, links), bestLD
}

// paragraphScore is readability's score for one paragraph: a point, one
// per punctuation mark (capped), and up to three for its length.
func paragraphScore(b *block) float64 {
	return 1 + float64(min(b.punct, 20)) + min(float64(b.eff())/100, 3)
}

// grow widens the text candidate to its ancestors while what they add is
// more of the same: prose with few links, no comment list or sidebar, no
// feed of stories. Page builders put each paragraph or two in a box of its
// own, and readability's decaying scores then crown one box. It never grows
// out of a comment list or sidebar (the arbiter then turns it down), nor
// around the structural candidate a (the box it may be about to overrule).
func grow(w *blockWalker, text []blockClass, s, a int32, runes, links []int) int32 {
	if s < 0 || offArticle(w, s) {
		return s
	}
	// Four steps that add text; wrappers around the same text are free.
	for steps := 0; steps < 4; {
		p := w.spans[s].parent
		if p < 0 {
			break
		}
		outer, inner := &w.spans[p], &w.spans[s]
		if a >= 0 && !within(w, a, s) && within(w, a, p) {
			break
		}
		added := runes[outer.end] - runes[outer.start] - (runes[inner.end] - runes[inner.start])
		addedLinks := links[outer.end] - links[outer.start] - (links[inner.end] - links[inner.start])
		if added == 0 {
			s = p // a wrapper around the same text
			continue
		}
		if float64(addedLinks) > growMaxLinks*float64(added) || isStoryList(w, p, text) {
			break
		}
		off := false
		for i := outer.start; i < outer.end && !off; i++ {
			if i == inner.start {
				i = inner.end - 1
				continue
			}
			for sp := w.blocks[i].span; sp >= 0 && sp != p; sp = w.spans[sp].parent {
				if offArticle1(w.spans[sp].node) {
					off = true
					break
				}
			}
		}
		if off {
			break
		}
		s, steps = p, steps+1
	}
	return s
}

// trailsStories reports a structural candidate a that adds to the text
// candidate b inside it only a feed of other stories below it ("Read this
// next" cards: a headline link, a date, a summary each). Structure scores
// the summaries as prose once the feed sits in the article's wrapper, and
// assemble then glues them to the article; the text candidate stopped at
// the article's own container. Prose in a above b (a lead set apart)
// keeps a, and so does a "feed" with more than twice b's prose: that is a
// listicle whose items open with a product link, b only its intro.
func trailsStories(w *blockWalker, a, b int32, text []blockClass, proseB int) bool {
	for i := w.spans[a].start; i < w.spans[b].start; i++ {
		if w.blocks[i].class == blockGood {
			return false
		}
	}
	after := 0
	for i := w.spans[b].end; i < w.spans[a].end; i++ {
		if text[i] == blockGood && w.blocks[i].linkDensity() <= 0.8 {
			after += w.blocks[i].eff()
		}
	}
	return after > 0 && after <= 2*proseB && storyRun(w, w.spans[b].end, w.spans[a].end, text, headlineMin)
}

// isStoryList reports a span whose prose paragraphs come with headline
// links (lines that are mostly one link) about one for one: a feed of
// stories with their summaries rather than an article.
func isStoryList(w *blockWalker, s int32, text []blockClass) bool {
	return storyRun(w, w.spans[s].start, w.spans[s].end, text, 0)
}

// headlineMin is the least a link line must weigh (latin-equivalent
// characters, as eff counts them) to name a story in a feed below the
// body: a headline runs to several words, while the short links between a
// thread's posts or a product page's tabs are user names and buttons
// ("HIHIHI", "Menü schließen").
const headlineMin = 20

// storyRun is isStoryList over the blocks start..end-1, counting as
// headlines the link lines of at least minHead eff.
func storyRun(w *blockWalker, start, end int32, text []blockClass, minHead int) bool {
	heads, prose := 0, 0
	for i := start; i < end; i++ {
		b := &w.blocks[i]
		switch {
		case b.linkRunes >= 6 && b.linkDensity() > 0.8 && b.eff() >= minHead:
			heads++
		case text[i] == blockGood:
			prose++
		}
	}
	return heads >= 3 && 2*heads >= prose
}

// commentsAfter reports a comments heading in span b below the end of span
// a: reader comments are prose too, and a thread outweighs many articles.
func commentsAfter(w *blockWalker, a, b int32) bool {
	for i := max(w.spans[a].end, w.spans[b].start); i < w.spans[b].end; i++ {
		if bl := &w.blocks[i]; bl.runes <= 24 && isSectionHeading(bl) && isCommentsLabel(bl.text) {
			return true
		}
	}
	return false
}

// isCommentsLabel reports a heading that names reader comments.
func isCommentsLabel(s string) bool {
	t := strings.ToLower(s)
	for _, word := range [...]string{"comment", "repl", "respons", "discussion", "评论", "評論", "留言", "讨论", "討論"} {
		if strings.Contains(t, word) {
			return true
		}
	}
	return false
}

// within reports whether span x lies inside span y (or is y).
func within(w *blockWalker, x, y int32) bool {
	return w.spans[x].start >= w.spans[y].start && w.spans[x].end <= w.spans[y].end
}

// offArticleWords name the containers beside an article that can hold more
// prose than the article itself: reader comments, related-post lists with
// summaries, sidebars. Page builders' generic words ("widget", "module")
// are not among them, since they wrap articles as often as chrome.
var offArticleWords = [...]string{"comment", "disqus", "respond", "reply", "replies", "related", "recommend", "sidebar", "footer"}

// offArticle reports a span inside such a container, or inside <nav>,
// <aside> or <footer>. The page-level wrappers (body, main, article, and any
// element holding the headline) are not asked: themes put "has-sidebar" or
// "comments-open" on them.
func offArticle(w *blockWalker, s int32) bool {
	for ; s >= 0 && !w.holdsHead(s); s = w.spans[s].parent {
		if w.spans[s].node.DataAtom == atom.Main {
			return false // no sidebar or comment list holds the page's <main>
		}
		if offArticle1(w.spans[s].node) {
			return true
		}
	}
	return false
}

// offArticle1 reports one element that is such a container.
func offArticle1(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	case atom.Nav, atom.Aside, atom.Footer:
		return true
	}
	cls, id := classTokens(n)
	for _, v := range [2]string{cls, id} {
		if v == "" || strings.Contains(v, "commentary") {
			continue
		}
		for v != "" {
			// One space-separated class at a time, without allocating.
			tok := v
			if i := strings.IndexAny(v, " \t\n"); i >= 0 {
				tok, v = v[:i], v[i+1:]
			} else {
				v = ""
			}
			for _, word := range offArticleWords {
				if i := strings.Index(tok, word); i >= 0 && !isLayoutState(tok[:i]) {
					return true
				}
			}
		}
	}
	return false
}

// isLayoutState reports the text before an off-article word that makes
// the class say what the page has or lacks rather than what the element is:
// "no-sidebars", "has-sidebar", "with-comments", "page-content-has-sidebar"
// sit on the wrappers of whole pages.
func isLayoutState(before string) bool {
	for _, p := range [...]string{"no-", "no_", "has-", "has_", "with-", "with_", "without-", "without_"} {
		if before == p || strings.HasSuffix(before, "-"+p) || strings.HasSuffix(before, "_"+p) {
			return true
		}
	}
	return false
}

// isParagraphElement reports elements that hold one paragraph's text
// rather than a run of paragraphs.
func isParagraphElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Li, atom.Dd, atom.Dt, atom.Pre, atom.Blockquote, atom.Td, atom.Th,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Figcaption, atom.Address:
		return true
	}
	return false
}

// spanName describes a span for Options.Trace.
func spanName(w *blockWalker, s int32) string {
	if s < 0 {
		return "none"
	}
	n := w.spans[s].node
	return fmt.Sprintf("<%s class=%q id=%q> blocks %d..%d", n.Data, attr(n, "class"), attr(n, "id"), w.spans[s].start, w.spans[s].end)
}
