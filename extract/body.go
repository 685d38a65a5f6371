package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// classify labels every block as good prose, boilerplate or neither.
func classify(w *blockWalker) {
	classifyText(w)
	resolveNoise(w)
	for i := range w.blocks {
		if w.blocks[i].noise {
			w.blocks[i].class, w.blocks[i].why = blockBad, "class"
		}
	}
	markTeaserLists(w)
	markSections(w)
}

// resolveNoise decides which blocks lie in chrome elements. Class words
// misfire on wrappers ("container penci_sidebar" around the whole post), so
// an element holding most of the page's prose is never chrome.
func resolveNoise(w *blockWalker) {
	n := len(w.blocks) + 1
	sums := make([]int, 2*n) // one allocation for both
	good, count := sums[:n:n], sums[n:]
	for i := range w.blocks {
		g, c := 0, 0
		if w.blocks[i].class == blockGood {
			g, c = w.blocks[i].eff(), 1
		}
		good[i+1] = good[i] + g
		count[i+1] = count[i] + c
	}
	total := good[len(w.blocks)]
	noisy := make([]bool, len(w.spans))
	for i := range w.spans {
		s := &w.spans[i]
		// A wrapper holds most of the prose in several paragraphs; one long
		// footer notice is still a footer.
		wrapper := total > 0 && 2*(good[s.end]-good[s.start]) > total && count[s.end]-count[s.start] >= 3
		own := s.noise && !wrapper
		noisy[i] = own || s.parent >= 0 && noisy[s.parent]
	}
	rescueBuilderProse(w, noisy)
	for i := range w.blocks {
		b := &w.blocks[i]
		b.noise = b.span >= 0 && noisy[b.span]
	}
}

// classifyText labels blocks by their own text.
func classifyText(w *blockWalker) {
	for i := range w.blocks {
		b := &w.blocks[i]
		b.class, b.why = textClass(b)
		b.ownClass = b.class
	}
}

// textClass labels one block by its own text alone, whatever its element
// and neighbours say; the arbiter reads it again where structure overruled it.
func textClass(b *block) (blockClass, string) {
	c := blockShort
	switch {
	case b.caption:
		return blockBad, "caption"
	case b.linkDensity() > 0.5:
		return blockBad, "links"
	case isChrome(b):
		return blockBad, "wording"
	case isServerNotice(b.text) && !isQuotedCode(b.node):
		return blockBad, "notice"
	case b.heading && !isProseHeading(b):
		// Headings stay neutral: kept between paragraphs, never chosen alone.
	case b.eff() >= 70 && b.linkDensity() <= 0.3 && (b.punct > 0 || b.eff() >= 160):
		c = blockGood
	case b.eff() >= 30 && b.linkDensity() <= 0.2 && endsSentence(b.text):
		c = blockGood
	}
	// "作者：张三 来源：某某日报 发布时间：…" has colons, not prose.
	if c == blockGood && b.runes <= 60 && !endsSentence(b.text) && isMetaLine(b.text) {
		c = blockShort
	}
	return c, ""
}

// isQuotedCode reports a block set as code or a quote (pre, code, samp,
// blockquote, or inside one): a tutorial quoting the warning it explains.
// PHP prints its warnings as bare text with <b> around the label.
func isQuotedCode(n *html.Node) bool {
	for d := 0; n != nil && d < 4; d++ {
		switch n.DataAtom {
		case atom.Pre, atom.Code, atom.Samp, atom.Kbd, atom.Blockquote:
			return true
		}
		n = n.Parent
	}
	return false
}

// isServerNotice reports a PHP warning printed into the page ("Warning:
// Use of undefined constant … in /var/www/…/plugin.php on line 928"): a
// broken plugin can print dozens, and their sentences otherwise outweigh a
// short post.
func isServerNotice(s string) bool {
	for _, p := range [...]string{"Warning: ", "Notice: ", "Deprecated: ", "Fatal error: ", "Parse error: ", "Strict Standards: "} {
		if strings.HasPrefix(s, p) {
			i := strings.LastIndex(s, " on line ")
			return i > 0 && strings.Contains(s[:i], ".php")
		}
	}
	return false
}

// isProseHeading reports a heading element that holds a paragraph: an
// interview's lead or a deck of several sentences set in <h2> for its
// size. A headline, even a long one, is one sentence.
func isProseHeading(b *block) bool {
	return b.eff() >= 250 && b.punct >= 4 && endsSentence(b.text)
}

// endsSentence reports text ending in sentence punctuation.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '！', '？', '.', '!', '?', '”', '"', '…', '）', ')', '」', '』':
		return true
	}
	return false
}

// markTeaserLists marks lists of teasers (a headline link with an optional
// summary per item) as boilerplate, even when the summaries hold more text
// than the article itself. Article paragraphs seldom open with a link.
func markTeaserLists(w *blockWalker) {
	n := len(w.spans)
	counts := make([]int32, 2*n) // one allocation for both
	children, teasers := counts[:n:n], counts[n:]
	for i := range w.spans {
		s := &w.spans[i]
		if s.parent < 0 || s.end-s.start == 0 {
			continue
		}
		children[s.parent]++
		if isTeaserItem(w, s) {
			teasers[s.parent]++
		}
	}
	for i := range w.spans {
		if children[i] < 3 || teasers[i] < 3 || float64(teasers[i]) < 0.6*float64(children[i]) {
			continue
		}
		// Teasers repeat: count them per tag and class, so a lone article
		// entry among a heading and two menus is not taken for one.
		var kids []int32
		sigs := make(map[string]int, 4)
		for j := i + 1; j < len(w.spans); j++ {
			c := &w.spans[j]
			if c.start >= w.spans[i].end && c.end > c.start {
				break
			}
			if c.parent == int32(i) && isTeaserItem(w, c) {
				kids = append(kids, int32(j))
				sigs[c.node.Data+"."+attr(c.node, "class")]++
			}
		}
		for _, j := range kids {
			c := &w.spans[j]
			if sigs[c.node.Data+"."+attr(c.node, "class")] < 3 {
				continue
			}
			for k := c.start; k < c.end; k++ {
				w.blocks[k].class, w.blocks[k].why = blockBad, "teaser"
			}
		}
	}
}

// isTeaserItem reports a list item or card whose first text is a headline link.
func isTeaserItem(w *blockWalker, s *span) bool {
	n := s.end - s.start
	if n == 0 || n > 6 {
		return false
	}
	switch s.node.DataAtom {
	case atom.Tr, atom.Td, atom.Th, atom.Tbody, atom.Table:
		// Data tables often link their first column; they are content.
		return false
	}
	total := 0
	for k := s.start; k < s.end; k++ {
		b := &w.blocks[k]
		if b.punct >= 8 {
			return false // a teaser summary is a sentence or two, not an essay
		}
		total += b.eff()
	}
	if total > 800 {
		return false
	}
	for k := s.start; k < s.end && k < s.start+2; k++ {
		b := &w.blocks[k]
		if b.linkRunes >= 6 && 5*b.linkRunes >= 4*b.runes {
			// A heading linking to another site presents that site: an
			// item of a roundup in the article, not a teaser for the
			// site's own stories.
			return !b.heading || !w.offSiteShare(b)
		}
	}
	return false
}

// markSections cuts what follows a "related news" or "comments" heading up
// to the end of the heading's container.
func markSections(w *blockWalker) {
	totalGood, firstGood := 0, len(w.blocks)
	for i := range w.blocks {
		if w.blocks[i].class == blockGood {
			totalGood += w.blocks[i].eff()
			firstGood = min(firstGood, i)
		}
	}
	for i := range w.blocks {
		b := &w.blocks[i]
		if !isSectionHeading(b) {
			continue
		}
		start, end := sectionSpan(w, int32(i))
		// A "Read more" expander can sit above the article itself: a section
		// holding most of the page's prose is not chrome.
		good, n := 0, 0
		for k := int32(i) + 1; k < end; k++ {
			if w.blocks[k].class == blockGood {
				good += w.blocks[k].eff()
				n++
			}
		}
		if n >= 3 && 2*good > totalGood && isExpander(b.text) {
			continue
		}
		// When the article runs on in the same container ("Auch interessant"
		// boxes mid-article), the cut ends at the next paragraph that is a
		// sibling of the heading.
		articleBefore := false
		for k := start; k < int32(i); k++ {
			if w.blocks[k].class == blockGood {
				articleBefore = true
				break
			}
		}
		b.class, b.why = blockBad, "section"
		k := int32(i) + 1
		for ; k < end; k++ {
			c := &w.blocks[k]
			if articleBefore && c.class == blockGood && c.node != nil && b.node != nil && c.node.Parent == b.node.Parent {
				break
			}
			c.class, c.why = blockBad, "section"
		}
		// In table layouts the list a heading introduces sits in the next
		// rows: below the article, keep cutting until prose resumes, and
		// stop at the element that holds that prose (a sidebar's "最新评论"
		// must not cut the headline line of the post beside it).
		if k == end && firstGood < i {
			stop := resumeContainer(w, k)
			for ; k < stop; k++ {
				w.blocks[k].class, w.blocks[k].why = blockBad, "section"
			}
		}
	}
}

// sectionSpan returns the blocks of the element that holds a heading: the
// heading's own parent when the heading is a titled element of its own.
// resumeContainer returns where the cut of a section that runs on from
// block k must stop: the first block of the element holding the next prose
// block (or the prose block itself), len(blocks) when none follows.
func resumeContainer(w *blockWalker, k int32) int32 {
	g := k
	for ; g < int32(len(w.blocks)) && w.blocks[g].class != blockGood; g++ {
	}
	if g == int32(len(w.blocks)) {
		return g
	}
	if start, _ := sectionSpan(w, g); start > k {
		return start
	}
	return g
}

func sectionSpan(w *blockWalker, at int32) (start, end int32) {
	si := w.blocks[at].span
	if si < 0 {
		return at, at + 1
	}
	s := &w.spans[si]
	if s.end-s.start <= 1 && s.parent >= 0 {
		s = &w.spans[s.parent]
	}
	return s.start, s.end
}

// badPenalty weighs boilerplate against prose when choosing the body element.
const badPenalty = 0.5

// chooseSpan returns the element whose blocks hold the most good text net of
// boilerplate; of equal scores the later span wins, which is the inner one
// when one element wraps the other.
func chooseSpan(w *blockWalker) (int32, float64) {
	n := len(w.blocks) + 1
	sums := make([]float64, 2*n) // one allocation for both
	good, bad := sums[:n:n], sums[n:]
	for i := range w.blocks {
		b := &w.blocks[i]
		g, x := 0.0, 0.0
		switch b.class {
		case blockGood:
			g = float64(b.eff()) * (1 - b.linkDensity())
		case blockBad:
			x = float64(b.eff())
		}
		good[i+1] = good[i] + g
		bad[i+1] = bad[i] + x
	}
	best, bestScore := int32(-1), 0.0
	for i := range w.spans {
		s := &w.spans[i]
		if s.end == s.start {
			continue
		}
		g := good[s.end] - good[s.start]
		if g == 0 {
			continue
		}
		score := g - badPenalty*(bad[s.end]-bad[s.start])
		// Spans come outermost first, so >= prefers the inner of equal scores.
		if score >= bestScore && score > 0 {
			best, bestScore = int32(i), score
		}
	}
	return best, bestScore
}

// assemble returns the indexes of the blocks of span s that form the body:
// good blocks, and neutral ones (subheadings, short paragraphs) between them.
func assemble(w *blockWalker, s int32, skip func(i int) bool) []int {
	sp := w.spans[s]
	first, last := -1, -1
	for i := int(sp.start); i < int(sp.end); i++ {
		if w.blocks[i].class == blockGood && !skip(i) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return nil
	}
	first, last = mainCluster(w, first, last, skip)
	// A clean container (hardly any boilerplate inside) is all article:
	// keep its tail too, such as a data table after the last paragraph.
	good, bad := 0, 0
	for i := int(sp.start); i < int(sp.end); i++ {
		switch w.blocks[i].class {
		case blockGood:
			good += w.blocks[i].eff()
		case blockBad:
			bad += w.blocks[i].eff()
		}
	}
	if bad*20 <= good {
		for last+1 < int(sp.end) && w.blocks[last+1].class != blockBad && !skip(last+1) {
			last++
		}
	}
	// A short closing paragraph still ends the article.
	for last+1 < int(sp.end) {
		b := &w.blocks[last+1]
		if b.class != blockShort || skip(last+1) || b.heading || !endsSentence(b.text) || b.linkDensity() > 0.2 {
			break
		}
		last++
	}
	// Short paragraphs that are siblings of the first and last prose blocks
	// (a one-line lead, a list of tour dates) belong to the article too.
	// Going down, a line of the same paragraph (a list set with <br>
	// after the last sentence) counts too; going up it would be a headline
	// repeated above the text.
	sibling := func(i, ref int) bool {
		b, r := &w.blocks[i], &w.blocks[ref]
		apart := b.node != r.node || i > ref && b.node != nil && b.node.DataAtom == atom.P
		maxLinks := 0.3
		if b.punct > 0 {
			maxLinks = 0.5 // a sentence that names its sources in links
		}
		return b.class == blockShort && !skip(i) && !b.heading && b.linkDensity() <= maxLinks &&
			b.node != nil && r.node != nil && b.node.Parent == r.node.Parent && b.node.DataAtom == r.node.DataAtom &&
			apart && !w.isMetaLine(b.text)
	}
	// A deck set as a subheading right above the text opens the article.
	deck := func(i, ref int) bool {
		b, r := &w.blocks[i], &w.blocks[ref]
		return b.class == blockShort && b.heading && !skip(i) && b.eff() >= 80 && b.punct > 0 &&
			b.linkDensity() <= 0.2 && b.node != nil && r.node != nil && b.node.Parent == r.node.Parent
	}
	// A lead paragraph above the first subheading opens the article too.
	lead := func(i, ref int) bool {
		h := &w.blocks[i+1]
		return h.heading && h.class == blockShort && !skip(i+1) && w.blocks[i].punct > 0 && sibling(i, ref)
	}
	for {
		switch {
		case first-1 >= int(sp.start) && (sibling(first-1, first) || deck(first-1, first)):
			first--
			continue
		case first-2 >= int(sp.start) && lead(first-2, first):
			first -= 2
			continue
		}
		break
	}
	for last+1 < int(sp.end) && sibling(last+1, last) {
		last++
	}
	out := make([]int, 0, last-first+1)
	announced := false
	for i := first; i <= last; i++ {
		b := &w.blocks[i]
		item := announced && isListItem(b)
		if !item {
			announced = announcesList(b)
		}
		if b.class == blockBad && !item || skip(i) || b.linkDensity() > 0.5 && !item || isWidgetLabel(b) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// announcesList reports a sentence of the text that ends in a colon: what
// follows it is the article's own list. A short label ("Related:", "Read
// more:", "相关阅读：") introduces other pages instead.
func announcesList(b *block) bool {
	return b.eff() >= 30 && (strings.HasSuffix(b.text, ":") || strings.HasSuffix(b.text, "：")) && !isSectionHeading(b)
}

// isListItem reports an item of a list that reads as words (three or
// more), linked or not. Right after a sentence that announces it ("Many
// patches were sent for review:"), such an item is the article's own even
// when it is all link: a changelog, a roundup of pull requests.
func isListItem(b *block) bool {
	if b.node == nil || strings.Count(strings.TrimSpace(b.text), " ") < 2 || b.noise {
		return false
	}
	for n := b.node; n != nil; n = n.Parent {
		switch n.DataAtom {
		case atom.Li:
			return true
		case atom.Ul, atom.Ol, atom.Div, atom.Body:
			return false
		}
	}
	return false
}

// isExpander reports "read more" buttons that unfold the rest of an article.
func isExpander(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, e := range []string{"read more", "continue reading", "weiterlesen", "mehr lesen", "lire la suite", "leer más", "leia mais", "阅读全文", "展开全文", "查看全文", "閱讀全文"} {
		if strings.HasPrefix(t, e) {
			return true
		}
	}
	return false
}

// isCreditLine reports a byline or label line ("By Jane Doe", "来源：新华社"),
// which is metadata rather than body text.
func isCreditLine(s string) bool {
	if len(parseByline(s)) > 0 || bylineAgency(s) != "" {
		return true
	}
	lf := labelFields(s)
	return lf.Source != "" || len(lf.Authors) > 0 || lf.Editor != ""
}

// isWidgetLabel reports a short, punctuation-free line in a generic
// container between paragraphs: a button or counter ("Bild anzeigen",
// "1 von 17"), not a subheading (those are h2–h6, <strong> paragraphs, …).
func isWidgetLabel(b *block) bool {
	if b.class != blockShort || b.heading || b.punct > 0 || b.runes >= 30 || b.cjk > 0 || b.node == nil {
		return false
	}
	switch b.node.DataAtom {
	case atom.Div, atom.Section, atom.Figure, atom.Header, atom.Footer, atom.Form:
		return true
	}
	return false
}

// isMetaLine reports a byline, a label line or a line that is mostly a
// date: metadata printed around the article, never its prose.
func isMetaLine(s string) bool {
	if isCreditLine(s) {
		return true
	}
	_, _, start, end, ok := findDate(s, time.UTC)
	return ok && 2*(end-start) >= len(strings.TrimSpace(s))
}

// isMetaLine is isMetaLine with the walker's remembered date scans.
func (w *blockWalker) isMetaLine(s string) bool {
	if isCreditLine(s) {
		return true
	}
	m, ok := w.findDateMatch(s)
	return ok && 2*(m.end-m.start) >= len(strings.TrimSpace(s))
}

// mainCluster splits the prose blocks first..last at wide stretches of
// boilerplate (a live-blog column or a sidebar inside the chosen element)
// and returns the span of the cluster holding the most prose, or of the one
// under the headline. A list the text announces ("Many patches were sent
// for review:") is no such stretch, however many links it holds: a
// changelog or a link roundup is the article's own.
func mainCluster(w *blockWalker, first, last int, skip func(int) bool) (int, int) {
	type cluster struct{ first, last, good int }
	var cs []cluster
	cFirst, cGood := first, 0
	gapBad, gapEff := 0, 0
	prevGood := first
	announced := false
	for i := first; i <= last; i++ {
		b := &w.blocks[i]
		switch {
		case b.class == blockGood && !skip(i):
			if gapBad >= 20 && gapEff >= 1200 {
				cs = append(cs, cluster{cFirst, prevGood, cGood})
				cFirst, cGood = i, 0
			}
			cGood += b.eff()
			prevGood = i
			gapBad, gapEff = 0, 0
			announced = announcesList(b)
		case b.class == blockBad:
			if !announced {
				gapBad++
				gapEff += b.eff()
			}
		default:
			announced = announcesList(b)
		}
	}
	cs = append(cs, cluster{cFirst, prevGood, cGood})
	best := 0
	for k := range cs {
		if cs[k].good > cs[best].good {
			best = k
		}
	}
	// A page that runs several stories on (an endless scroll) puts the
	// headline above its own: the cluster that holds it or comes first
	// after it is the article, unless it is a stub beside the best.
	if h := int(w.head); h >= 0 && h <= last {
		for k := range cs {
			if cs[k].last >= h {
				if 4*cs[k].good >= cs[best].good {
					best = k
				}
				break
			}
		}
	}
	return cs[best].first, cs[best].last
}
