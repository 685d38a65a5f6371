package extract

import (
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds the date formats recognised at a position: numeric
// year-first and day-first dates, CJK 年月日 and ROC years, month names
// before or after the day, each with an optional weekday.

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
	y, ny := p.yearNum()
	clock := false // a time runs on from the year: a date, whatever precedes it
	if ny == 4 && c == '.' && na == 2 && nb == 2 && !spaced {
		if sy, ok := p.shortYearClock(y, minDateYear, maxYear); ok {
			y, ny, clock = sy, 2, true
		}
	}
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
		if m.start > 0 && (p.s[m.start-1] == '.' || !clock && isASCIILetter(rune(p.s[m.start-1]))) ||
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
		if y, n = p.yearNum(); n == 2 && p.shortYearEnd(m) {
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
	y, n := p.yearNum()
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
