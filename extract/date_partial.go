package extract

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Portals often print the publish date without its year ("发布时间：09-30
// 22:46", "10-08 12:00", "1月21日"): the year is in the page's metadata or
// scripts, in the URL, or is simply the current one. A year-less date is
// read here and given a year only from evidence that names the same day
// (or, failing that, from the fetch time), never guessed.

// findPartialDate returns the first year-less date in s: "09-30 22:46",
// "9/30 22:46", "09-3022:46" (date and time in adjacent elements), or
// "1月21日" with an optional time. Its year is 0; hasTime reports a
// printed time.
func findPartialDate(s string) (dateMatch, bool) {
	if !hasDateDigit(s) {
		return dateMatch{}, false
	}
	prev := rune(0)
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if isDigitRune(r) && partialDateStart(prev) {
			if m, ok := partialDateAt(s, i); ok {
				return m, true
			}
		}
		prev = r
		i += w
	}
	return dateMatch{}, false
}

// partialDateStart reports whether a year-less date may start after prev:
// not inside a number, a full date ("2021-09-30", "2021年9月30日"), a time
// or a code ("A10-08").
func partialDateStart(prev rune) bool {
	switch {
	case isDigitRune(prev), isASCIILetter(prev):
		return false
	}
	switch prev {
	case '-', '/', '.', ':', '年', '－', '／', '．':
		return false
	}
	return true
}

// partialDateAt reads a year-less date starting exactly at byte i.
func partialDateAt(s string, i int) (dateMatch, bool) {
	p := &dscan{s: s, i: i}
	m := dateMatch{start: i}
	mo, n := p.num(2)
	if n == 0 {
		return m, false
	}
	timeAt := -1 // where a glued time starts ("09-3022:46")
	if p.lit("月") {
		p.space()
		d, n := p.num(2)
		// "1月21" without 日 is often a count or a range, not a date.
		if n == 0 || !p.anyLit("日", "号", "號") {
			return m, false
		}
		m.day = d
	} else {
		// "3.14" and version numbers use dots; only '-' and '/' here.
		if c := p.sep(); c != '-' && c != '/' {
			return m, false
		}
		j := p.i
		d, n := 0, 0
		for {
			v, w := p.digit()
			if w == 0 {
				break
			}
			d, n = d*10+v, n+1
			p.i += w
		}
		switch {
		case n == 1 || n == 2:
		case n == 4 && (p.peek() == ':' || strings.HasPrefix(p.s[p.i:], "：")):
			// Date and time printed in adjacent elements: "09-30" "22:46".
			d /= 100
			p.i = j
			p.digit2()
			timeAt = p.i
		default:
			return m, false
		}
		if timeAt < 0 {
			// "10-08-2019" and "1-2-3" are something else.
			q := *p
			if c := q.sep(); c != 0 && q.atDigit() {
				return m, false
			}
		}
		m.day = d
	}
	m.month = mo
	if mo < 1 || mo > 12 || m.day < 1 || m.day > daysIn(2000, mo) {
		return m, false
	}
	m.end = p.i
	if timeAt >= 0 {
		p.i = timeAt
	}
	if !p.timeOfDay(&m) || timeAt >= 0 && !m.hasTime {
		return m, false
	}
	if m.hasTime {
		m.end = p.i
	}
	return m, true
}

// digit2 skips two digits.
func (p *dscan) digit2() {
	for range 2 {
		_, w := p.digit()
		p.i += w
	}
}

// dayEvidence is a full date found in the page's metadata or scripts,
// used only to give a year-less date its year.
type dayEvidence struct {
	t       time.Time
	hasTime bool
	epoch   bool // a bare epoch number in a script: weaker, it may be an id
}

// partialYear places the year-less date m in a year and returns it in loc.
// The year comes from, in order: a full date of the same day and minute in
// ev; one of the same day in ev (not a bare epoch number, which may be an
// id that happens to fall on that day); the URL's date, when it is that
// day; the latest year that does not put the date after now. With none of
// these, ok is false.
func partialYear(m dateMatch, ev []dayEvidence, urlDay time.Time, now time.Time, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC
	}
	same := func(t time.Time) bool { return int(t.Month()) == m.month && t.Day() == m.day }
	place := func(y int) (time.Time, bool) {
		if !validYMD(y, m.month, m.day, time.Now().Year()+1) {
			return time.Time{}, false
		}
		m.year = y
		return m.time(loc), true
	}
	if m.hasTime {
		for _, e := range ev {
			if t := e.t.In(loc); e.hasTime && same(t) && t.Hour() == m.hour && t.Minute() == m.min {
				return place(t.Year())
			}
		}
	}
	for _, e := range ev {
		t := e.t
		if e.hasTime {
			t = t.In(loc)
		}
		if !e.epoch && same(t) {
			return place(t.Year())
		}
	}
	if !urlDay.IsZero() && same(urlDay) {
		return place(urlDay.Year())
	}
	if now.IsZero() {
		return time.Time{}, false
	}
	// Near New Year "12-31 23:50" read on January 1st is last year's.
	limit := now.Add(26 * time.Hour)
	for y := now.In(loc).Year(); y >= now.In(loc).Year()-1; y-- {
		if t, ok := place(y); ok && !t.After(limit) {
			return t, true
		}
	}
	return time.Time{}, false
}

// maxNamePrefixBytes bounds the account or author name that may stand
// before a relative date word on its line.
const maxNamePrefixBytes = 30

// namePrefix reports text that can be the name printed before a relative
// date in an info line ("爱否科技 昨天"): short, set off from the word by a
// blank or separator, and holding no sentence punctuation.
func namePrefix(s string) bool {
	t := strings.TrimRight(s, " \t\u00a0\u3000|·")
	if t == "" || t == s || len(t) > maxNamePrefixBytes {
		return false
	}
	return !strings.ContainsAny(t, "，。！？；：,!?;:")
}
