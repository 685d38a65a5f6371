package extract

import (
	"strings"
	"unicode/utf8"
)

// Reporter bylines sometimes run two names together with no separator
// ("本报记者罗科苏盈发自北京"). Chinese names are two or three characters,
// so four characters after a reporter label are two names of two when
// both halves open with a common surname and the first two characters are
// not a compound surname (欧阳, 司马 …), which makes a four-character name.
// Only reporter labels (记者, 通讯员, 实习生) qualify: they credit real
// names, where 作者 or 文 may credit a four-character pen name.

// compoundSurnames open the four-character names a reporter may carry.
var compoundSurnames = map[string]bool{
	"欧阳": true, "歐陽": true, "司马": true, "司馬": true, "上官": true, "诸葛": true, "諸葛": true,
	"东方": true, "東方": true, "皇甫": true, "令狐": true, "慕容": true, "司徒": true, "夏侯": true,
	"尉迟": true, "尉遲": true, "公孙": true, "公孫": true, "宇文": true, "长孙": true, "長孫": true,
	"西门": true, "西門": true, "端木": true, "独孤": true, "獨孤": true, "南宫": true, "南宮": true,
	"万俟": true, "萬俟": true, "闻人": true, "聞人": true, "申屠": true, "澹台": true, "呼延": true,
}

// isReporterLabel reports a label that credits reporters by their real
// names ("本报记者", "新京报记者", "通讯员", "实习生").
func isReporterLabel(label string) bool {
	for _, w := range [...]string{"记者", "記者", "通讯员", "通訊員", "实习生", "實習生"} {
		if strings.Contains(label, w) {
			return true
		}
	}
	return false
}

// splitGluedPair splits a four-character Han run into the two two-character
// names it holds ("罗科苏盈" → "罗科", "苏盈"), or returns nil when it reads
// as one name.
func splitGluedPair(s string) []string {
	if utf8.RuneCountInString(s) != 4 || strings.ContainsFunc(s, func(r rune) bool { return !isHanRune(r) }) {
		return nil
	}
	rs := []rune(s)
	a, b := string(rs[:2]), string(rs[2:])
	if compoundSurnames[a] || !isBareName(a) || !isBareName(b) {
		return nil
	}
	return []string{a, b}
}

// splitGluedNames replaces every four-character name in names that holds
// two reporters' names with the two.
func splitGluedNames(names []string) []string {
	for k := 0; k < len(names); k++ {
		if pair := splitGluedPair(names[k]); pair != nil {
			names = append(names[:k], append(pair, names[k+1:]...)...)
			k++
		}
	}
	return names
}
