package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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
	var ids []int
	if r < utf8.RuneSelf {
		// A label opening with an ASCII letter is latin and starts a word
		// (checkLabel): in the middle of one, as at most positions of latin
		// text, none can match.
		if i > 0 && (isASCIILetterByte(line[i-1]) || line[i-1] >= '0' && line[i-1] <= '9') {
			return labelMatch{}, false
		}
		ids = labelIndexASCII[unicode.ToLower(r)]
	} else {
		ids = labelIndex[r]
	}
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

// labelFieldsCut is labelFields over a line whose element edges are known
// (cuts: ascending offsets where an inline element opens or closes). A
// source value ends at the first edge inside it: the outlet is the text of
// the element after the label ("来源：<a>人民日报海外版</a><a>中国青年网</a>"),
// or the label's own text after the colon ("来源：求是网<a>参与互动</a>"),
// while flattened text glues the next element's words to it. Authors are
// not cut: pages print one link per writer ("作者：<a>甲</a> <a>乙</a>").
func labelFieldsCut(line string, cuts []int32) labels {
	var out labels
	scanLabelsCut(line, modeLine, cuts, &out)
	return out
}

// scanLabels fills out from line and returns the start of the first label, or -1.
func scanLabels(line string, mode scanMode, out *labels) int {
	return scanLabelsCut(line, mode, nil, out)
}

// cutValue ends the value val, read from line at or after from, at the first
// element edge inside it. An edge with nothing but blanks and dashes before
// it opens the element holding the value ("来源：- <a>新华网</a>"), and one
// that a dash or "·" joins to the next sibling goes on into it
// (siblingJoin). The value may start past from: a relay word hands it on
// ("转载自：").
func cutValue(line, val string, from int, cuts []int32) string {
	if len(cuts) == 0 || val == "" {
		return val
	}
	k := strings.Index(line[from:], val)
	if k < 0 {
		return val
	}
	start := from + k
	for n := 0; n < len(cuts); n++ {
		c := int(cuts[n]) - start
		if c <= 0 || c >= len(val) || strings.TrimFunc(val[:c], isValueEdge) == "" {
			continue
		}
		next := len(val)
		if n+1 < len(cuts) {
			next = min(next, int(cuts[n+1])-start)
		}
		switch siblingJoin(val[c:next], next < len(val)) {
		case joinElement:
			end := len(val)
			if n+2 < len(cuts) {
				end = min(end, int(cuts[n+2])-start)
			}
			if joinedOutlet(val[next:end]) {
				n++ // the next edge opens the joined element
				continue
			}
		case joinText:
			if joinedOutlet(strings.TrimLeftFunc(val[c:next], func(r rune) bool { return isBlankRune(r) || isSourceJoiner(r) })) {
				continue
			}
		}
		return val[:c]
	}
	return val
}

// Ways siblingJoin finds a source value run on past an element edge.
const (
	joinNone    = iota
	joinElement // a joiner, then the next element
	joinText    // a joiner and more of the name in the same text
)

// siblingJoin reports whether seg, the text after an element edge inside
// a source value (up to the next edge; more tells whether an element
// follows it), joins the next sibling to the value. Portals print a
// two-part outlet as one link per part, "来源：<a>人民网</a>-<a>人民日报</a>",
// and the printed name runs across them; two links side by side
// ("<a>人民日报海外版</a><a>中国青年网</a>") or a word glued after the
// label's text ("求是网<a>参与互动</a>") are the outlet and the site's
// chrome. A blank alone joins nothing: the text reads the same when it is
// the layout's gap between two cells or spans ("来源：转载文章</td><td>第
// 1 页", "人民日报海外版</span> <span><a>中国青年网</a>").
func siblingJoin(seg string, more bool) int {
	rest := strings.TrimLeftFunc(seg, isBlankRune)
	r, w := utf8.DecodeRuneInString(rest)
	if rest == "" || !isSourceJoiner(r) {
		return joinNone
	}
	rest = strings.TrimLeftFunc(rest[w:], isBlankRune)
	switch {
	case rest == "" && more:
		return joinElement
	case rest != "" && !isSourceJoiner(firstRune(rest)):
		return joinText
	}
	return joinNone
}

// joinedOutlet reports whether text, what a joiner runs a source value on
// into, starts with an outlet's name ("人民日报", "中证网"). A site's chrome
// after a dash ("手机版", "分享到", "字号"), a time ("3分钟前",
// "2026-11-30") or a section word is no part of the outlet.
func joinedOutlet(text string) bool {
	f := strings.Fields(text)
	return len(f) > 0 && isOutletShape(f[0])
}

// isSourceJoiner reports the marks that join the parts of an outlet's name
// ("人民网-人民日报", "中国证券报·中证网").
func isSourceJoiner(r rune) bool {
	switch r {
	case '-', '－', '–', '—', '·', '•', '・', '‧':
		return true
	}
	return false
}

// scanLabelsCut is scanLabels ending source values at the element edges
// cuts (see labelFieldsCut); nil cuts read the flat text.
func scanLabelsCut(line string, mode scanMode, cuts []int32, out *labels) int {
	first := -1
	for i := 0; i < len(line); {
		if c := line[i]; c < utf8.RuneSelf && (labelRuneBits[c/64]&(1<<(c%64)) == 0 ||
			i > 0 && (isASCIILetterByte(line[i-1]) || line[i-1] >= '0' && line[i-1] <= '9')) {
			// labelAt's first two tests, without a call per byte of latin text.
			i++
			continue
		}
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
		if m.kind == labelSource {
			val = cutValue(line, val, m.valueStart, cuts)
		}
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
		names := splitNames(val)
		if isReporterLabel(label) {
			names = splitGluedNames(names) // "本报记者罗科苏盈" (credit_glued.go)
		}
		out.Authors = append(out.Authors, names...)
	case labelEditor:
		if v := cleanEditor(val); out.Editor == "" && v != "" {
			out.Editor = v
		}
	}
}

// relayWords stand before a second full-width colon inside a credit value
// and hand it on rather than end it: "来源：转载自：新浪网", "作者：本报记者：李四".
var relayWords = map[string]bool{
	"转载自": true, "轉載自": true, "转自": true, "轉自": true, "摘自": true, "选自": true, "選自": true, "原载": true,
	"原載": true, "文": true, "图": true, "圖": true, "记者": true, "記者": true, "本报记者": true, "本報記者": true,
	"特约记者": true, "特約記者": true, "通讯员": true, "通訊員": true,
}

// readValue reads a label value starting at i and returns it with the
// position where scanning resumes (the next label, or the terminator).
func readValue(line string, i int, mode scanMode) (string, int) {
	if v, next, ok := bracketValue(line, i); ok {
		return v, next
	}
	for _, l := range postedLabels {
		// "编辑 发表于:2005-07-31 12:30": the label is an edit link, and
		// what follows it is the date's label, not a name.
		if strings.HasPrefix(line[i:], l) {
			return "", i
		}
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
		case r == '：' && relayWords[strings.TrimSpace(line[start:i])]:
			// "转载自：新浪网": the value is what the relay word hands on.
			i += w
			start, end, blanks = i, i, 0
			continue
		case r == '：' && i > start:
			// No name or outlet holds a full-width colon: what follows is
			// another field ("作者: 赵 培：北京物资学院，北京", an affiliation).
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
		if blanks > 0 && noticeAfterValue(line[i:]) {
			return line[start:end], i // "来源：某某日报 转载请注明出处"
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
