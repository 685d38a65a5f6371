package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// partSep stands between the texts of an author element's child elements
// ("Luke Kim | December 17, 2025"): templates print the name, the date and
// the job title in sibling elements, and their plain text runs together
// ("Luke KimDecember 17, 2025").
const partSep = " | "

// bylineParts returns the text of an author element with partSep at every
// element boundary, or "" when the text passes max bytes. Inline styling
// (<b>, <em>, …) is no boundary: it may sit inside a name.
func bylineParts(n *html.Node, max int) string {
	var b strings.Builder
	over := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !over; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if b.Len()+len(c.Data) > max {
					over = true
					return
				}
				b.WriteString(c.Data)
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Rt, atom.Rp:
				case atom.B, atom.I, atom.Em, atom.Strong, atom.U, atom.Small, atom.Sup, atom.Sub:
					walk(c)
				default:
					b.WriteString(partSep)
					walk(c)
					b.WriteString(partSep)
				}
			}
		}
	}
	walk(n)
	if over {
		return ""
	}
	t := collapseSpace(b.String())
	return strings.Trim(t, " |")
}

// bylineNames reads the names of one author element: its plain text as a
// byline, else a handle or team a byline word introduces ("von gizzmo",
// "May 28 | Written By | Isabella Tabacchi"), else the first of its element
// texts that is a byline ("Russell Miller" out of "Russell Miller | Dec 18,
// 2025"). Chinese credits and comment headers ("Lena sagt:") get only the
// first reading.
func bylineNames(whole, parted string) []string {
	if names := parseByline(whole); len(names) > 0 {
		return names
	}
	if strings.ContainsFunc(whole, isHanRune) || isCommentHeader(whole) {
		return nil
	}
	if parted == "" {
		parted = whole
	}
	parts := strings.Split(parted, "|")
	for k := range parts {
		if names := labelledByline(strings.Join(parts[k:], "|")); len(names) > 0 {
			return names
		}
	}
	for _, part := range parts {
		if part = strings.TrimSpace(part); part != "" && part != whole {
			if names := parseByline(part); len(names) > 0 {
				return names
			}
		}
	}
	return nil
}

// isCommentHeader reports a reader comment's header ("Kersti Wolnow sagt:",
// "NCWien says:"), which comment templates mark as the comment's author.
func isCommentHeader(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		switch strings.TrimRight(w, ":") {
		case "sagt", "says", "said", "schreibt", "meint", "antwortet":
			return true
		}
	}
	return strings.Contains(s, "sagt:") || strings.Contains(s, "says:")
}

// bylineWords introduce a writer's name in a byline, longest first.
var bylineWords = []string{
	"veröffentlicht von", "geschrieben von", "eingestellt von", "verfasst von", "artikel von", "written by", "posted by", "reported by",
	"words by", "story by", "text by", "beitrag von", "autorin", "author", "autor", "by", "von", "vom", "par", "por",
}

// labelledByline reads the value a byline word opens ("Written by Emma Ryan",
// "von Limespacer · 22. Oktober 2019", "Author: Bo2man am 29.12.2010"), up to
// the date, separator or preposition that ends it. After such a word a
// single handle ("gizzmo", "r23") or a team ("Podium Staff", "the Lavazza
// Team") is the author too: the label says so.
func labelledByline(s string) []string {
	rest, ok := afterBylineWord(s)
	if !ok {
		return nil
	}
	rest = cutBylineValue(rest)
	if rest == "" || strings.ContainsFunc(rest, isHanRune) {
		return nil
	}
	if names := latinNames(rest); len(names) > 0 {
		return names
	}
	if isHandle(rest) || isTeamName(rest) {
		return []string{rest}
	}
	return nil
}

// afterBylineWord returns what follows a byline word opening s (after
// decoration such as "| "), with the separators after it skipped.
func afterBylineWord(s string) (string, bool) {
	s = strings.TrimLeft(s, " |·•-–—")
	lower := strings.ToLower(s)
	for _, w := range bylineWords {
		if !strings.HasPrefix(lower, w) {
			continue
		}
		rest := s[len(w):]
		if rest == "" || !strings.ContainsRune(" :|", rune(rest[0])) {
			continue // "Byron", "Authority"
		}
		return strings.TrimLeft(rest, " :|"), true
	}
	return "", false
}

// valueEnds end a byline value: separators, and words that start the date
// or place after the name ("on", "am", "at", "in", "um").
var valueEnds = []string{"|", "·", "•", "»", " – ", " — ", " - ", ",", "(", " @", " on ", " am ", " at ", " in ", " um ", " the ", " for "}

// cutBylineValue cuts a byline value where the name ends: at the first
// separator, preposition, month name or number after a blank.
func cutBylineValue(s string) string {
	end := len(s)
	for _, e := range valueEnds {
		if i := strings.Index(s, e); i >= 0 && i < end {
			end = i
		}
	}
	s = s[:end]
	words := strings.Fields(s)
	for k, w := range words {
		if k > 0 && (isDigitRune(firstRune(w)) || isMonthWord(w)) {
			words = words[:k]
			break
		}
	}
	return strings.TrimRight(strings.Join(words, " "), ".:;")
}

// isMonthWord reports an English month name or its abbreviation.
func isMonthWord(w string) bool {
	switch strings.ToLower(strings.TrimRight(w, ".,")) {
	case "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
		"jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november",
		"dec", "december":
		return true
	}
	return false
}

// isHandle reports a user name as blogs print it ("gizzmo", "r23",
// "Herr_Rein"): one word of letters, digits, '_', '-' or '.', holding a
// letter, that is no placeholder or job title.
func isHandle(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 30 || !strings.ContainsFunc(s, unicode.IsLetter) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' && r != '.' {
			return false
		}
	}
	lower := strings.ToLower(s)
	return !placeholderNames[lower] && !latinRoles[lower] && !isMonthWord(s) && !isWireAgency(s)
}

// isWireAgency reports a news agency's name ("AP", "dpa"): after "By" it
// is the story's source, not a writer's handle.
func isWireAgency(s string) bool {
	for _, a := range wireAgencies {
		if strings.EqualFold(s, a) {
			return true
		}
	}
	return false
}

// isTeamName reports a desk credited as one author ("Podium Staff", "the
// Lavazza Team", "PETA-Team"): up to four capitalised words, or "the".
func isTeamName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for k, w := range words {
		if k == 0 && strings.EqualFold(w, "the") {
			continue
		}
		if !unicode.IsUpper(firstRune(w)) || strings.ContainsFunc(w, unicode.IsDigit) {
			return false
		}
	}
	return true
}

// deskWords end the name of a desk credited as an author, lower-cased.
var deskWords = [...]string{"team", "staff", "editors", "editorial", "desk", "crew", "newsroom", "redaktion",
	"writers", "reporters", "contributors", "editor", "editors'", "board", "group", "rédaction", "redacción"}

// isDeskWord reports a word that ends a desk's name ("Team", "PETA-Team").
func isDeskWord(w string) bool {
	w = strings.ToLower(strings.TrimRight(w, ".,:;"))
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		w = w[i+1:]
	}
	for _, d := range deskWords {
		if w == d {
			return true
		}
	}
	return false
}
