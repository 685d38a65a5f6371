package extract

import "strings"

// A table of contents opens many long guides: a "Table of Contents" label
// with a "[Hide]"/"[Show]" toggle over a list of links to the sections.
// The link list goes as a link-dense block; the label, short and free of
// links, stays behind as a stray first line of the body.

// tocLabels are the labels of a table of contents, lower-cased. A bare
// "Contents" is not among them: Wikipedia's is a heading that Readability,
// and so the labels built from its output, keep.
var tocLabels = [...]string{"table of contents", "in this article", "on this page", "jump to section", "article contents"}

// tocToggles are the words of the toggle a table of contents carries.
var tocToggles = [...]string{"[hide]", "[show]", "hide", "show", "toggle", "[toggle]", "×", "+", "-", "▼", "▲", "▾"}

// dropTOCLabels removes the labels of a table of contents from the first
// half of the body blocks idx.
func dropTOCLabels(w *blockWalker, idx []int) []int {
	return dropIndexes(idx, func(k, i int) bool {
		b := &w.blocks[i]
		return k < len(idx)/2 && b.runes <= 40 && b.cjk == 0 && isTOCLabel(b.text)
	})
}

// isTOCLabel reports a line that is nothing but the label of a table of
// contents, with or without its toggle and a colon.
func isTOCLabel(s string) bool {
	s = strings.TrimSpace(s)
	if !opensTOCLabel(s) {
		return false // most lines: no copy made
	}
	t := strings.ToLower(s)
	for {
		t2 := strings.TrimSpace(strings.TrimSuffix(t, ":"))
		for _, g := range tocToggles {
			t2 = strings.TrimSpace(strings.TrimSuffix(t2, g))
		}
		if t2 == t {
			break
		}
		t = t2
	}
	for _, l := range tocLabels {
		if t == l {
			return true
		}
	}
	return false
}

// opensTOCLabel reports whether s starts with a table of contents' label
// in any case.
func opensTOCLabel(s string) bool {
	for _, l := range tocLabels {
		if hasPrefixFoldASCII(s, l) {
			return true
		}
	}
	return false
}
