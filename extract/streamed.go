package extract

import "golang.org/x/net/html"

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
