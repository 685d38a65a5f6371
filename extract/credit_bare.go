package extract

import (
	"strings"
	"unicode/utf8"
)

// Essays and reposts print the writer's name alone on the line under the
// headline, with no label ("路是人走出来的" / "胡平" / text). A lone short
// line there could as well be a channel ("国内", "财经"), so only a two- or
// three-character name that opens with a common surname counts, and only
// when nothing else names a writer.

// commonSurnames are the hundred or so most frequent single-character
// surnames (simplified and traditional forms).
const commonSurnames = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范範金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯"

// infoBareName returns the writer named alone on an info line, in square
// brackets beside its date ("2004年7月16日08:19 [ 黄宇 ] 来源：…") or as the
// poster of a blog row ("ggjjzhzz 发表于 2005-9-15 11:46:00"), or nil.
func infoBareName(info []string) []string {
	for _, line := range info {
		if s := strings.TrimSpace(line); isBareName(s) {
			return []string{s}
		}
		if s := bracketedName(line); s != "" {
			return []string{s}
		}
		if s := postedByName(line); s != "" {
			return []string{s}
		}
	}
	return nil
}

// postedByName returns the poster of a blog or forum row "NAME 发表于
// DATE" ("ggjjzhzz 发表于 2005-9-15 11:46:00"), or "".
func postedByName(line string) string {
	s := strings.TrimSpace(line)
	for _, mark := range [...]string{"发表于", "發表於"} {
		i := strings.Index(s, mark)
		if i <= 0 {
			continue
		}
		name := strings.TrimSpace(s[:i])
		n := utf8.RuneCountInString(name)
		if n < 2 || n > 20 || strings.ContainsFunc(name, isBlankRune) || strings.ContainsAny(name, "：:|丨") || isMarkupLeak(name) || notAName(name) || notNames[name] {
			return ""
		}
		after := strings.TrimLeft(s[i+len(mark):], " ：:\u3000")
		if m, ok := findDateMatch(after); !ok || m.start != 0 {
			return ""
		}
		if allDigits(name) {
			return ""
		}
		return name
	}
	return ""
}

// isBareName reports a two- or three-character Han name that opens with a
// common surname.
func isBareName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 3 || !strings.ContainsRune(commonSurnames, firstRune(s)) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return !isHanRune(r) }) && !notNames[s] && !notAName(s)
}

// bracketedName returns a bare name printed in square brackets on an info
// line that also holds a date.
func bracketedName(line string) string {
	if len(line) > 300 {
		return ""
	}
	for _, open := range [...]string{"[", "［"} {
		i := strings.Index(line, open)
		if i < 0 {
			continue
		}
		rest := line[i+len(open):]
		j := strings.IndexAny(rest, "]］")
		if j < 0 {
			continue
		}
		if name := strings.TrimSpace(rest[:j]); isBareName(name) {
			if _, ok := findDateMatch(line); ok {
				return name
			}
		}
	}
	return ""
}
