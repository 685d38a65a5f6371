package extract

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Date parsing is a hand-written scanner rather than a list of regexps: it
// runs on many text nodes per page, and most nodes hold no date at all, so
// the common path is a single pass that finds no digit and returns.

// minDateYear is the earliest year accepted as a publication date; older
// numbers on news pages are nearly always founding years or footers.
const minDateYear = 1990

// dateMatch is one date found in a string, before it is placed in a zone.
type dateMatch struct {
	year, month, day      int
	hour, min, sec, nsec  int
	hasTime, hasZone, utc bool
	ambiguous             bool // "03/04/2020": read month first, but day first is as likely
	dayFirst              bool // "02.12.19": read day first; month first only when confirmed
	offset                int  // seconds east of UTC, when hasZone
	start, end            int  // byte span in the scanned string
}

func (m *dateMatch) time(loc *time.Location) time.Time {
	switch {
	case m.hasZone && m.offset == 0 && m.utc:
		loc = time.UTC
	case m.hasZone:
		loc = fixedZone(m.offset)
	case loc == nil:
		loc = time.UTC
	}
	return time.Date(m.year, time.Month(m.month), m.day, m.hour, m.min, m.sec, m.nsec, loc)
}

// cst8 is the zone almost every Chinese page means; shared to avoid an
// allocation per parsed date.
var cst8 = time.FixedZone("", 8*3600)

func fixedZone(off int) *time.Location {
	switch off {
	case 0:
		return time.UTC
	case 8 * 3600:
		return cst8
	}
	return time.FixedZone("", off)
}

// parseDate parses one date/time string as printed on a page or in metadata:
// ISO 8601 / RFC 3339, RFC 1123, "2021-01-21 13:15", "2021/1/21",
// "2021.01.21", "2021年01月21日 13时15分", English "January 21, 2021 1:15 PM
// EST", "21 Jan 2021", ROC "民國110年1月21日", compact "20210121" and Unix
// epoch seconds or milliseconds. Labels and weekday names around the date are
// ignored. loc is the zone for times that state none; a printed zone or
// offset is kept as printed. hasTime reports whether a time of day was
// printed. Dates without a year ("01-21 13:15") are not accepted: they need a
// reference time (see parseRelativeDate).
func parseDate(s string, loc *time.Location) (t time.Time, hasTime bool, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	maxYear := time.Now().Year() + 1
	if allDigits(s) {
		// Metadata sometimes holds compact or epoch forms that free text never does.
		if m, ok := compactDate(s, maxYear); ok {
			return m.time(loc), m.hasTime, true
		}
		if t, ok := epochDate(s, maxYear, loc); ok {
			return t, true, true
		}
		return time.Time{}, false, false
	}
	if len(s) > 9 && allDigits(s[:8]) && s[8] == 'T' {
		if m, ok := compactDate(s, maxYear); ok {
			return m.time(loc), m.hasTime, true
		}
	}
	m, ok := scanDate(s, maxYear)
	if !ok {
		return time.Time{}, false, false
	}
	return m.time(loc), m.hasTime, true
}

// findDate returns the first plausible date in free text such as an info
// line ("2021-01-21 13:15 来源：新华网 作者：张三"), with its byte span.
func findDate(s string, loc *time.Location) (t time.Time, hasTime bool, start, end int, ok bool) {
	if !hasDateDigit(s) { // no date without a digit: not worth reading the clock
		return time.Time{}, false, 0, 0, false
	}
	m, ok := scanDigitDate(s, time.Now().Year()+1)
	if !ok {
		return time.Time{}, false, 0, 0, false
	}
	return m.time(loc), m.hasTime, m.start, m.end, true
}

// findDateMatch is findDate returning the match itself, which tells
// whether the day and month could be the other way round.
func findDateMatch(s string) (dateMatch, bool) {
	if !hasDateDigit(s) { // no date without a digit: not worth reading the clock
		return dateMatch{}, false
	}
	return scanDigitDate(s, time.Now().Year()+1)
}

// dateMemo is one remembered findDateMatch: the result for text s.
type dateMemo struct {
	s  string
	m  dateMatch
	ok bool
}

// findDateMatch is findDateMatch remembering its last results: a short
// dateline is read when the body is assembled (isMetaLine) and again when
// the publish date is chosen (textCandidates), a match costing some 500 ns.
// The zero memo holds "" and no match, which is findDateMatch's answer.
func (w *blockWalker) findDateMatch(s string) (dateMatch, bool) {
	if !hasDateDigit(s) {
		return dateMatch{}, false
	}
	for i := range w.dates {
		if d := &w.dates[i]; d.s == s {
			return d.m, d.ok
		}
	}
	if w.maxYear == 0 {
		w.maxYear = time.Now().Year() + 1 // read once a page, not once a line
	}
	m, ok := scanDigitDate(s, w.maxYear)
	w.dates[w.nextDate] = dateMemo{s: s, m: m, ok: ok}
	w.nextDate = (w.nextDate + 1) % len(w.dates)
	return m, ok
}

// swapped returns m with day and month exchanged, when that is a valid date.
func (m dateMatch) swapped() (dateMatch, bool) {
	m.month, m.day = m.day, m.month
	m.ambiguous, m.dayFirst = false, false
	return m, m.month <= 12 && m.day <= daysIn(m.year, m.month)
}

// scanDate tries every plausible start position of s in order.
func scanDate(s string, maxYear int) (dateMatch, bool) {
	if !hasDateDigit(s) {
		return dateMatch{}, false
	}
	return scanDigitDate(s, maxYear)
}

// scanDigitDate is scanDate for s known to hold a digit.
func scanDigitDate(s string, maxYear int) (dateMatch, bool) {
	prev := rune(0)
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r < utf8.RuneSelf && prev < utf8.RuneSelf {
			// Both ASCII, most of latin text: dateStartRune's test without
			// the unicode tables and calls, which cost most of a scan of a
			// line holding no date.
			if !asciiDateStart(s[i], byte(prev)) || isASCIILetter(r) && !mayOpenWordDate(s, i) {
				prev = r
				i++
				continue
			}
		} else if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if dateStartRune(r, prev) && (r >= utf8.RuneSelf || !isASCIILetter(r) || mayOpenWordDate(s, i)) {
			if m, ok := matchDateAt(s, i, maxYear); ok {
				if !m.hasTime {
					m = timeBefore(s, m)
				}
				return m, true
			}
		}
		prev = r
		i += w
	}
	return dateMatch{}, false
}

func dateStartRune(r, prev rune) bool {
	switch {
	case isDigitRune(r):
		return !isDigitRune(prev)
	case r == '民':
		return true
	case r < utf8.RuneSelf:
		return isASCIILetter(r) && (!unicode.IsLetter(prev) || gluedWord(r, prev))
	case r < 0x2E80: // Latin, Greek, Cyrillic: month names; CJK runs never start one
		return unicode.IsLetter(r) && (!unicode.IsLetter(prev) || gluedWord(r, prev))
	}
	return false
}

// asciiDateStart is dateStartRune for an ASCII c after an ASCII prev: a
// digit after a non-digit, or a letter opening a word or glued to one
// ("HealthDECEMBER").
func asciiDateStart(c, prev byte) bool {
	switch {
	case c >= '0' && c <= '9':
		return prev < '0' || prev > '9'
	case isASCIILetterByte(c):
		return !isASCIILetterByte(prev) || c <= 'Z' && prev >= 'a' && prev <= 'z'
	}
	return false
}

// gluedWord reports a capital right after a small letter: where a block's
// text runs two elements together ("Mental HealthDECEMBER 22, 2022"), a
// month name may start there.
func gluedWord(r, prev rune) bool {
	return unicode.IsUpper(r) && unicode.IsLower(prev)
}

// hasDateDigit reports an ASCII or full-width digit in s. It tests eight
// ASCII bytes at a time: it is asked of every block of a page, most of
// them long runs of latin text without a digit.
func hasDateDigit(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if w := load8(s, i); w&highBits8 == 0 {
			if inRange8(w, '0', '9') != 0 {
				return true
			}
			continue
		}
		for j := i; j < i+8; j++ {
			if isDateDigitAt(s, j) {
				return true
			}
		}
	}
	for ; i < len(s); i++ {
		if isDateDigitAt(s, i) {
			return true
		}
	}
	return false
}

// isDateDigitAt reports an ASCII digit at s[i], or a full-width one
// starting there.
func isDateDigitAt(s string, i int) bool {
	c := s[i]
	if c >= '0' && c <= '9' {
		return true
	}
	// Full-width digits U+FF10..U+FF19 are EF BC 90..99.
	return c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func isASCIILetter(r rune) bool { return r|0x20 >= 'a' && r|0x20 <= 'z' }
