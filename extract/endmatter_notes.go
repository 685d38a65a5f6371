package extract

// Notes on where a piece came from, printed under its text: provenance
// ("——《某刊》1998年3月号"), reprint and copyright notices, and "信息来源于网络".
// They close the body without being part of it; dropEndMatter removes them.

import (
	"strings"
	"unicode/utf8"
)

// provenancePrefixes introduce where a piece first ran.
var provenancePrefixes = []string{"原载", "原文载", "原刊", "刊于", "载于", "摘自", "选自", "节选自", "转载自", "原文刊载于", "本文原载", "本文摘自", "本文选自"}

// isProvenance reports where a reprinted piece first ran: "——《某刊》1998年
// 3月号", "《光明日报》（ 2022年02月13日 02版）", "(综合整理自某网、某网等)",
// "摘自《读者》2020年第3期".
func isProvenance(s string) bool {
	if runesOver(s, 50) || strings.Contains(s, "。") {
		return false
	}
	t := strings.TrimLeft(s, " -—－–")
	// A parenthesised note on how the text was put together.
	if inner, ok := parenthesised(t); ok {
		for _, p := range []string{"综合", "整理自", "编译自", "摘编自", "编辑整理", "摘自", "选自", "节选自", "原载", "转载自", "资料来源", "素材来源"} {
			if strings.HasPrefix(inner, p) {
				return true
			}
		}
		return false
	}
	prefixed := false
	for _, p := range provenancePrefixes {
		if strings.HasPrefix(t, p) {
			t = strings.TrimLeft(t[len(p):], " ：:")
			prefixed = true
			break
		}
	}
	if !strings.HasPrefix(t, "《") {
		return false
	}
	j := strings.Index(t, "》")
	if j < 0 || utf8.RuneCountInString(t[:j]) > 21 {
		return false
	}
	rest := strings.TrimSpace(t[j+len("》"):])
	if rest == "" {
		return prefixed
	}
	// An issue or page: a year, month or number with 版/期/月号.
	if runesOver(rest, 30) || !hasDateDigit(rest) {
		return false
	}
	return strings.Contains(rest, "版") || strings.Contains(rest, "期") || strings.Contains(rest, "月号") ||
		strings.Contains(rest, "年") && (prefixed || strings.HasPrefix(s, "—") || strings.HasPrefix(s, "-"))
}

// parenthesised returns the inside of a line that is one parenthesised note.
func parenthesised(s string) (string, bool) {
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			inner := s[len(p[0]) : len(s)-len(p[1])]
			if !strings.Contains(inner, p[1]) {
				return strings.TrimSpace(inner), true
			}
		}
	}
	return "", false
}

// isReprintNotice reports a copyright or reprint note ("本文为某某原创文章，
// 未经允许不得转载", "版权归原作者所有，如有侵权请联系删除").
func isReprintNotice(s string) bool {
	if runesOver(s, 120) {
		return false
	}
	if strings.Contains(s, "转载") {
		for _, w := range []string{"未经", "不得", "禁止", "谢绝", "请勿", "如需", "注明", "授权", "联系"} {
			if strings.Contains(s, w) {
				return true
			}
		}
	}
	t := strings.TrimLeft(s, " （(【[")
	if strings.Contains(s, "原创") && (strings.HasPrefix(t, "本文") || strings.HasPrefix(t, "此文") || strings.HasPrefix(s, "【")) {
		return true
	}
	// "声明：本文仅代表作者观点…", not a quoted statement ("声明：公司从未…").
	if strings.HasPrefix(t, "声明：") || strings.HasPrefix(t, "声明:") {
		for _, w := range []string{"本文", "本站", "本网", "观点", "版权", "仅代表", "平台"} {
			if strings.Contains(s, w) {
				return true
			}
		}
	}
	for _, w := range []string{"版权归原作者", "版权归作者", "如有侵权", "侵删", "侵权请联系", "侵权必究", "授权发布", "授权转载"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isWebSourceNote reports "信息来源于网络" and its kin: a note, not a
// sentence that happens to say so ("这些谣言大多来自网络。").
func isWebSourceNote(s string) bool {
	if runesOver(s, 60) || !isNoteShaped(s) {
		return false
	}
	for _, w := range []string{"来源于网络", "来源于互联网", "来自网络", "来自互联网", "源于网络", "来源网络", "取自网络", "均来自网络", "转自网络"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// isNoteShaped reports a line that reads as an editor's note rather than a
// sentence of the text: it opens like one ("注：", "声明", "（…", "本文…",
// "图片…"), or opens with a softer word (信息, 内容, 部分 …) and does not end
// as a sentence, or is short and ends without a full stop. "部分网友质疑，相关
// 视频来自网络，并非事发现场拍摄。" is text.
func isNoteShaped(s string) bool {
	t := strings.TrimLeft(s, " *※")
	for _, p := range [...]string{"注", "声明", "（", "(", "【", "[", "本文", "图片", "图文", "免责"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	if strings.HasSuffix(t, "。") {
		return false
	}
	for _, p := range [...]string{"文章", "信息", "内容", "素材", "部分"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return !runesOver(t, 24)
}
