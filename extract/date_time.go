package extract

import (
	"strings"
	"time"
)

// This file holds the time of day that follows (or precedes) a date: 12-
// and 24-hour clocks in several languages, seconds and fractions, and the
// zone or offset printed after it.

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
			// Exactly two digits: "+01:00" may run into the next
			// element's text ("+01:0025. Dezember 2022").
			if mi = q.digits(2); mi < 0 {
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
