package dedup

import (
	"sort"
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
		{"traditional is not folded", "国务院召开会议", "國務院召開會議", false},
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
