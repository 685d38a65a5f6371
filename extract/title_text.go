package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headingText is textOfMax for a headline element, read as a browser lays
// it out: a child that renders as a block of its own (a <div> or <p>, or a
// span styled display:block, as a subtitle or kicker line inside <h1>
// often is) starts a new line, so its words are set apart from the text
// beside it ("Notion Alternatives<span class="block">Top Tools</span>"
// reads "Notion Alternatives Top Tools"). Inline elements with no white
// space between them render glued and stay glued.
func headingText(n *html.Node, max int) (string, bool) {
	return renderedText(n, max, true)
}

// rendersAsBlock reports an element laid out on a line of its own: a
// block-level element, or one whose inline style or utility class
// (Tailwind's "block", Bootstrap's "d-block") sets display:block.
func rendersAsBlock(n *html.Node) bool {
	if isBlockElement(n.DataAtom) {
		return true
	}
	if style := strings.ToLower(attr(n, "style")); strings.Contains(strings.ReplaceAll(style, " ", ""), "display:block") {
		return true
	}
	cls := attr(n, "class")
	return hasClassToken(cls, "block") || hasClassToken(cls, "d-block")
}

// trimColonKicker cuts a kicker from printed headline t (the text of
// element h) where h sets the colon after it in an element of its own
// ("<span>Kicker</span><span class="visually-hidden">:</span>Headline"):
// the markup screen readers are given for a kicker line above a headline,
// read aloud as "Kicker: Headline" but printed as two lines.
func trimColonKicker(t string, h *html.Node) string {
	var before strings.Builder
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				before.WriteString(c.Data)
			case html.ElementNode:
				if c.DataAtom == atom.Script || c.DataAtom == atom.Style {
					continue
				}
				if strings.TrimSpace(textOf(c)) == ":" {
					found = true
					return
				}
				walk(c)
			}
		}
	}
	walk(h)
	kicker := collapseSpace(before.String())
	if !found || kicker == "" || !strings.HasPrefix(t, kicker) {
		return t
	}
	if rest := strings.TrimLeft(t[len(kicker):], " :"); utf8.RuneCountInString(rest) >= 8 {
		return rest
	}
	return t
}
