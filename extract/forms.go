package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFormRunes is the most visible text a form to fill in may hold: a
// newsletter box, a lead form or a comment form carries a pitch, field
// labels and its messages. A page built inside one form (ASP.NET wraps
// every page in <form>) holds the whole article and far more.
const maxFormRunes = 600

// isEntryForm reports a form with a field to type into and little text:
// a sign-up, lead or search form. Its labels ("First Name", "Work
// Email"), its pitch and the validation notes of its plug-in ("This field
// is for validation purposes and should be left unchanged") are chrome,
// never the article's text. A form with a textarea (a comment or review
// form) is left to the end-matter rules: it closes the article, and the
// lines above it are read up to it.
func isEntryForm(n *html.Node) bool {
	if n.DataAtom != atom.Form {
		return false
	}
	runes, field := 0, false
	var visit func(*html.Node) bool
	visit = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				runes += utf8.RuneCountInString(strings.TrimSpace(c.Data))
				if runes > maxFormRunes {
					return false
				}
			case html.ElementNode:
				if c.DataAtom == atom.Textarea {
					return false
				}
				if isTextField(c) {
					field = true
				}
				if c.DataAtom != atom.Script && c.DataAtom != atom.Style && !visit(c) {
					return false
				}
			}
		}
		return true
	}
	return visit(n) && field
}

// isTextField reports an input that takes typed text (no type at all is
// text).
func isTextField(n *html.Node) bool {
	if n.DataAtom != atom.Input {
		return false
	}
	switch strings.ToLower(attr(n, "type")) {
	case "", "text", "email", "tel", "search", "number", "url", "password":
		return true
	}
	return false
}
