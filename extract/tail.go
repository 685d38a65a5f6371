package extract

import "strings"

// Calls to action close many English articles: a newsletter box, an
// invitation to follow the writer or to join a forum, a "click here" line.
// They sit inside the article's element and read as sentences, so neither
// the element's class nor the block classifier catches them; at the end of
// the body, where nothing but the article's own text follows, they go.

// tailCallPhrases mark a line as a call to action (matched lower-cased).
var tailCallPhrases = [...]string{
	"our newsletter", "the newsletter", "sign up for", "sign up to", "successfully subscribed", "to your inbox",
	"in your inbox", "follow us", "follow him on", "follow her on", "follow me on", "join our", "click here",
	"give us feedback", "have your say",
}

// tailCallMaxRunes is the longest line taken for a call to action; a longer
// paragraph is the article's own text, whatever it mentions.
const tailCallMaxRunes = 300

// trimTailCalls drops calls to action from the end of the body blocks idx,
// keeping at least one block.
func trimTailCalls(w *blockWalker, idx []int) []int {
	for len(idx) > 1 {
		b := &w.blocks[idx[len(idx)-1]]
		if b.runes > tailCallMaxRunes || b.cjk > 0 || !isCallToAction(b.text) {
			break
		}
		idx = idx[:len(idx)-1]
	}
	return idx
}

// isCallToAction reports a line holding one of tailCallPhrases.
func isCallToAction(s string) bool {
	t := strings.ToLower(s)
	for _, p := range tailCallPhrases {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}
