package extract

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// credits are the people and outlet named around an article.
type credits struct {
	source  string
	authors []string
	editor  string
}

// looksLikeNames filters author values that are really site names, URLs or
// sentences.
func looksLikeNames(names []string, site, source string) []string {
	out := names[:0:0]
	for _, n := range names {
		if strings.Contains(n, "&") && strings.Contains(n, ";") {
			n = html.UnescapeString(n) // "Maria &amp; Katerina" from escaped metadata
		}
		n = cleanAuthor(cleanText(n))
		if isMarkupLeak(n) {
			continue
		}
		if n == "" || n == source || isSiteBrand(n, site) || notAName(n) || strings.Contains(n, "://") || strings.HasPrefix(n, "www.") || runesOver(n, 40) {
			continue
		}
		dup := false
		for _, o := range out {
			if o == n {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, n)
		}
	}
	return out
}

// isSiteBrand reports a Chinese author value that is the site's own name
// ("网易" on 163.com): Chinese portals fill the author slot with their brand,
// and their bylines credit people. An English or other Latin-script site
// named after a person or a company ("Russell Miller", "Swoogo") credits
// itself: that name stays the author.
func isSiteBrand(n, site string) bool {
	return site != "" && strings.ContainsFunc(n, isHanRune) && (n == site || strings.Contains(site, n))
}

// tailEditor finds an editor credit at the end of a paragraph
// ("……。（责任编辑：张三）") and returns the paragraph without it.
func tailEditor(s string) (rest, editor string) {
	// Only a label starting in the last 90 bytes counts: searching just
	// those finds the same last one without scanning the whole paragraph
	// six times. Every label holds 编 or 編, both encoded from byte 0xE7:
	// a tail without it (any Latin text) holds none.
	tail := max(len(s)-90, 0)
	if strings.IndexByte(s[tail:], 0xE7) < 0 {
		return s, ""
	}
	for _, label := range []string{"责任编辑", "責任編輯", "责编", "責編", "编辑", "編輯"} {
		i := strings.LastIndex(s[tail:], label)
		if i < 0 {
			continue
		}
		i += tail
		start, from := i, i
		if j := strings.LastIndexAny(s[:i], "（(【[〔"); j >= 0 && i-j <= 4 {
			start, from = j, j // "（责任编辑：张三）"
		} else if j >= 0 && outletPrefix(s[j+utf8.RuneLen(firstRune(s[j:])):i]) {
			start = j // "（松花江网编辑 孙桂芳）": the outlet is the desk's, not a name
		}
		if start == 0 && from == 0 {
			return s, ""
		}
		if ed, ok := parseEditor(s[from:]); ok {
			return strings.TrimSpace(s[:start]), ed
		}
	}
	return s, ""
}

// authorPrefixes are byline words that introduce a name in several languages.
var authorPrefixes = []string{
	"eingestellt von ", "geschrieben von ", "posted by ", "written by ", "reported by ", "text von ", "ein beitrag von ",
	"by ", "von ", "par ", "por ", "di ", "door ", "av ", "af ", "autor: ", "autorin: ", "author: ", "text: ", "von: ", "by: ",
	"written by: ", "posted by: ", "authors: ", "author ", "erstellt von ", "verfasst von ", "interview: ",
	"about ", "über ",
}

// nameParticles double as parts of names ("Di Maria"): capitalised, they
// are byline words only before a full name. German "Von" opens bylines far
// more often than it starts a surname, so it is always a byline word.
var nameParticles = map[string]bool{"di ": true, "door ": true, "av ": true, "af ": true}

// authorRoles are job titles printed after a name.
var authorRoles = []string{
	" chefredakteur", " chefredakteurin", " redakteur", " redakteurin", " staff writer", " reporter",
	" correspondent", " editor", " sagt", " says", " schreibt", "| author",
}

// cleanAuthor strips byline words, trailing job titles and punctuation
// from one author name ("von Peter Addor" → "Peter Addor").
func cleanAuthor(n string) string {
	for changed := true; changed; {
		changed = false
		lower := strings.ToLower(n)
		for _, p := range authorPrefixes {
			// "von Peter Addor" loses its particle; "Von Miller" is a name.
			if strings.HasPrefix(lower, p) && len(n) > len(p) && (!nameParticles[p] || strings.HasPrefix(n, p) || strings.Contains(strings.TrimSpace(n[len(p):]), " ")) {
				n, lower, changed = n[len(p):], lower[len(p):], true
			}
		}
		// "BySummer Swann", "AuthorAndreas Kalt": a byline word glued to
		// the name.
		for _, w := range [...]string{"By", "Author"} {
			if k := len(w); len(n) > k+1 && strings.HasPrefix(n, w) && n[k] >= 'A' && n[k] <= 'Z' && strings.Contains(n, " ") {
				n, lower, changed = n[k:], lower[k:], true
			}
		}
		for _, r := range authorRoles {
			if strings.HasSuffix(lower, r) && len(n) > len(r) {
				n, changed = n[:len(n)-len(r)], true
				break
			}
		}
		t := strings.Trim(n, " .,;:'\"“”‘’|-")
		if t != n && t+"." == strings.TrimRight(n, " ,;:'\"“”‘’|-") && abbreviationEnd(t) {
			t += "." // "Perry Bacon Jr.", "Juan Carlos Muñoz C.", "Ph.D."
		}
		if t != n {
			n, changed = t, true
		}
	}
	return n
}

// nonNameWords appear in page furniture that sits in author-like elements
// ("相关文章", "我已授权") but never in a person's name.
var nonNameWords = []string{
	"相关", "相關", "文章", "行情", "授权", "授權", "推荐", "推薦", "阅读", "閱讀", "评论", "評論",
	"分享", "关注", "關注", "订阅", "訂閱", "首页", "首頁", "更多", "热门", "熱門", "登录", "登錄",
}

// placeholderNames are template defaults left in author metadata.
var placeholderNames = map[string]bool{
	"name": true, "author": true, "admin": true, "administrator": true, "user": true, "unknown": true,
	"written by": true, "posted by": true,
	// Idioms that open with "By" and read like a byline: "By Popular Demand".
	"popular demand": true, "the numbers": true, "design": true, "request": true, "default": true, "accident": true,
	"appointment": true, "contrast": true, "comparison": true, "chance": true, "all means": true, "no means": true,
	"作者": true, "佚名": true, "未知": true, "匿名": true, "本站": true, "管理员": true,
}

// notAName rejects author values that are furniture, placeholders, e-mail
// addresses or outlets (an outlet belongs in source, not authors).
func notAName(n string) bool {
	if placeholderNames[strings.ToLower(n)] || strings.Contains(n, "@") {
		return true
	}
	for _, w := range nonNameWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return isOutletName(n)
}

// isOutletName reports Chinese news outlets by their name's ending: "新华网",
// "参考消息", "环球时报".
func isOutletName(n string) bool {
	if utf8.RuneCountInString(n) < 3 {
		return false
	}
	for _, suffix := range []string{"网", "網", "报", "報", "消息", "周刊", "在线", "在線", "电视台", "電視台", "之家"} {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
}

// abbreviationEnd reports a name whose last word is an initial, Jr/Sr or a
// dotted degree, whose closing dot belongs to the name.
func abbreviationEnd(n string) bool {
	last := n[strings.LastIndexByte(n, ' ')+1:]
	if strings.Contains(last, ".") {
		return true // "Ph.D", "R.C"
	}
	switch last {
	case "Jr", "Sr":
		return true
	}
	return utf8.RuneCountInString(last) == 1 && unicode.IsUpper(firstRune(last)) && strings.Contains(n, " ")
}
