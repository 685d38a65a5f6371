package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Credit lines at the edges of the body. Portals print the reporters where
// the text ends as often as above it: a line of its own ("记者 刘涛",
// "采写：南都见习记者 林子沛", "□ 本报记者 王五", "（袁源）") or a bracket
// closing the last paragraph ("……。（记者 张三）", "（李四 上海报道）").
// Such a line is a credit, not prose: it becomes a field and leaves the body.

// edgeLines is how many lines at the end of the body are searched for
// standalone credits (two at its start, where a deck may precede the
// byline); further in, only a labelled byline counts.
const edgeLines = 3

// bodyCredits is what edgeCredits read from the body.
type bodyCredits struct {
	authors []string
	source  string
}

// edgeCredits removes credit lines from the first and last lines of the
// body and a credit bracket closing its last paragraph, and returns the
// remaining lines with what the removed ones named. Source lines
// ("来源：新闻晨报") are taken anywhere after the first line: printed under
// the text they are often followed by furniture the body kept; so are
// labelled bylines. At the edges it also takes info rows ("发表于 …"), a
// date-and-outlet line under the byline and a closing reprint line
// ("——《北京之春》1996年3月号").
func edgeCredits(lines []string) ([]string, bodyCredits) {
	var bc bodyCredits
	out := lines[:0:0] // a new array: lines stays as it is
	if len(lines) > 0 {
		out = make([]string, 0, len(lines)) // room for all, not append's doublings
	}
	lastCredit := -2 // index of the last byline line taken
	for k, t := range lines {
		edge := k < 2 || k >= len(lines)-edgeLines
		// A labelled byline ("扬子晚报记者 张楠", "《棱镜》作者 周纯") is a
		// credit wherever it sits: a summary box above it or furniture the
		// body kept below it moves it off the edge.
		if names, src, labelled, ok := standaloneCredit(t, k == len(lines)-1); ok && (edge || len(names) == 0 && k > 0 || labelled && len(names) > 0 && isByline(t)) {
			switch {
			case len(bc.authors) == 0:
				bc.authors = names
			case lastCredit == k-1:
				// Byline lines in a row credit one story together
				// ("本报实习生 刘国栋 周炜" over "本报记者 王燕平").
				bc.authors = appendNew(bc.authors, names)
			}
			if len(names) > 0 {
				lastCredit = k
			}
			if bc.source == "" {
				bc.source = src
			}
			continue
		}
		if edge {
			if lf, ok := infoRow(t); ok {
				if len(bc.authors) == 0 {
					bc.authors = lf.Authors // "作者：甲 发布日期：…" (credit_inforow.go)
				}
				if betterSource(bc.source, lf.Source) {
					bc.source = lf.Source
				}
				continue
			}
		}
		if k < 2 || k == lastCredit+1 {
			if src, ok := infoSourceLine(t); ok {
				if betterSource(bc.source, src) {
					bc.source = src // "2003-7-24 钱江晚报" under the byline (source_slot.go)
				}
				continue
			}
		}
		if k >= len(lines)-edgeLines {
			if name, ok := compiledBy(t); ok {
				if len(bc.authors) == 0 {
					bc.authors = []string{name} // "本文由李四整理" (credit_compiled.go)
				}
				continue
			}
			if src, ok := closingOutlet(t); ok {
				if betterSource(bc.source, src) {
					bc.source = src // "——《北京之春》1996年3月号" (credit_outlet.go)
				}
				continue
			}
		}
		out = append(out, t)
	}
	if k := lastProse(out); k >= 0 {
		if rest, names := tailBracketCredit(out[k]); len(names) > 0 {
			if len(bc.authors) == 0 {
				bc.authors = names
			}
			// Above a widget caption the bracket ends the text, not the
			// body: the paragraph stays as printed, like a bracket of bare
			// names.
			if k == len(out)-1 {
				out[k] = rest
			}
		}
	}
	return out, bc
}

// tailWidgetLines is how many widget captions may follow the last
// paragraph ("……的城！（评论员 罗博 萧海川）" over "图集", "精彩视频推荐").
const tailWidgetLines = 2

// lastProse returns the index of the body's last paragraph: the last line,
// or the one above up to tailWidgetLines widget captions the body kept
// after it (isWidgetCaption), or -1 for an empty body.
func lastProse(lines []string) int {
	k := len(lines) - 1
	for j := k; j > 0 && k-j < tailWidgetLines && isWidgetCaption(lines[j]); j-- {
		if endsSentence(strings.TrimRightFunc(lines[j-1], isBlankRune)) {
			return j - 1
		}
	}
	return k
}

// isWidgetCaption reports a short line with no sentence in it, the caption
// of a gallery or video box printed under the text ("图集", "精彩视频推荐"):
// at most 8 characters, no sentence or bracket punctuation.
func isWidgetCaption(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && utf8.RuneCountInString(s) <= 8 && !strings.ContainsAny(s, "。！？!?…，,；;：:（）()【】[]“”\"")
}

// isByline reports a credit line that names the story's writers wherever
// it stands: a reporter's credit ("扬子晚报记者 张楠", "通讯员 李四") or an
// outlet's writer ("《棱镜》作者 周纯", "某网专栏作者 某某"). A bare "作者：余华"
// or "原著作者：余华" inside the text is as likely the subject's credit (a
// book review's info block) and counts only at the body's edges.
func isByline(line string) bool {
	for _, w := range [...]string{"记者", "記者", "通讯员", "通訊員", "实习生", "實習生", "特约撰稿", "特約撰稿"} {
		if strings.Contains(line, w) {
			return true
		}
	}
	i := strings.Index(line, "作者")
	if i <= 0 {
		return false
	}
	// Only an outlet's writer: "《棱镜》作者", "某某网作者", not "原著作者".
	before := strings.TrimSpace(line[:i])
	if strings.HasSuffix(before, "》") {
		return true
	}
	for _, suf := range [...]string{"网", "網", "报", "報", "社", "台", "刊", "专栏", "專欄"} {
		if strings.HasSuffix(before, suf) {
			return true
		}
	}
	return false
}

// standaloneCredit reads a line that is nothing but a credit: it opens with
// an author or source label ("记者 刘涛", "执笔人：甲 乙"), or is names with a
// place ("李四 上海报道"), or, as the very last line, a bracketed name alone
// ("（袁源）"). Lines with sentence punctuation are prose.
func standaloneCredit(line string, last bool) (names []string, source string, labelled, ok bool) {
	s := strings.TrimFunc(line, func(r rune) bool {
		return isBlankRune(r) || r == '□' || r == '■' || r == '●' || r == '◆' || r == '▲'
	})
	if !runesOver(s, 2) || runesOver(s, 40) || !strings.ContainsFunc(s, isHanRune) || strings.ContainsAny(s, "。！？，；!?") {
		return nil, "", false, false
	}
	bracketed := false
	if isOpenBracket(firstRune(s)) {
		inner, ok := bracketInner(s)
		if !ok || len(inner)+len(string(firstRune(s)))+len(string(lastRune(s))) != len(s) {
			return nil, "", false, false
		}
		s, bracketed = strings.TrimSpace(inner), true
	}
	// "整合 新京报·贝壳财经客户端记者 张三": a compiling credit opens the
	// reporter's byline.
	for _, w := range [...]string{"整合", "综合", "綜合", "编译", "編譯"} {
		if rest, ok := strings.CutPrefix(s, w); ok && rest != "" && isLabelSep(firstRune(rest)) {
			s = strings.TrimLeftFunc(rest, isLabelSep)
			break
		}
	}
	var lf labels
	if first := scanLabels(s, modeLine, &lf); first == 0 || first > 0 && len(lf.Authors) > 0 && outletPrefix(s[:first]) {
		if len(lf.Authors) == 0 && lf.Source == "" {
			return nil, "", false, false
		}
		return lf.Authors, lf.Source, true, true
	}
	if reported(s) || bracketed && last {
		if names := bareNames(s); len(names) > 0 {
			return names, "", false, true
		}
	}
	return nil, "", false, false
}

// tailBracketCredit splits a credit bracket off the end of a paragraph:
// "……。（记者 张三）", "……。(文/图 王五 赵六)", "……。（李四 上海报道）",
// "……。（常书香 马丹阳）" (names, the paragraph left whole). A bracket of
// one bare name is not enough: it may be an attribution inside the text.
func tailBracketCredit(para string) (rest string, names []string) {
	s := strings.TrimRightFunc(para, isBlankRune)
	if !isCloseBracket(lastRune(s)) {
		return para, nil
	}
	j := strings.LastIndexAny(s, "（(")
	if j <= 0 || utf8.RuneCountInString(s[j:]) > 32 {
		return para, nil
	}
	inner, ok := bracketInner(s[j:])
	if !ok || j+len(inner)+len(string(firstRune(s[j:])))+len(string(lastRune(s))) != len(s) {
		return para, nil
	}
	// The bracket must follow the end of a sentence, not qualify a word.
	if prev := lastRune(strings.TrimRightFunc(s[:j], isBlankRune)); !strings.ContainsRune("。！？.!?”」』…", prev) {
		return para, nil
	}
	inner = strings.TrimSpace(inner)
	if strings.ContainsAny(inner, "。！？，；") {
		return para, nil
	}
	// "（编译/林靖东）": the compiler of a translated story is its writer,
	// as standaloneCredit reads the same prefix on a line of its own.
	compiled := false
	for _, w := range [...]string{"编译", "編譯"} {
		if rest, ok := strings.CutPrefix(inner, w); ok && rest != "" && isLabelSep(firstRune(rest)) {
			inner, compiled = strings.TrimLeftFunc(rest, isLabelSep), true
			break
		}
	}
	var lf labels
	switch {
	case scanLabels(inner, modeCredit, &lf) == 0 && len(lf.Authors) > 0:
		names = lf.Authors
	case reported(inner) || compiled:
		names = bareNames(inner)
	default:
		// Two or more bare names closing the text are its writers
		// ("……新春佳节。（常书香 马丹阳）"); one alone may be a quote's source.
		// With no label to say so, the bracket reads as part of the last
		// paragraph and stays in it.
		if bare := bareNames(inner); len(bare) >= 2 {
			return para, bare
		}
	}
	if len(names) == 0 {
		return para, nil
	}
	return strings.TrimRightFunc(s[:j], isBlankRune), names
}

// reported reports a credit ending in a place and 报道 or 发自 ("上海报道",
// "发自北京").
func reported(s string) bool {
	for _, mark := range [...]string{"报道", "報導", "报导", "報道"} {
		if strings.HasSuffix(s, mark) {
			return true
		}
	}
	return strings.Contains(s, "发自") || strings.Contains(s, "發自")
}

// bareNames reads unlabelled Han names ("李四 上海报道", "袁源"): every
// part must be a name of two to four Han characters.
func bareNames(s string) []string {
	names := splitNames(s)
	for _, n := range names {
		c := utf8.RuneCountInString(n)
		if c < 2 || c > 4 || !isHanRune(firstRune(n)) {
			return nil
		}
	}
	return names
}

// outletPrefix reports the outlet printed before a reporter label when the
// label scanner did not take it in: "新京报·贝壳财经客户端" before 记者.
func outletPrefix(s string) bool {
	n := 0
	for _, r := range s {
		if !isHanRune(r) && r != '·' && r != '《' && r != '》' {
			return false
		}
		n++
	}
	return n > 0 && n <= 16
}

// appendNew appends the names not yet in list.
func appendNew(list, names []string) []string {
	for _, n := range names {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}
