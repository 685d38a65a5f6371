package dedup

import (
	"testing"
	"unicode"
)

// TestStoredSignature: a signature survives Bytes and ParseSignature, and
// its band keys are those the in-memory index uses, one per band.
func TestStoredSignature(t *testing.T) {
	sig, ok := Of("国务院新闻办公室今天举行新闻发布会，介绍今年以来经济运行情况和下一步工作安排，发言人回答了记者提问。")
	if !ok {
		t.Fatal("no signature")
	}
	back, err := ParseSignature(sig.Bytes())
	if err != nil || back != sig {
		t.Fatalf("round trip %v, %v", back, err)
	}
	if _, err := ParseSignature([]byte{1, 2, 3}); err == nil {
		t.Error("a short signature parsed")
	}
	keys := BandKeys(&sig)
	if len(keys) != Bands {
		t.Fatalf("%d keys, want %d", len(keys), Bands)
	}
	for b, k := range keys {
		if int(k>>32) != b || uint32(k) != bandKey(&sig, b) {
			t.Errorf("key %d = %x", b, k)
		}
	}
}

// TestTokenFastPaths: the ASCII and CJK fast paths answer as the Unicode
// tables do, on every code point up to U+FFFF.
func TestTokenFastPaths(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		if got, want := isCharToken(r), unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul); got != want {
			t.Fatalf("isCharToken(%U) = %v, want %v", r, got, want)
		}
		if got, want := isWordRune(r), unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r); got != want {
			t.Fatalf("isWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}
