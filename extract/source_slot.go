package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// slotSource reads the outlet that portals print without a label in the
// info line's source slot, right beside the date: "2019年09月07日 04:04
// 北京日报", "中国网 2019-11-25 10:37:31", "原创 南方都市报 2019-09-09".
// Only a neighbour of the date that has the shape of an organisation name
// counts, so a channel name, a view counter or a person stays out; it
// returns "" when no line has one.
func slotSource(info []string) string {
	for _, line := range info {
		if runesOver(line, 60) {
			continue
		}
		if v := lineSlotSource(line); v != "" {
			return v
		}
	}
	return ""
}

// lineSlotSource applies slotSource to one line.
func lineSlotSource(line string) string {
	var buf [16]string // a short line's tokens, without an allocation
	toks := appendSlotTokens(buf[:0], line)
	first, last := -1, -1
	for i, t := range toks {
		if isDateToken(t) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return ""
	}
	// The slot after the date, then the one before it; a "原创" badge or a
	// domain name printed as the site's mark sits between and is skipped.
	for i := last + 1; i < len(toks); i++ {
		if isSlotFiller(toks[i]) {
			continue
		}
		if v := slotOutlet(toks[i]); v != "" {
			return v
		}
		break
	}
	for i := first - 1; i >= 0; i-- {
		if isSlotFiller(toks[i]) {
			continue
		}
		if v := slotOutlet(toks[i]); v != "" {
			return v
		}
		break
	}
	return ""
}

// appendSlotTokens appends to dst the tokens of line, as strings.FieldsFunc
// splits it around blanks and the bars of an info line.
func appendSlotTokens(dst []string, line string) []string {
	start := -1
	for i, r := range line {
		if unicode.IsSpace(r) || r == '|' || r == '｜' || r == '\u00a0' || r == '\u3000' {
			if start >= 0 {
				dst = append(dst, line[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, line[start:])
	}
	return dst
}

// isDateToken reports a token made of a date's or a time's characters only
// ("2019-09-26", "2005年03月31日03:18", "10:56:28"), with at least two digits.
func isDateToken(t string) bool {
	digits := 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("-/.:：年月日时分秒", r):
		default:
			return false
		}
	}
	return digits >= 2 && strings.ContainsAny(t, "-/.:：年月日")
}

// isSlotFiller reports what portals print between the date and the outlet
// without naming one: a 原创/转载 badge or the site's own domain.
func isSlotFiller(t string) bool {
	switch t {
	case "原创", "原創", "独家", "獨家":
		return true
	}
	if strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") {
		return true
	}
	// A bare domain ("AUTO.SOHU.COM"): ASCII letters and dots only.
	if !strings.Contains(t, ".") {
		return false
	}
	for _, r := range t {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-') {
			return false
		}
	}
	return true
}

// slotOutlet returns t when it has the shape of an outlet's name, or the
// outlet half of "某某/中国青年报" (a writer and the outlet printed
// together); otherwise "".
func slotOutlet(t string) string {
	if i := strings.IndexAny(t, "/／"); i > 0 {
		_, w := utf8.DecodeRuneInString(t[i:])
		if v := t[i+w:]; isOutletShape(v) {
			return v
		}
		return ""
	}
	if isOutletShape(t) {
		return t
	}
	return ""
}

// isOutletShape reports a CJK name that reads as an organisation: one
// ending in a media word (网, 报, 社, 台, 杂志, 新闻, 客户端, ...). It takes
// no list of outlets; a label, a date or sentence punctuation rules it out.
func isOutletShape(n string) bool {
	c := utf8.RuneCountInString(n)
	if c < 3 || c > 20 || strings.ContainsAny(n, "：:，,。！？!?（）()《》【】[]") {
		return false
	}
	han := 0
	for _, r := range n {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	if han == 0 {
		return false
	}
	if isOutletName(n) {
		return true
	}
	for _, s := range []string{"社", "台", "杂志", "雜誌", "新闻", "新聞", "客户端", "客戶端", "日报", "日報", "晚报", "晚報", "时报", "時報"} {
		if strings.HasSuffix(n, s) && c > utf8.RuneCountInString(s) {
			return true
		}
	}
	return false
}

// infoSourceLine reports a line that is nothing but an info line's date and
// outlet ("2003-7-24 钱江晚报", "中国网 2019-11-25 10:37"): when the body
// opens with one, it is the story's credit, not its text. It returns the
// outlet.
func infoSourceLine(line string) (string, bool) {
	if runesOver(line, 40) {
		return "", false
	}
	v := lineSlotSource(line)
	if v == "" {
		return "", false
	}
	for _, t := range strings.FieldsFunc(line, func(r rune) bool {
		return unicode.IsSpace(r) || r == '|' || r == '｜' || r == '\u00a0' || r == '\u3000'
	}) {
		if !isDateToken(t) && !isSlotFiller(t) && slotOutlet(t) != v {
			return "", false
		}
	}
	return v, true
}
