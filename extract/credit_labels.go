package extract

import (
	"unicode"
	"unicode/utf8"
)

// Credit lines (来源 / 作者 / 责任编辑, wire datelines, English bylines) are
// read by a small scanner over one line of text. Several labels often share a
// line ("2021-01-21 来源：新华网 作者：张三 责任编辑：李四"), so a value runs to
// the next label, date, bracket close, layout gap or toolbar word.

type labelKind uint8

const (
	labelNone   labelKind = iota
	labelSource           // publisher of record (来源)
	labelAuthor           // reporter / writer (作者, 记者)
	labelEditor           // responsible editor (责任编辑)
	labelStop             // other credits (审核, 校对, 图片来源): end a value, value dropped
)

// creditLabels lists every label the scanner knows. Matching takes the
// longest label at a position, so "文章来源" wins over "来源".
var creditLabels = []struct {
	text string
	kind labelKind
}{
	{"来源", labelSource}, {"來源", labelSource}, {"稿源", labelSource}, {"出处", labelSource}, {"出處", labelSource},
	{"文章来源", labelSource}, {"文章來源", labelSource}, {"新闻来源", labelSource}, {"新聞來源", labelSource},
	{"消息来源", labelSource}, {"信息来源", labelSource}, {"本文来源", labelSource}, {"原文来源", labelSource},
	{"来源于", labelSource}, {"信息来源于", labelSource}, {"文章来源于", labelSource}, {"本文来源于", labelSource},
	{"内容来源于", labelSource}, {"转自", labelSource}, {"轉自", labelSource}, {"转载自", labelSource}, {"轉載自", labelSource},
	{"摘自", labelSource}, {"供稿", labelSource}, {"发布单位", labelSource}, {"發布單位", labelSource},
	{"发布机构", labelSource}, {"發布機構", labelSource}, {"Source", labelSource},

	{"作者", labelAuthor}, {"记者", labelAuthor}, {"記者", labelAuthor}, {"本报记者", labelAuthor}, {"本報記者", labelAuthor},
	{"特约记者", labelAuthor}, {"特約記者", labelAuthor}, {"通讯员", labelAuthor}, {"通訊員", labelAuthor},
	{"实习记者", labelAuthor}, {"實習記者", labelAuthor}, {"见习记者", labelAuthor}, {"見習記者", labelAuthor},
	{"实习生", labelAuthor}, {"實習生", labelAuthor}, {"文", labelAuthor}, {"文/图", labelAuthor}, {"文/圖", labelAuthor},
	{"图文", labelAuthor}, {"圖文", labelAuthor}, {"撰文", labelAuthor}, {"撰稿", labelAuthor}, {"采写", labelAuthor},
	{"採寫", labelAuthor}, {"执笔", labelAuthor}, {"執筆", labelAuthor}, {"执笔人", labelAuthor}, {"執筆人", labelAuthor},
	{"撰稿人", labelAuthor}, {"专栏作者", labelAuthor}, {"專欄作者", labelAuthor}, {"特约作者", labelAuthor},
	{"特約作者", labelAuthor}, {"评论员", labelAuthor}, {"評論員", labelAuthor}, {"本报评论员", labelAuthor},
	{"本報評論員", labelAuthor}, {"特约评论员", labelAuthor}, {"特約評論員", labelAuthor}, {"By", labelAuthor},

	{"责任编辑", labelEditor}, {"責任編輯", labelEditor}, {"责编", labelEditor}, {"責編", labelEditor},
	{"编辑", labelEditor}, {"編輯", labelEditor}, {"值班编辑", labelEditor}, {"值班編輯", labelEditor},

	{"审核", labelStop}, {"審核", labelStop}, {"审校", labelStop}, {"審校", labelStop}, {"校对", labelStop},
	{"校對", labelStop}, {"终审", labelStop}, {"終審", labelStop}, {"主编", labelStop}, {"主編", labelStop},
	{"监制", labelStop}, {"監製", labelStop}, {"统筹", labelStop}, {"統籌", labelStop}, {"策划", labelStop},
	{"策劃", labelStop}, {"图片来源", labelStop}, {"圖片來源", labelStop}, {"图片", labelStop}, {"圖片", labelStop},
	{"图", labelStop}, {"圖", labelStop}, {"摄影", labelStop}, {"攝影", labelStop}, {"摄", labelStop},
	{"攝", labelStop}, {"资料来源", labelStop}, {"資料來源", labelStop}, {"数据来源", labelStop},
	{"數據來源", labelStop}, {"原标题", labelStop}, {"原標題", labelStop}, {"发布时间", labelStop},
	{"發布時間", labelStop}, {"发布日期", labelStop}, {"發布日期", labelStop}, {"时间", labelStop}, {"時間", labelStop}, {"日期", labelStop}, {"点击", labelStop},
	{"點擊", labelStop}, {"浏览", labelStop}, {"瀏覽", labelStop}, {"阅读", labelStop}, {"閱讀", labelStop},
	{"浏览次数", labelStop}, {"阅读量", labelStop}, {"点击数", labelStop}, {"點擊數", labelStop}, {"阅读数", labelStop},
	{"閱讀數", labelStop}, {"浏览量", labelStop}, {"瀏覽量", labelStop}, {"访问量", labelStop}, {"訪問量", labelStop}, {"字号", labelStop}, {"字號", labelStop}, {"字体", labelStop},
	{"字體", labelStop}, {"打印", labelStop}, {"分享", labelStop}, {"分享到", labelStop}, {"收藏", labelStop},
	{"关闭", labelStop}, {"關閉", labelStop}, {"纠错", labelStop}, {"糾錯", labelStop}, {"评论", labelStop},
	{"評論", labelStop}, {"扫一扫", labelStop}, {"掃一掃", labelStop}, {"Photo", labelStop}, {"Updated", labelStop},
}

// labelIndex groups creditLabels by first rune, longest first.
var labelIndex = func() map[rune][]int {
	idx := make(map[rune][]int)
	for i, l := range creditLabels {
		r, _ := utf8.DecodeRuneInString(l.text)
		if r < utf8.RuneSelf {
			r = unicode.ToLower(r)
		}
		idx[r] = append(idx[r], i)
	}
	for _, ids := range idx {
		for a := 1; a < len(ids); a++ { // insertion sort by length, descending
			for b := a; b > 0 && len(creditLabels[ids[b]].text) > len(creditLabels[ids[b-1]].text); b-- {
				ids[b], ids[b-1] = ids[b-1], ids[b]
			}
		}
	}
	return idx
}()

// labelIndexASCII is labelIndex for the ASCII first runes, an array
// lookup for latin text.
var labelIndexASCII = func() (idx [utf8.RuneSelf][]int) {
	for r, ids := range labelIndex {
		if r < utf8.RuneSelf {
			idx[r] = ids
		}
	}
	return idx
}()

// labelRuneBits is a cheap first filter for labelAt: bit r%4096 is set for
// the first rune of every label, so most runes of plain prose skip the map.
var labelRuneBits = func() (bits [64]uint64) {
	for r := range labelIndex {
		bits[r%4096/64] |= 1 << (r % 64)
		if r < utf8.RuneSelf {
			u := unicode.ToUpper(r)
			bits[u%4096/64] |= 1 << (u % 64)
		}
	}
	return bits
}()

// toolbarWords end a value when they follow a blank: page furniture printed
// on the info line ("来源：新华网 字号 大 中 小"), and the counters of blogs
// and forums ("作者:某某 阅读(1660) 评论(5)"), whose words only count
// with the bracket or colon that opens the number.
var toolbarWords = [...]string{"大 中 小", "A+", "A-", "手机看", "手機看", "我要", "参与", "參與", "举报", "舉報", "返回",
	"阅读(", "阅读（", "阅读：", "阅读:", "閱讀(", "閱讀（", "閱讀：", "评论(", "评论（", "评论：", "评论:", "評論(", "評論（", "評論：",
	"浏览(", "浏览：", "浏览:", "瀏覽(", "瀏覽：", "点击：", "点击:", "点击(", "點擊：", "人气：", "人气:", "人氣："}

func isHanRune(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x20000 && unicode.Is(unicode.Han, r)
}

func isBlankRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0'
}

// isLabelSep reports runes that may stand between a label and its value.
func isLabelSep(r rune) bool {
	switch r {
	case '：', ':', '丨', '|', '｜', '/', '／', '︰':
		return true
	}
	return isBlankRune(r)
}

func isCloseBracket(r rune) bool {
	switch r {
	case ')', '）', ']', '】', '〕', '」', '』', '〉', '>', '］':
		return true
	}
	return false
}

func isOpenBracket(r rune) bool {
	switch r {
	case '(', '（', '[', '【', '〔', '「', '『', '〈', '<', '［':
		return true
	}
	return false
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
