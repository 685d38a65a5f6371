package extract

import (
	"strings"
	"unicode/utf8"
)

// A Chinese headline taken from <title> or metadata may keep a gap the page
// does not print: the CMS copied a headline set over several lines, and
// the indent of a wrapped line ("调整2007<br>　年末…") became a blank inside
// the title ("调整2007 年末"). Chinese is written without blanks between
// words, so a blank beside a Han character that the printed headline does
// not have is layout, not text. Gaps the page prints (spaced-out dates,
// "习近平 李克强" set apart) stay, and so does every gap of a title the page
// does not print.

// printedGaps returns title with each blank beside a Han character removed
// where the page prints the headline (one block, or up to four in a row
// when the headline is set over several lines, that hold the title's
// characters in order) without it; a line break counts as a printed gap.
// It returns title unchanged when there is no such gap or no block prints
// the headline.
func printedGaps(w *blockWalker, title string, head, limit int) string {
	if !hanGap(title) {
		return title
	}
	// The headline's own block speaks first: a breadcrumb or a related
	// link above it may print the headline differently.
	if head >= 0 && head < limit {
		if t, ok := gapsFrom(w, title, head, head+4); ok {
			return t
		}
	}
	if t, ok := gapsFrom(w, title, 0, limit); ok {
		return t
	}
	return title
}

// gapsFrom is printedGaps over the windows that start at blocks from to
// limit-1; ok is false when none prints the headline.
func gapsFrom(w *blockWalker, title string, from, limit int) (string, bool) {
	bare := stripBlanks(title)
	n := utf8.RuneCountInString(bare)
	// The headline's first two characters open the window, or stand in
	// the one block that holds it all.
	opening := bare
	if rs := []rune(bare); len(rs) > 2 {
		opening = string(rs[:2])
	}
	limit = min(limit, len(w.blocks))
	for i := from; i < limit; i++ {
		if w.blocks[i].runes > 4*n+40 || !strings.Contains(w.blocks[i].text, opening) {
			continue
		}
		text, runes := "", 0
		for j := i; j < limit && j < i+4 && runes < n; j++ {
			text += " " + w.blocks[j].text
			runes += w.blocks[j].runes
		}
		if runes < n {
			continue
		}
		flat, gapBefore := blankMap(text)
		if at := strings.Index(flat, bare); at >= 0 {
			return dropUnprintedGaps(title, gapBefore[utf8.RuneCountInString(flat[:at]):]), true
		}
	}
	return title, false
}

// hanGap reports a blank inside s with a Han character on one side.
func hanGap(s string) bool {
	s = strings.TrimSpace(s)
	prev := rune(0)
	for i, r := range s {
		if isBlankRune(r) && prev != 0 && !isBlankRune(prev) {
			next := firstRune(strings.TrimLeftFunc(s[i:], isBlankRune))
			if isHanRune(prev) || isHanRune(next) {
				return true
			}
		}
		prev = r
	}
	return false
}

// stripBlanks returns s without its blanks.
func stripBlanks(s string) string {
	return strings.Map(func(r rune) rune {
		if isBlankRune(r) {
			return -1
		}
		return r
	}, s)
}

// blankMap returns s without blanks and, for each of its runes, whether a
// blank stood before it in s.
func blankMap(s string) (string, []bool) {
	var b strings.Builder
	gaps := make([]bool, 0, len(s)/2)
	gap := false
	for _, r := range s {
		if isBlankRune(r) {
			gap = true
			continue
		}
		b.WriteRune(r)
		gaps = append(gaps, gap)
		gap = false
	}
	return b.String(), gaps
}

// dropUnprintedGaps removes the blanks of title that sit beside a Han
// character where printed (the printed gap flags of title's non-blank
// runes, in order) has none.
func dropUnprintedGaps(title string, printed []bool) string {
	title = strings.TrimSpace(title)
	var b strings.Builder
	k := 0 // index of the next non-blank rune
	prev := rune(0)
	for i := 0; i < len(title); {
		r, w := utf8.DecodeRuneInString(title[i:])
		if !isBlankRune(r) {
			b.WriteRune(r)
			prev = r
			k++
			i += w
			continue
		}
		j := i
		for j < len(title) && isBlankRune(firstRune(title[j:])) {
			_, w := utf8.DecodeRuneInString(title[j:])
			j += w
		}
		next := firstRune(title[j:])
		keep := k >= len(printed) || printed[k] || !isHanRune(prev) && !isHanRune(next)
		if keep {
			b.WriteString(title[i:j])
		}
		i = j
	}
	return b.String()
}
