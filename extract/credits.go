package extract

import (
	"strings"
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
		n = cleanAuthor(cleanText(n))
		if n == "" || n == site || n == source || site != "" && strings.Contains(site, n) || strings.Contains(n, "://") || strings.HasPrefix(n, "www.") || utf8.RuneCountInString(n) > 40 {
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

// tailEditor finds an editor credit at the end of a paragraph
// ("……。（责任编辑：张三）") and returns the paragraph without it.
func tailEditor(s string) (rest, editor string) {
	for _, label := range []string{"责任编辑", "責任編輯", "责编", "責編", "编辑", "編輯"} {
		i := strings.LastIndex(s, label)
		if i < 0 || len(s)-i > 90 {
			continue
		}
		start := i
		if j := strings.LastIndexAny(s[:i], "（(【[〔"); j >= 0 && i-j <= 4 {
			start = j
		}
		if start == 0 {
			return s, ""
		}
		if ed, ok := parseEditor(s[start:]); ok {
			return strings.TrimSpace(s[:start]), ed
		}
	}
	return s, ""
}

// authorPrefixes are byline words that introduce a name in several languages.
var authorPrefixes = []string{
	"eingestellt von ", "geschrieben von ", "posted by ", "written by ", "reported by ", "text von ", "ein beitrag von ",
	"by ", "von ", "par ", "por ", "di ", "door ", "av ", "af ", "autor: ", "autorin: ", "author: ", "text: ", "von: ", "by: ",
}

// authorRoles are job titles printed after a name.
var authorRoles = []string{
	" chefredakteur", " chefredakteurin", " redakteur", " redakteurin", " staff writer", " reporter",
	" correspondent", " editor", " sagt", " says", " schreibt",
}

// cleanAuthor strips byline words, trailing job titles and punctuation
// from one author name ("von Peter Addor" → "Peter Addor").
func cleanAuthor(n string) string {
	for changed := true; changed; {
		changed = false
		lower := strings.ToLower(n)
		for _, p := range authorPrefixes {
			if strings.HasPrefix(lower, p) && len(n) > len(p) {
				n, lower, changed = n[len(p):], lower[len(p):], true
			}
		}
		for _, r := range authorRoles {
			if strings.HasSuffix(lower, r) && len(n) > len(r) {
				n, changed = n[:len(n)-len(r)], true
				break
			}
		}
		t := strings.Trim(n, " .,;:'\"“”‘’|-")
		if t != n {
			n, changed = t, true
		}
	}
	return n
}
