package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// Page builders (Elementor, SiteOrigin, CKEditor) wrap every box of a page,
// the article's paragraphs included, in an element whose class says
// "widget", a word that otherwise marks chrome. The boxes holding the
// running text are let back into the body here.

// isBuilderProse reports a page builder's box (Elementor, SiteOrigin,
// CKEditor: "elementor-widget-text-editor", "so-panel widget widget_text",
// "ck-widget") that "widget" alone marks as chrome, holding running prose:
// at least 70% of its text in prose blocks, several sentences, at most a
// fifth of it link text, and nothing folded behind toggles (an FAQ
// accordion). A catalogue's, a sidebar's or a menu's boxes hold short
// items and links.
func isBuilderProse(w *blockWalker, s *span) bool {
	if !isBuilderBox(s.node) {
		return false
	}
	good, total, links, punct, paras, linkLines := 0, 0, 0, 0, 0, 0
	for i := s.start; i < s.end; i++ {
		b := &w.blocks[i]
		total += b.eff()
		links += b.linkRunes
		if b.linkDensity() > 0.5 {
			linkLines++
		}
		if b.class == blockGood {
			good += b.eff()
			punct += b.punct
			paras++
		}
	}
	// One paragraph is a box of its own only with several sentences, no
	// link line and no twin beside it: an author's bio under a linked name
	// and a slideshow's captions are not the text.
	one := paras == 1 && punct >= 5 && linkLines == 0 && !hasTwin(s.node)
	return (paras >= 2 && punct >= 3 || one) && 10*good >= 7*total && 5*links <= total && !hasToggles(s.node)
}

// hasTwin reports an element with a sibling of the same tag and class:
// one of a run of repeated items (slides, cards).
func hasTwin(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	cls := attr(n, "class")
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && c.Type == html.ElementNode && c.DataAtom == n.DataAtom && attr(c, "class") == cls {
			return true
		}
	}
	return false
}

// hasToggles reports a box whose text sits behind several controls that
// open and close it (aria-expanded, role="tab" or "button"): an accordion
// of questions, a set of tabs. Running prose is not folded away; one
// toggle is a table of contents' "hide".
func hasToggles(n *html.Node) bool { return countToggles(n, 2) >= 2 }

// countToggles counts the toggles below n, stopping at limit.
func countToggles(n *html.Node, limit int) int {
	k := 0
	for c := n.FirstChild; c != nil && k < limit; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		for _, a := range c.Attr {
			if a.Key == "aria-expanded" || a.Key == "role" && (a.Val == "tab" || a.Val == "button") {
				k++
				break
			}
		}
		k += countToggles(c, limit-k)
	}
	return k
}

// isBuilderBox reports an element whose class is chrome only for the word
// "widget" in it, as page builders name every box.
func isBuilderBox(n *html.Node) bool {
	cls, id := classTokens(n)
	if !strings.Contains(cls, "widget") || strings.Contains(id, "widget") {
		return false
	}
	return !isNoiseName(strings.ReplaceAll(cls, "widget", "box"), id)
}

// rescueBuilderProse clears the chrome mark of builder boxes holding prose
// (isBuilderProse) that continue the text flow: the nearest prose block
// before or after the box, past at most three short lines, lies outside
// chrome. A box next to a rescued one continues the flow too, so a run of
// boxes comes back whole; a page made only of builder boxes gains nothing.
func rescueBuilderProse(w *blockWalker, noisy []bool) {
	var boxes []int
	for i := range w.spans {
		if w.spans[i].noise && noisy[i] && (w.spans[i].parent < 0 || !noisy[w.spans[i].parent]) && isBuilderProse(w, &w.spans[i]) {
			boxes = append(boxes, i)
		}
	}
	blockNoisy := func(k int32) bool { b := &w.blocks[k]; return b.span >= 0 && noisy[b.span] }
	flows := func(s *span) bool {
		for k, n := s.start-1, 0; k >= 0 && n <= 3; k, n = k-1, n+1 {
			if w.blocks[k].class == blockGood {
				if !blockNoisy(k) {
					return true
				}
				break
			}
		}
		for k, n := s.end, 0; int(k) < len(w.blocks) && n <= 3; k, n = k+1, n+1 {
			if w.blocks[k].class == blockGood {
				return !blockNoisy(k)
			}
		}
		return false
	}
	for changed := true; changed; {
		changed = false
		for _, i := range boxes {
			s := &w.spans[i]
			if !noisy[i] || !flows(s) {
				continue
			}
			noisy[i] = false
			for j := i + 1; j < len(w.spans) && w.spans[j].start < s.end; j++ {
				if w.spans[j].start >= s.start && w.spans[j].end <= s.end {
					// Only clears: a non-builder chrome box inside stays.
					p := w.spans[j].parent
					noisy[j] = noisy[j] && (w.spans[j].noise && !isBuilderBox(w.spans[j].node) || p >= 0 && noisy[p])
				}
			}
			changed = true
		}
	}
}
