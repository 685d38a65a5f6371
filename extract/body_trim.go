package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// trimBodyBlocks corrects the assembled body at its edges, where block
// classes alone go wrong on portal and forum pages:
//
//   - a first paragraph split by an inline ad or an empty element leaves its
//     opening clause ("为了贯彻落实…规划，") as a short block before the body;
//   - a notice ends with "附：…" and the table it announces sits below,
//     outside the text's container;
//   - reader comments and feeds continue below a "评论"/"相关推荐" heading
//     as prose, in other containers than the article's;
//   - a forum thread repeats a post header with a timestamp
//     ("〓 … 发布时间 2005/03/15 22:36:13 by 某某 〓") before or after each
//     reply; the article is the first post;
//   - a site builder renders the article once per screen size, so its
//     paragraphs come again in another element, and cards set their text
//     twice (hover overlay and caption);
//   - end matter that names nobody (promos, reprint notes, "信息来源于网络")
//     is cut here already, with the short lines below it, before the credit
//     readers take some of it out and leave the rest stranded.
func trimBodyBlocks(w *blockWalker, idx []int) []int {
	if len(idx) == 0 {
		return idx
	}
	idx = extendSplitLead(w, idx)
	idx = extendAnnounced(w, idx)
	idx = dropLeadingInfo(w, idx)
	idx = dropRepeatedLead(w, idx)
	idx = cutAfterSection(w, idx)
	idx = cutPostSeries(w, idx)
	idx = dropRepeatedParagraphs(w, idx)
	idx = dropDoubledLines(w, idx)
	idx = cutAuthorBox(w, idx)  // authorbox.go
	idx = dropTOCLabels(w, idx) // toclabel.go
	// End matter goes before the credit readers take lines out of the
	// body: a note they read ("信息来源于网络") must not hide the short lines
	// below it (endmatter.go).
	text := func(k int) string { return w.blocks[idx[k]].text }
	cut := tailMatterCut(len(idx), text, isCreditlessEndMatter)
	for k := cut; k < len(idx); k++ {
		if t := text(k); !isCreditlessEndMatter(t) && (isCreditLine(t) || isStandaloneCredit(t)) {
			// A credit below the matter ("（完）" over "记者 张三"): leave the
			// cut to the line pass, after the credits were read.
			return idx
		}
	}
	return idx[:cut]
}

// repeatMin is the least eff of a paragraph whose repeat is dropped: short
// lines ("Advertisement", "Read more", a subheading per section) repeat in
// real articles.
const repeatMin = 80

// repeatRun is the fewest paragraphs in a row that must repeat, in another
// element, for the copy to go: one repeated paragraph is a pull quote or a
// disclaimer, a run of them is the article's text a second time.
const repeatRun = 3

// dropRepeatedParagraphs keeps the first copy of a run of paragraphs
// repeated word for word in another element of the body. Site builders
// render the article once per screen size (each copy shown by a media
// query), and a paywall keeps the teaser text above the full text; both
// copies sit in elements of their own. Short lines between the repeated
// paragraphs go with them.
func dropRepeatedParagraphs(w *blockWalker, idx []int) []int {
	// The first block of each paragraph text: a short body's few paragraphs
	// are compared one by one, a map is built only past len(seen).
	var seen [16]int
	nSeen := 0
	var first map[string]int
	var rep []bool // nil until a paragraph repeats
	for k, i := range idx {
		b := &w.blocks[i]
		if b.eff() < repeatMin || b.node == nil {
			continue
		}
		j, ok := -1, false
		if first == nil && nSeen < len(seen) {
			for _, s := range seen[:nSeen] {
				if w.blocks[s].text == b.text {
					j, ok = s, true
					break
				}
			}
			if !ok {
				seen[nSeen] = i
				nSeen++
			}
		} else {
			if first == nil {
				first = make(map[string]int, 2*len(seen))
				for _, s := range seen { // distinct texts, in page order
					first[w.blocks[s].text] = s
				}
			}
			if j, ok = first[b.text]; !ok {
				first[b.text] = i
			}
		}
		if ok && w.blocks[j].node.Parent != b.node.Parent {
			if rep == nil {
				rep = make([]bool, len(idx))
			}
			rep[k] = true
		}
	}
	if rep == nil {
		return idx
	}
	drop := make([]bool, len(idx))
	for k := 0; k < len(idx); {
		if !rep[k] {
			k++
			continue
		}
		// A run: repeated paragraphs with only short lines between them.
		n, end := 0, k
		for j := k; j < len(idx); j++ {
			if rep[j] {
				n, end = n+1, j+1
			} else if w.blocks[idx[j]].eff() >= repeatMin {
				break
			}
		}
		if n >= repeatRun {
			for j := k; j < end; j++ {
				drop[j] = true
			}
		}
		k = end
	}
	out := make([]int, 0, len(idx))
	for k, i := range idx {
		if !drop[k] {
			out = append(out, i)
		}
	}
	return out
}

// doubledMin is the least eff of a line whose doubling is dropped.
const doubledMin = 30

// dropDoubledLines drops a line that says word for word what the line
// right above it said, from another element: a card's text set twice
// (once for the hover overlay, once below the picture), a caption shown
// per screen size. Repeats in the same element (a refrain) stay.
func dropDoubledLines(w *blockWalker, idx []int) []int {
	return dropIndexes(idx, func(k, i int) bool {
		b := &w.blocks[i]
		if k == 0 || b.eff() < doubledMin || b.node == nil {
			return false
		}
		p := &w.blocks[idx[k-1]]
		return p.text == b.text && p.node != nil && p.node.Parent != b.node.Parent
	})
}

// dropIndexes returns idx without the entries drop(k, idx[k]) reports,
// judged against the original idx. It returns idx itself when nothing is
// dropped, as on most pages, and copies only from the first drop on.
func dropIndexes(idx []int, drop func(k, i int) bool) []int {
	var out []int
	for k, i := range idx {
		if drop(k, i) {
			if out == nil {
				out = append(make([]int, 0, len(idx)), idx[:k]...)
			}
			continue
		}
		if out != nil {
			out = append(out, i)
		}
	}
	if out == nil {
		return idx
	}
	return out
}

// isStandaloneCredit reports a line that is nothing but a credit
// ("记者 张三", "文/张三"; see standaloneCredit).
func isStandaloneCredit(s string) bool {
	_, _, _, ok := standaloneCredit(s, false)
	return ok
}

// extendSplitLead prepends the blocks right before the body that end in
// the middle of a sentence (a comma or enumeration mark) and sit in the
// same element as the first paragraph, or beside it.
func extendSplitLead(w *blockWalker, idx []int) []int {
	for len(idx) > 0 && idx[0] > 0 {
		i := idx[0] - 1
		b, f := &w.blocks[i], &w.blocks[idx[0]]
		if b.class == blockBad || b.heading || b.linkDensity() > 0.3 || !endsClause(b.text) || w.isMetaLine(b.text) {
			break
		}
		if b.node != f.node && (b.node == nil || f.node == nil || b.node.Parent != f.node.Parent) {
			break
		}
		idx = append([]int{i}, idx...)
	}
	return idx
}

// maxAnnounced is the most blocks an announced table or list may add.
const maxAnnounced = 300

// extendAnnounced appends what the body's last line announces with a
// colon ("附：招生专业及考试科目", "附件：") when it follows right below as a
// run of link-free blocks that are not boilerplate: a table or list set
// outside the text's container, which notices attach at their end. The run
// must reach the next boilerplate block (or the page's end) unbroken.
func extendAnnounced(w *blockWalker, idx []int) []int {
	last := idx[len(idx)-1]
	b := &w.blocks[last]
	if b.runes > 40 || !strings.HasPrefix(b.text, "附") || !(strings.Contains(b.text, "：") || strings.Contains(b.text, ":")) {
		return idx
	}
	end := last + 1
	for end < len(w.blocks) && end-last <= maxAnnounced {
		c := &w.blocks[end]
		if c.class == blockBad {
			break
		}
		if c.linkRunes > 0 || c.heading || !inTableOrList(c.node) {
			return idx
		}
		end++
	}
	if end-last > maxAnnounced || end == last+1 {
		return idx
	}
	for i := last + 1; i < end; i++ {
		idx = append(idx, i)
	}
	return idx
}

// inTableOrList reports a block set in a table or a list, what an
// announcement ("附：…") introduces; a run of plain paragraphs below it may
// as well be comments.
func inTableOrList(n *html.Node) bool {
	for k := 0; n != nil && k < 8; n, k = n.Parent, k+1 {
		switch n.DataAtom {
		case atom.Table, atom.Ul, atom.Ol, atom.Dl:
			return true
		}
	}
	return false
}

// dropLeadingInfo takes an info line that opens the body ("2020-11-23
// 10:22:14 出处：某站 作者：甲 人气：35") out of it, and the short lines above
// it (a repeated headline), so that it is read with the other info lines.
func dropLeadingInfo(w *blockWalker, idx []int) []int {
	for k := min(len(idx)-2, 3); k >= 0; k-- {
		if !isInfoLine(w.blocks[idx[k]].text) {
			continue
		}
		for _, i := range idx[:k] {
			if w.blocks[i].runes > 40 || strings.HasSuffix(w.blocks[i].text, "。") {
				return idx
			}
		}
		return idx[k+1:]
	}
	return idx
}

// dropRepeatedLead takes out the opening blocks when they repeat the text
// below (repeatsLead) and are set apart as a summary: labelled ("摘要：")
// or a run of elements of another kind or container than the paragraphs
// after it (a <div> intro above <p>s, a list of key points). Sibling
// paragraphs that share a sentence are left alone.
func dropRepeatedLead(w *blockWalker, idx []int) []int {
	if len(idx) < 2 {
		return idx
	}
	b0 := &w.blocks[idx[0]]
	_, labelled := cutSummaryLabel(b0.text)
	r := 1
	for r < len(idx) && r < maxSummaryBlocks && sameKind(b0.node, w.blocks[idx[r]].node) {
		r++
	}
	if r == len(idx) || !labelled && r == maxSummaryBlocks {
		return idx
	}
	if !labelled && sameKind(b0.node, w.blocks[idx[r]].node) {
		return idx
	}
	var lead strings.Builder
	for _, i := range idx[:r] {
		lead.WriteString(w.blocks[i].text)
	}
	rest := make([]string, 0, len(idx)-r)
	for _, i := range idx[r:] {
		rest = append(rest, w.blocks[i].text)
	}
	if repeatsLead(lead.String(), rest) {
		return idx[r:]
	}
	return idx
}

// maxSummaryBlocks is the longest run of blocks taken for a summary box.
const maxSummaryBlocks = 6

// sameKind reports two blocks set in the same kind of element under the
// same parent: paragraphs of one text.
func sameKind(a, b *html.Node) bool {
	return a != nil && b != nil && a.DataAtom == b.DataAtom && a.Parent == b.Parent
}

// endsClause reports text that stops at a comma or enumeration mark: the
// sentence goes on in the next block.
func endsClause(s string) bool {
	return strings.HasSuffix(s, "，") || strings.HasSuffix(s, "、") || strings.HasSuffix(s, ",") ||
		strings.HasSuffix(s, "；")
}

// cutAfterSection ends the body where it resumes after a section heading
// that structure cut (markSections) when what follows is reader comments,
// or lies in another container than the text above the heading: a feed or
// player below the article, not the rest of it. The part cut must be the
// smaller one.
func cutAfterSection(w *blockWalker, idx []int) []int {
	for k := 1; k < len(idx); k++ {
		if idx[k]-idx[k-1] <= 1 {
			continue
		}
		heading := -1
		for j := idx[k-1] + 1; j < idx[k]; j++ {
			if b := &w.blocks[j]; b.why == "section" && b.linkDensity() <= 0.5 && isSectionHeading(b) {
				heading = j
				break
			}
		}
		if heading < 0 {
			continue
		}
		h := w.blocks[heading].text
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(h, " 【[")); !isCJK(r) {
			continue // Latin pages put "Related"/"Comments (5)" links between parts of one text
		}
		if !isCommentsLabel(h) && sameParent(w.blocks[idx[k-1]].node, w.blocks[idx[k]].node) {
			continue
		}
		if effOf(w, idx[k:]) < effOf(w, idx[:k]) {
			return idx[:k]
		}
	}
	return idx
}

func sameParent(a, b *html.Node) bool {
	return a != nil && b != nil && a.Parent == b.Parent
}

func effOf(w *blockWalker, idx []int) int {
	n := 0
	for _, i := range idx {
		n += w.blocks[i].eff()
	}
	return n
}

// minPostHeaders is how many timestamped header lines make a thread.
const minPostHeaders = 3

// cutPostSeries ends the body at the first of a series of short lines with
// a full timestamp (date and time) that follows the bulk of the text: the
// headers of forum replies or comments. Separator lines ("-----") right
// above it go too.
func cutPostSeries(w *blockWalker, idx []int) []int {
	first, n, prev, run := -1, 0, -2, 0
	for k, i := range idx {
		b := &w.blocks[i]
		// Post headers of forums and blog threads are Chinese here: an English
		// article's timeline ("10:02 a.m. – Storm makes landfall") is text.
		if b.runes > 100 || b.cjk == 0 || strings.Contains(b.text, "。") || !hasDateDigit(b.text) {
			continue
		}
		if _, hasTime, _, _, ok := findDate(b.text, time.UTC); !ok || !hasTime {
			continue
		}
		if k == prev+1 {
			// Headers alternate with posts. Two timestamped lines in a row
			// are one header (a reply quoting the post it answers, "本帖最后由
			// … 编辑"); three or more are a schedule, part of the text.
			if run++; run >= 2 {
				return idx
			}
			prev = k
			continue
		}
		run = 0
		prev = k
		if first < 0 {
			first = k
		}
		n++
	}
	if n < minPostHeaders || first <= 0 || effOf(w, idx[first:]) > effOf(w, idx[:first])/2 {
		return idx
	}
	for first > 1 && isSeparatorLine(w.blocks[idx[first-1]].text) {
		first--
	}
	return idx[:first]
}

// isSeparatorLine reports a line drawn with dashes, equals signs or stars.
func isSeparatorLine(s string) bool {
	if len(s) < 3 {
		return false
	}
	for _, r := range s {
		switch r {
		case '-', '=', '*', '_', '~', '—', '─', '━', '－', '＝', ' ':
		default:
			return false
		}
	}
	return true
}
