package dedup

import (
	"testing"
	"unicode"
)

// TestFoldTable: the generated table (t2s_table.go; internal/gent2s checks
// that it is what the library gives) maps Han characters to Han characters
// only, every entry lands in the table, and folding is idempotent, so that
// a folded Traditional text meets the Simplified one.
func TestFoldTable(t *testing.T) {
	tab := t2s()
	rs := []rune(t2sPairs)
	if len(rs)%2 != 0 || len(rs)/2 < 4100 {
		t.Fatalf("t2sPairs has %d characters, want 2 per entry and about 4,100 entries", len(rs))
	}
	for i := 0; i < len(rs); i += 2 {
		r, s := rs[i], rs[i+1]
		if !unicode.Is(unicode.Han, r) || !unicode.Is(unicode.Han, s) || r == s {
			t.Errorf("entry %q → %q: not Han to other Han", r, s)
		}
		if f := tab.fold(r); f != s {
			t.Errorf("fold(%q) = %q, want %q", r, f, s)
		}
		if f := tab.fold(s); f != s {
			t.Errorf("fold(%q) = %q: folding %q twice changes it again", s, f, r)
		}
	}
	for _, tc := range []struct{ r, want rune }{
		{'國', '国'}, {'後', '后'}, {'髮', '发'}, {'發', '发'}, {'乾', '干'}, {'為', '为'}, {'爲', '为'},
		{'裡', '里'}, {'臺', '台'}, {'薴', '苎'}, {'\U00021ED5', '岁'}, {'国', '国'}, {'a', 'a'}, {'の', 'の'}, {'한', '한'},
	} {
		if got := tab.fold(tc.r); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.r, got, tc.want)
		}
	}
	// Nothing below the table's dense part (Latin, kana, Hangul Jamo, …)
	// and no hangul syllable is folded.
	for r := rune(0); r < foldLo; r++ {
		if f := tab.fold(r); f != r {
			t.Fatalf("fold(%U) = %U", r, f)
		}
	}
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		if f := tab.fold(r); f != r {
			t.Fatalf("fold(%U) = %U", r, f)
		}
	}
}

// BenchmarkFoldTable is the one-time cost of building the table.
func BenchmarkFoldTable(b *testing.B) {
	for i := 0; i < b.N; i++ {
		newFoldTable(t2sPairs)
	}
}
