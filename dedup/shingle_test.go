package dedup

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

func sortedShingles(s string) []uint64 {
	sh := Shingles(s)
	sort.Slice(sh, func(i, j int) bool { return sh[i] < sh[j] })
	return sh
}

func TestShinglesNormalize(t *testing.T) {
	for _, tc := range []struct {
		name, a, b string
		same       bool
	}{
		{"punctuation and spaces dropped", "新华社北京电，国务院今日召开常务会议。", "新华社 北京电 国务院今日召开常务会议", true},
		{"full width folded (NFKC)", "ＧＤＰ增长５．２％", "GDP增长5.2%", true},
		{"english case and punctuation", "The Quick brown fox, jumps!", "the quick brown fox jumps", true},
		{"word order matters", "the quick brown fox jumps", "fox brown quick the jumps", false},
		{"one character changed", "国务院今日召开常务会议", "国务院昨日召开常务会议", false},
		{"traditional folded to simplified", "国务院召开会议", "國務院召開會議", true},
		{"mixed text folded, words kept", "新华社 Xinhua News 报道", "新華社 Xinhua News 報道", true},
		{"taiwan variants folded", "为了在这里发表", "為了在這裡發表", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := sortedShingles(tc.a), sortedShingles(tc.b)
			same := len(a) == len(b)
			for i := 0; same && i < len(a); i++ {
				same = a[i] == b[i]
			}
			if same != tc.same {
				t.Errorf("same shingles = %v, want %v (%d vs %d shingles)", same, tc.same, len(a), len(b))
			}
		})
	}
}

func TestShinglesCount(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"，。！", 0},
		{"中国", 1},                      // fewer tokens than a shingle: one shingle of all
		{"中华人民共和国", 5},                 // 7 characters: 5 character 3-grams
		{"one two three four five", 3}, // 5 words: 3 word 3-grams
		{"新华社 Xinhua News 报道", 5},      // 新 华 社 xinhua news 报 道: 7 tokens, 5 shingles
		{"哈哈哈哈哈", 1},                   // repeated shingles count once
	} {
		if got := len(Shingles(tc.text)); got != tc.want {
			t.Errorf("len(Shingles(%q)) = %d, want %d", tc.text, got, tc.want)
		}
	}
}

// charHash is the token of one character, as tokens hashes it.
func charHash(r rune) uint64 {
	h := uint64(fnvOffset)
	for _, b := range []byte(string(r)) {
		h = (h ^ uint64(b)) * fnvPrime
	}
	return h
}

// TestTokensFoldTraditional: Traditional characters give the tokens of
// their Simplified forms, in OpenCC's, Taiwan's and Hong Kong's variants;
// Simplified, Latin, kana and hangul text is tokenized as before folding.
func TestTokensFoldTraditional(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       string // the text whose characters are the expected tokens, one each
	}{
		{"traditional", "國務院召開會議", "国务院召开会议"},
		{"simplified unchanged", "国务院召开会议", "国务院召开会议"},
		{"variants of one character", "爲為为裏裡里", "为为为里里里"},
		{"one simplified form for several", "頭髮發展後來皇后", "头发发展后来皇后"},
		{"chain resolved", "薴苧苎", "苎苎苎"},
		{"beyond the BMP", "\U00021ED5\U0002A6A5", "岁\U0002A6A5"}, // Extension B 𡻕 has an entry, Extension C U+2A6A5 none
		{"compatibility ideograph (NFKC, then folded)", "\uF9A6", "帘"},
		{"kana untouched", "ニュースをお届けします", "ニュースをお届けします"},
		{"japanese kanji folded, kana untouched", "東京で會議", "东京で会议"},
		{"hangul untouched", "뉴스통신", "뉴스통신"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tokens(tc.text)
			var want []uint64
			for _, r := range tc.want {
				want = append(want, charHash(r))
			}
			if len(got) != len(want) {
				t.Fatalf("tokens(%q): %d tokens, want %d", tc.text, len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("tokens(%q)[%d] = %x, want the token of %q", tc.text, i, got[i], []rune(tc.want)[i])
				}
			}
		})
	}
	// Word tokens are not folded: the same words give the same tokens.
	for _, text := range []string{"Xinhua News Agency, Beijing", "Kōbe Straße 5", "Россия сегодня"} {
		w := tokens(text)
		var h []uint64
		for _, word := range strings.Fields(strings.ToLower(strings.NewReplacer(",", "").Replace(text))) {
			x := uint64(fnvOffset)
			for _, b := range []byte(word) {
				x = (x ^ uint64(b)) * fnvPrime
			}
			h = append(h, x)
		}
		if fmt.Sprint(w) != fmt.Sprint(h) {
			t.Errorf("tokens(%q) = %x, want the words' hashes %x", text, w, h)
		}
	}
}
