package crawler

import (
	"strings"
	"testing"
)

// hasSentencePunct is strings.ContainsAny with the full set.
func TestHasSentencePunct(t *testing.T) {
	const set = ".!?。！？;；,，"
	lines := []string{"", "no punctuation here", "one, two", "end.", "really?", "semi;", "wow!",
		"中文没有标点", "中文，逗号", "句号。", "问号？", "叹号！", "分号；", "全角：冒号", "mixed 中文 and latin",
		"\xe3\x80", "\xef\xbc", "x\xef\xbc\x8c", strings.Repeat("长", 300)}
	for _, l := range lines {
		if got, want := hasSentencePunct(l), strings.ContainsAny(l, set); got != want {
			t.Errorf("hasSentencePunct(%q) = %v, want %v", l, got, want)
		}
	}
}

// punctBenchLines are typical body lines: English prose, Chinese prose, a
// headline without punctuation.
var punctBenchLines = []string{
	"The city council on Tuesday approved plan number 123 for the river district, ending a debate that has lasted for more than two years.",
	"本报讯 记者近日从有关部门获悉，工作今年以来取得明显进展，各地结合实际情况制定了具体实施方案。",
	"Story 123: the council approves a new plan for the river district",
}

func BenchmarkHasSentencePunct(b *testing.B) {
	for b.Loop() {
		for _, l := range punctBenchLines {
			hasSentencePunct(l)
		}
	}
}

func BenchmarkHasSentencePunctContainsAny(b *testing.B) {
	for b.Loop() {
		for _, l := range punctBenchLines {
			strings.ContainsAny(l, ".!?。！？;；,，")
		}
	}
}
