package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSeparators split a <title> into headline, section and site name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", "｜", "_", "--", "|", " · ", "－", " —", "—— "}

// titleSepFirst holds the first bytes of titleSeparators: titleSepAt tries
// the separators only where one may start, not at every byte of a title.
var titleSepFirst = func() (first [256]bool) {
	for _, sep := range titleSeparators {
		first[sep[0]] = true
	}
	return first
}()

// titleSepAfterSpace holds the second bytes of the titleSeparators that
// open with a blank: a title's every blank may open one, and most are
// followed by a word.
var titleSepAfterSpace = func() (second [256]bool) {
	for _, sep := range titleSeparators {
		if sep[0] == ' ' {
			second[sep[1]] = true
		}
	}
	return second
}()

// titleSepAt returns the length of the first of titleSeparators that s
// starts with at i, or 0.
func titleSepAt(s string, i int) int {
	if !titleSepFirst[s[i]] {
		return 0
	}
	if s[i] == ' ' && (i+1 >= len(s) || !titleSepAfterSpace[s[i+1]]) {
		return 0
	}
	for _, sep := range titleSeparators {
		if strings.HasPrefix(s[i:], sep) {
			if sep == "--" && isTypedDash(s, i) {
				return 0
			}
			return len(sep)
		}
	}
	return 0
}

// isTypedDash reports a "--" at i glued between two letters or digits of
// an alphabetic script ("Problems--Simple Cells"): an em dash typed as two
// hyphens inside the headline, where a site name is set off with spaces.
// Between CJK text ("明日股市预测--headline") it still separates.
func isTypedDash(s string, i int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+2:])
	word := func(r rune) bool {
		return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isCJK(r)
	}
	return word(before) && word(after)
}

// splitTitle splits a <title> at the separators portals use between
// headline, section and site name, in one pass.
func splitTitle(t string) []string {
	var parts []string
	start := 0
	add := func(p string) {
		if p = strings.Trim(p, " -_|–—·｜»:"); p != "" {
			parts = append(parts, p)
		}
	}
	for i := 0; i < len(t); {
		if n := titleSepAt(t, i); n > 0 {
			add(t[start:i])
			i += n
			start = i
			continue
		}
		_, sz := utf8.DecodeRuneInString(t[i:])
		i += sz
	}
	add(t[start:])
	if len(parts) == 1 {
		// "北方商报网-冬储菜上市": a bare hyphen between CJK text separates
		// too, also after a headline's closing punctuation ("…的城！-新华网").
		if i := strings.IndexByte(parts[0], '-'); i > 0 {
			before, _ := utf8.DecodeLastRuneInString(parts[0][:i])
			after, _ := utf8.DecodeRuneInString(parts[0][i+1:])
			if (isCJK(before) || isCJKPunct(before)) && isCJK(after) {
				return []string{parts[0][:i], parts[0][i+1:]}
			}
		}
	}
	return parts
}

// stripTitleSuffix returns the headline part of a <title>: the longest
// segment, the first of equals.
func stripTitleSuffix(t string) string {
	return longestPart(splitTitle(t))
}

// longestPart returns the longest of a title's parts, the first of equals.
func longestPart(parts []string) string {
	best := ""
	for _, p := range parts {
		if utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
			best = p
		}
	}
	return best
}

// similarity is the character-bigram Dice coefficient of a and b. The
// bigrams shared (as a multiset) are counted by merging the two sorted
// lists, without the map of counts that made it 5% of extracting a short
// article.
func similarity(a, b string) float64 {
	var buf [128]uint64
	return sortedBigrams(a, buf[:0]).similarity(b)
}

// bigramBag is a text with its lower-cased bigrams sorted, to be compared
// with several others (a heading with each form of the headline) without
// sorting its bigrams again for each.
type bigramBag struct {
	text  string
	grams []uint64
	runes int // of the lower-cased text
}

// sortedBigrams returns the bigramBag of s, its bigrams appended to buf.
func sortedBigrams(s string, buf []uint64) bigramBag {
	grams, n := lowerBigrams(s, buf)
	slices.Sort(grams)
	return bigramBag{text: s, grams: grams, runes: n}
}

// similarity is the Dice coefficient of the bag's text and b.
func (a bigramBag) similarity(b string) float64 {
	var buf [128]uint64
	gb, nb := lowerBigrams(b, buf[:0])
	if a.runes < 2 || nb < 2 {
		if a.text == b {
			return 1
		}
		return 0
	}
	slices.Sort(gb)
	ga := a.grams
	inter := 0
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i] < gb[j]:
			i++
		case ga[i] > gb[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return 2 * float64(inter) / float64(a.runes+nb-2)
}

// lowerBigrams appends to dst the bigrams of s lower-cased and returns them
// with the number of runes of lower-cased s. ASCII text, most titles, is
// lowered byte by byte, without strings.ToLower and a []rune copy.
func lowerBigrams(s string, dst []uint64) ([]uint64, int) {
	if !isASCII(s) {
		rs := []rune(strings.ToLower(s))
		return bigrams(rs, dst), len(rs)
	}
	for i := 0; i+1 < len(s); i++ {
		dst = append(dst, uint64(lowerByte(s[i]))<<32|uint64(lowerByte(s[i+1])))
	}
	return dst, len(s)
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// lowerByte lower-cases an ASCII letter and leaves any other byte alone.
func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// bigrams appends to dst the bigrams of rs, each packed in a uint64.
func bigrams(rs []rune, dst []uint64) []uint64 {
	for i := 0; i+1 < len(rs); i++ {
		dst = append(dst, uint64(uint32(rs[i]))<<32|uint64(uint32(rs[i+1])))
	}
	return dst
}
