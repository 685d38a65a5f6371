package extract

import (
	"strings"
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
	{"特約作者", labelAuthor}, {"By", labelAuthor},

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
	{"浏览次数", labelStop}, {"阅读量", labelStop}, {"字号", labelStop}, {"字號", labelStop}, {"字体", labelStop},
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
// on the info line ("来源：新华网 字号 大 中 小").
var toolbarWords = [...]string{"大 中 小", "A+", "A-", "手机看", "手機看", "我要", "参与", "參與", "举报", "舉報", "返回"}

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

// labelMatch is a label recognised at some position of a line.
type labelMatch struct {
	kind       labelKind
	start      int // where the label (with any outlet prefix such as 新京报) starts
	valueStart int // first byte of the value, after separators
}

// scanMode relaxes label rules for text already known to be a credit,
// such as the inside of a dateline bracket: "（记者赵刚、孙丽）".
type scanMode uint8

const (
	modeLine   scanMode = iota
	modeCredit          // labels may be followed directly by the name
)

// labelAt reports whether a known label starts at byte i of line. inValue
// is true while a value is being read, where a label glued to the previous
// text still counts if a colon follows it ("新华网作者：张三").
func labelAt(line string, i int, inValue bool, mode scanMode) (labelMatch, bool) {
	r, _ := utf8.DecodeRuneInString(line[i:])
	if labelRuneBits[r%4096/64]&(1<<(r%64)) == 0 {
		return labelMatch{}, false
	}
	key := r
	if r < utf8.RuneSelf {
		key = unicode.ToLower(r)
	}
	ids := labelIndex[key]
	if ids == nil {
		return labelMatch{}, false
	}
	prev := lastRune(line[:i])
	for _, id := range ids {
		l := creditLabels[id]
		latin := l.text[0] < utf8.RuneSelf
		if latin {
			if len(line)-i < len(l.text) || !strings.EqualFold(line[i:i+len(l.text)], l.text) {
				continue
			}
		} else if !strings.HasPrefix(line[i:], l.text) {
			continue
		}
		end := i + len(l.text)
		if m, ok := checkLabel(line, i, end, prev, l.kind, l.text, latin, inValue, mode); ok {
			return m, true
		}
	}
	return labelMatch{}, false
}

func checkLabel(line string, i, end int, prev rune, kind labelKind, text string, latin, inValue bool, mode scanMode) (labelMatch, bool) {
	m := labelMatch{kind: kind, start: i}
	next, nw := utf8.DecodeRuneInString(line[end:])
	if end == len(line) {
		next, nw = 0, 0
	}
	if latin {
		if isASCIILetter(prev) || prev >= '0' && prev <= '9' {
			return m, false
		}
		if text == "By" {
			// "By Jane Doe": only at the start of the line (after decoration).
			if strings.TrimLeftFunc(line[:i], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) != "" {
				return m, false
			}
			if next != ' ' || end+1 >= len(line) || !unicode.IsUpper(firstRune(line[end+1:])) {
				return m, false
			}
			m.valueStart = end + 1
			return m, true
		}
		// "Source: AP", never "Sources say".
		j := end
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j >= len(line) || line[j] != ':' && line[j] != '|' && !strings.HasPrefix(line[j:], "：") {
			return m, false
		}
		m.valueStart = skipSeps(line, j)
		return m, true
	}
	// The label must not be the tail of a longer word, with two exceptions:
	// an outlet before 记者, 实习生, 通讯员 or a role such as 专栏作者
	// ("新京报记者 陆一夫", "本报实习生 刘国栋", "某网专栏作者 某某") and a
	// label of two or more runes with a colon ("新华网作者：张三").
	colon := next == '：' || next == ':'
	if unicode.IsLetter(prev) {
		switch {
		case colon && len(text) >= 6 && inValue:
			// "来源：晨风日报记者：许清": the outlet before 记者 is the previous
			// label's value, not part of this credit.
		case kind == labelAuthor && outletRoleLabel(text):
			j, n := i, 0
			for j > 0 && n <= 8 {
				r, w := utf8.DecodeLastRuneInString(line[:j])
				if !isHanRune(r) {
					break
				}
				j -= w
				n++
			}
			if n > 8 {
				return m, false
			}
			if b := lastRune(line[:j]); j > 0 && (unicode.IsLetter(b) || unicode.IsDigit(b)) {
				return m, false
			}
			m.start = j
		case colon && len(text) >= 6:
		default:
			return m, false
		}
	}
	single := utf8.RuneCountInString(text) == 1
	switch {
	case nw == 0 || isCloseBracket(next):
		m.valueStart = end // empty value: "来源:" at the end of a line
	case isLabelSep(next):
		if single {
			// 文 / 图 / 摄 alone are common words: demand "文/" or "文：", or
			// "摄" at the end of a credit ("张三 摄").
			if next != '/' && next != '／' && next != '：' && next != ':' && next != '|' && next != '丨' {
				if text == "摄" || text == "攝" || text == "图" || text == "圖" {
					m.valueStart = end
					return m, true
				}
				return m, false
			}
		}
		m.valueStart = skipSeps(line, end)
	case mode == modeCredit && kind == labelAuthor && isHanRune(next):
		m.valueStart = end
	case kind == labelSource && next == '《' && !single:
		m.valueStart = end // "转自《北京科技报》"
	case kind == labelAuthor && utf8.RuneCountInString(text) == 4 && isHanRune(next) && !inValue:
		m.valueStart = end // "本报记者张三"
	case kind == labelSource && strings.HasSuffix(text, "于") && !inValue && gluedYuValue(line, end):
		m.valueStart = end // "信息来源于网络" (credit_cells.go)
	case (kind == labelSource || kind == labelAuthor) && !single && !inValue && gluedCellValue(line, i, end, kind):
		m.valueStart = end // "| 来源CSDN | 作者魏星" (credit_cells.go)
	default:
		return m, false
	}
	return m, true
}

func skipSeps(line string, j int) int {
	colon := false
	for j < len(line) {
		r, w := utf8.DecodeRuneInString(line[j:])
		if !isLabelSep(r) && r != '-' && r != '—' {
			break
		}
		// "来源: | 发布时间": a bar after the colon means the value is empty.
		if colon && (r == '|' || r == '丨' || r == '｜') {
			break
		}
		colon = colon || r == ':' || r == '：'
		j += w
	}
	return j
}

// labels holds the credit values found on one line.
type labels struct {
	Source  string
	Authors []string
	Editor  string
}

// labelFields splits one line of page text into the values of the credit
// labels it knows: source (来源, Source), authors (作者, 记者, 文/, By) and
// editor (责任编辑, 编辑). Other credits (审核, 校对, 图片来源) end a value and
// are dropped. The first source and editor win; authors accumulate.
func labelFields(line string) labels {
	var out labels
	scanLabels(line, modeLine, &out)
	return out
}

// scanLabels fills out from line and returns the start of the first label, or -1.
func scanLabels(line string, mode scanMode, out *labels) int {
	first := -1
	for i := 0; i < len(line); {
		m, ok := labelAt(line, i, false, mode)
		if !ok {
			_, w := utf8.DecodeRuneInString(line[i:])
			i += w
			continue
		}
		if first < 0 {
			first = m.start
		}
		val, next := readValue(line, m.valueStart, mode)
		if rest := line[next:]; !strings.HasPrefix(rest, "摄") && !strings.HasPrefix(rest, "攝") {
			// A value followed by 摄 is a photo credit ("每经记者 张蕊 摄").
			addLabel(out, m.kind, val, line[i:m.valueStart])
		}
		if next <= i {
			next = m.valueStart
			if next <= i {
				next = i + 1
			}
		}
		i = next
	}
	return first
}

func addLabel(out *labels, kind labelKind, val, label string) {
	switch kind {
	case labelSource:
		if v := cleanSource(val); out.Source == "" && v != "" {
			out.Source = v
		}
	case labelAuthor:
		if strings.HasPrefix(label, "By") || strings.HasPrefix(label, "by") || strings.HasPrefix(label, "BY") {
			out.Authors = append(out.Authors, latinNames(val)...)
			return
		}
		out.Authors = append(out.Authors, splitNames(val)...)
	case labelEditor:
		if v := cleanEditor(val); out.Editor == "" && v != "" {
			out.Editor = v
		}
	}
}

// readValue reads a label value starting at i and returns it with the
// position where scanning resumes (the next label, or the terminator).
func readValue(line string, i int, mode scanMode) (string, int) {
	if v, next, ok := bracketValue(line, i); ok {
		return v, next
	}
	start := i
	end := i
	blanks := 0
	depth := 0 // open parentheses inside the value: "张三（实习生）"
	for i < len(line) {
		r, w := utf8.DecodeRuneInString(line[i:])
		if r == utf8.RuneError && w == 1 {
			i++
			continue
		}
		switch {
		case (r == '(' || r == '（') && i > start:
			depth++
		case isCloseBracket(r) && depth > 0:
			depth--
		case isCloseBracket(r) || r == '【' || r == '[' || r == '［':
			return line[start:end], i
		case r == '|' || r == '丨' || r == '｜' || r == '。' || r == '！' || r == '？' || r == '；' || r == ';':
			return line[start:end], i + w
		case isBlankRune(r):
			blanks++
			// A layout gap (two blanks, or an ideographic space) ends the value.
			if blanks >= 2 || r == '\u3000' || r == '\t' {
				return line[start:end], i
			}
			i += w
			continue
		}
		if blanks > 0 || i == start {
			for _, tw := range toolbarWords {
				if strings.HasPrefix(line[i:], tw) {
					return line[start:end], i
				}
			}
		}
		if isDigitRune(r) && !isDigitRune(lastRune(line[:i])) {
			if _, ok := matchDateAt(line, i, 1<<30); ok {
				return line[start:end], i
			}
		}
		if i > start {
			if m, ok := labelAt(line, i, true, mode); ok {
				return line[start:min(end, m.start)], m.start
			}
		}
		blanks = 0
		i += w
		end = i
	}
	return line[start:end], i
}

// trimValue trims blanks and dangling punctuation around a value.
func trimValue(s string) string {
	return strings.TrimFunc(s, isValueEdge)
}

func isValueEdge(r rune) bool {
	switch r {
	case '：', ':', ',', '，', '、', ';', '；', '·', '-', '—', '_', '/', '／', '|', '丨':
		return true
	}
	return isBlankRune(r)
}

func cleanSource(s string) string {
	s = trimValue(s)
	// "《北京科技报》": the title marks are not part of the outlet's name.
	if strings.HasPrefix(s, "《") && strings.HasSuffix(s, "》") && strings.Count(s, "《") == 1 {
		s = strings.TrimSpace(s[len("《") : len(s)-len("》")])
	}
	if utf8.RuneCountInString(s) > 40 {
		return ""
	}
	return s
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
	if utf8.RuneCountInString(s) > 30 || strings.ContainsAny(s, "，。") {
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
	if s == "" || utf8.RuneCountInString(s) > 80 {
		return "", false
	}
	var out labels
	if first := scanLabels(s, modeLine, &out); first != 0 || out.Editor == "" {
		return "", false
	}
	return out.Editor, true
}

// knownAgencies are outlets that open wire datelines, longest first where
// one is a prefix of another.
var knownAgencies = [...]string{
	"新华社", "新華社", "新华网", "新華網", "中新社", "中新网", "中新網", "中国新闻网", "中國新聞網", "人民网", "人民網",
	"人民日报", "人民日報", "央视网", "央視網", "央视新闻", "央視新聞", "中央社", "中国日报网", "中國日報網", "中国日报", "中國日報",
	"光明网", "光明網", "中国之声", "中國之聲", "国际在线", "國際在線", "环球网", "環球網", "澎湃新闻", "澎湃新聞",
	"新京报", "新京報", "本报", "本報", "本网", "本網", "本站", "本刊", "本台",
}

// agencySuffix ends an outlet name not in knownAgencies ("长江网", "扬子晚报").
const agencySuffix = "社网網报報刊"

// parseDateline reads a wire dateline at the start of a body paragraph
// ("新华社广州5月2日电（记者赵刚、孙丽）", "本网讯（通讯员 张伟）",
// "（中央社記者王小明台北1日電）", "〔記者陳大文／高雄報導〕") and returns the
// agency and the reporters. ok is true for a dateline without reporters
// ("新华社广州3月22日体育专电").
func parseDateline(para string) (agency string, authors []string, ok bool) {
	// WHATWG Big5 decodes the full-width slash (A241) as U+2215 "∕".
	if strings.Contains(para, "∕") {
		para = strings.ReplaceAll(para, "∕", "／")
	}
	s := strings.TrimLeftFunc(para, func(r rune) bool {
		return isBlankRune(r) || r == '□' || r == '■' || r == '●' || r == '◆' || r == '▲'
	})
	if s == "" {
		return "", nil, false
	}
	if r := firstRune(s); isOpenBracket(r) {
		return bracketDateline(s)
	}
	// Outlet and place: a short run of Han text (and 《》·) before the date or 讯.
	i := 0
	n := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isHanRune(r) && r != '《' && r != '》' && r != '·' {
			break
		}
		if n > 0 && (r == '讯' || r == '訊') || strings.HasPrefix(s[i:], "快讯") || strings.HasPrefix(s[i:], "快訊") {
			break
		}
		i += w
		n++
	}
	prefix := s[:i]
	if n == 0 || n > 20 {
		return "", nil, false
	}
	if a := undatedWire(prefix); a != "" {
		// "据新华社拉萨电（记者 格桑边觉）" (credit_dateline.go)
		return a, datelineBracket(s[i:]), true
	}
	agency = datelineAgency(prefix)
	if agency == "" {
		return "", nil, false
	}
	p := &dscan{s: s, i: i}
	if p.anyLit("讯", "訊", "快讯", "快訊") {
		if prefix != agency {
			return "", nil, false // "他说北京讯" has a place but no date
		}
	} else {
		if _, n := p.num(2); n == 0 || !p.lit("月") {
			return "", nil, false
		}
		if _, n := p.num(2); n == 0 || !p.anyLit("日", "号") {
			return "", nil, false
		}
		// "电", "專電", "体育专电", "讯".
		j := p.i
		found := false
		for k := 0; k < 5 && p.i < len(s); k++ {
			if p.anyLit("电", "電", "讯", "訊", "消息") {
				found = true
				break
			}
			r, w := utf8.DecodeRuneInString(s[p.i:])
			if !isHanRune(r) {
				break
			}
			p.i += w
		}
		if !found {
			p.i = j
			return "", nil, false
		}
	}
	p.space()
	return agency, datelineBracket(s[p.i:]), true
}

// datelineBracket reads the reporters in the bracket that opens s, if any.
func datelineBracket(s string) []string {
	s = strings.TrimLeftFunc(s, isBlankRune)
	if r := firstRune(s); r == '（' || r == '(' {
		if inner, ok := bracketInner(s); ok {
			return creditNames(inner)
		}
	}
	return nil
}

// datelineAgency returns the outlet at the start of a dateline prefix, or "".
func datelineAgency(prefix string) string {
	if strings.HasPrefix(prefix, "据") || strings.HasPrefix(prefix, "據") {
		return ""
	}
	for _, a := range knownAgencies {
		if strings.HasPrefix(prefix, a) {
			return a
		}
	}
	// The last outlet suffix ("长江网", "扬子晚报"): the rest is the place.
	cut := -1
	for i, r := range prefix {
		if i > 0 && strings.ContainsRune(agencySuffix, r) {
			cut = i + utf8.RuneLen(r)
		}
	}
	if cut < 0 {
		if strings.HasSuffix(prefix, "》") {
			return prefix
		}
		return ""
	}
	return prefix[:cut]
}

// bracketInner returns the text inside the bracket that opens s.
func bracketInner(s string) (string, bool) {
	_, w := utf8.DecodeRuneInString(s)
	depth := 0
	for i, r := range s {
		switch {
		case isOpenBracket(r):
			depth++
		case isCloseBracket(r):
			depth--
			if depth == 0 {
				return s[w:i], true
			}
		}
		if i > 240 {
			break
		}
	}
	return "", false
}

// creditNames reads the reporters inside a dateline bracket: "记者赵刚、孙丽",
// "记者 张三 通讯员 李四", or bare names "李榮 王巧月".
func creditNames(inner string) []string {
	inner = strings.TrimSpace(inner)
	var out labels
	if scanLabels(inner, modeCredit, &out) >= 0 {
		return out.Authors
	}
	if strings.ContainsAny(inner, "，。：:") || hasDateDigit(inner) {
		return nil
	}
	return splitNames(inner)
}

// taiwanPlaces are places printed after the reporter in Taiwanese credits.
var taiwanPlaces = [...]string{
	"台北", "臺北", "新北", "桃園", "台中", "臺中", "台南", "臺南", "高雄", "基隆", "新竹", "苗栗", "彰化", "南投", "雲林",
	"嘉義", "屏東", "宜蘭", "花蓮", "台東", "臺東", "澎湖", "金門", "馬祖", "連江", "香港", "澳門", "北京", "上海",
	"東京", "華盛頓", "紐約", "倫敦", "巴黎", "首爾", "新加坡", "布魯塞爾", "洛杉磯", "舊金山", "柏林", "莫斯科",
}

// bracketDateline handles credits that open with a bracket:
// "（中央社記者王小明台北1日電）", "〔記者陳大文／高雄報導〕",
// "【环球网报道 记者 王会聪】".
func bracketDateline(s string) (string, []string, bool) {
	inner, ok := bracketInner(s)
	if !ok {
		return "", nil, false
	}
	inner = strings.TrimSpace(inner)
	// Agency before the reporter label.
	k, labLen := -1, 0
	for _, lab := range [...]string{"記者", "记者", "特派員", "特派员"} {
		if j := strings.Index(inner, lab); j >= 0 && (k < 0 || j < k) {
			k, labLen = j, len(lab)
		}
	}
	switch {
	case strings.HasSuffix(inner, "電") || strings.HasSuffix(inner, "电"):
		// CNA: 中央社記者王小明台北1日電.
		if k < 0 {
			return "", nil, false
		}
		agency := inner[:k]
		if strings.HasPrefix(agency, "中央社") {
			agency = "中央社"
		}
		rest := inner[k+labLen:]
		d := strings.IndexFunc(rest, isDigitRune)
		if d < 0 {
			return "", nil, false
		}
		names := strings.TrimRightFunc(rest[:d], func(r rune) bool { return r == '專' || r == '专' || isBlankRune(r) })
		names = stripPlace(names)
		return agency, splitNames(names), true
	case strings.HasSuffix(inner, "報導") || strings.HasSuffix(inner, "报道") || strings.HasSuffix(inner, "報道") || strings.HasSuffix(inner, "报导"):
		// LTN: 記者陳大文／高雄報導; outlet prefix optional.
		if k < 0 {
			return "", nil, false
		}
		agency := strings.TrimSpace(inner[:k])
		rest := inner[k+labLen:]
		slash := strings.IndexAny(rest, "／/")
		if slash < 0 {
			return agency, splitNames(stripPlace(strings.TrimSuffix(strings.TrimSuffix(rest, "報導"), "报道"))), true
		}
		return agency, splitNames(rest[:slash]), true
	default:
		// 【环球网报道 记者 王会聪】 / 【新京报讯 记者 张三】
		for _, mark := range [...]string{"报道", "報導", "讯", "訊"} {
			j := strings.Index(inner, mark)
			if j <= 0 || k >= 0 && j > k {
				continue
			}
			agency := datelineAgency(strings.TrimSuffix(inner[:j], "综合"))
			if agency == "" {
				continue
			}
			return agency, creditNames(inner[j+len(mark):]), true
		}
	}
	return "", nil, false
}

// stripPlace removes a trailing place from "王小明台北".
func stripPlace(s string) string {
	for _, p := range taiwanPlaces {
		if strings.HasSuffix(s, p) && len(s) > len(p) {
			return s[:len(s)-len(p)]
		}
	}
	return s
}

// notNames are words that sit where a name would in a credit.
var notNames = map[string]bool{
	"整合": true, "综合": true, "綜合": true, "报道": true, "報導": true, "报导": true, "编译": true, "編譯": true,
	"摄": true, "攝": true, "摄影": true, "攝影": true, "未知": true, "佚名": true, "匿名": true, "原创": true,
	"原創": true, "本站": true, "管理员": true, "管理員": true, "admin": true, "发自": true, "發自": true,
	"实习生": true, "實習生": true, "通讯员": true, "通訊員": true, "记者": true, "記者": true, "等": true,
	"图": true, "圖": true, "文": true, "整理": true, "供图": true, "供圖": true,
}

// splitNames splits a names value on 、，,;／/ "and" "&" 和 與 与 and on
// blanks between Han names, dropping parts that are not names (digits,
// URLs, over 30 runes, credit words such as 整合).
func splitNames(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); {
		r, w := rune(0), 1
		if i < len(s) {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		cut, skip := false, w
		switch {
		case i == len(s):
			cut = true
		case r == '&' || r == '＆':
			// "Jane & John", "张三 & 李四"; a user name such as "放飞&心情"
			// glues it between two Han characters.
			cut = !isHanRune(lastRune(s[:i])) || !isHanRune(firstRune(s[i+w:]))
		case strings.ContainsRune("、，,;；／/", r):
			cut = true
		case r == '和' || r == '與' || r == '与' || r == '及':
			// "张三和李四", but not the 和 inside "王和平": both sides must
			// hold a whole name of two or more characters.
			cut = hanRunBefore(s[start:i]) >= 2 && hanRunAfter(s[i+w:]) >= 2
		case r == ' ' && (strings.HasPrefix(s[i:], " and ") || strings.HasPrefix(s[i:], " AND ")):
			cut, skip = true, 5
		}
		if !cut {
			i += w
			continue
		}
		out = appendNames(out, s[start:i])
		i += skip
		start = i
	}
	return out
}

// appendNames adds one delimited part, splitting Han names on blanks.
func appendNames(out []string, part string) []string {
	part = trimValue(part)
	part = stripParens(part)
	if part == "" {
		return out
	}
	if !strings.ContainsFunc(part, isBlankRune) || !strings.ContainsFunc(part, isHanRune) {
		if n := nameOK(part); n != "" {
			out = append(out, n)
		}
		return out
	}
	// "张三 李四": blanks separate Han names; "王 欣" is one name spaced out.
	fields := strings.FieldsFunc(part, isBlankRune)
	for k := 0; k < len(fields); k++ {
		f := fields[k]
		if utf8.RuneCountInString(f) == 1 && k+1 < len(fields) && utf8.RuneCountInString(fields[k+1]) == 1 && isHanRune(firstRune(f)) {
			f += fields[k+1]
			k++
		}
		if n := nameOK(f); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// stripParens drops a bracketed remark after a name: "张三（实习生）".
func stripParens(s string) string {
	if k := strings.IndexAny(s, "(（"); k > 0 {
		return strings.TrimSpace(s[:k])
	}
	return s
}

// nameOK returns the part as a name, or "" when it is not one.
func nameOK(s string) string {
	s = trimValue(s)
	s = strings.TrimSuffix(s, "等")
	// "罗科发自北京", "山东冠县报道": the place is not part of a name.
	if i := strings.Index(s, "发自"); i > 0 {
		s = s[:i]
	} else if i := strings.Index(s, "發自"); i > 0 {
		s = s[:i]
	}
	if reported(s) {
		return ""
	}
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 30 || notNames[s] || strings.ContainsFunc(s, isDigitRune) {
		return ""
	}
	if strings.Contains(s, "http") || strings.Contains(s, "www.") || strings.Contains(s, ".com") || strings.Contains(s, "@") {
		return ""
	}
	if isHanRune(firstRune(s)) && n < 2 {
		return ""
	}
	return s
}

// latinRoles are words that make an English credit a job title or an
// outlet rather than a name.
var latinRoles = map[string]bool{
	"staff": true, "writer": true, "writers": true, "reporter": true, "reporters": true, "correspondent": true,
	"editor": true, "editors": true, "contributor": true, "columnist": true, "press": true, "news": true,
	"reuters": true, "bloomberg": true, "agency": true, "bureau": true, "service": true, "wire": true,
	"updated": true, "published": true, "posted": true, "ago": true, "hours": true, "minutes": true, "photo": true,
	"photos": true, "images": true, "times": true, "post": true, "journal": true, "associated": true, "team": true,
	"desk": true, "the": true, "and": true, "senior": true, "chief": true, "special": true, "to": true, "for": true,
}

// latinNames splits an English byline value ("MARIA LOPEZ and SAM LEE",
// "Jane Doe, Reuters") into names, normalising ALL-CAPS to Title Case.
func latinNames(s string) []string {
	var out []string
	for _, part := range splitNames(s) {
		if n := latinName(part); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func latinName(s string) string {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 {
		return ""
	}
	caps := true
	for _, w := range words {
		if latinRoles[strings.ToLower(strings.Trim(w, ".,"))] {
			return ""
		}
		if !unicode.IsUpper(firstRune(w)) && !isParticle(w) {
			return ""
		}
		if strings.ContainsFunc(w, unicode.IsLower) {
			caps = false
		}
	}
	if !caps {
		return strings.Join(words, " ")
	}
	return titleCase(words)
}

func isParticle(w string) bool {
	switch w {
	case "de", "van", "von", "da", "del", "der", "la", "le", "bin", "al", "di", "du", "dos":
		return true
	}
	return false
}

// titleCase turns "MARIA" into "Maria", "O'NEIL" into "O'Neil" and
// "JEAN-PAUL" into "Jean-Paul".
func titleCase(words []string) string {
	var b strings.Builder
	for k, w := range words {
		if k > 0 {
			b.WriteByte(' ')
		}
		up := true
		for _, r := range w {
			if up {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			up = !unicode.IsLetter(r)
		}
	}
	return b.String()
}

// parseByline reads an author byline: "By MARIA LOPEZ and SAM LEE",
// "By Jane Doe, Reuters", "作者：张三", "文/张三 李四", "本报记者 张三 李四",
// "记者 张三 通讯员 李四", "□本报记者 张三", or a bare list of names. Job
// titles and dates ("Staff Writer", "Updated 3 hours ago") yield nil.
func parseByline(line string) []string {
	s := strings.TrimFunc(line, func(r rune) bool {
		return isBlankRune(r) || r == '□' || r == '■' || r == '●' || r == '◆' || r == '|' || r == '丨' || r == '—' || r == '-'
	})
	if s == "" || utf8.RuneCountInString(s) > 120 {
		return nil
	}
	var out labels
	if scanLabels(s, modeLine, &out) >= 0 {
		return out.Authors
	}
	if hasDateDigit(s) {
		return nil
	}
	if !strings.ContainsFunc(s, isHanRune) {
		return latinNames(s)
	}
	if strings.ContainsAny(s, "，。：:！？") || utf8.RuneCountInString(s) > 30 {
		return nil
	}
	names := splitNames(s)
	for _, n := range names {
		if c := utf8.RuneCountInString(n); c > 4 && isHanRune(firstRune(n)) && (len(names) > 1 || c > maxPenName || s != n || notAName(n)) {
			return nil // a phrase, not a list of Han names
		}
	}
	return names
}

// maxPenName is the longest single Han name a byline element may hold: a
// self-media account's pen name ("八卦大相公") runs past the two to four
// characters of a personal name, but a phrase runs longer still.
const maxPenName = 6

// wireAgencies are news agencies whose name after a byline ("By Jane Doe |
// Associated Press", "By Jane Doe, Reuters") marks the story's source.
var wireAgencies = []string{
	"Associated Press", "Reuters", "Agence France-Presse", "AFP", "Bloomberg News", "Bloomberg",
	"United Press International", "UPI", "Deutsche Presse-Agentur", "dpa", "Xinhua", "Kyodo News", "Kyodo",
	"Yonhap", "ANSA", "EFE", "PA Media", "Press Association", "The Canadian Press", "Australian Associated Press", "AP",
}

// bylineAgency returns the wire agency named after the names of an English
// byline, or "".
func bylineAgency(line string) string {
	if !strings.HasPrefix(line, "By ") && !strings.HasPrefix(line, "by ") && !strings.HasPrefix(line, "BY ") {
		return ""
	}
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '|', ',', '-', ' ':
		default:
			continue
		}
		tail := strings.TrimLeft(line[i+1:], " ")
		for _, a := range wireAgencies {
			if len(tail) >= len(a) && strings.EqualFold(tail[:len(a)], a) &&
				(len(tail) == len(a) || !isASCIILetter(rune(tail[len(a)]))) {
				return a
			}
		}
	}
	return ""
}

// hanRunBefore counts the Han characters that end s.
func hanRunBefore(s string) int {
	n := 0
	for len(s) > 0 {
		r, w := utf8.DecodeLastRuneInString(s)
		if !isHanRune(r) {
			break
		}
		n++
		s = s[:len(s)-w]
	}
	return n
}

// hanRunAfter counts the Han characters that open s.
func hanRunAfter(s string) int {
	n := 0
	for _, r := range s {
		if !isHanRune(r) {
			break
		}
		n++
	}
	return n
}
