package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isSpaceRune reports whitespace including the ideographic space (U+3000)
// and the no-break space.
func isSpaceRune(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r >= '\t' && r <= '\r'
	}
	switch r {
	case 0x00a0, 0x3000, 0x2002, 0x2003, 0x2009, 0x2028, 0x2029:
		return true
	}
	if r > 0x3000 {
		return false // CJK text: no other spaces up there
	}
	return unicode.IsSpace(r)
}

// isInvisibleRune reports the characters a reader never sees, which
// pages put inside words (a zero-width space as a line-break chance in
// "B\u200best", a soft hyphen in "Bundes\u00adregierung") or use for
// indentation (U+FEFF): they are dropped, not read as a space. The
// zero-width joiner and non-joiner stay: they shape Persian and Indic
// words and join emoji.
func isInvisibleRune(r rune) bool {
	return r == 0x200b || r == 0xfeff || r == 0x2060 || r == 0x00ad
}

// showsNothing reports a rune that shows nothing: whitespace or invisible.
func showsNothing(r rune) bool { return isSpaceRune(r) || isInvisibleRune(r) }

// collapseSpace trims s, replaces every run of whitespace with one space
// and drops invisible characters. It returns s itself when nothing
// changes, to avoid allocation.
func collapseSpace(s string) string {
	clean := true
	prevSpace := true // leading space must go
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		var sp bool
		if r < utf8.RuneSelf {
			sp = r == ' ' || r >= '\t' && r <= '\r' // isSpaceRune, inline for ASCII
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			if isInvisibleRune(r) {
				clean = false
				break
			}
			sp = isSpaceRune(r)
		}
		if sp && (prevSpace || r != ' ') {
			clean = false
			break
		}
		prevSpace = sp
		i += size
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if isSpaceRune(r) {
			pending = b.Len() > 0
			continue
		}
		if isInvisibleRune(r) {
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanText is the normalization every output string goes through:
// whitespace collapsed and trimmed, then NFC.
func cleanText(s string) string {
	if cleanASCII(s) {
		return s
	}
	s = collapseSpace(s)
	if surelyNFC(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// cleanASCII reports ASCII text that cleanText returns as it is: single
// blanks between words and none at the ends. One pass over the bytes, where
// collapseSpace and surelyNFC take one each: every line of a latin body
// goes through cleanText.
func cleanASCII(s string) bool {
	prevSpace := true // a leading space must go
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' { // most bytes: one test for printing ASCII
			if c >= utf8.RuneSelf {
				return false
			}
			prevSpace = false
			continue
		}
		switch {
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c >= '\t' && c <= '\r': // the other blanks of isSpaceRune
			return false
		default:
			prevSpace = false // a control byte is no blank
		}
	}
	return !prevSpace
}

// surelyNFC is a fast path for the common case: text made only of ASCII,
// unified Han, CJK and full-width punctuation, which NFC never changes.
func surelyNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
		switch {
		case r >= 0x4e00 && r <= 0x9fff, r >= 0x3001 && r <= 0x303f, r >= 0xff01 && r <= 0xff5e,
			r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e:
		default:
			return false
		}
	}
	return true
}

func isHan(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf || r >= 0x20000 && r <= 0x2ffff || r >= 0xf900 && r <= 0xfaff
}

// isCJK reports Han, kana and hangul: scripts written without spaces between words.
func isCJK(r rune) bool {
	return isHan(r) || r >= 0x3040 && r <= 0x30ff || r >= 0xac00 && r <= 0xd7af
}

// toneMarked lists the pinyin vowels with tone marks; a parenthesised run
// of latin letters holding one of them right after a Han character is an
// inserted reading, not a real parenthetical.
const toneMarked = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"

func isPinyinLetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r == 'ü' || strings.ContainsRune(toneMarked, r)
}

// pinyinAnnotation reports whether s starts with "(pinyin)" or "（pinyin）"
// and returns its byte length. Only lower-case syllables of at most 7
// letters qualify; toned tells whether a tone mark was present.
func pinyinAnnotation(s string) (n int, toned bool) {
	open, size := utf8.DecodeRuneInString(s)
	var closer rune
	switch open {
	case '(':
		closer = ')'
	case '（':
		closer = '）'
	default:
		return 0, false
	}
	letters := 0
	for i := size; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
		switch {
		case r == closer:
			if letters == 0 {
				return 0, false
			}
			return i, toned
		case isPinyinLetter(r):
			letters++
			if letters > 7 {
				return 0, false
			}
			if r > 'z' && r != 'ü' {
				toned = true
			}
		default:
			return 0, false
		}
	}
	return 0, false
}

// pinyinScan counts tone-marked annotations in s; removePinyin uses it to
// decide whether untoned ones ("們(men)") may go too.
func pinyinScan(s string) (toned int) {
	if strings.IndexByte(s, '(') < 0 && !strings.Contains(s, "（") {
		return 0
	}
	prevHan := false
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if prevHan && (r == '(' || r == '（') {
			if n, t := pinyinAnnotation(s[i:]); n > 0 {
				if t {
					toned++
				}
				i += n
				prevHan = false
				continue
			}
		}
		prevHan = isHan(r)
		i += sz
	}
	return toned
}

// removePinyin deletes reading annotations that content farms insert after
// Han characters ("國(guó)" → "國"). Tone-marked ones always go; untoned
// ones only when the page is known to carry such annotations (aggressive).
// Real parentheticals such as "(工業區)", "(AP)" and "PET(滌綸)" stay.
func removePinyin(s string, aggressive bool) (string, bool) {
	if strings.IndexByte(s, '(') < 0 && !strings.Contains(s, "（") {
		return s, false
	}
	var b strings.Builder
	removed := false
	prevHan := false
	last := 0
	for i := 0; i < len(s); {
		r, sz := utf8.DecodeRuneInString(s[i:])
		if prevHan && (r == '(' || r == '（') {
			if n, toned := pinyinAnnotation(s[i:]); n > 0 && (toned || aggressive && isPinyinSyllable(annotationInner(s[i:i+n]))) {
				if !removed {
					b.Grow(len(s))
					removed = true
				}
				b.WriteString(s[last:i])
				i += n
				last = i
				// The character before the annotation stays the anchor for a
				// following one only through the text, so reset here.
				prevHan = true
				continue
			}
		}
		prevHan = isHan(r)
		i += sz
	}
	if !removed {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// countRunes returns the number of runes and of CJK runes in s.
func countRunes(s string) (n, cjk int) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, sz := utf8.DecodeRuneInString(s[i:])
		n++
		if isCJK(r) {
			cjk++
		}
		i += sz
	}
	return n, cjk
}

// pinyinInitials and pinyinFinals describe the syllables of Mandarin; an
// untoned parenthetical is only taken for a reading if it is one of them.
var pinyinInitials = []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", ""}

var pinyinFinals = map[string]bool{
	"a": true, "o": true, "e": true, "i": true, "u": true, "ü": true, "v": true, "ai": true, "ei": true, "ao": true, "ou": true,
	"an": true, "en": true, "ang": true, "eng": true, "ong": true, "er": true, "ia": true, "ie": true, "iao": true, "iu": true,
	"ian": true, "in": true, "iang": true, "ing": true, "iong": true, "ua": true, "uo": true, "uai": true, "ui": true,
	"uan": true, "un": true, "uang": true, "ue": true, "üe": true, "üan": true, "ün": true,
}

// annotationInner strips the parentheses of "(de)" or "（de）".
func annotationInner(a string) string {
	_, open := utf8.DecodeRuneInString(a)
	_, closing := utf8.DecodeLastRuneInString(a)
	return a[open : len(a)-closing]
}

func isPinyinSyllable(s string) bool {
	for _, ini := range pinyinInitials {
		if strings.HasPrefix(s, ini) && pinyinFinals[s[len(ini):]] {
			return true
		}
	}
	return false
}

// runesOver reports whether s has more than n runes, as
// utf8.RuneCountInString(s) > n does (an invalid byte counts as one rune),
// without counting further than it must: the line predicates ask it of
// every line of a body, and most lines are far longer than their limits.
func runesOver(s string, n int) bool {
	switch {
	case len(s) <= n:
		return false // a rune takes at least one byte
	case len(s) > 4*n:
		return true // and at most four
	case asciiPrefix(s, n+1):
		return true // n+1 ASCII bytes are n+1 runes: most latin lines
	}
	c := 0
	for range s {
		c++
		if c > n {
			return true
		}
	}
	return false
}

// asciiPrefix reports whether the first k bytes of s (k <= len(s)) are all
// ASCII, eight bytes at a time: runesOver asks it of every line of a latin
// page, where the rune loop would decode each byte.
func asciiPrefix(s string, k int) bool {
	i := 0
	for ; i+8 <= k; i += 8 {
		if load8(s, i)&highBits8 != 0 {
			return false
		}
	}
	for ; i < k; i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// containsAnyRune is strings.ContainsAny(s, chars) for a few runes: one
// ContainsRune (a fast byte search) per rune of chars, where ContainsAny
// with a set holding non-ASCII runes looks each rune of s up in the set.
// A rune's encoding cannot be part of another rune's, invalid bytes around
// it included, so a byte search finds what decoding s would.
func containsAnyRune(s, chars string) bool {
	for _, r := range chars {
		if strings.ContainsRune(s, r) {
			return true
		}
	}
	return false
}
