package extract

// The fast paths taken for speed must answer exactly as the plain code
// they replaced: extraction output may not change.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// runesOver answers as utf8.RuneCountInString(s) > n does, for ASCII,
// multi-byte and invalid UTF-8, at every limit around the length.
func TestRunesOver(t *testing.T) {
	for _, s := range []string{"", "a", "abc", "日本語", "a日b本c", "\xff\xfe", "é\xffx", "𝄞𝄞", "plain ascii text of some length",
		"an ascii run of seventeen bytes then 日本語", "日本語 then a long ascii tail of text", "sixteen bytes ok\xffthen an invalid byte",
		"twenty-four ascii bytes!é", "eight by\x80tes", strings.Repeat("word ", 40) + "终"} {
		for n := 0; n <= len(s)+2; n++ {
			if got, want := runesOver(s, n), utf8.RuneCountInString(s) > n; got != want {
				t.Errorf("runesOver(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// similarityByMap is the map-based bigram Dice coefficient similarity
// replaced; the two must agree exactly.
func similarityByMap(a, b string) float64 {
	ra, rb := []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
	if len(ra) < 2 || len(rb) < 2 {
		if a == b {
			return 1
		}
		return 0
	}
	grams := make(map[[2]rune]int, len(ra))
	for i := 0; i+1 < len(ra); i++ {
		grams[[2]rune{ra[i], ra[i+1]}]++
	}
	inter := 0
	for i := 0; i+1 < len(rb); i++ {
		g := [2]rune{rb[i], rb[i+1]}
		if grams[g] > 0 {
			grams[g]--
			inter++
		}
	}
	return 2 * float64(inter) / float64(len(ra)+len(rb)-2)
}

func TestSimilarityMatchesMap(t *testing.T) {
	texts := []string{"", "a", "ab", "aaaa", "aaab", "abab", "Story 12: the council approves a plan - Big Portal",
		"story 12: the council approves a plan", "北方商报网-冬储菜上市", "冬储菜上市", "冬冬冬储储", "\xff\xfeab", "Ünïcode ÜNÏCODE",
		strings.Repeat("long title with repeated words ", 6)}
	for _, a := range texts {
		for _, b := range texts {
			if got, want := similarity(a, b), similarityByMap(a, b); got != want {
				t.Errorf("similarity(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// detectLangLines answers as detectLang over the joined body does, for
// every declaration, around the sample's 3000-byte limit (lines of one,
// two and three bytes per rune crossing it) and for empty lines.
func TestDetectLangLines(t *testing.T) {
	bodies := [][]string{
		nil,
		{""},
		{"", "", ""},
		{"The city council on Tuesday approved the plan for the river district, and that is all of the news for today."},
		{strings.Repeat("word and the ", 240), "国务院新闻办公室今天举行发布会，介绍了这个地区的经济发展情况。"},
		{strings.Repeat("台北市政府今天表示，", 99), strings.Repeat("国务院新闻办公室", 20)},
		{strings.Repeat("é", 1499), "日本語のテキストです。ひらがなとカタカナ。"},
		{strings.Repeat("a", 2999), "한국어 텍스트입니다 한국어 텍스트입니다"},
		{strings.Repeat("a", 2960), "", "", "한국어 텍스트입니다 한국어 텍스트입니다 한국어"},
		{"ニュース", "これは日本語の記事です。", "東京で会議が開かれました。"},
		{"Der Rat hat den Plan für das Flussviertel gebilligt", "und die Anwohner sind zufrieden, sagte der Sprecher."},
	}
	titles := []string{"", "Story 1: the council", "国务院新闻办公室今天举行发布会", strings.Repeat("x", 2990)}
	decls := [][2]string{{"", ""}, {"en", ""}, {"", "de, en"}, {"zh-cn", ""}, {"{{lang}}", "fr"}}
	for _, lines := range bodies {
		for _, title := range titles {
			for _, d := range decls {
				want := detectLang(d[0], d[1], title, strings.Join(lines, "\n"))
				if got := detectLangLines(d[0], d[1], title, lines); got != want {
					t.Errorf("detectLangLines(%q, %q, %.20q, %d lines) = %q, want %q", d[0], d[1], title, len(lines), got, want)
				}
			}
		}
	}
}

// cleanASCII holds only where cleanText returns its input unchanged.
func TestCleanASCII(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a", "a ", "a  b", "a b", "a\tb", "a\nb", "a\u00a0b", "a\u200bb", "é", "e\u0301",
		"The city council approved the plan.", "two  spaces", "trailing\r", "\vlead", "x\x00y", "国务院 新闻", "a \x85b"} {
		if cleanASCII(s) && cleanText(s) != s {
			t.Errorf("cleanASCII(%q) = true, but cleanText changes it to %q", s, cleanText(s))
		}
		if !cleanASCII(s) && isASCII(s) && s != "" && collapseSpace(s) == s {
			t.Errorf("cleanASCII(%q) = false on clean ASCII text", s)
		}
	}
}

// containsAnyRef is the rune loop phraseSet.containsAny replaced.
func (ps *phraseSet) containsAnyRef(s string) bool {
	for i, r := range s {
		if r < 0x10000 && ps.first[r/64]&(1<<(r%64)) == 0 {
			continue
		}
		if i > 0 && isASCIILetter(r) && isASCIILetter(rune(s[i-1])) {
			continue
		}
		for _, p := range ps.startingWith(r) {
			if strings.HasPrefix(s[i:], p) {
				return true
			}
		}
	}
	return false
}

// The byte loop of containsAny answers as the rune loop did, on every line
// of the testdata pages (markup and text, many scripts) and on edge cases.
func TestContainsAnyBytes(t *testing.T) {
	lines := []string{"", "a", "Print", "Blueprint", "print this", "x\xffprint", "\xff", "é" + "print", "𝄞print", "Cookie policy", "版权所有", "All rights reserved"}
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "pages", "*.html"))
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(raw), "\n")...)
	}
	sets := []*phraseSet{legalSet, weakLegalSet, chromeSet, headingSet, appealSignupSet, appealOpenerSet, appealMarkerSet, appealWidgetSet, appealBareSet}
	for _, l := range lines {
		for k, ps := range sets {
			if got, want := ps.containsAny(l), ps.containsAnyRef(l); got != want {
				t.Errorf("set %d containsAny(%.60q) = %v, want %v", k, l, got, want)
			}
		}
	}
}

// scriptCount.add stops at the byte the old loop stopped at (it tested
// from+i > langSample before each rune), whatever the runes' widths.
func TestScriptCountLimit(t *testing.T) {
	var all strings.Builder
	for c := range 128 {
		all.WriteByte(byte(c))
	}
	for _, text := range []string{"", "abc", strings.Repeat("a", 3005), all.String() + all.String(), "Hello, World! [x]{y}@`~ AZaz ZZZZzzzzAAAAaaaa",
		strings.Repeat("Mixed case TEXT with é and 国 inside, ", 90), "1234567é12345678", strings.Repeat("é", 1600), strings.Repeat("国", 1100), strings.Repeat("ア", 999) + "한국", "\xff\xfeab"} {
		for _, from := range []int{0, 1, 2, 1500, 2990, 2998, 2999, 3000, 3001, 3002, 4000} {
			var got, want scriptCount
			got.add(text, from)
			for i := 0; i < len(text); {
				if from+i > langSample {
					break
				}
				r, w := utf8.DecodeRuneInString(text[i:])
				i += w
				var one scriptCount
				one.add(string(r), 0)
				if r == utf8.RuneError {
					one = scriptCount{}
				}
				want.han, want.kana, want.hangul, want.latin = want.han+one.han, want.kana+one.kana, want.hangul+one.hangul, want.latin+one.latin
				want.trad, want.simp = want.trad+one.trad, want.simp+one.simp
			}
			if got != want {
				t.Errorf("add(%.20q…, %d) = %+v, want %+v", text, from, got, want)
			}
		}
	}
}

// hasDateDigitRef is the byte loop hasDateDigit replaced.
func hasDateDigitRef(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
			return true
		}
	}
	return false
}

// hasDateDigit finds digits as the byte loop did: every ASCII byte and a
// full-width digit at every offset around the eight-byte chunks.
func TestHasDateDigit(t *testing.T) {
	var texts []string
	for c := range 256 {
		texts = append(texts, string([]byte{byte(c)}), "abcdefg"+string([]byte{byte(c)})+"hijklmnop")
	}
	for pad := range 20 {
		for _, d := range []string{"０", "９", "\uff1a", "\xef\xbc", "\xef", "5", "/", ":"} {
			texts = append(texts, strings.Repeat("x", pad)+d, strings.Repeat("国", pad/3)+strings.Repeat("y", pad%3)+d+" tail text")
		}
	}
	texts = append(texts, "", "The city council on Tuesday approved the plan", "二〇二一年一月", "February 20, 2026 10:07")
	for _, s := range texts {
		if got, want := hasDateDigit(s), hasDateDigitRef(s); got != want {
			t.Errorf("hasDateDigit(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestLinkTagGuess checks linkTagGuess's one pass against counting "<a "
// and "<A " apart.
func TestLinkTagGuess(t *testing.T) {
	for _, page := range []string{"", "<", "<a", "<a ", "<A href=x><a\nhref=y><abbr ><a >", "x<a <a <<a b", string(mediumPageBytes(7)), string(smallPageBytes(7))} {
		want := strings.Count(page, "<a ") + strings.Count(page, "<A ")
		if got := linkTagGuess([]byte(page)); got != want {
			t.Errorf("linkTagGuess(%.40q…) = %d, want %d", page, got, want)
		}
	}
}
