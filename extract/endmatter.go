package extract

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Chinese portals close an article with a run of lines that are not its
// text: an end marker ("- THE END -"), where the piece first ran ("——《某刊》
// 1998年3月号", "《光明日报》（2022年02月13日 02版）"), a reprint notice ("本文
// 为某某原创文章，未经允许不得转载"), a "taken from the web" disclaimer, an
// official account's keyword menu ("回复【社保】查询…", "点击菜单栏…"), a
// search widget's count ("共找到 13,046 个相关新闻") or the post's own info
// line ("发表于 2004年12月27日 12:40 (阅读:3727;评论:63)"). They open the text
// too: the headline, a subtitle set as "——副标题" and the info line printed
// again above the first paragraph, or a summary box that repeats the lead.
// Each rule here is such a convention shared across portals; none names a
// site. They run on the finished body lines, after the credits were read.

// endMatterWindow is how many lines at the end of the body are examined.
const endMatterWindow = 8

// dropEndMatter removes the lines described above from the body's edges,
// and expander labels and citation lines wherever they stand.
func dropEndMatter(lines []string) []string {
	if len(lines) < 2 {
		return lines
	}
	out := lines[:0]
	n := len(lines)
	for k, l := range lines {
		if isExpanderLabel(l) || isCitationLine(l) || isSearchCount(l) || isLabelStub(l) || isBareMark(l) {
			continue
		}
		if (k < 2 || k >= n-2) && isOriginalTitle(l) {
			continue // a reposted story's note opens or closes it
		}
		out = append(out, l)
	}
	lines = out
	lines = dropHeadMatter(lines)
	lines = dropTrailingWidgets(lines) // endmatter_widgets.go
	lines = dropTailMatter(lines)
	if n := len(lines); n > 0 {
		lines[n-1] = trimBackLink(lines[n-1])
	}
	return lines
}

// dropTailMatter cuts the body at the first end-matter line of its last
// lines. Short lines below an end-matter line ("经过某某重新编排") go with
// it; a line of prose below it ends the search, so text after a stray
// marker is never lost.
func dropTailMatter(lines []string) []string {
	return lines[:tailMatterCut(len(lines), func(k int) string { return lines[k] }, isEndMatter)]
}

// tailMatterCut returns where the end matter of n lines starts (n when it
// has none); line(k) gives the k-th line and matter tells end matter. The
// body's blocks are cut by the same rule before the credits are read
// (body_trim.go), its lines after.
func tailMatterCut(n int, line func(int) string, matter func(string) bool) int {
	cut := n
	for k := n - 1; k >= 1 && k >= n-endMatterWindow; k-- {
		s := line(k)
		if matter(s) {
			cut = k
			continue
		}
		if isShortTrailer(s) {
			continue
		}
		break
	}
	if cut == n {
		return n
	}
	// The rest must stay the larger part: a marker near the top of a
	// short text is not where it ends.
	kept, cutRunes := 0, 0
	for k := range n {
		if k < cut {
			kept += utf8.RuneCountInString(line(k))
		} else {
			cutRunes += utf8.RuneCountInString(line(k))
		}
	}
	if cutRunes > kept {
		return n
	}
	return cut
}

// isShortTrailer reports a short line that is not a sentence: below an
// end-matter line it is a signature or a leftover label, not text.
func isShortTrailer(s string) bool {
	return !runesOver(s, 30) && !endsSentence(s)
}

// isEndMatter reports a line that closes an article without being part of
// its text.
func isEndMatter(s string) bool {
	return isEndMarker(s) || isProvenance(s) || isReprintNotice(s) || isWebSourceNote(s) ||
		isPromoLine(s) || isInfoLine(s) || isCommentCount(s)
}

// isCreditlessEndMatter reports end matter that names no outlet or writer:
// it may leave the body before the credit readers see it, while provenance
// and info lines wait for them.
func isCreditlessEndMatter(s string) bool {
	return isEndMarker(s) || isReprintNotice(s) || isWebSourceNote(s) || isPromoLine(s) || isCommentCount(s)
}

// dropHeadMatter removes what portals print again above the first
// paragraph: the headline and the info line below it, and a "——" subtitle.
func dropHeadMatter(lines []string) []string {
	// A headline block: short lines closed by an info line or a line that
	// is mostly a date ("2003-7-24 钱江晚报").
	for k := min(len(lines)-2, 5); k >= 0; k-- {
		if !isInfoLine(lines[k]) && !isDateLine(lines[k]) {
			continue
		}
		head := true
		for _, l := range lines[:k] {
			if runesOver(l, 40) || strings.HasSuffix(l, "。") {
				head = false
				break
			}
		}
		if head {
			lines = lines[k+1:]
		}
		break
	}
	if len(lines) > 1 && isSubtitle(lines[0]) {
		lines = lines[1:]
	}
	return lines
}

// isBareMark reports a line of list bullets alone (the "·" of a related
// list whose links were cut out): it carries no text. Rules drawn with
// underscores or stars are left alone; some labels keep them.
func isBareMark(s string) bool {
	for _, r := range s {
		switch r {
		case '·', '•', '・', '●', '○', '■', '□', '◆', '◇', '▪', ' ':
		default:
			return false
		}
	}
	return true
}

// isSubtitle reports a short line opened by a dash, the way a subtitle is
// set under a headline ("——论某某(下)"); prose never opens with one.
func isSubtitle(s string) bool {
	return (strings.HasPrefix(s, "——") || strings.HasPrefix(s, "--")) &&
		!runesOver(s, 40) && !strings.Contains(s, "。")
}

// summaryLabels open a summary box above the text.
var summaryLabels = []string{"摘要：", "摘要:", "导语：", "导语:", "导读：", "导读:", "核心提示：", "核心提示:", "内容提要：", "提要：", "【摘要】", "【导读】", "【导语】"}

// cutSummaryLabel returns s without a leading summary label, and whether
// it had one.
func cutSummaryLabel(s string) (string, bool) {
	for _, l := range summaryLabels {
		if rest, ok := strings.CutPrefix(s, l); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return s, false
}

// repeatsLead reports a first line whose sentences mostly appear again
// further down: a summary box or pull quote that repeats the text. Only
// CJK lines are judged; a line repeated right below it is left alone.
func repeatsLead(first string, rest []string) bool {
	first, _ = cutSummaryLabel(first)
	n, cjk := countRunes(first)
	if n < 30 || 2*cjk < n || first == rest[0] {
		return false
	}
	found, total, longest := 0, 0, 0
	for len(first) > 0 {
		i := strings.IndexAny(first, "。？！；")
		var chunk string
		if i < 0 {
			chunk, first = first, ""
		} else {
			chunk = first[:i]
			_, sz := utf8.DecodeRuneInString(first[i:])
			first = first[i+sz:]
		}
		c := utf8.RuneCountInString(chunk)
		if c < 8 {
			continue
		}
		total += c
		for _, l := range rest {
			if strings.Contains(l, chunk) {
				found += c
				longest = max(longest, c)
				break
			}
		}
	}
	return longest >= 15 && 2*found >= total
}

// trimBackLink cuts a "返回某某首页>>" link glued to the last paragraph.
func trimBackLink(s string) string {
	t := strings.TrimRight(s, " >»›")
	if len(t) == len(s) {
		return s
	}
	i := strings.LastIndex(t, "返回")
	if i <= 0 || utf8.RuneCountInString(t[i:]) > 16 || !strings.Contains(t[i:], "首页") {
		return s
	}
	return strings.TrimSpace(s[:i])
}

// isExpanderLabel reports a "read the rest" button left in the text.
func isExpanderLabel(s string) bool {
	if runesOver(s, 12) {
		return false
	}
	t := strings.Trim(s, " ∨>»↓▼")
	switch t {
	case "展开全文", "阅读全文", "查看全文", "点击展开全文", "展开阅读全文", "点击阅读全文", "閱讀全文", "展開全文", "继续阅读", "展开剩余内容",
		"查看更多", "加载更多", "点击加载更多", "阅读更多", "点击查看全文", "查看更多内容":
		return true
	}
	return strings.HasPrefix(t, "展开剩余") && strings.HasSuffix(t, "%")
}

// isEndMarker reports a line that only says the article ends.
func isEndMarker(s string) bool {
	if runesOver(s, 16) {
		return false
	}
	t := strings.ToUpper(strings.Trim(s, " -—－–_=*·•~|#【】[]（）()<>"))
	switch t {
	case "THE END", "END", "完", "全文完", "本文完", "正文完", "全文结束":
		return true
	}
	return false
}

// promoMarkers are calls to action of official accounts and apps that no
// sentence of news text uses: they count wherever they stand in a line.
var promoMarkers = []string{
	"回复【", "回复「", "回复“", "回复关键词", "回复关键字", "点击菜单栏", "点击底部菜单", "点【在看】", "点「在看」", "点个在看",
	"点亮在看", "点击在看", "长按识别", "长按二维码", "扫码关注", "扫描二维码关注", "关注公众号", "设为星标", "点击阅读原文",
	"投稿邮箱", "下载APP", "请下载“", "请下载「",
}

// promoOpeners are calls to action that also occur in plain sentences
// ("市民可点击进入官网报名", "双方将深化商务合作"): they count only when they
// open a line that does not end as a sentence.
var promoOpeners = []string{
	"欢迎关注", "点击关注", "关注我们", "阅读原文", "查看原文", "点击上方", "点击下方", "商务合作", "请下载", "欢迎转发",
	"欢迎分享", "点击进入", "点个赞",
}

// isPromoLine reports a short call to action ("1、回复【社保】查询缴纳记录",
// "相关资讯请关注:某某专区").
func isPromoLine(s string) bool {
	if runesOver(s, 60) {
		return false
	}
	for _, p := range promoMarkers {
		if strings.Contains(s, p) {
			return true
		}
	}
	t := trimListNumber(s)
	if !strings.HasSuffix(t, "。") {
		for _, p := range promoOpeners {
			if strings.HasPrefix(t, p) {
				return true
			}
		}
	}
	// "相关资讯请关注…", "更多精彩请关注…": not "市民出行请关注路况".
	return (strings.HasPrefix(s, "相关") || strings.HasPrefix(s, "更多")) && strings.Contains(s, "请关注")
}

// trimListNumber cuts a list number and bullets from the start of a line
// ("1、", "2.", "▶ ").
func trimListNumber(s string) string {
	t := strings.TrimLeft(s, " 0123456789")
	t = strings.TrimLeft(t, "、.．)）▶►•·-— ")
	if t == "" {
		return s
	}
	return t
}

// isSearchCount reports a site search widget's count ("共找到 13,046 个相关新闻."):
// it opens with the widget's words and is no sentence ("共有3篇相关论文获奖。").
func isSearchCount(s string) bool {
	if runesOver(s, 40) || strings.ContainsAny(s, "。，") {
		return false
	}
	if !strings.HasPrefix(s, "共找到") && !strings.HasPrefix(s, "找到") && !strings.HasPrefix(s, "搜索到") && !strings.HasPrefix(s, "共搜索到") {
		return false
	}
	i := strings.Index(s, "相关")
	if i <= 0 {
		return false
	}
	t := s[:i]
	r, sz := utf8.DecodeLastRuneInString(t)
	if r != '个' && r != '条' && r != '篇' {
		return false
	}
	t = strings.TrimRight(t[:len(t)-sz], " ")
	r, _ = utf8.DecodeLastRuneInString(t)
	return r >= '0' && r <= '9'
}

// isOriginalTitle reports the note giving a reposted story's original
// headline ("（原标题：…）", "本文原标题：《…》"): the value reads as a headline
// (no full stop, at most 60 characters), and a bare 原题 counts only inside
// brackets. A sentence that mentions one ("…原标题为《宇航员之死》。") or an
// exam's "原题：…" prompt is text.
func isOriginalTitle(s string) bool {
	if runesOver(s, 100) {
		return false
	}
	bracketed := strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(") || strings.HasPrefix(s, "【") || strings.HasPrefix(s, "[")
	t := strings.TrimLeft(s, " （(【[")
	for _, p := range []string{"原标题", "本文原标题", "原文标题", "原题"} {
		rest, ok := strings.CutPrefix(t, p)
		if !ok {
			continue
		}
		if p == "原题" && !bracketed {
			return false
		}
		if !strings.HasPrefix(rest, "：") && !strings.HasPrefix(rest, ":") && !strings.HasPrefix(rest, " ") {
			return false
		}
		v := strings.TrimRight(strings.TrimSpace(strings.TrimLeft(rest, "：: ")), "）)】]")
		return v != "" && !strings.Contains(v, "。") && !runesOver(v, 60)
	}
	return false
}

// isLabelStub reports an info label left without its value ("发布日期：",
// "责任编辑：") when the page's template printed an empty field.
func isLabelStub(s string) bool {
	t := strings.TrimRight(s, " ：:")
	if len(t) == len(s) || runesOver(t, 5) {
		return false
	}
	t = strings.TrimLeft(t, " 【[（(")
	for _, l := range infoLabels {
		if t == l.label {
			return true
		}
	}
	return false
}

// isCommentCount reports a comment widget's count ("更多评论 共 4 条评论",
// "已有 12 人参与"): a counter, not a sentence ("本次仪式共有500余人参与。").
func isCommentCount(s string) bool {
	if runesOver(s, 30) || !hasDateDigit(s) || strings.ContainsAny(s, "。，,") {
		return false
	}
	for _, w := range []string{"条评论", "人参与", "人评论", "條評論"} {
		if i := strings.Index(s, w); i >= 0 && isCounterPrefix(s[:i]) {
			return true
		}
	}
	return false
}

// isCounterPrefix reports what may precede a counter's unit: digits,
// spaces and the widget's own words ("更多评论 共 4", "已有 12", "网友评论 38").
func isCounterPrefix(p string) bool {
	for _, w := range [...]string{"更多评论", "网友评论", "全部评论", "查看", "已有", "共有", "共", "有"} {
		p = strings.ReplaceAll(p, w, "")
	}
	return strings.Trim(p, " 0123456789,:：") == ""
}

// citationLabels open a "how to cite this article" line.
var citationLabels = []string{"文章引用：", "文章引用:", "引用本文：", "引用本文:", "引用格式：", "引用格式:", "本文引用格式：", "引文格式：", "参考引用："}

func isCitationLine(s string) bool {
	for _, l := range citationLabels {
		if strings.HasPrefix(s, l) {
			return true
		}
	}
	return false
}

// infoLabels name the fields of an info line. credit marks those that name
// people or outlets: a line of those alone is a credit line, read elsewhere;
// an info line also holds a counter or a publication-date label. A bare
// "时间：" or "日期：" is left out: notices print event times in their text.
var infoLabels = []struct {
	label  string
	credit bool
}{
	{"发布日期", false}, {"发布时间", false}, {"发表时间", false}, {"更新时间", false}, {"发表日期", false},
	{"点击数", false}, {"点击", false}, {"人气", false}, {"浏览", false}, {"阅读", false}, {"访问统计", false}, {"访问", false},
	{"评论", false}, {"字号", false}, {"作者", true}, {"来源", true}, {"出处", true}, {"编辑", true}, {"责编", true},
	{"责任编辑", true}, {"录入", true}, {"审核", true}, {"供稿", true},
}

// isInfoLine reports the line of date, outlet, author and counters printed
// around an article ("发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)",
// "2020-11-23 10:22:14 出处：某站 作者：甲 人气：12"), never a sentence.
func isInfoLine(s string) bool {
	if runesOver(s, 100) || strings.Contains(s, "。") {
		return false
	}
	labels, other := 0, false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && c != ':' && c != '(' {
			i++ // no label end: the common byte of latin text, not decoded
			continue
		}
		r, sz := utf8.DecodeRuneInString(s[i:])
		if r == '：' || r == ':' || r == '（' || r == '(' {
			before := strings.TrimRight(s[:i], " ")
			for _, l := range infoLabels {
				if strings.HasSuffix(before, l.label) {
					labels++
					if !l.credit {
						other = true
					}
					break
				}
			}
		}
		i += sz
	}
	if labels >= 2 && other {
		return true
	}
	_, _, start, _, ok := findDate(s, time.UTC)
	if !ok {
		return false
	}
	if labels >= 1 && other || labels >= 2 {
		return true
	}
	lead := strings.TrimSpace(s[:start])
	switch lead {
	case "发表于", "发布于", "发表时间", "发布时间", "posted @", "Posted @":
		return !runesOver(s, 60)
	}
	return false
}

// isDateLine reports a short line that is mostly a date ("2003-7-24 钱江晚报"),
// not a sentence opening with one ("2020年1月1日，记者来到现场。").
func isDateLine(s string) bool {
	if runesOver(s, 30) || strings.ContainsAny(s, "，。！？；") {
		return false
	}
	_, _, start, end, ok := findDate(s, time.UTC)
	return ok && 2*utf8.RuneCountInString(s[start:end]) >= utf8.RuneCountInString(strings.TrimSpace(s))
}
