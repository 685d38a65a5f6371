package extract

import (
	"strings"
)

// Blogs and older portals print the info row inside the text container,
// above the first paragraph or under the last: "发表于 2004年12月27日 12:40 -
// (阅读:3727;评论:63)", "作者：甲 来源：乙 发布日期：9/17/2004 5:54:13 AM".
// Such a row is a credit line, not text: it opens with a posting label, a
// credit label or the date, and holds a date and, opening with the date,
// a credit.

// postedLabels open a row that says when the piece was posted.
var postedLabels = [...]string{
	"发表于", "發表於", "发布于", "發佈於", "發布於", "发表时间", "發表時間", "发布时间", "發布時間", "發佈時間",
	"发布日期", "發布日期", "發佈日期", "更新时间", "更新時間",
}

// maxInfoRow is the longest info row, in runes.
const maxInfoRow = 100

// infoRow reports an info row and the credits it names.
func infoRow(line string) (lf labels, ok bool) {
	s := strings.TrimFunc(line, func(r rune) bool {
		return isBlankRune(r) || r == '□' || r == '■' || r == '●' || r == '◆' || r == '〓' || r == '-' || r == '—'
	})
	if runesOver(s, maxInfoRow) || containsAnyRune(s, "。！？") {
		return lf, false
	}
	dm, ok := findDateMatch(s)
	if !ok {
		return lf, false
	}
	posted := false
	for _, l := range postedLabels {
		if strings.HasPrefix(s, l) {
			posted = true
			break
		}
	}
	if !posted {
		posted = postedJustBefore(s[:dm.start])
	}
	first := scanLabels(s, modeLine, &lf)
	switch {
	case posted:
	case dm.start == 0:
		// "2005-01-06 08:13更新 来源：转载文章": the date opens the row and
		// a credit label follows it.
		if first < 0 || len(lf.Authors) == 0 && lf.Source == "" && lf.Editor == "" {
			return labels{}, false
		}
	default:
		m, ok := labelAt(s, 0, false, modeLine)
		if !ok || m.kind == labelStop {
			return labels{}, false
		}
	}
	lf.Authors = dropMarkup(lf.Authors)
	if isMarkupLeak(lf.Source) {
		lf.Source = ""
	}
	if isMarkupLeak(lf.Editor) {
		lf.Editor = ""
	}
	return lf, true
}

// postedJustBefore reports text that ends with a posting label, right
// before a row's date: a forum post's footer names the board before it
// ("〓 网易娱乐 明星话题 发布时间 2005/03/15 22:36:13").
func postedJustBefore(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return isBlankRune(r) || r == ':' || r == '：' })
	for _, l := range postedLabels {
		if strings.HasSuffix(s, l) {
			return true
		}
	}
	return false
}

// dropMarkup removes values that are attribute text leaked from broken
// markup ("size=\"20\"").
func dropMarkup(names []string) []string {
	out := names[:0:0]
	for _, n := range names {
		if !isMarkupLeak(n) {
			out = append(out, n)
		}
	}
	return out
}
