package dedup

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// refTokens is tokens as it was before its ASCII fast path: rune by rune
// through the unicode tables. Fingerprints are stored, so the hashes must
// never change: the tests below hold the fast path to it.
func refTokens(text string) []uint64 {
	text = norm.NFKC.String(text)
	tab := t2s()
	toks := make([]uint64, 0, len(text)/3)
	h, inWord := uint64(fnvOffset), false
	endWord := func() {
		if inWord {
			toks = append(toks, h)
			h, inWord = fnvOffset, false
		}
	}
	var buf [utf8.UTFMax]byte
	for _, r := range text {
		switch {
		case isCharToken(r):
			endWord()
			th := uint64(fnvOffset)
			n := utf8.EncodeRune(buf[:], tab.fold(r))
			for _, b := range buf[:n] {
				th = (th ^ uint64(b)) * fnvPrime
			}
			toks = append(toks, th)
		case isWordRune(r):
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
			} else {
				r = unicode.ToLower(r)
			}
			n := utf8.EncodeRune(buf[:], r)
			for _, b := range buf[:n] {
				h = (h ^ uint64(b)) * fnvPrime
			}
			inWord = true
		default:
			endWord()
		}
	}
	endWord()
	return toks
}

// refShingles is Shingles as it was: a second array, sorted.
func refShingles(text string) []uint64 {
	toks := refTokens(text)
	if len(toks) == 0 {
		return nil
	}
	n := max(len(toks)-ShingleSize+1, 1)
	out := make([]uint64, n)
	for i := range out {
		var h uint64
		for j := i; j < i+ShingleSize && j < len(toks); j++ {
			h = mix64((h ^ toks[j]) + uint64(j-i))
		}
		out[i] = h
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// refOf is Of as it was: the signature of the sorted distinct shingles.
func refOf(body string) (Signature, bool) {
	sh := refShingles(body)
	if len(sh) < MinShingles {
		return Signature{}, false
	}
	return Sign(sh), true
}

// refInputs are texts of every kind the tokenizer tells apart.
func refInputs() []string {
	in := []string{
		"", " ", "a", "ab c", "中国", "中华人民共和国", "哈哈哈哈哈",
		"The Quick brown fox, jumps! 42 times; ÉLAN vital, Ωmega ΣΊΣΥΦΟΣ naïve café",
		"ＧＤＰ增长５．２％ and ｆｕｌｌ width",
		"國務院召開會議 為了在這裡發表 新華社 Xinhua News 報道",
		"ひらがな カタカナ 한국어 뉴스 ㄱㄴㄷ 𠀀𠀁𪚥 𝐀𝐁𝐂",
		"e\u0301t\u0308e combining marks, Ⅻ roman, ﬁ ligature, ² superscript",
		"bad \xff\xfe utf8 \xe4\xb8 cut, \xed\xa0\x80 surrogate",
		"tabs\tand\nnewlines\r\nand\u00a0nbsp\u3000ideographic space",
		strings.Repeat("the same words again ", 40),
		strings.Repeat("ab ", 30) + strings.Repeat("cd ", 30),
		strings.Repeat("一二三四五六七八九十", 3),
		strings.Repeat("x", 17),
		"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen",
		sampleZH, sampleZHTraditional,
	}
	for i := range 20 { // bodies around MinShingles
		in = append(in, strings.Repeat("w", i)+" "+strings.Join(strings.Fields("a b c d e f g h i j k l m n o p q r s t")[:i], " "))
	}
	return in
}

func TestTokensMatchReference(t *testing.T) {
	for _, s := range refInputs() {
		if got, want := tokens(s), refTokens(s); !slices.Equal(got, want) {
			t.Errorf("tokens(%.40q) = %x, want %x", s, got, want)
		}
		if got, want := Shingles(s), refShingles(s); !slices.Equal(got, want) {
			t.Errorf("Shingles(%.40q) = %x, want %x", s, got, want)
		}
		gs, gok := Of(s)
		ws, wok := refOf(s)
		if gs != ws || gok != wok {
			t.Errorf("Of(%.40q) = %x, %v, want %x, %v", s, gs, gok, ws, wok)
		}
	}
}

func FuzzOfMatchesReference(f *testing.F) {
	for _, s := range refInputs() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tokens(s), refTokens(s); !slices.Equal(got, want) {
			t.Fatalf("tokens(%q) = %x, want %x", s, got, want)
		}
		if got, want := Shingles(s), refShingles(s); !slices.Equal(got, want) {
			t.Fatalf("Shingles(%q) = %x, want %x", s, got, want)
		}
		gs, gok := Of(s)
		ws, wok := refOf(s)
		if gs != ws || gok != wok {
			t.Fatalf("Of(%q) = %x, %v, want %x, %v", s, gs, gok, ws, wok)
		}
	})
}

func TestDistinct(t *testing.T) {
	for _, sh := range [][]uint64{
		{1},
		{0},
		{0, 0, 0},
		{5, 5, 5},
		{5, 0, 5, 0, 6},
		{1, 2, 3, 1, 2, 3, 4},
		{1, 1 << 8, 2 << 8, 3 << 8, 1, 1 << 8, 4 << 8}, // collisions on the low bits
		{^uint64(0), 1<<63 | 1, ^uint64(0)},
	} {
		got := distinct(slices.Clone(sh))
		var want []uint64
		for _, h := range sh {
			if !slices.Contains(want, h) {
				want = append(want, h)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("distinct(%v) = %v, want %v", sh, got, want)
		}
	}
	// Across the stack table's size.
	for _, n := range []int{1, 2, 255, 256, 257, 600} {
		sh := make([]uint64, 2*n)
		for i := range sh {
			sh[i] = mix64(uint64(i % n))
		}
		if got := distinct(sh); len(got) != n {
			t.Errorf("distinct of %d values twice: %d values", n, len(got))
		}
	}
}

// englishBody is an English body of about 2,500 characters whose
// sentences differ a little, as an article's do.
func englishBody() string {
	var sb strings.Builder
	for i := range 6 {
		sb.WriteString("The city council on Tuesday approved plan number ")
		sb.WriteString(strings.Repeat("x", i+1))
		sb.WriteString(" for the river district, ending a debate that has lasted for more than two years and divided residents of the old harbour quarter. ")
		sb.WriteString("Opponents argued that the area lacks transport links and that traffic on the two bridges is already heavy at peak hours. ")
	}
	return sb.String()
}

// BenchmarkOfEnglish fingerprints an English body of about 2,500
// characters (the ASCII path of the tokenizer).
func BenchmarkOfEnglish(b *testing.B) {
	body := englishBody()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Of(body)
	}
}

// The *Ref benchmarks run the reference implementation on the same
// input, for a comparison within one binary.

func BenchmarkOfEnglishRef(b *testing.B) {
	body := englishBody()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		refOf(body)
	}
}

func BenchmarkTokensEnglish(b *testing.B) {
	body := strings.Repeat("The city council on Tuesday approved plan number 7 for the river district, ending a debate. ", 20)
	for b.Loop() {
		tokens(body)
	}
}
func BenchmarkTokensEnglishRef(b *testing.B) {
	body := strings.Repeat("The city council on Tuesday approved plan number 7 for the river district, ending a debate. ", 20)
	for b.Loop() {
		refTokens(body)
	}
}
func BenchmarkTokensZH(b *testing.B) {
	for b.Loop() {
		tokens(sampleZH)
	}
}
func BenchmarkTokensZHRef(b *testing.B) {
	for b.Loop() {
		refTokens(sampleZH)
	}
}

// crawlBody is an article of the big crawl benchmark (package crawler).
const crawlBody = `Story 123: the council approves a new plan for the river district
The city council on Tuesday approved plan number 123 for the river district, ending a debate that has lasted for more than two years and divided residents of the old harbour quarter.
Under the plan, some four hundred new homes will be built on former industrial land, with a park along the water and a school for six hundred pupils, officials said after the vote.
Opponents argued that the area lacks transport links and that traffic on the two bridges is already heavy at peak hours; the council promised a new bus line before the first homes open.
Construction is expected to start next spring and to take about four years, according to the developer, which has agreed to keep a third of the homes for rent at regulated prices.`

func BenchmarkOfCrawl(b *testing.B) {
	for b.Loop() {
		Of(crawlBody)
	}
}
func BenchmarkOfCrawlRef(b *testing.B) {
	for b.Loop() {
		refOf(crawlBody)
	}
}
