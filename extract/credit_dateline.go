package extract

import (
	"strings"
	"unicode/utf8"
)

// maxWirePlace is the longest place, in runes, between a wire agency and 电
// in an undated dateline ("新华社拉萨电", "新华社乌鲁木齐电").
const maxWirePlace = 5

// undatedWire returns the agency of a wire dateline printed without its
// date, as reprints do: "据新华社拉萨电", "新华社北京电", "据中新社电". It
// takes only agencies in knownAgencies (an outlet's own 本报/本网 never
// files a 电), so prose such as "据他说电" is no dateline.
func undatedWire(prefix string) string {
	rest := prefix
	if r, ok := strings.CutPrefix(rest, "据"); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(rest, "據"); ok {
		rest = r
	}
	body, ok := strings.CutSuffix(rest, "电")
	if !ok {
		if body, ok = strings.CutSuffix(rest, "電"); !ok {
			return ""
		}
	}
	for _, a := range knownAgencies {
		if strings.HasPrefix(a, "本") {
			continue
		}
		if place, ok := strings.CutPrefix(body, a); ok && !runesOver(place, maxWirePlace) {
			return a
		}
	}
	return ""
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
