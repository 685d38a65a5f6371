package extract

import "strings"

// readingTimeNotes are matched in lower case in a date's block: a reading
// time ("7 min read", "Lesezeit: 3 Minuten") is printed only on the
// article's own info line and on teaser cards, so a date beside it is the
// article's (or, in a listing, its teaser's) publication date, as a
// labelled one is.
var readingTimeNotes = [...]string{"min read", "mins read", "min. read", "minute read", "minutes read",
	"read time", "reading time", "lesezeit", "lesedauer", "min de lecture", "minutes de lecture",
	"min de lectura", "minutos de lectura", "min di lettura", "minuti di lettura", "min leestijd",
	"minuten leestijd", "min de leitura", "minutos de leitura"}

// readingTimeLine reports whether a short block carries a reading-time
// note. Long blocks are prose, where "a 5 min read" says nothing of a date.
func readingTimeLine(b *block) bool {
	if b.runes > maxDateBlockRunes {
		return false
	}
	low := strings.ToLower(b.text)
	for _, k := range readingTimeNotes {
		if strings.Contains(low, k) {
			return true
		}
	}
	return false
}
