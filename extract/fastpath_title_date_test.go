package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// scanDigitDateRef is scanDigitDate without mayOpenWordDate's filter.
func scanDigitDateRef(s string, maxYear int) (dateMatch, bool) {
	prev := rune(0)
	for i := 0; i < len(s); {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		if dateStartRune(r, prev) {
			if m, ok := matchDateAt(s, i, maxYear); ok {
				if !m.hasTime {
					m = timeBefore(s, m)
				}
				return m, true
			}
		}
		prev = r
		i += w
	}
	return dateMatch{}, false
}

func quotesHeadlineRef(t, head string) bool {
	if head == "" || len(t) <= len(head) {
		return false
	}
	for _, q := range [...][2]string{{"《", "》"}, {"“", "”"}, {"\"", "\""}, {"「", "」"}, {"‘", "’"}} {
		if strings.Contains(t, q[0]+head+q[1]) {
			return true
		}
	}
	return false
}

// The fast paths of scanDigitDate, quotesHeadline and isNumberedSection
// agree with their plain forms on every block of the testdata pages.
func TestDateTitleFilters(t *testing.T) {
	lines := append(blockTexts(t), "Thursday, February 12, 2026 10:07", "Sept. 3, 2024", "Mär 3, 2021", "ſept 3, 2021", "Ma",
		"3. Section", "2.1 Intro", "一、总则", "（二）细则", "(3) x", "He said “The Plan” twice", "《The Plan》", "\"The Plan\" \"The Plan\"")
	for _, l := range lines {
		got, gok := scanDigitDate(l, 2030)
		want, wok := scanDigitDateRef(l, 2030)
		if got != want || gok != wok {
			t.Errorf("scanDigitDate(%.60q) = %v %v, want %v %v", l, got, gok, want, wok)
		}
		if got, want := isNumberedSection(l), numberedSection.MatchString(l); got != want {
			t.Errorf("isNumberedSection(%.60q) = %v, want %v", l, got, want)
		}
		for _, head := range []string{"The Plan", "the", "a", l} {
			if got, want := quotesHeadline(l, head), quotesHeadlineRef(l, head); got != want {
				t.Errorf("quotesHeadline(%.60q, %q) = %v, want %v", l, head, got, want)
			}
		}
	}
}

func isPlaceholderTitleRef(t string) bool {
	lt := strings.ToLower(strings.TrimSpace(t))
	switch lt {
	case "显示", "無標題文件", "无标题文档", "无标题", "未命名", "新建网页", "新建网页 1", "标题",
		"untitled", "untitled document", "document", "new page", "new page 1", "index", "default":
		return true
	}
	for _, g := range [...]string{"欢迎访问", "欢迎光临", "欢迎来到", "歡迎訪問", "歡迎光臨", "谢谢您访问", "谢谢访问", "感谢您访问", "感谢访问", "welcome to "} {
		if strings.HasPrefix(lt, g) {
			return true
		}
	}
	return false
}

func TestPlaceholderTitleFast(t *testing.T) {
	lines := append(blockTexts(t), "Untitled Document", " UNTITLED DOCUMENT ", "Welcome to Big Portal", "WELCOME TO", "welcome to ",
		"Welcome to the long long site name here", "Index", "欢迎访问本站", "Welcome tothe", "Story 1234567 - Big Portal")
	for _, l := range lines {
		if got, want := isPlaceholderTitle(l), isPlaceholderTitleRef(l); got != want {
			t.Errorf("isPlaceholderTitle(%.60q) = %v, want %v", l, got, want)
		}
	}
}
