package extract

import (
	"strings"
	"unicode/utf8"
)

// A reprinted piece often closes with the publication it first ran in:
// "——《北京之春》1996年3月号", "（原载《读书》2005年第3期）", "摘自《青年文摘》".
// The line names the source and is not part of the text. A bare title in
// 《》 could be a heading, so the line must open with a dash or a reprint
// word, or end with the issue's date and page in brackets ("《光明日报》（
// 2022年02月13日 02版）"), and nothing but an issue reference may follow the
// title.

// reprintWords introduce the publication a piece is reprinted from.
var reprintWords = [...]string{"原载", "原載", "摘自", "转自", "轉自", "选自", "選自", "刊于", "刊於", "载于", "載於", "原刊"}

// closingOutlet returns the publication a closing reprint line names.
func closingOutlet(line string) (string, bool) {
	s := strings.TrimSpace(line)
	if runesOver(s, 40) {
		return "", false
	}
	if isOpenBracket(firstRune(s)) && isCloseBracket(lastRune(s)) {
		_, w := utf8.DecodeRuneInString(s)
		_, lw := utf8.DecodeLastRuneInString(s)
		s = strings.TrimSpace(s[w : len(s)-lw])
	}
	marked := false
	if t := strings.TrimLeft(s, "—-─ "); t != s {
		s, marked = t, true
	}
	for _, w := range reprintWords {
		if t, ok := strings.CutPrefix(s, w); ok {
			s, marked = strings.TrimLeft(t, "：: "), true
			break
		}
	}
	if !strings.HasPrefix(s, "《") {
		return "", false
	}
	end := strings.Index(s, "》")
	if end < 0 {
		return "", false
	}
	title := strings.TrimSpace(s[len("《"):end])
	if title == "" || strings.ContainsAny(title, "《，。") {
		return "", false
	}
	rest := s[end+len("》"):]
	// A print edition's credit needs no mark: the date and page
	// in brackets say it ("《光明日报》（ 2022年02月13日 02版）").
	if !marked {
		inner, ok := bracketInner(strings.TrimSpace(rest))
		if !ok || !strings.ContainsAny(inner, "版期") || !hasDateDigit(inner) || len(inner)+len("（）") < len(strings.TrimSpace(rest)) {
			return "", false
		}
		rest = inner
	}
	for _, r := range rest {
		if !isDigitRune(r) && !isBlankRune(r) && !strings.ContainsRune("年月日号號期第卷总總版,，.、", r) {
			return "", false
		}
	}
	return title, true
}
