package extract

import (
	"strings"
	"unicode/utf8"
)

// notNames are words that sit where a name would in a credit.
var notNames = map[string]bool{
	"整合": true, "综合": true, "綜合": true, "报道": true, "報導": true, "报导": true, "编译": true, "編譯": true,
	"发表于": true, "發表於": true, "摄": true, "攝": true, "摄影": true, "攝影": true, "未知": true, "佚名": true, "匿名": true, "原创": true,
	"原創": true, "本站": true, "管理员": true, "管理員": true, "admin": true, "发自": true, "發自": true,
	"实习生": true, "實習生": true, "通讯员": true, "通訊員": true, "记者": true, "記者": true, "等": true,
	"图": true, "圖": true, "文": true, "整理": true, "供图": true, "供圖": true,
	// The outlet speaking of itself, left over from "本报记者" split at its
	// label ("作者：本报记者：李四").
	"本报": true, "本報": true, "本台": true, "本网": true, "本網": true, "本刊": true,
}

// splitNames splits a names value on 、，,;／/ "and" "&" 和 與 与 and on
// blanks between Han names, dropping parts that are not names (digits,
// URLs, over 30 runes, credit words such as 整合).
func splitNames(s string) []string {
	var out []string
	var joined []bool // out[k] came after "and", "&", 和: a co-author
	conj := false     // the part being read follows a conjunction
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
			// "Jane & John", "张三 & 李四", "王芳&李明"; a user name such as
			// "放飞&心情" glues it between two Han words that are not
			// names of a surname and one or two characters.
			cut = !isHanRune(lastRune(s[:i])) || !isHanRune(firstRune(s[i+w:])) ||
				looksLikeHanName(s[start:i]) && looksLikeHanName(hanPrefix(s[i+w:]))
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
		for len(joined) < len(out) {
			joined = append(joined, conj)
		}
		conj = i < len(s) && !strings.ContainsRune("、，,;；／/", r)
		i += skip
		start = i
	}
	return dropAffiliations(out, joined) // credit_affiliation.go
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

// stripParens drops the bracketed remarks after names: "张三（实习生）",
// and each of "张三（北京大学教授） 李四（中国人民大学教授）", so that the
// Han names after the first one stay. An unclosed bracket, or one in a
// latin name ("Paramita (Guha) Ghosh", which other readers take whole),
// ends the part.
func stripParens(s string) string {
	for {
		k := strings.IndexAny(s, "(（")
		if k <= 0 {
			return s
		}
		e := strings.IndexAny(s[k:], ")）")
		if e < 0 || !isHanRune(lastRune(strings.TrimSpace(s[:k]))) {
			return strings.TrimSpace(s[:k])
		}
		_, w := utf8.DecodeRuneInString(s[k+e:])
		s = strings.TrimSpace(s[:k] + " " + s[k+e+w:])
	}
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
	s = stripGluedRole(s) // "记者王敬照" (credit_roles.go)
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

// looksLikeHanName reports two or three Han characters opening with a
// common surname ("王芳", "李小明").
func looksLikeHanName(s string) bool {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 3 && !strings.ContainsFunc(s, func(r rune) bool { return !isHanRune(r) }) &&
		strings.ContainsRune(commonSurnames, firstRune(s))
}

// hanPrefix returns the run of Han characters that opens s.
func hanPrefix(s string) string {
	for i, r := range s {
		if !isHanRune(r) {
			return s[:i]
		}
	}
	return s
}
