package extract

import (
	"strings"
)

// responsibleLabels name the editor who answers for the page. A page that
// reposts a story often prints the original outlet's desk editor too
// ("编辑 刘晓阳 校对 李铭" under the text, "编辑|甲 责编|乙" in a credit
// block); the 责任编辑 is the page's editor.
var responsibleLabels = [...]string{"责任编辑", "責任編輯", "责编", "責編"}

// isResponsibleEditor reports an editor line whose label is 责任编辑 or 责编
// rather than a plain 编辑. The label need not open the line: portals print
// it after the outlet in one credit row ("本文来源：新京报 责任编辑：姚立伟").
// Only lines parseEditor accepted are asked, so a mention in prose is not
// at stake.
func isResponsibleEditor(line string) bool {
	for _, l := range responsibleLabels {
		if strings.Contains(line, l) {
			return true
		}
	}
	return false
}

// cleanEditor trims an editor value and strips staff codes and trainee
// marks printed after the name: "李强 SF018", "杨倩_NF4425", "王五（实习）".
// A value that is only a code is kept as printed.
func cleanEditor(s string) string {
	s = trimValue(s)
	for {
		t := s
		for _, mark := range [...]string{"(实习)", "（实习）", "(實習)", "（實習）", "(见习)", "（见习）", "(見習)", "（見習）"} {
			t = strings.TrimSuffix(t, mark)
		}
		t = trimValue(stripStaffCode(t))
		if t == s || t == "" {
			break
		}
		s = t
	}
	if runesOver(s, 30) || strings.ContainsAny(s, "，。") {
		return ""
	}
	return s
}

// stripStaffCode removes a trailing code of 1–4 capital letters and 2–6
// digits ("SF018", "NBJ11331") when a name comes before it.
func stripStaffCode(s string) string {
	j := len(s)
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	nd := len(s) - j
	k := j
	for k > 0 && s[k-1] >= 'A' && s[k-1] <= 'Z' {
		k--
	}
	nl := j - k
	if nd < 2 || nd > 6 || nl < 1 || nl > 4 {
		return s
	}
	before := s[:k]
	if r := lastRune(before); before == "" || r != '_' && r != '-' && !isBlankRune(r) && !isHanRune(r) {
		return s
	}
	if trimValue(before) == "" {
		return s
	}
	return before
}

// parseEditor recognises a standalone editor line ("[責任編輯:陳文韜]",
// "(责编：赵明、钱芳)", "编辑：周杰 审核：吴敏") and returns the names as
// printed, staff codes removed. Lines that merely mention 编辑 in prose are
// rejected: the line must start with a credit label.
func parseEditor(line string) (editor string, ok bool) {
	// Closing brackets stay: the value scanner stops at them, and one may
	// belong to a remark such as "（实习）".
	s := strings.TrimLeftFunc(line, func(r rune) bool {
		return isBlankRune(r) || isOpenBracket(r) || r == '□' || r == '■' || r == '●'
	})
	s = strings.TrimRightFunc(s, isBlankRune)
	if s == "" || runesOver(s, 80) {
		return "", false
	}
	var out labels
	if first := scanLabels(s, modeLine, &out); first != 0 || out.Editor == "" {
		return "", false
	}
	return out.Editor, true
}
