package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Blogs and magazines close an article with a box on its writer: a label
// ("Written by", "About the author", WordPress's "Latest posts by Jane Doe
// (see all)"), the writer's name and photo, a short bio and social links.
// The box sits inside the article's element, below the text, so neither
// class nor classifier keeps it out, and its bio reads as prose ("Emma is
// Lead Writer at…", "Sean Peek co-founded…") that trimTailCalls' name test
// misses. The label is the signal: the element around it that holds no
// more than a box's worth of text goes.

// authorBoxMaxEff is the most text (eff) an author box holds; an element
// around the label holding more is the article or a part of it.
const authorBoxMaxEff = 1500

// authorBoxMaxDepth is how many elements above the label's block the box
// may reach.
const authorBoxMaxDepth = 6

// cutAuthorBox removes the author box whose label lies in the second half
// of the body blocks idx, with whatever short trailer follows it.
func cutAuthorBox(w *blockWalker, idx []int) []int {
	total := effOf(w, idx)
	for k := len(idx) - 1; k >= len(idx)/2 && k > 0; k-- {
		b := &w.blocks[idx[k]]
		if b.cjk > 0 || b.runes > authorNoteMaxRunes || !isAuthorBoxLabel(b.text) {
			continue
		}
		lo, hi := authorBoxSpan(w, idx, k, min(authorBoxMaxEff, total/2))
		if effOf(w, idx[lo:hi+1]) <= b.eff()+40 && !strings.HasPrefix(strings.ToLower(b.text), "about the") {
			continue // a bare credit line, no bio: the credit readers want it
		}
		if effOf(w, idx[hi+1:]) <= authorBoxTrailerEff {
			return idx[:lo]
		}
		return append(idx[:lo:lo], idx[hi+1:]...)
	}
	return idx
}

// authorBoxTrailerEff is the most text below an author box that is taken
// for more of the box's furniture (share counts, tags) and cut with it.
const authorBoxTrailerEff = 300

// authorBoxSpan returns the first and last positions in idx of the blocks
// inside the largest element around block idx[k] that holds at most
// maxEff of the body's text: an author box's worth, and less than half. When the label stands alone in
// its element, the bio in the blocks right below it counts too.
func authorBoxSpan(w *blockWalker, idx []int, k, maxEff int) (lo, hi int) {
	lo, hi = k, k
	n := w.blocks[idx[k]].node
	for d := 0; n != nil && d < authorBoxMaxDepth; d++ {
		l, h := k, k
		for l > 0 && isInside(w.blocks[idx[l-1]].node, n) {
			l--
		}
		for h < len(idx)-1 && isInside(w.blocks[idx[h+1]].node, n) {
			h++
		}
		if effOf(w, idx[l:h+1]) > maxEff {
			break
		}
		lo, hi = l, h
		n = n.Parent
	}
	if hi == k && k+1 < len(idx) {
		// "Written by" over a bio in an element of its own.
		if next := &w.blocks[idx[k+1]]; next.runes <= authorNoteMaxRunes && bioFollows(w.blocks[idx[k]].text, next.text) {
			hi = k + 1
		}
	}
	return lo, hi
}

// bioFollows reports whether the line below a label reads as the bio it
// announces: any line under a bare label ("Written by", "About the
// author"), else one that names a word of the name the label gives
// ("Written by: Sean Peek" over "Sean Peek co-founded…"). A correction or
// an editor's note below a credit line names nobody and stays.
func bioFollows(label, next string) bool {
	t := strings.ToLower(strings.TrimSpace(label))
	for _, l := range [...]string{"written by", "about the author", "about the writer"} {
		t = strings.TrimPrefix(t, l)
	}
	words := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == ':' || r == ',' })
	if len(words) == 0 {
		return true
	}
	n := strings.ToLower(next)
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 && strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// isInside reports whether n is a or lies below it.
func isInside(n, a *html.Node) bool {
	for d := 0; n != nil && d < 64; d++ {
		if n == a {
			return true
		}
		n = n.Parent
	}
	return false
}

// isAuthorBoxLabel reports the label of an author box: "Written by",
// "Written by: Jane Doe, Senior Analyst", "About the author" (alone or
// opening the bio), "Latest posts by Jane Doe (see all)".
func isAuthorBoxLabel(s string) bool {
	t := strings.TrimSpace(s)
	if !hasPrefixFoldASCII(t, "latest posts by ") && !hasPrefixFoldASCII(t, "about the ") && !hasPrefixFoldASCII(t, "written by") {
		return false // most lines: no lower-cased copy
	}
	t = strings.ToLower(t)
	switch {
	case strings.HasPrefix(t, "latest posts by ") && strings.HasSuffix(t, "(see all)"):
		return true
	case strings.HasPrefix(t, "about the author"), strings.HasPrefix(t, "about the writer"):
		// Both prefixes are 16 bytes long.
		rest := t[len("about the author"):]
		return strings.HasPrefix(rest, ":") || len(strings.Fields(rest)) <= 4 && !endsSentence(rest)
	case strings.HasPrefix(t, "written by"):
		rest := strings.TrimLeft(t[len("written by"):], " :")
		return len(strings.Fields(rest)) <= 6 && !endsSentence(rest) && !strings.Contains(rest, ". ")
	}
	return false
}
