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
	m, ok := scanDate(s, time.Now().Year()+1)
	if !ok {
		return time.Time{}, false, 0, 0, false
	}
	return m.time(loc), m.hasTime, m.start, m.end, true
}

// findDateMatch is findDate returning the match itself, which tells
// whether the day and month could be the other way round.
func findDateMatch(s string) (dateMatch, bool) {
	return scanDate(s, time.Now().Year()+1)
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
	prev := rune(0)
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if dateStartRune(r, prev) {
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
		return isASCIILetter(r) && !unicode.IsLetter(prev)
	case r < 0x2E80: // Latin, Greek, Cyrillic: month names; CJK runs never start one
		return unicode.IsLetter(r) && !unicode.IsLetter(prev)
	}
	return false
}

func hasDateDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			return true
		}
		// Full-width digits U+FF10..U+FF19 are EF BC 90..99.
		if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
			return true
		}
	}
	return false
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
// rejected after one map lookup.
var monthIndex = func() map[rune][]monthName {
	idx := make(map[rune][]monthName)
	for _, lang := range monthNames {
		for i, n := range lang {
			r, _ := utf8.DecodeRuneInString(n)
			idx[r] = append(idx[r], monthName{n, i + 1})
		}
	}
	for _, m := range monthExtra {
		r, _ := utf8.DecodeRuneInString(m.name)
		idx[r] = append(idx[r], m)
	}
	return idx
}()

type monthName struct {
	name  string
	month int
}

// monthWord returns the month named by w (a full name in one of
// monthNames' languages or a prefix of three letters or more), or 0 when w
// names none or is ambiguous.
func monthWord(w string) int {
	r, n := utf8.DecodeRuneInString(w)
	if n == 0 || utf8.RuneCountInString(w) < 3 {
		return 0
	}
	month := 0
	for _, c := range monthIndex[unicode.ToLower(r)] {
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

func weekdayWord(w string) bool {
	if len(w) < 3 {
		return false
	}
	for _, d := range weekdayNames {
		if strings.EqualFold(w, d) || len(w) == 3 && strings.EqualFold(w, d[:3]) ||
			len(w) == 4 && strings.EqualFold(w, d[:4]) { // "Thur", "Tues"
			return true
		}
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

// matchDateAt parses a date starting exactly at byte i.
func matchDateAt(s string, i, maxYear int) (dateMatch, bool) {
	p := &dscan{s: s, i: i}
	m := dateMatch{start: i}
	switch {
	case p.lit("民國") || p.lit("民国"):
		p.space()
		y, n := p.num(3)
		p.space()
		if n == 0 || !p.lit("年") || !p.cjkMonthDay(&m, y+1911) {
			return m, false
		}
	case !p.atDigit():
		if !p.englishMonthFirst(&m) {
			return m, false
		}
	default:
		if !p.numericDate(&m, maxYear) {
			return m, false
		}
	}
	if !validYMD(m.year, m.month, m.day, maxYear) {
		return m, false
	}
	m.end = p.i
	if !p.timeOfDay(&m) {
		return m, false
	}
	if m.hasTime {
		m.end = p.i
	}
	return m, true
}

// numericDate handles dates that start with a digit.
func (p *dscan) numericDate(m *dateMatch, maxYear int) bool {
	v, n := p.num(4)
	switch n {
	case 4:
		m.year = v
		j := p.i
		p.space()
		if p.lit("年") {
			p.space()
			return p.cjkMonthDay(m, v)
		}
		p.i = j
		if p.lit("년") { // Korean 2020년 3월 4일
			p.space()
			return p.cjkMonthDay(m, v)
		}
		if c := p.sep(); c != 0 {
			k := p.i
			if c == '.' && p.space() > 0 {
				// Hungarian "2020. március 17."
				if mo := monthWord(p.letters()); mo > 0 && p.space() > 0 {
					if d, n := p.num(2); n > 0 {
						p.lit(".")
						m.month, m.day = mo, d
						return true
					}
				}
				p.i = k
			}
			return p.monthSepDay(m, c)
		}
		// A year printed in its own element, then "01/21" or "1月21日".
		if p.space() > 0 {
			k := p.i
			if p.cjkMonthDay(m, v) {
				return true
			}
			p.i = k
			// Only "/" or "-" here: "in 2021 8.1%" is a year and a figure.
			if _, n := p.num(2); n > 0 {
				if c := p.sep(); c == '/' || c == '-' {
					p.i = k
					return p.monthSepDay(m, c)
				}
			}
		}
		return false
	case 3:
		// ROC year as in "110/01/21".
		if c := p.sep(); c == '/' {
			m.year = v + 1911
			return p.monthSepDay(m, c)
		}
		return false
	case 1, 2:
		return p.dayFirst(m, v, n, maxYear)
	}
	return false
}

// monthSepDay reads "MM<c>DD" after a year; the day must not run on into
// more digits ("2021-01-215" is not a date).
func (p *dscan) monthSepDay(m *dateMatch, c byte) bool {
	// Korean pages space the parts: "2020. 3. 4."
	dotted := c == '.' && p.space() > 0
	mo, n := p.num(2)
	if n == 0 || p.sep() != c {
		return false
	}
	if dotted {
		p.space()
	}
	d, n := p.num(2)
	if n == 0 {
		return false
	}
	if dotted {
		p.lit(".")
	}
	m.month, m.day = mo, d
	return true
}

// cjkMonthDay reads "M月D日" (日 optional, 号 accepted) after "年".
func (p *dscan) cjkMonthDay(m *dateMatch, year int) bool {
	mo, n := p.num(2)
	if n == 0 {
		return false
	}
	p.space()
	if !p.anyLit("月", "월") {
		return false
	}
	p.space()
	d, n := p.num(2)
	if n == 0 {
		return false
	}
	j := p.i
	p.space()
	if !p.anyLit("日", "号", "號", "일") {
		p.i = j
	}
	m.year, m.month, m.day = year, mo, d
	return true
}

// dayFirst handles "21 Jan 2021", "21-Jan-21", "21.01.2021", "01/21/2021"
// and the short "21-01-21" (year first, two digits).
func (p *dscan) dayFirst(m *dateMatch, a, na, maxYear int) bool {
	j := p.i
	if p.dayMonthName(m, a) {
		return true
	}
	p.i = j
	c := p.sep()
	if c == 0 {
		return false
	}
	// German pages space the parts: "4. 2. 2022".
	spaced := c == '.' && p.space() > 0
	b, nb := p.num(2)
	if nb == 0 || p.sep() != c || spaced && p.space() == 0 {
		return false
	}
	y, ny := p.num(4)
	switch {
	case spaced && ny != 4:
		return false
	case ny == 4:
		mo, d := a, b // US order for "/" unless impossible
		if c != '/' || a > 12 {
			mo, d = b, a
		}
		if mo > 12 {
			mo, d = d, mo
		}
		m.ambiguous = c == '/' && a <= 12 && b <= 12 && a != b
		m.year, m.month, m.day = y, mo, d
		return true
	case ny == 2 && c == '-' && na == 2 && nb == 2:
		m.year, m.month, m.day = 2000+a, b, y
		return m.year <= maxYear
	case ny == 2 && c == '.' && na == 2 && nb == 2:
		// "28.09.19", but not a version or address: "v1.2.19", "10.10.20.5".
		if m.start > 0 && (p.s[m.start-1] == '.' || isASCIILetter(rune(p.s[m.start-1]))) ||
			p.peek() == '.' && p.i+1 < len(p.s) && p.s[p.i+1] >= '0' && p.s[p.i+1] <= '9' {
			return false
		}
		// Day first, as Europe prints it; a few US pages print
		// "11.03.17" month first, which the caller can confirm.
		m.year, m.month, m.day = shortYear(y, maxYear), b, a
		m.dayFirst = a <= 12 && b <= 12 && a != b
		return true
	}
	return false
}

// shortYear reads a two-digit year as the latest year not after maxYear.
func shortYear(y, maxYear int) int {
	if y += 2000; y > maxYear {
		y -= 100
	}
	return y
}

// shortYearEnd reports whether a two-digit year after a month name ends
// the date: "14 Gennaio 20 )" does, "3 March 20 people" and the "31
// August 20" of "09:31 August 20, 2019" do not.
func (p *dscan) shortYearEnd(m *dateMatch) bool {
	if m.start > 0 && (p.s[m.start-1] == ':' || p.s[m.start-1] == '.') {
		return false
	}
	q := *p
	q.space()
	if q.i == len(q.s) {
		return true
	}
	switch q.s[q.i] {
	case ')', ']', '|':
		return true
	}
	return q.anyLit("- ", "– ", "—", "·")
}

// dayMonthName reads the rest of a day-first date with a month name after
// the day: "21 Jan 2021", "21-Jan-21", "21. Januar 2022", "1er mars 2020",
// "17 de marzo de 2020", "21st of January, 2021", "3 марта 2020".
func (p *dscan) dayMonthName(m *dateMatch, day int) bool {
	if k := p.i; p.anyLit("st", "nd", "rd", "th", "er", "º", "ª") && p.i < len(p.s) && isASCIILetter(rune(p.s[p.i])) {
		p.i = k
	}
	dash := p.lit("-")
	if !dash {
		p.lit(".")
		if p.space() == 0 {
			return false
		}
		if p.anyLit("de ", "of ") {
			p.space()
		}
	}
	mo := monthWord(p.letters())
	if mo == 0 {
		return false
	}
	p.lit(".")
	y, n := 0, 0
	if dash {
		if !p.lit("-") {
			return false
		}
		if y, n = p.num(4); n == 2 {
			y, n = y+2000, 4
		}
	} else {
		p.lit(",")
		if p.space() == 0 && p.s[p.i-1] != ',' {
			return false
		}
		if p.anyLit("de ", "del ") {
			p.space()
		}
		if y, n = p.num(4); n == 2 && p.shortYearEnd(m) {
			y, n = shortYear(y, time.Now().Year()+1), 4
		}
	}
	if n != 4 {
		return false
	}
	m.year, m.month, m.day = y, mo, day
	return true
}

// englishMonthFirst handles "Thursday, January 21, 2021" and "Jan. 21 2021".
func (p *dscan) englishMonthFirst(m *dateMatch) bool {
	w := p.word()
	if weekdayWord(w) {
		p.lit(".")
		p.lit(",")
		if p.space() == 0 && p.s[p.i-1] != ',' {
			return false
		}
		if p.atDigit() {
			// RFC 1123: "Thu, 21 Jan 2021 ...".
			v, n := p.num(2)
			if n == 0 {
				return false
			}
			return p.dayFirst(m, v, n, 1<<30)
		}
		w = p.letters()
	} else {
		p.i -= len(w)
		w = p.letters()
	}
	mo := monthWord(w)
	if mo == 0 {
		return false
	}
	p.lit(".")
	if p.space() == 0 {
		return false
	}
	d, n := p.num(2)
	if n == 0 {
		return false
	}
	if p.peek()|0x20 >= 'a' && p.peek()|0x20 <= 'z' {
		if !p.anyLit("st", "nd", "rd", "th") {
			return false
		}
	}
	p.lit(",")
	if p.space() == 0 && p.s[p.i-1] != ',' {
		return false
	}
	y, n := p.num(4)
	if n != 4 {
		return false
	}
	m.year, m.month, m.day = y, mo, d
	return true
}

// chineseWeekdays are the weekday spellings printed between date and time.
var chineseWeekdays = [...]string{"星期", "礼拜", "禮拜", "周", "週"}

// skipWeekday skips "星期四", "周四", "(週四)", "Thursday" and similar noise.
func (p *dscan) skipWeekday() bool {
	j := p.i
	open := p.anyLit("(", "（")
	p.space()
	found := false
	if p.anyLit(chineseWeekdays[:]...) {
		r, w := utf8.DecodeRuneInString(p.s[p.i:])
		if strings.ContainsRune("一二三四五六日天", r) {
			p.i += w
			found = true
		}
	} else if weekdayWord(p.word()) {
		p.lit(".")
		found = true
	}
	if !found {
		p.i = j
		return false
	}
	p.space()
	if open && !p.anyLit(")", "）") {
		p.i = j
		return false
	}
	return true
}

// timeOfDay reads an optional time after a date. It returns false when a
// time was clearly printed but is impossible ("25:00"), which rejects the
// whole date.
func (p *dscan) timeOfDay(m *dateMatch) bool {
	q := *p
	if q.peek() == 'T' {
		q.i++
		if !q.atDigit() {
			return true
		}
	} else {
		q.space()
		q.anyLit(",", "，")
		q.space()
		if q.skipWeekday() {
			q.anyLit(",", "，")
			q.space()
		}
		if q.anyLit(timeSeps[:]...) {
			q.space()
		}
		for range 2 { // "a las"
			k := q.i
			w := q.letters()
			q.lit(".") // "kl."
			if w == "" || !timeWords[strings.ToLower(w)] || q.space() == 0 {
				q.i = k
				break
			}
		}
	}
	pm, am := false, false
	switch {
	case q.anyLit("下午", "晚上", "中午", "오후"):
		pm = true
	case q.anyLit("上午", "凌晨", "早上", "오전"):
		am = true
	}
	q.space()
	h, n := q.num(2)
	if n == 0 {
		return true
	}
	mi, s, ns := 0, 0, 0
	switch {
	case q.lit(":") || q.lit("："):
		var n int
		if mi, n = q.num(2); n != 2 {
			return true
		}
		if q.lit(":") || q.lit("：") {
			if s, n = q.num(2); n != 2 {
				return true
			}
			if c := q.peek(); (c == '.' || c == ',') && q.i+1 < len(q.s) && q.s[q.i+1] >= '0' && q.s[q.i+1] <= '9' {
				q.i++
				scale := int(time.Second)
				for q.i < len(q.s) && q.s[q.i] >= '0' && q.s[q.i] <= '9' {
					scale /= 10
					ns += int(q.s[q.i]-'0') * scale
					q.i++
				}
			}
		}
	case q.lit("h") || q.lit(" h "):
		// French "14h30", "0 h 23".
		var n int
		if mi, n = q.num(2); n != 2 {
			return true
		}
	case q.anyLit("时", "時", "点", "點"):
		j := q.i
		q.space()
		if v, n := q.num(2); n > 0 && q.lit("分") {
			mi = v
			k := q.i
			if v, n := q.num(2); n > 0 && q.lit("秒") {
				s = v
			} else {
				q.i = k
			}
		} else {
			q.i = j
		}
	default:
		return true
	}
	if q.atDigit() {
		return true // "13:155" is not a time
	}
	k := q.i
	q.space()
	switch w := q.word(); {
	case strings.EqualFold(w, "pm"):
		pm = true
	case strings.EqualFold(w, "am"):
		am = true
	case strings.EqualFold(w, "p") && q.lit(".m."), strings.EqualFold(w, "p") && q.lit(".m"):
		pm = true
	case strings.EqualFold(w, "a") && q.lit(".m."), strings.EqualFold(w, "a") && q.lit(".m"):
		am = true
	default:
		q.i = k
	}
	if (pm || am) && (h == 0 || h > 12) {
		if h > 12 && pm {
			pm = false // "下午15:30" already says 15
		} else {
			return false
		}
	}
	if pm && h < 12 {
		h += 12
	} else if am && h == 12 {
		h = 0
	}
	if h > 23 || mi > 59 || s > 59 {
		return false
	}
	m.hour, m.min, m.sec, m.nsec, m.hasTime = h, mi, s, ns, true
	q.zone(m)
	p.i = q.i
	return true
}

// timeSeps may stand between a date and its time: "3 mars 2020 - 14h30".
var timeSeps = [...]string{"|", "-", "–", "·", "•", "/"}

// timeWords introduce a time after a date: "at 1:15", "um 14:45", "à 14h30",
// "a las 14:45", "в 14:45".
var timeWords = map[string]bool{"at": true, "um": true, "à": true, "a": true, "las": true, "alle": true, "om": true,
	"às": true, "в": true, "o": true, "kl": true, "klo": true}

// zoneAbbrevs maps printed zone names to offsets in hours. CST is taken as
// China Standard Time by zone() when the page is Chinese.
var zoneAbbrevs = map[string]float64{
	"UTC": 0, "GMT": 0, "UT": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	"AKST": -9, "AKDT": -8, "HST": -10, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
	"MSK": 3, "IST": 5.5, "HKT": 8, "SGT": 8, "AWST": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}

// zone reads an optional zone after a time: "Z", "+08:00", "+0800", "+8",
// "GMT", "UTC+8", "EST", "北京时间". Nothing is consumed when none follows.
func (q *dscan) zone(m *dateMatch) {
	j := q.i
	if q.peek() == 'Z' {
		q.i++
		if q.i < len(q.s) && isASCIILetter(rune(q.s[q.i])) {
			q.i = j
			return
		}
		m.hasZone, m.utc, m.offset = true, true, 0
		return
	}
	// "10:00-12:00" is a range, not an offset: a glued negative offset is
	// taken only after seconds or an ISO "T" time ("…12:05-05:00",
	// "T13:15-05:00"), as metadata prints it.
	glued := q.peek() != '-' || isoLikeTime(q.s[:q.i])
	if glued && q.offset(m) {
		return
	}
	q.space()
	k := q.i
	if k > j && q.offset(m) {
		if q.i-k >= 5 { // "+0800" or "+08:00" after a blank; "+8" there is too loose
			return
		}
		m.hasZone, m.offset, m.utc = false, 0, false
		q.i = j
		return
	}
	paren := q.anyLit("(", "（")
	if q.anyLit("北京时间", "北京時間") {
		m.hasZone, m.offset = true, 8*3600
		return
	}
	w := q.word()
	if w == "" || w != strings.ToUpper(w) {
		q.i = j
		return
	}
	if w == "UTC" || w == "GMT" || w == "UT" {
		if q.offset(m) {
			return
		}
		m.hasZone, m.utc, m.offset = true, true, 0
	} else if w == "CST" {
		// Both China (+8) and US Central (-6) print CST; which one is
		// decided by the caller's zone later, so treat it as unstated.
		q.i = j
		return
	} else if h, ok := zoneAbbrevs[w]; ok {
		m.hasZone, m.offset = true, int(h*3600)
	} else {
		q.i = j
		return
	}
	if paren {
		q.anyLit(")", "）")
	}
}

// offset reads "+08:00", "+0800", "+08" or "+8".
func (q *dscan) offset(m *dateMatch) bool {
	j := q.i
	c := q.peek()
	if c != '+' && c != '-' {
		if !q.lit("−") { // U+2212 minus
			return false
		}
		c = '-'
	} else {
		q.i++
	}
	h, n := q.num(4)
	mi := 0
	switch n {
	case 1, 2:
		if q.lit(":") {
			var n2 int
			if mi, n2 = q.num(2); n2 != 2 {
				q.i = j
				return false
			}
		}
	case 4:
		h, mi = h/100, h%100
	default:
		q.i = j
		return false
	}
	if h > 14 || mi > 59 {
		q.i = j
		return false
	}
	off := h*3600 + mi*60
	if c == '-' {
		off = -off
	}
	m.hasZone, m.offset, m.utc = true, off, off == 0
	return true
}

// compactDate reads "20210121", "20210121131500" and basic ISO
// "20210121T131500Z".
func compactDate(s string, maxYear int) (dateMatch, bool) {
	var m dateMatch
	if len(s) < 8 {
		return m, false
	}
	m.year, m.month, m.day = atoi(s[0:4]), atoi(s[4:6]), atoi(s[6:8])
	if !validYMD(m.year, m.month, m.day, maxYear) {
		return m, false
	}
	rest := s[8:]
	if rest != "" && rest[0] == 'T' {
		rest = rest[1:]
	}
	if rest == "" {
		m.end = len(s)
		return m, true
	}
	if len(rest) < 4 || !allDigits(rest[:4]) {
		return m, false
	}
	m.hour, m.min = atoi(rest[0:2]), atoi(rest[2:4])
	rest = rest[4:]
	if len(rest) >= 2 && allDigits(rest[:2]) {
		m.sec = atoi(rest[:2])
		rest = rest[2:]
	}
	if m.hour > 23 || m.min > 59 || m.sec > 59 {
		return m, false
	}
	m.hasTime = true
	if rest != "" {
		q := &dscan{s: rest}
		q.zone(&m)
		if q.i != len(rest) {
			return m, false
		}
	}
	m.end = len(s)
	return m, true
}

// epochDate reads Unix seconds (10 digits) or milliseconds (13 digits).
func epochDate(s string, maxYear int, loc *time.Location) (time.Time, bool) {
	var t time.Time
	switch len(s) {
	case 10:
		t = time.Unix(int64(atoi(s)), 0)
	case 13:
		t = time.UnixMilli(int64(atoi(s)))
	default:
		return t, false
	}
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	if y := t.Year(); y < minDateYear || y > maxYear {
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

// dateFromURL reads a date from a URL path: /2021-01/21/, /20210121/,
// t20210121_123.html, /2021/01/21/, /2021/0121/, /202101/21/, /21-01-2021. The host is
// ignored. The date is returned at midnight UTC; only its calendar day is
// meaningful, and the caller places it in the page's zone.
func dateFromURL(u string) (time.Time, bool) {
	if k := strings.Index(u, "://"); k >= 0 {
		rest := u[k+3:]
		slash := strings.IndexByte(rest, '/')
		if slash < 0 {
			return time.Time{}, false
		}
		u = rest[slash:]
	}
	if k := strings.IndexByte(u, '#'); k >= 0 {
		u = u[:k]
	}
	maxYear := time.Now().Year() + 1
	// Separated forms first: they are stronger evidence than a bare digit run.
	for i := 0; i < len(u); i++ {
		if !isASCIIDigit(u, i) || i > 0 && isASCIIDigit(u, i-1) {
			continue
		}
		n := digitRun(u, i)
		j := i + n
		sepOK := j < len(u) && (u[j] == '/' || u[j] == '-' || u[j] == '_')
		switch {
		case n == 4 && sepOK:
			y := atoi(u[i:j])
			k := j + 1
			mn := digitRun(u, k)
			if mn == 0 {
				continue
			}
			mo := atoi(u[k : k+mn])
			k += mn
			if mn == 4 { // /2021/0121/
				if d := mo % 100; validYMD(y, mo/100, d, maxYear) {
					return time.Date(y, time.Month(mo/100), d, 0, 0, 0, 0, time.UTC), true
				}
				continue
			}
			if mn > 2 || k >= len(u) || u[k] != '/' && u[k] != '-' && u[k] != '_' {
				continue
			}
			k++
			dn := digitRun(u, k)
			if dn == 0 || dn > 2 {
				continue
			}
			if d := atoi(u[k : k+dn]); validYMD(y, mo, d, maxYear) {
				return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
			}
		case n <= 2 && sepOK && (i == 0 || u[i-1] == '/' || u[i-1] == '-' || u[i-1] == '_'): // /21-01-2021
			k := j + 1
			mn := digitRun(u, k)
			if mn == 0 || mn > 2 || k+mn >= len(u) || u[k+mn] != u[j] {
				continue
			}
			yk := k + mn + 1
			if digitRun(u, yk) != 4 {
				continue
			}
			d, mo, y := atoi(u[i:j]), atoi(u[k:k+mn]), atoi(u[yk:yk+4])
			if validYMD(y, mo, d, maxYear) {
				return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
			}
		case n == 6 && sepOK: // /202101/21/
			k := j + 1
			dn := digitRun(u, k)
			if dn == 0 || dn > 2 {
				continue
			}
			y, mo, d := atoi(u[i:i+4]), atoi(u[i+4:j]), atoi(u[k:k+dn])
			if validYMD(y, mo, d, maxYear) {
				return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
			}
		}
	}
	for i := 0; i < len(u); i++ {
		if !isASCIIDigit(u, i) || i > 0 && isASCIIDigit(u, i-1) {
			continue
		}
		// /20210121/, t20210121_123.html; a 14-digit timestamp also starts with one.
		if n := digitRun(u, i); n == 8 || n == 14 {
			y, mo, d := atoi(u[i:i+4]), atoi(u[i+4:i+6]), atoi(u[i+6:i+8])
			if validYMD(y, mo, d, maxYear) {
				return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC), true
			}
		}
	}
	return time.Time{}, false
}

func isASCIIDigit(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

func digitRun(s string, i int) int {
	n := 0
	for isASCIIDigit(s, i+n) {
		n++
	}
	return n
}

// parseRelativeDate resolves relative dates against now: "刚刚", "N分钟前",
// "N小时前", "N天前", "昨天 13:15", "前天", "今天 08:00", "3 hours ago",
// "yesterday". Labels before them ("发布于") are ignored. A zero now, or text
// without a relative date, yields ok=false.
func parseRelativeDate(s string, now time.Time, loc *time.Location) (time.Time, bool) {
	if now.IsZero() {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	now = now.In(loc)
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 120 {
		return time.Time{}, false
	}
	for _, w := range [...]string{"刚刚", "剛剛", "刚才", "just now", "Just now"} {
		if strings.Contains(s, w) {
			return now, true
		}
	}
	for _, d := range [...]struct {
		word string
		days int
	}{{"前天", 2}, {"昨天", 1}, {"昨日", 1}, {"今天", 0}, {"今日", 0}, {"yesterday", 1}, {"Yesterday", 1}, {"today", 0}, {"Today", 0}} {
		k := strings.Index(s, d.word)
		if k < 0 {
			continue
		}
		// Only a line that is the word itself, after a label and before a
		// time: "今天，记者从…获悉" and "今日头条" are prose and menus.
		if !labelPrefixOnly(s[:k]) && !namePrefix(s[:k]) {
			continue
		}
		day := now.AddDate(0, 0, -d.days)
		t := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
		var m dateMatch
		p := &dscan{s: s, i: k + len(d.word)}
		if p.timeOfDay(&m) && m.hasTime {
			t = time.Date(day.Year(), day.Month(), day.Day(), m.hour, m.min, m.sec, 0, loc)
		}
		if strings.TrimSpace(s[p.i:]) != "" && !m.hasTime {
			continue
		}
		return t, true
	}
	// "N<unit>前" / "N <unit>s ago".
	p := &dscan{s: s}
	for p.i < len(s) {
		if p.anyLit("半小时", "半小時", "半个小时", "半個小時") {
			p.space()
			if p.anyLit("前", "以前") {
				return now.Add(-30 * time.Minute), true
			}
			continue
		}
		n, ok := p.count()
		if !ok {
			_, w := utf8.DecodeRuneInString(s[p.i:])
			p.i += w
			continue
		}
		p.space()
		unit := relUnit(p)
		if unit == 0 {
			continue
		}
		p.space()
		if !p.anyLit("前", "以前", "ago") {
			continue
		}
		// "2020年前三季度" is a year, not "2020 years ago".
		if n > relMax[unit] {
			continue
		}
		switch unit {
		case 'M':
			return now.AddDate(0, -n, 0), true
		case 'y':
			return now.AddDate(-n, 0, 0), true
		}
		return now.Add(-time.Duration(n) * relDuration[unit]), true
	}
	return time.Time{}, false
}

// relMax bounds each unit's count in a relative date; a larger number is
// something else ("2020年前三季度").
var relMax = map[byte]int{'s': 3600, 'm': 1440, 'h': 72, 'd': 60, 'w': 12, 'M': 24, 'y': 10}

// labelPrefixOnly reports text that is empty or only a date label such as
// "发布时间：" or "更新于".
func labelPrefixOnly(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	s = strings.TrimRight(s, ":：| ")
	for _, l := range [...]string{"发布时间", "發布時間", "发布于", "发表于", "更新于", "更新时间", "时间", "時間", "日期", "Published", "Updated", "Posted"} {
		if strings.HasSuffix(s, l) && len(s)-len(l) <= 12 {
			return true
		}
	}
	return false
}

var relDuration = map[byte]time.Duration{
	's': time.Second, 'm': time.Minute, 'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour,
}

var relUnits = [...]struct {
	text string
	unit byte
}{
	{"分钟", 'm'}, {"分鐘", 'm'}, {"分", 'm'}, {"秒钟", 's'}, {"秒鐘", 's'}, {"秒", 's'},
	{"个小时", 'h'}, {"個小時", 'h'}, {"小时", 'h'}, {"小時", 'h'}, {"天", 'd'},
	{"周", 'w'}, {"週", 'w'}, {"个星期", 'w'}, {"星期", 'w'}, {"个月", 'M'}, {"個月", 'M'}, {"月", 'M'}, {"年", 'y'},
	{"seconds", 's'}, {"second", 's'}, {"secs", 's'}, {"minutes", 'm'}, {"minute", 'm'}, {"mins", 'm'}, {"min", 'm'},
	{"hours", 'h'}, {"hour", 'h'}, {"hrs", 'h'}, {"hr", 'h'}, {"days", 'd'}, {"day", 'd'},
	{"weeks", 'w'}, {"week", 'w'}, {"months", 'M'}, {"month", 'M'}, {"years", 'y'}, {"year", 'y'},
}

func relUnit(p *dscan) byte {
	for _, u := range relUnits {
		if p.lit(u.text) {
			return u.unit
		}
	}
	return 0
}

// count reads a small number: digits, a Chinese numeral (三, 十五, 两),
// or English "a"/"an".
func (p *dscan) count() (int, bool) {
	if v, n := p.num(4); n > 0 {
		return v, true
	}
	if p.i == 0 || p.s[p.i-1] == ' ' {
		j := p.i
		if w := p.word(); (w == "a" || w == "an" || w == "A" || w == "An") && p.space() > 0 {
			return 1, true
		}
		p.i = j
	}
	v, ok := 0, false
	for p.i < len(p.s) {
		r, w := utf8.DecodeRuneInString(p.s[p.i:])
		d := strings.IndexRune("零一二三四五六七八九", r)
		switch {
		case d >= 0:
			d /= 3 // byte index of a 3-byte rune
			v = v - v%10 + d
		case r == '两' || r == '兩':
			v = v - v%10 + 2
		case r == '十':
			if v == 0 {
				v = 1
			}
			v *= 10
		default:
			return v, ok
		}
		ok = true
		p.i += w
	}
	return v, ok
}

// timeBefore completes a date with a time printed just before it
// ("5:42 PM EST Jan 3, 2024", "10:20 2023-05-06").
func timeBefore(s string, m dateMatch) dateMatch {
	lo := max(0, m.start-24)
	colon := strings.LastIndexAny(s[lo:m.start], ":：")
	if colon < 0 {
		return m
	}
	k := lo + colon
	for k > lo && s[k-1] >= '0' && s[k-1] <= '9' {
		k--
	}
	if k == lo+colon || k > 0 && s[k-1] >= '0' && s[k-1] <= '9' {
		return m
	}
	q := &dscan{s: s[k:m.start]}
	t := m
	if !q.timeOfDay(&t) || !t.hasTime {
		return m
	}
	// The time must fill the gap up to the date, give or take separators.
	if rest := strings.Trim(q.s[q.i:], " ,，|·-–"); rest != "" {
		return m
	}
	t.start = k
	return t
}

// isoLikeTime reports whether s ends in a time with seconds or one opened
// by ISO's "T": the times that metadata follows with a glued offset.
func isoLikeTime(s string) bool {
	k := len(s)
	for k > 0 {
		c := s[k-1]
		if c >= '0' && c <= '9' || c == ':' || c == '.' || c == ',' {
			k--
			continue
		}
		break
	}
	return strings.Count(s[k:], ":") >= 2 || k > 0 && s[k-1] == 'T'
}
