package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the checks that tell a printed headline from text that
// only looks like one: a comments heading quoting the headline, a numbered
// section heading of the text, and the label or trailing dashes that
// forums and blog templates print around a headline.

// quotesHeadline reports a heading that names the headline in quotation
// marks inside a longer line: the comments heading of blog templates
// ("《标题》已有1件评论", "12 Responses to “Title”"), never the headline.
func quotesHeadline(t, head string) bool {
	if head == "" || len(t) <= len(head) {
		return false
	}
	// Each place t holds head is checked for quotes around it: no quoted
	// copy of head is built.
	for k := 0; ; k++ {
		i := strings.Index(t[k:], head)
		if i < 0 {
			return false
		}
		k += i
		before, after := t[:k], t[k+len(head):]
		for _, q := range [...][2]string{{"《", "》"}, {"“", "”"}, {"\"", "\""}, {"「", "」"}, {"‘", "’"}} {
			if strings.HasSuffix(before, q[0]) && strings.HasPrefix(after, q[1]) {
				return true
			}
		}
	}
}

// numberedSection matches the number a section heading of the text opens
// with: "3. ", "2.1 ", "一、", "（二）".
var numberedSection = regexp.MustCompile(`^(?:\d{1,2}(?:\.\d{1,2})*\.\s|\d{1,2}(?:\.\d{1,2})+\s|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）])`)

// isNumberedSection reports a heading numbered as a section of the text
// ("3. 淘宝网物流配送存在的问题"): it is only similar to the headline.
func isNumberedSection(t string) bool {
	// Every form opens with a digit, a Chinese numeral or a bracket: most
	// headings are ruled out by their first byte without the regexp.
	if t == "" || t[0] < utf8.RuneSelf && (t[0] < '0' || t[0] > '9') && t[0] != '(' {
		return false
	}
	return numberedSection.MatchString(t)
}

// headlineLabels are the labels forums print before a thread's headline.
var headlineLabels = [...]string{"主题", "主題", "标题", "標題", "题目", "題目"}

// trimHeadlineLabel drops a forum's "主题: " label in front of a headline
// and the trailing dashes some blog templates print after it
// ("谁来为无序拆房“埋单”？- -").
func trimHeadlineLabel(t string) string {
	for _, l := range headlineLabels {
		if rest, ok := strings.CutPrefix(t, l); ok {
			if r, sz := utf8.DecodeRuneInString(rest); r == ':' || r == '：' {
				if rest = strings.TrimSpace(rest[sz:]); rest != "" {
					t = rest
				}
			}
			break
		}
	}
	if strings.HasSuffix(t, "- -") || strings.HasSuffix(t, "-- ") {
		if trimmed := strings.TrimRight(t, " -"); trimmed != "" {
			t = trimmed
		}
	}
	return t
}

// headlinePart returns the part of a <title> that holds the headline: the
// longest, unless that is a site's name at either end ("工业生产稳中有升 -
// 中华人民共和国国家统计局官方网站") and another part of four or more
// characters is left to be the headline. Only unmistakable site words count
// here: a headline may well end in 网 or 论坛 ("我国加快建设工业互联网").
func headlinePart(parts []string) string {
	best := longestPart(parts)
	n := len(parts)
	if n < 2 || best != parts[0] && best != parts[n-1] || !hasWebsiteSuffix(best) {
		return best
	}
	alt := ""
	for _, p := range parts {
		if p != best && !hasWebsiteSuffix(p) && utf8.RuneCountInString(p) > utf8.RuneCountInString(alt) {
			alt = p
		}
	}
	if utf8.RuneCountInString(alt) < 4 {
		return best
	}
	return alt
}

// hasWebsiteSuffix reports a name ending in a word only a website's name
// ends in ("…官方网站", "…官网", "…首页").
func hasWebsiteSuffix(s string) bool {
	s = strings.TrimSpace(s)
	for _, suf := range [...]string{"网站", "網站", "官网", "官網", "首页", "首頁"} {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// endsInSiteName reports a <title> whose last part the page confirms as
// the site's name: it is the declared name (og:site_name, the JSON-LD
// publisher), it names the page's host ("Bridgestone Tires" on
// tires.bridgestone.com), or it is a short CJK name ending in a site word
// ("…-新华网"). Without such proof the last part is as often a subtitle.
func (ev *titleEvidence) endsInSiteName(p *document) bool {
	n := len(ev.tagParts)
	if n < 2 {
		return false
	}
	last := ev.tagParts[n-1]
	if last == ev.tagHead {
		return false
	}
	for _, v := range [...]string{p.meta.metas["og:site_name"], p.meta.ld.publisher} {
		if v = collapseSpace(v); v != "" && strings.EqualFold(v, last) {
			return true
		}
	}
	if hasCJK(last) {
		return utf8.RuneCountInString(last) <= 10 && hasSiteSuffix(last)
	}
	return p.base != nil && namesHost(last, p.base.Hostname())
}

// namesHost reports a site name that spells one of the host's labels
// ("UC Davis Children's Hospital" on health.ucdavis.edu): the name with
// only its letters and digits kept holds a label of four or more
// characters other than the top-level domain, or a label holds it.
func namesHost(name, host string) bool {
	squashed := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, name)
	if len(squashed) < 4 {
		return false
	}
	labels := strings.Split(strings.ToLower(host), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels[:len(labels)-1] {
		if len(l) >= 4 && (strings.Contains(squashed, l) || strings.Contains(l, squashed)) {
			return true
		}
	}
	return false
}
