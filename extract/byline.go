package extract

import (
	"strings"
	"unicode/utf8"
)

// parseByline reads an author byline: "By MARIA LOPEZ and SAM LEE",
// "By Jane Doe, Reuters", "作者：张三", "文/张三 李四", "本报记者 张三 李四",
// "记者 张三 通讯员 李四", "□本报记者 张三", or a bare list of names. Job
// titles and dates ("Staff Writer", "Updated 3 hours ago") yield nil.
func parseByline(line string) []string {
	s := strings.TrimFunc(line, func(r rune) bool {
		return isBlankRune(r) || r == '□' || r == '■' || r == '●' || r == '◆' || r == '|' || r == '丨' || r == '—' || r == '-'
	})
	if s == "" || runesOver(s, 120) {
		return nil
	}
	var out labels
	if scanLabels(s, modeLine, &out) >= 0 {
		return out.Authors
	}
	if hasDateDigit(s) {
		return nil
	}
	if !strings.ContainsFunc(s, isHanRune) {
		return latinNames(s)
	}
	if strings.ContainsAny(s, "，。：:！？") || runesOver(s, 30) {
		return nil
	}
	names := splitNames(s)
	for _, n := range names {
		if c := utf8.RuneCountInString(n); c > 4 && isHanRune(firstRune(n)) && (len(names) > 1 || c > maxPenName || s != n || notAName(n)) {
			return nil // a phrase, not a list of Han names
		}
	}
	return names
}

// maxPenName is the longest single Han name a byline element may hold: a
// self-media account's pen name ("八卦大相公") runs past the two to four
// characters of a personal name, but a phrase runs longer still.
const maxPenName = 6
