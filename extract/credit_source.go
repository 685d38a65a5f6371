package extract

import (
	"strings"
	"unicode/utf8"
)

// placeholderSources are 来源 values that name no outlet: a reprint mark or
// "the internet". They are kept only when nothing better is printed.
var placeholderSources = map[string]bool{
	"网络": true, "網絡": true, "網路": true, "互联网": true, "互聯網": true, "转载": true, "轉載": true,
	"转载文章": true, "轉載文章": true, "网络转载": true, "網絡轉載": true, "本站": true, "未知": true,
	"佚名": true, "原创": true, "原創": true, "综合": true, "綜合": true, "网友投稿": true, "網友投稿": true,
}

// isPlaceholderSource reports a 来源 value that names no outlet (a reprint
// mark, "the internet"): any real value replaces it.
func isPlaceholderSource(v string) bool {
	return placeholderSources[strings.TrimSpace(v)]
}

// betterSource reports whether candidate should replace the source found so
// far: nothing or a placeholder loses to a real value. A short value shaped
// like a person's name stays: many outlets are (丁香园, 金融界, 高盛).
func betterSource(cur, candidate string) bool {
	return candidate != "" && !isPlaceholderSource(candidate) && (cur == "" || isPlaceholderSource(cur))
}

// bracketValue reads a label value printed inside square brackets
// ("来源：[ 国际金融报 ]", "［新华网］"), which would otherwise end the value
// before it starts. It returns the value and where scanning resumes.
func bracketValue(line string, i int) (string, int, bool) {
	r, w := utf8.DecodeRuneInString(line[i:])
	var closer string
	switch r {
	case '[':
		closer = "]"
	case '［':
		closer = "］"
	default:
		return "", 0, false
	}
	j := strings.Index(line[i+w:], closer)
	if j < 0 || j > 90 {
		return "", 0, false
	}
	v := strings.TrimSpace(line[i+w : i+w+j])
	if v == "" || strings.ContainsAny(v, "[]［］：:") {
		return "", 0, false
	}
	return v, i + w + j + len(closer), true
}

func cleanSource(s string) string {
	s = trimValue(s)
	// "《北京科技报》": the title marks are not part of the outlet's name.
	if strings.HasPrefix(s, "《") && strings.HasSuffix(s, "》") && strings.Count(s, "《") == 1 {
		s = strings.TrimSpace(s[len("《") : len(s)-len("》")])
	}
	if runesOver(s, 40) {
		return ""
	}
	return s
}
