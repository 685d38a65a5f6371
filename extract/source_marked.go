package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Portals mark the outlet in the info line with a class or id ("source",
// "a_source", "ep-source", "article-source") even when they print it bare
// and glued to its neighbours ("金融市场棱镜2019-09-23 07:48", where the
// channel, the outlet and the date are three spans). The block text cannot
// tell the three apart; the markup can. Only the info region between the
// headline and the body is searched, so the "source" marks of a list of
// related stories do not count.

// markedSourceDepth bounds the walk below one info block.
const markedSourceDepth = 6

// markedSource returns the text of a source-marked element inside the info
// blocks between the headline head and the body's first block, or "".
func markedSource(w *blockWalker, head, firstBody int) string {
	if head < 0 {
		return ""
	}
	for i := head + 1; i < firstBody && i <= head+8 && i < len(w.blocks); i++ {
		if n := w.blocks[i].node; n != nil && w.blocks[i].runes <= 200 {
			if v := findMarkedSource(n, 0); v != "" {
				return v
			}
		}
	}
	return ""
}

func findMarkedSource(n *html.Node, depth int) string {
	if depth > markedSourceDepth {
		return ""
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isSourceMarked(c) {
			if raw, ok := textOfMax(c, 200); ok {
				if v := markedSourceValue(collapseSpace(raw)); v != "" {
					return v
				}
			}
		}
		if v := findMarkedSource(c, depth+1); v != "" {
			return v
		}
	}
	return ""
}

// isSourceMarked reports an element whose class or id names the source.
func isSourceMarked(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		if strings.Contains(v, "source") && !strings.Contains(v, "resource") {
			return true
		}
	}
	return false
}

// markedSourceValue returns the outlet a source-marked element prints: the
// value of a 来源 label, or the bare text when it reads as a name (Han,
// 2–20 runes, no digits, no punctuation, not a placeholder).
func markedSourceValue(t string) string {
	t = strings.TrimSpace(t)
	if lf := labelFields(t); lf.Source != "" {
		return lf.Source
	}
	n := utf8.RuneCountInString(t)
	if n < 2 || n > 20 || !strings.ContainsFunc(t, isHanRune) || strings.ContainsFunc(t, isDigitRune) {
		return ""
	}
	if strings.ContainsAny(t, "：:，,。！？!?；;（）()《》【】[]|/") || isPlaceholderSource(t) {
		return ""
	}
	return t
}
