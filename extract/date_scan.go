package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the scanner the date parser reads with: digits (ASCII
// and full-width), literals, blanks and separators, words, and the month
// and weekday names it knows in many languages.

// dscan is a cursor over a string; its methods advance only on success.
type dscan struct {
	s string
	i int
}

// digit returns the digit at the cursor (ASCII or full-width) and its width.
func (p *dscan) digit() (int, int) {
	s, i := p.s, p.i
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		return int(s[i] - '0'), 1
	}
	if i+2 < len(s) && s[i] == 0xEF && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
		return int(s[i+2] - 0x90), 3
	}
	return -1, 0
}

// num reads a run of digits. It fails (n == 0) when the run is longer than
// max, so "123456" is never read as a month.
func (p *dscan) num(max int) (v, n int) {
	j := p.i
	for {
		d, w := p.digit()
		if w == 0 {
			break
		}
		v = v*10 + d
		n++
		p.i += w
		if n > max {
			p.i = j
			return 0, 0
		}
	}
	return v, n
}

// digits reads exactly n digits, whatever follows them, or returns -1
// and reads nothing.
func (p *dscan) digits(n int) int {
	j, v := p.i, 0
	for range n {
		d, w := p.digit()
		if w == 0 {
			p.i = j
			return -1
		}
		v = v*10 + d
		p.i += w
	}
	return v
}

func (p *dscan) atDigit() bool { _, w := p.digit(); return w > 0 }

func (p *dscan) lit(x string) bool {
	if strings.HasPrefix(p.s[p.i:], x) {
		p.i += len(x)
		return true
	}
	return false
}

// anyLit consumes the first of xs found at the cursor.
func (p *dscan) anyLit(xs ...string) bool {
	for _, x := range xs {
		if p.lit(x) {
			return true
		}
	}
	return false
}

// space skips blanks (ASCII, ideographic, no-break) and reports how many bytes.
func (p *dscan) space() int {
	j := p.i
	for p.i < len(p.s) {
		switch c := p.s[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == 0xE3 && strings.HasPrefix(p.s[p.i:], "\u3000"):
			p.i += 3
		case c == 0xC2 && strings.HasPrefix(p.s[p.i:], "\u00a0"):
			p.i += 2
		default:
			return p.i - j
		}
	}
	return p.i - j
}

// sep reads one date separator ('-', '/', '.', or their full-width forms) and
// returns it normalised to ASCII, or 0.
func (p *dscan) sep() byte {
	s, i := p.s, p.i
	if i < len(s) {
		switch s[i] {
		case '-', '/', '.':
			p.i++
			return s[i]
		case 0xEF:
			if i+2 < len(s) && s[i+1] == 0xBC {
				switch s[i+2] {
				case 0x8D: // －
					p.i += 3
					return '-'
				case 0x8F: // ／
					p.i += 3
					return '/'
				case 0x8E: // ．
					p.i += 3
					return '.'
				}
			}
		}
	}
	return 0
}

func (p *dscan) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

// word reads a run of ASCII letters.
func (p *dscan) word() string {
	j := p.i
	for p.i < len(p.s) && isASCIILetter(rune(p.s[p.i])) {
		p.i++
	}
	return p.s[j:p.i]
}

// letters reads a run of letters in any alphabet.
func (p *dscan) letters() string {
	j := p.i
	for p.i < len(p.s) {
		r, w := rune(p.s[p.i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(p.s[p.i:])
		}
		if !unicode.IsLetter(r) {
			break
		}
		p.i += w
	}
	return p.s[j:p.i]
}

// monthNames lists month names by language (English, German, French,
// Spanish, Italian, Portuguese, Dutch, Indonesian, Polish, Hungarian and Turkish in
// the forms dates use, Russian and Ukrainian genitives); a word matches its
// full name or any prefix of three letters or more ("Sept", "Mär", "janv").
var monthNames = [...][12]string{
	{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
	{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
	{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
	{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
	{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
	{"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober", "november", "desember"},
	{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
	{"január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október", "november", "december"},
	{"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"},
	{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	{"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
}

// monthExtra are spellings that are not prefixes of monthNames: variants
// and the same names typed without accents.
var monthExtra = [...]monthName{{"jänner", 1}, {"mrz", 3}, {"marz", 3}, {"marco", 3}, {"aout", 8},
	{"fevrier", 2}, {"decembre", 12}, {"setiembre", 9}, {"wrzesnia", 9}, {"pazdziernika", 10}}

// monthIndex groups month names by their first letter, so most words are
// rejected after one lookup: an array for ASCII letters (every word of
// English text reaches monthWord), a map for the others.
var monthIndex = func() (idx struct {
	ascii  [utf8.RuneSelf][]monthName
	second [utf8.RuneSelf][2]uint64 // ASCII second letters of the ascii names, by first letter
	other  map[rune][]monthName
}) {
	idx.other = make(map[rune][]monthName)
	add := func(m monthName) {
		r, _ := utf8.DecodeRuneInString(m.name)
		if r < utf8.RuneSelf {
			idx.ascii[r] = append(idx.ascii[r], m)
			if c := m.name[1]; c < utf8.RuneSelf {
				idx.second[r][c/64] |= 1 << (c % 64)
			}
		} else {
			idx.other[r] = append(idx.other[r], m)
		}
	}
	for _, lang := range monthNames {
		for i, n := range lang {
			add(monthName{n, i + 1})
		}
	}
	for _, m := range monthExtra {
		add(m)
	}
	return idx
}()

// monthsStarting returns the month names whose first letter is r (lower case).
func monthsStarting(r rune) []monthName {
	if r >= 0 && r < utf8.RuneSelf {
		return monthIndex.ascii[r]
	}
	return monthIndex.other[r]
}

type monthName struct {
	name  string
	month int
}

// monthWord returns the month named by w (a full name in one of
// monthNames' languages or a prefix of three letters or more), or 0 when w
// names none or is ambiguous.
func monthWord(w string) int {
	r, n := utf8.DecodeRuneInString(w)
	if n == 0 {
		return 0
	}
	lr := unicode.ToLower(r)
	cands := monthsStarting(lr)
	if cands == nil || utf8.RuneCountInString(w) < 3 {
		return 0
	}
	if lr < utf8.RuneSelf && w[1] < utf8.RuneSelf {
		// An ASCII second letter no name has after this first one ("the",
		// "approves"): no candidate can match.
		c := lowerByte(w[1])
		if monthIndex.second[lr][c/64]&(1<<(c%64)) == 0 {
			return 0
		}
	}
	month := 0
	for _, c := range cands {
		if foldPrefix(c.name, w) {
			if month != 0 && month != c.month {
				return 0
			}
			month = c.month
		}
	}
	return month
}

// foldPrefix reports whether w is a case-insensitive prefix of name (which
// is lower case).
func foldPrefix(name, w string) bool {
	// Most words differ from the name in an ASCII letter: compare bytes
	// while both sides are ASCII, the runes from the first other byte on.
	for len(w) > 0 && len(name) > 0 && w[0] < utf8.RuneSelf && name[0] < utf8.RuneSelf {
		if lowerByte(w[0]) != name[0] {
			return false
		}
		w, name = w[1:], name[1:]
	}
	for _, r := range w {
		nr, n := utf8.DecodeRuneInString(name)
		if n == 0 || unicode.ToLower(r) != nr {
			return false
		}
		name = name[n:]
	}
	return true
}

var weekdayNames = [...]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// weekdayWord reports a weekday's name, its first three letters or, for
// "Tues" and "Thur", four. w is a run of ASCII letters (dscan.word).
func weekdayWord(w string) bool {
	if len(w) < 3 || !isWeekdayStart(w[0], w[1]) {
		return false
	}
	for _, d := range weekdayNames {
		if lowerByte(w[1]) != d[1] || lowerByte(w[0]) != d[0] {
			continue // w is ASCII: its first two letters must fold to d's
		}
		if strings.EqualFold(w, d) || len(w) == 3 && strings.EqualFold(w, d[:3]) ||
			len(w) == 4 && strings.EqualFold(w, d[:4]) { // "Thur", "Tues"
			return true
		}
	}
	return false
}

// mayOpenWordDate reports whether the ASCII letter s[i] may open a
// weekday or a month name, as matchDateAt reads one there; false when its
// first two letters open none. Most words of latin prose are ruled out so,
// before englishMonthFirst reads them whole.
func mayOpenWordDate(s string, i int) bool {
	if i+1 >= len(s) {
		return false // a one-letter word names neither
	}
	d := s[i+1]
	if d >= utf8.RuneSelf {
		return true // monthWord decides
	}
	c := lowerByte(s[i])
	d = lowerByte(d)
	return isWeekdayStart(c, d) || monthIndex.second[c][d/64]&(1<<(d%64)) != 0
}

// isWeekdayStart reports whether a and b, in either case, open a name of
// weekdayNames (mo, tu, we, th, fr, sa, su). weekdayWord's callers pass
// dscan.word's ASCII letters, so two bytes reject most words before seven
// EqualFolds.
func isWeekdayStart(a, b byte) bool {
	b = lowerByte(b)
	switch lowerByte(a) {
	case 'm':
		return b == 'o'
	case 't':
		return b == 'u' || b == 'h'
	case 'w':
		return b == 'e'
	case 'f':
		return b == 'r'
	case 's':
		return b == 'a' || b == 'u'
	}
	return false
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func validYMD(y, m, d, maxYear int) bool {
	return y >= minDateYear && y <= maxYear && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}
