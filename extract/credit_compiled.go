package extract

import (
	"strings"
	"unicode/utf8"
)

// Reposts, WeChat accounts and digest columns close the text with the name
// of whoever compiled it: "张三 整理", "本文由李四整理", "经过文刃重新编排",
// "（王五 编译）". The compiler is the piece's writer (it has no other
// byline); the line is a credit, not text. 编辑 is left to the editor
// field: "经张三编辑" names a desk editor as often as a compiler.

// compileVerbs end a compiling credit.
var compileVerbs = [...]string{"整理", "编排", "編排", "编译", "編譯", "辑录", "輯錄"}

// compilerRoles sit where a compiler's name would but name nobody.
var compilerRoles = map[string]bool{
	"小编": true, "小編": true, "笔者": true, "筆者": true, "网友": true, "網友": true, "专家": true, "專家": true,
	"本站": true, "本网": true, "本網": true, "本报": true, "本報": true, "编辑部": true, "編輯部": true, "我们": true,
	"我們": true, "本刊": true, "作者": true, "记者": true, "記者": true, "编者": true, "編者": true,
}

// compilerNotNameEnds end the words that stand after 由/经 in place of a
// compiler's name but name a body, a role or a process: 新华社, 本台,
// 网络, 官方, 律师, 医生, 学校, 公司, 中心, 大家, 翻译, 核实, 本站编辑.
// A pen name without a common surname (文刃) rarely ends so.
const compilerNotNameEnds = "社台网網络絡站方师師生校司心人家译譯实實辑輯车車度视視部处處组組团團会會所院局厅廳阅閱"

// compiledBy reads a line that is only a compiling credit and returns the
// compiler. Without 经/由 before it, the name must open with a common
// surname: "资料整理" or "数据整理" head a section, they credit nobody.
func compiledBy(line string) (string, bool) {
	s := strings.TrimFunc(line, isBlankRune)
	if isOpenBracket(firstRune(s)) && isCloseBracket(lastRune(s)) {
		_, w := utf8.DecodeRuneInString(s)
		_, lw := utf8.DecodeLastRuneInString(s)
		s = strings.TrimFunc(s[w:len(s)-lw], isBlankRune)
	}
	if !runesOver(s, 3) || runesOver(s, 16) {
		return "", false
	}
	verb := ""
	for _, v := range compileVerbs {
		if strings.HasSuffix(s, v) {
			verb = v
			break
		}
	}
	if verb == "" {
		return "", false
	}
	s = strings.TrimSuffix(s, verb)
	s = strings.TrimSuffix(s, "重新")
	s = strings.TrimRightFunc(s, isLabelSep)
	marked := false
	for _, p := range [...]string{"本文由", "此文由", "经过", "經過", "经", "經", "由"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s, marked = rest, true
			break
		}
	}
	name := strings.TrimFunc(s, isBlankRune)
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 4 || strings.ContainsFunc(name, func(r rune) bool { return !isHanRune(r) }) ||
		compilerRoles[name] || notNames[name] || notAName(name) {
		return "", false
	}
	if !isBareName(name) && (!marked || strings.ContainsRune(compilerNotNameEnds, lastRune(name)) || firstRune(name) == '本') {
		return "", false
	}
	return name, true
}

// tailCompiler returns the compiler named on a short line just after the
// body, where the credit often stands apart from the text ("信息来源于网络"
// over "经过文刃重新编排" under a WeChat article), or nil.
func (r *pageRun) tailCompiler() []string {
	if len(r.idx) == 0 {
		return nil
	}
	w := r.w
	last := r.idx[len(r.idx)-1]
	for i := last + 1; i < len(w.blocks) && i <= last+3; i++ {
		if w.blocks[i].runes > 20 {
			continue
		}
		if name, ok := compiledBy(w.blocks[i].text); ok {
			return []string{name}
		}
	}
	return nil
}
