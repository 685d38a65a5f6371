package extract

import (
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds relative dates ("3 hours ago", "昨天 08:10", "前天"),
// resolved against the time of the crawl.

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
	// A latin line holds none of the Chinese words: they are not searched.
	ascii := isASCII(s)
	for _, w := range [...]string{"刚刚", "剛剛", "刚才", "just now", "Just now"} {
		if ascii && w[0] >= utf8.RuneSelf {
			continue
		}
		if strings.Contains(s, w) {
			return now, true
		}
	}
	for _, d := range [...]struct {
		word string
		days int
	}{{"前天", 2}, {"昨天", 1}, {"昨日", 1}, {"今天", 0}, {"今日", 0}, {"yesterday", 1}, {"Yesterday", 1}, {"today", 0}, {"Today", 0}} {
		if ascii && d.word[0] >= utf8.RuneSelf {
			continue
		}
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
	// "N<unit>前" / "N <unit>s ago". Each form, 半小时前 too, ends in 前 or
	// ago: a line with neither is not scanned rune by rune for a count.
	if (ascii || !strings.Contains(s, "前")) && !strings.Contains(s, "ago") {
		return time.Time{}, false
	}
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
