package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Calls to action close many English articles: a newsletter box, an
// invitation to follow the writer or to join a forum, a "click here" line.
// They sit inside the article's element and read as sentences, so neither
// the element's class nor the block classifier catches them; at the end of
// the body, where nothing but the article's own text follows, they go.

// tailCallPhrases mark a line as a call to action (matched lower-cased).
var tailCallPhrases = [...]string{
	"our newsletter", "the newsletter", "sign up for", "sign up to", "successfully subscribed", "to your inbox",
	"in your inbox", "follow us", "follow him on", "follow her on", "follow me on", "join our", "click here",
	"give us feedback", "have your say", "sign up below",
}

// tailCallAnchors are four bytes of each of tailCallPhrases that English
// prose seldom holds (TestTailCallAnchors checks that every phrase holds
// one): a line with none of them holds no phrase, which one pass over its
// bytes tells, where isCallToAction would search for each phrase.
var tailCallAnchors = [...]string{"wsle", "gn u", "bscr", "inbo", "ollo", "join", "lick", "dbac", "r sa"}

// tailCallBits is a Bloom filter of tailCallAnchors: bit anchorHash(a) is
// set for each.
var tailCallBits = func() (bits [1 << anchorHashBits / 64]uint64) {
	for _, a := range tailCallAnchors {
		h := anchorHash(a, 0)
		bits[h/64] |= 1 << (h % 64)
	}
	return bits
}()

const anchorHashBits = 12

// anchorHash hashes the four bytes of s at i.
func anchorHash(s string, i int) uint32 {
	k := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
	return k * 0x9E3779B1 >> (32 - anchorHashBits)
}

// mayHoldTailCall reports whether t may hold one of tailCallAnchors: false
// means that strings.Index finds none of tailCallPhrases in t.
func mayHoldTailCall(t string) bool {
	for i := 0; i+4 <= len(t); i++ {
		if h := anchorHash(t, i); tailCallBits[h/64]&(1<<(h%64)) != 0 {
			return true
		}
	}
	return false
}

// tailCallMaxRunes is the longest line taken for a call to action; a longer
// paragraph is the article's own text, whatever it mentions.
const tailCallMaxRunes = 300

// trimTailCalls drops calls to action and author notes from the end of the
// body blocks idx, and the short labels above them ("About the author",
// the writer's name), keeping at least one block.
func trimTailCalls(w *blockWalker, idx []int) []int {
	dropped := false
	for len(idx) > 1 {
		b := &w.blocks[idx[len(idx)-1]]
		switch {
		case b.cjk > 0:
			return idx
		case b.runes <= tailCallMaxRunes && isCallToAction(b.text):
		case b.runes <= authorNoteMaxRunes && isAuthorNote(b.text) && inOwnBox(w, idx):
		case dropped && b.runes <= 40 && !endsSentence(b.text) && !inTableCell(b.node):
		default:
			return idx
		}
		idx, dropped = idx[:len(idx)-1], true
	}
	return idx
}

// inTableCell reports a block set in a table cell: the last row of a
// table above an appeal is data, not the appeal's label.
func inTableCell(n *html.Node) bool {
	for k := 0; n != nil && k < 4; n, k = n.Parent, k+1 {
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
			return true
		}
	}
	return false
}

// isCallToAction reports a line holding one of tailCallPhrases addressed to
// the reader: the phrase opens a sentence, or the sentence opens with an
// imperative or speaks to "you" ("Enjoy this story? Sign up…", "Get the
// news in your inbox…"). A report ("Residents can sign up for the
// program…") or a quotation ("…join our community," Lopez said) is the
// article's text.
func isCallToAction(s string) bool {
	var buf [tailCallMaxRunes]byte
	t := lowerInto(buf[:], s)
	if strings.Contains(t, " said") || strings.Contains(t, " says") {
		return false
	}
	if isAppeal(t) { // tail_appeals.go
		return true
	}
	if mayHoldTailCall(t) { // most lines hold none: no sixteen searches
		for _, p := range tailCallPhrases {
			i := strings.Index(t, p)
			if i < 0 || insideQuotes(t[:i]) {
				continue
			}
			if addressesReader(sentenceBefore(t[:i]), sentenceAfter(t[i:])) {
				return true
			}
		}
	}
	// "Follow The Gleaner on Twitter and Instagram …": "follow <name> on
	// <platform>", not "Follow the money, critics argue: … Twitter-famous".
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

// sentenceBefore returns the part of the sentence that precedes the end of
// s (s is the text before a phrase).
func sentenceBefore(s string) string {
	start := 0
	for _, end := range [...]string{". ", "! ", "? ", ": ", " — ", " | "} {
		if i := strings.LastIndex(s, end); i >= 0 && i+len(end) > start {
			start = i + len(end)
		}
	}
	return s[start:]
}

// sentenceAfter returns the part of the sentence that starts s.
func sentenceAfter(s string) string {
	end := len(s)
	for _, e := range [...]string{". ", "! ", "? "} {
		if i := strings.Index(s, e); i >= 0 && i < end {
			end = i
		}
	}
	return s[:end]
}

// insideQuotes reports whether text that ends at a phrase leaves a
// quotation open.
func insideQuotes(before string) bool {
	return strings.Count(before, "“") > strings.Count(before, "”") || strings.Count(before, "\"")%2 == 1
}

// addressesReader reports whether a sentence holding a call-to-action
// phrase (before it: the sentence's start; after it: the rest) speaks to
// the reader: the phrase opens it or follows a short lead-in clause ("In
// case of abuse, click here"), the sentence opens with an imperative, or it
// says "you".
func addressesReader(before, after string) bool {
	b := strings.TrimSpace(before)
	if b == "" || strings.HasSuffix(b, ",") && len(b) <= 40 {
		return true
	}
	if s := " " + b + " " + after + " "; strings.Contains(s, " you ") || strings.Contains(s, " your ") {
		return true
	}
	first, _, _ := strings.Cut(b, " ")
	switch strings.Trim(first, ",.!?:") {
	case "to", "for", "get", "want", "like", "liked", "enjoy", "enjoyed", "love", "loved", "don't", "don’t", "do", "never",
		"stay", "be", "make", "please", "subscribe", "read", "keep", "support", "share", "and", "or", "if", "sign", "sign-up",
		"signup", "catch", "click", "follow", "join", "check", "visit", "find", "learn", "discover", "download", "register", "try":
		return true
	}
	return false
}

// inOwnBox reports whether the last block of idx sits in another element
// than the block before it: a note on the writer set in a box of its own
// below the text, not a closing paragraph of the text ("Max is an
// award-winning journalist…" printed as the last paragraph of an essay).
func inOwnBox(w *blockWalker, idx []int) bool {
	b := &w.blocks[idx[len(idx)-1]]
	// The text block before it, past its label ("Written by", a name).
	k := len(idx) - 2
	for k > 0 && w.blocks[idx[k]].runes <= 40 && !endsSentence(w.blocks[idx[k]].text) {
		k--
	}
	prev := &w.blocks[idx[k]]
	return b.node == nil || prev.node == nil || b.node.Parent != prev.node.Parent && b.node.Parent != prev.node
}

// authorNoteMaxRunes is the longest paragraph taken for a note on the
// writer.
const authorNoteMaxRunes = 700

// authorWords are the words a note on the writer uses.
var authorWords = [...]string{
	"writer", "editor", "journalist", "author", "reporter", "contributor", "columnist", "correspondent",
	"founder", "years of experience", "specializes", "covers ", "freelance", "blogger",
}

// isAuthorNote reports a note on the writer: "Jane Doe is a senior writer
// at …", "Hi, I'm Jane …", naming the writer's trade.
func isAuthorNote(s string) bool {
	if !opensWithName(s) {
		return false
	}
	t := strings.ToLower(s)
	for _, w := range authorWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// opensWithName reports text opening with a greeting and "I'm", or with a
// name of two to four capitalised words and "is", "has" or "was".
func opensWithName(s string) bool {
	for _, g := range [...]string{"Hi, I'm ", "Hi, I’m ", "Hi! I'm ", "Hi! I’m ", "Hey, I'm ", "Hey, I’m ", "Hello, I'm ", "Hello, I’m ", "I'm ", "I’m "} {
		if strings.HasPrefix(s, g) {
			return true
		}
	}
	// Up to five capitalised words and the one after them decide: split
	// no further than six words.
	var buf [6]string
	words := buf[:0]
	for w := range strings.FieldsSeq(s) {
		if words = append(words, w); len(words) == len(buf) {
			break
		}
	}
	n := 0
	for n < len(words) && n < 5 && isCapitalised(words[n]) {
		n++
	}
	if n < 2 || n > 4 || n >= len(words) {
		return false
	}
	switch words[n] {
	case "is", "has", "was":
		return true
	}
	return false
}

// isCapitalised reports a word opening with an upper-case ASCII letter
// followed by lower-case letters, dots or hyphens ("Jane", "J.", "Smith-Jones").
func isCapitalised(w string) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c == '.' || c == '-' || c == '\'' || c >= 0x80) {
			return false
		}
	}
	return true
}
