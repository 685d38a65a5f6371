package extract

import (
	"strings"
	"time"
)

// This file holds the dates written without separators: compact
// "20210121" stamps, epoch seconds or milliseconds, and dates in URL paths.

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
// ignored, and so is a web archive's capture stamp (see archivedURL). The
// date is returned at midnight UTC; only its calendar day is meaningful,
// and the caller places it in the page's zone.
func dateFromURL(u string) (time.Time, bool) {
	u = archivedURL(u)
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
