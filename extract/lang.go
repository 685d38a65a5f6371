package extract

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// traditionalOnly are frequent characters written differently in
// Traditional Chinese; their share tells zh-Hant from zh-Hans.
const traditionalOnly = "這個們來說國時會為與對後發點經關開現還進過從學長問實體當種無動業應將頭車東義區間電話們網臺灣區華記報導據產經濟歲樣裡麼兩"

const simplifiedOnly = "这个们来说国时会为与对发点经关开现还进过从学长问实体当种无动业应将头车东义区间电话网湾华记报导据产经济岁样么两"

// hanVariant maps the characters above to +1 (Traditional) or -1 (Simplified).
var hanVariant = func() map[rune]int8 {
	m := make(map[rune]int8, 128)
	for _, r := range traditionalOnly {
		m[r] = 1
	}
	for _, r := range simplifiedOnly {
		m[r] = -1
	}
	return m
}()

// detectLang returns a BCP 47 tag, in the canonical case of
// normalizeLangTag, from the page's declaration, refined or
// replaced by the script of its text.
func detectLang(declared, contentLang string, texts ...string) string {
	var c scriptCount
	seen := 0
	for _, text := range texts {
		c.add(text, seen)
		seen += len(text)
	}
	return c.lang(declaredLang(declared, contentLang), func() string { return texts[len(texts)-1] }, len(texts) > 0)
}

// detectLangLines is detectLang(declared, contentLang, title,
// strings.Join(lines, "\n")) without joining the lines, which only the
// latin guess of an undeclared page needs: the fields stage asks it of
// every page.
func detectLangLines(declared, contentLang, title string, lines []string) string {
	var c scriptCount
	c.add(title, 0)
	seen := len(title)
	for k, l := range lines {
		if k > 0 {
			seen++ // the "\n" joining the lines: neither letter nor script
		}
		c.add(l, seen)
		seen += len(l)
	}
	return c.lang(declaredLang(declared, contentLang), func() string { return strings.Join(lines, "\n") }, true)
}

func declaredLang(declared, contentLang string) string {
	tag := normalizeLangTag(declared)
	if tag == "" {
		tag = normalizeLangTag(strings.SplitN(contentLang, ",", 2)[0])
	}
	return tag
}

// langSample is how far into a page's texts (title, then body) the script
// is counted, in bytes.
const langSample = 3000

// scriptCount counts the letters of each script in a page's texts.
type scriptCount struct {
	han, kana, hangul, latin, trad, simp int
}

// add counts the runes of text that start at most langSample bytes into
// the page's texts, text starting at byte from of them.
func (c *scriptCount) add(text string, from int) {
	end := min(len(text), langSample-from+1) // the offsets i with from+i <= langSample
	// Latin letters are counted in a local, not through c, in the loop over
	// ASCII bytes.
	latin := 0
	for i := 0; i < end; {
		if i+8 <= end {
			// Eight ASCII bytes at once (most of a latin page): see
			// asciiLetters.
			if w := load8(text, i); w&highBits8 == 0 {
				latin += asciiLetters(w)
				i += 8
				continue
			}
		}
		// ASCII, most of a latin page, is a letter or nothing.
		if ch := text[i]; ch < utf8.RuneSelf {
			if ch|0x20 >= 'a' && ch|0x20 <= 'z' {
				latin++
			}
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		i += w
		switch {
		case r >= 0x3040 && r <= 0x30ff:
			c.kana++
		case r >= 0xac00 && r <= 0xd7af:
			c.hangul++
		case isHan(r):
			c.han++
			switch hanVariant[r] {
			case 1:
				c.trad++
			case -1:
				c.simp++
			}
		case r < 0x250 && (r|0x20 >= 'a' && r|0x20 <= 'z' || r >= 0xc0):
			latin++
		}
	}
	c.latin += latin
}

// asciiLetters counts the bytes of w, eight ASCII bytes, that are letters
// (c|0x20 in 'a'..'z'; a byte stays below 0x80 after |0x20).
func asciiLetters(w uint64) int {
	return bits.OnesCount64(inRange8(w|0x20*eachByte, 'a', 'z'))
}

// lang is the verdict: the script where the text is clearly CJK, else the
// declared tag, else a guess at English from the last text (last, called
// only then; hasLast tells whether there is one).
func (c *scriptCount) lang(tag string, last func() string, hasLast bool) string {
	switch {
	case c.kana > 10 && c.kana*5 > c.han:
		return "ja"
	case c.hangul > 10 && c.hangul > c.latin:
		return "ko"
	case c.han >= 8 && c.han > c.latin/3:
		if c.trad > c.simp {
			return "zh-Hant"
		}
		return "zh-Hans"
	}
	if tag != "" {
		return tag
	}
	if c.latin > 50 && hasLast {
		return guessLatinLang(last())
	}
	return ""
}

// guessLatinLang recognises English by its function words; other latin-script
// languages stay unknown rather than guessed wrong.
func guessLatinLang(text string) string {
	if len(text) > 4000 {
		text = text[:4000]
	}
	hits := 0
	for _, w := range []string{" the ", " and ", " of ", " to ", " in ", " is ", " that ", " for "} {
		hits += strings.Count(text, w)
	}
	if hits*200 > len(text) {
		return "en"
	}
	return ""
}

// normalizeLangTag returns a declared language tag in the case BCP 47
// recommends (RFC 5646 2.1.1), so that records do not mix "en-us" and
// "en-US": the language lower case, a four-letter script title case
// (zh-Hant), a two-letter region upper case (en-US, zh-CN), everything else,
// and everything after a singleton such as "x", lower case. Underscores
// (en_US, a locale spelling) become hyphens. It returns "" for what is not
// a well-formed tag ("lang=", "{{lang}}"), so that the text decides instead.
func normalizeLangTag(tag string) string {
	tag = strings.ReplaceAll(strings.TrimSpace(tag), "_", "-")
	if tag == "" {
		return ""
	}
	subtags := strings.Split(tag, "-")
	if !isAlphaTag(subtags[0]) {
		return "" // a tag starts with letters: "en", "zh", "x", "i"
	}
	afterSingleton := false
	for i, sub := range subtags {
		if len(sub) == 0 || len(sub) > 8 || !isAlnumTag(sub) {
			return ""
		}
		sub = strings.ToLower(sub)
		switch {
		case i == 0:
			afterSingleton = len(sub) == 1 // "x-…" private use, "i-…" grandfathered
		case afterSingleton:
		case len(sub) == 1:
			afterSingleton = true // extensions and private use keep lower case
		case len(sub) == 2 && isAlphaTag(sub):
			sub = strings.ToUpper(sub)
		case len(sub) == 4 && isAlphaTag(sub):
			sub = strings.ToUpper(sub[:1]) + sub[1:]
		}
		subtags[i] = sub
	}
	return strings.Join(subtags, "-")
}

func isAlphaTag(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIILetterByte(s[i]) {
			return false
		}
	}
	return s != ""
}

func isAlnumTag(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isASCIILetterByte(c) && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
