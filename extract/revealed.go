package extract

// Elements that the markup hides but a reader sees: streamed segments that
// a script moves into place, and panels that a reader unfolds.

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isStreamedContent reports a React streaming-render segment: the server
// sends a suspended part of the page later in the stream as
// <div hidden id="S:0">…</div>, and a script moves it into its placeholder
// (<template id="B:0">). Frameworks built on React (Next.js and others)
// send whole articles this way, so the hidden attribute there does not mean
// the text is never shown.
func isStreamedContent(n *html.Node) bool {
	if n.DataAtom != 0 && n.Data != "div" {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "id" {
			return isStreamSegmentID(a.Val)
		}
	}
	return false
}

// isStreamSegmentID reports React's segment ids: "S:" and a number.
func isStreamSegmentID(id string) bool {
	if len(id) < 3 || id[0] != 'S' || id[1] != ':' {
		return false
	}
	for i := 2; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// isCollapsedPanel reports the panel of an accordion or a set of tabs: an
// element named by its toggle (role="region" or "tabpanel", or
// aria-labelledby) that the page hides until a reader opens it. FAQ answers
// and "read more" sections are article text that a reader unfolds.
func isCollapsedPanel(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Dd, atom.Ul, atom.Ol, atom.P:
	default:
		return false
	}
	panel := false
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if a.Val != "region" && a.Val != "tabpanel" {
				return false // a dialog (cookie settings, sign-up) stays hidden
			}
			panel = true
		case "aria-labelledby":
			panel = panel || a.Val != ""
		case "aria-hidden":
			if a.Val == "true" {
				return false
			}
		}
	}
	return panel
}
