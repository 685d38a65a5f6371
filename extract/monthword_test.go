package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// monthWordRef and weekdayWordRef are monthWord and weekdayWord without
// their letter filters; the two must agree on every word.
func monthWordRef(w string) int {
	r, n := utf8.DecodeRuneInString(w)
	if n == 0 || utf8.RuneCountInString(w) < 3 {
		return 0
	}
	month := 0
	for _, c := range monthsStarting(unicode.ToLower(r)) {
		if foldPrefix(c.name, w) {
			if month != 0 && month != c.month {
				return 0
			}
			month = c.month
		}
	}
	return month
}

func weekdayWordRef(w string) bool {
	if len(w) < 3 {
		return false
	}
	for _, d := range weekdayNames {
		if strings.EqualFold(w, d) || len(w) == 3 && strings.EqualFold(w, d[:3]) ||
			len(w) == 4 && strings.EqualFold(w, d[:4]) {
			return true
		}
	}
	return false
}

func TestDateWordFilters(t *testing.T) {
	var words []string
	for _, lang := range monthNames {
		words = append(words, lang[:]...)
	}
	for _, m := range monthExtra {
		words = append(words, m.name)
	}
	words = append(words, weekdayNames[:]...)
	words = append(words, "the", "approves", "Story", "council", "Sept", "SEPT", "Mär", "MÄRZ", "janv", "Thur", "Tues",
		"\u212Awietnia", "\u212Aw", "ſunday", "ſept", "mei", "Mai", "x", "", "ab", "\xffab", "a\xffb", "ŞUBAT", "Ekim")
	var all []string
	for _, w := range words {
		all = append(all, w, strings.ToUpper(w), strings.ToLower(w))
		for n := 1; n < len(w); n++ {
			all = append(all, w[:n])
		}
	}
	for _, w := range all {
		if got, want := monthWord(w), monthWordRef(w); got != want {
			t.Errorf("monthWord(%q) = %d, want %d", w, got, want)
		}
		// weekdayWord takes runs of ASCII letters (dscan.word).
		if strings.IndexFunc(w, func(r rune) bool { return !isASCIILetter(r) }) >= 0 {
			continue
		}
		if got, want := weekdayWord(w), weekdayWordRef(w); got != want {
			t.Errorf("weekdayWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestASCIIDateStart checks scanDigitDate's ASCII shortcut against
// dateStartRune on every pair of ASCII bytes.
func TestASCIIDateStart(t *testing.T) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		for prev := rune(0); prev < utf8.RuneSelf; prev++ {
			if got, want := asciiDateStart(byte(c), byte(prev)), dateStartRune(c, prev); got != want {
				t.Errorf("asciiDateStart(%q, %q) = %v, want %v", c, prev, got, want)
			}
		}
	}
}
