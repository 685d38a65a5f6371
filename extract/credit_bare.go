package extract

import (
	"slices"
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

// headlineName returns the writer an essay's headline opens with when the
// page prints that name again alone under it ("茉莉：我是怎样卷入八九民运的"
// over "茉莉"), or nil. A headline "X：…" alone more often quotes a speaker
// ("王毅：…"); the lone line repeating X is what makes X the byline, and it
// admits pen names that open with no common surname. Without that line, a
// personal name the text never mentions still counts on a page that
// credits no outlet or editor: a quoted speaker is named in the story
// ("外交部长王毅表示") or at least printed on a news page that names its
// source ("李强：…" over "国务院总理…表示", 来源：新华网), while opinion
// sites and reposts head a commentary with its writer's name alone
// ("孙丰：巴黎举行座谈会").
func headlineName(title string, info, body []string, credited bool) []string {
	i := strings.IndexAny(title, "：:")
	if i <= 0 {
		return nil
	}
	name := strings.TrimSpace(title[:i])
	if n := utf8.RuneCountInString(name); n < 2 || n > 4 || strings.ContainsFunc(name, func(r rune) bool { return !isHanRune(r) }) {
		return nil
	}
	// "新华社：…" over a lone "新华社" names the outlet, not a writer.
	if notNames[name] || notAName(name) || isPlaceLike(name) || strings.ContainsRune(agencySuffix, lastRune(name)) || slices.Contains(knownAgencies[:], name) {
		return nil
	}
	for _, line := range info {
		if strings.TrimSpace(line) == name {
			return []string{name}
		}
	}
	if credited || !emptyAuthorSlot(info) || !isBareName(name) || len(body) == 0 || strings.Contains(title[i:], name) {
		return nil
	}
	for _, line := range body {
		if strings.Contains(line, name) {
			return nil
		}
	}
	return []string{name}
}

// emptyAuthorSlot reports an info line whose 作者 label the page left
// empty ("作者： 来源： 发布日期：…", or holding only attribute text leaked
// from broken markup): the template has a writer's slot, so
// a name heading the headline is likely the writer's. Without it, a
// headline "周末：一个人的旅行" on a blog would make 周末 (周 is a
// surname) an author.
func emptyAuthorSlot(info []string) bool {
	for _, line := range info {
		i := strings.Index(line, "作者")
		if i < 0 {
			continue
		}
		rest := strings.TrimLeft(line[i+len("作者"):], " ：:\u3000")
		first, _, _ := strings.Cut(rest, " ")
		if _, next := labelAt(rest, 0, false, modeLine); rest == "" || next || isMarkupLeak(first) {
			return true
		}
	}
	return false
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
		// Blog and forum rows always print the time; a sentence saying when
		// a paper appeared ("这篇论文发表于2023年12月20日") does not.
		after := strings.TrimLeft(s[i+len(mark):], " ：:\u3000")
		if m, ok := findDateMatch(after); !ok || m.start != 0 || !m.hasTime {
			return ""
		}
		if allDigits(name) || !isPosterName(name) {
			return ""
		}
		return name
	}
	return ""
}

// isPosterName reports a user name, not the subject of a sentence ("本文",
// "该论文", "此文", "【导读】此文").
func isPosterName(name string) bool {
	if strings.ContainsAny(name, "【】[]（）()《》「」") {
		return false
	}
	for _, p := range [...]string{"本", "该", "該", "此", "这", "這", "原", "其"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	for _, suf := range [...]string{"文", "论文", "論文", "文章", "报告", "報告", "研究"} {
		if strings.HasSuffix(name, suf) {
			return false
		}
	}
	return true
}

// isBareName reports a two- or three-character Han name that opens with a
// common surname.
func isBareName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 3 || !strings.ContainsRune(commonSurnames, firstRune(s)) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return !isHanRune(r) }) && !notNames[s] && !notAName(s) && !isPlaceLike(s)
}

// placeSuffixes end the names of administrative places (市, 县, 区 …),
// which tag news lines as often as a writer's name does ("[江西]", "武汉"
// above a story). Landscape words (山, 江, 河) also end given names (赵本山,
// 李长江) and are left out.
const placeSuffixes = "省市县縣区區州镇鎮乡鄉村"

// surnamePlaces are two-character places that open with a common surname:
// provinces, and cities and districts that portals print as region tags.
var surnamePlaces = map[string]bool{
	"江苏": true, "江蘇": true, "江西": true, "武汉": true, "武漢": true, "金华": true, "金華": true,
	"万州": true, "萬州": true, "高雄": true, "周口": true, "许昌": true, "許昌": true, "邵阳": true, "江门": true,
	"江門": true, "郑州": true, "鄭州": true, "黄山": true, "黃山": true, "黄冈": true, "黄石": true, "徐州": true,
	"吴江": true, "吕梁": true, "沈阳": true, "瀋陽": true, "余杭": true, "余姚": true, "苏州": true, "蘇州": true,
	"白山": true, "白银": true, "孟州": true, "雷州": true, "龙岩": true, "龍岩": true, "龙岗": true, "贺州": true,
	"唐山": true, "彭州": true, "林芝": true, "罗湖": true, "梁山": true, "韩城": true, "邓州": true, "杨浦": true,
	"张掖": true, "高州": true, "金山": true, "武昌": true, "徐汇": true, "黄浦": true, "黄埔": true, "白云": true,
	"龙华": true, "万宁": true, "汤阴": true, "钟祥": true, "马尾": true, "林州": true, "韶关": true,
}

// isPlaceLike reports a short Han string that names a place rather than a
// person.
func isPlaceLike(s string) bool {
	if surnamePlaces[s] {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return utf8.RuneCountInString(s) == 3 && strings.ContainsRune(placeSuffixes, r)
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
