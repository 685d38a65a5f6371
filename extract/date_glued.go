package extract

// This file holds years that run on into the time of day: a page printing
// date and time in adjacent elements ("<span>28.09.19</span><span>12:44
// </span>", "August 06, 2019<span>4:14 pm</span>") gives a block text with
// no space between them.

// yearNum reads a year of up to four digits, like num(4). A longer run
// that a clock continues ("20194:14 pm", "201912:44") yields its first
// four digits and leaves the hour to be read as the time.
func (p *dscan) yearNum() (int, int) {
	if v, n := p.num(4); n > 0 {
		return v, n
	}
	j := p.i
	if y := p.digits(4); y >= 0 && p.gluedClock() {
		return y, 4
	}
	p.i = j
	return 0, 0
}

// gluedClock reports whether the cursor is at an hour of one or two ASCII
// digits followed by ":" and two digits, with nothing but that run of
// digits before the colon.
func (p *dscan) gluedClock() bool {
	s, i := p.s, p.i
	n := 0
	for i+n < len(s) && s[i+n] >= '0' && s[i+n] <= '9' {
		n++
	}
	if n == 0 || n > 2 || i+n+3 > len(s) || s[i+n] != ':' || !isASCIIDigit(s, i+n+1) || !isASCIIDigit(s, i+n+2) {
		return false
	}
	h := int(s[i] - '0')
	if n == 2 {
		h = h*10 + int(s[i+1]-'0')
	}
	return h <= 23
}

// shortYearClock re-reads a four-digit "year" that is no year at all
// ("28.09.1912:44": 1912 is too early) as a two-digit year run on into a
// two-digit hour, moving the cursor back before the hour. It reports false,
// changing nothing, otherwise.
func (p *dscan) shortYearClock(y, minYear, maxYear int) (int, bool) {
	if y >= minYear && y <= maxYear || p.i < 2 || !isASCIIDigit(p.s, p.i-2) || !isASCIIDigit(p.s, p.i-1) {
		return 0, false
	}
	q := *p
	q.i -= 2
	if !q.gluedClock() {
		return 0, false
	}
	p.i = q.i
	return y / 100, true
}
