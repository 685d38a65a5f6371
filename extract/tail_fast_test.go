package extract

import (
	"strings"
	"testing"
)

// Every phrase holds an anchor, so mayHoldTailCall is never false where a
// phrase occurs, and the filter never changes isCallToAction.
func TestTailCallAnchors(t *testing.T) {
	for _, p := range tailCallPhrases {
		held := false
		for _, a := range tailCallAnchors {
			if len(a) != 4 {
				t.Fatalf("anchor %q is not four bytes", a)
			}
			held = held || strings.Contains(p, a)
		}
		if !held {
			t.Errorf("phrase %q holds no anchor", p)
		}
		for _, line := range []string{p, "x " + p + " y", "“" + p + "”"} {
			if !mayHoldTailCall(line) {
				t.Errorf("mayHoldTailCall(%q) = false", line)
			}
		}
	}
	if mayHoldTailCall("the city council on tuesday approved plan number 12 for the river district") {
		t.Log("filter passes a plain line (allowed, but slower)")
	}
}

// isCallToActionRef is isCallToAction without the anchor filter.
func isCallToActionRef(s string) bool {
	t := strings.ToLower(s)
	if strings.Contains(t, " said") || strings.Contains(t, " says") {
		return false
	}
	if isAppeal(t) {
		return true
	}
	for _, p := range tailCallPhrases {
		i := strings.Index(t, p)
		if i < 0 || insideQuotes(t[:i]) {
			continue
		}
		if addressesReader(sentenceBefore(t[:i]), sentenceAfter(t[i:])) {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(t, "follow "); ok {
		on := strings.Index(rest, " on ")
		if on < 0 || on > 60 || strings.ContainsAny(rest[:on], ",;:") {
			return false
		}
		for _, n := range [...]string{"twitter", "x", "facebook", "instagram", "linkedin", "bluesky", "threads", "tiktok", "youtube", "mastodon"} {
			if strings.HasPrefix(rest[on+len(" on "):], n) {
				return true
			}
		}
	}
	return false
}

func TestCallToActionFilter(t *testing.T) {
	lines := append(blockTexts(t), "Sign up for our newsletter.", "Enjoy this story? Sign up to get more.", "Residents can sign up for the program.",
		"Get the news in your inbox every morning", "Follow us on Twitter", "Follow The Gleaner on Twitter and Instagram", "Click here to read more",
		"Have your say in the comments", "Give us feedback", "\"Join our community,\" Lopez said", "You have successfully subscribed!")
	n := 0
	for _, l := range lines {
		got, want := isCallToAction(l), isCallToActionRef(l)
		if got != want {
			t.Errorf("isCallToAction(%.60q) = %v, want %v", l, got, want)
		}
		if want {
			n++
		}
	}
	if n < 8 {
		t.Errorf("only %d calls to action among the lines", n)
	}
}
