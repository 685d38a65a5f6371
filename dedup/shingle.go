package dedup

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ShingleSize is the number of consecutive tokens in a shingle: 3 Han
// characters or 3 words. Fewer make unrelated stories share shingles
// (common bigrams such as 中国, "of the"); more make one changed character
// spoil more shingles.
const ShingleSize = 3

// isCharToken reports whether r is written without spaces between words,
// so that each character is a token of its own.
func isCharToken(r rune) bool {
	switch {
	case r < 0x1100: // below Hangul Jamo: no Han, kana or hangul (the fast path for Latin text)
		return false
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs, all Han (the fast path for Chinese)
		return true
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isWordRune reports whether r belongs to a word token.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// FNV-1a constants (64-bit).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix64 is splitmix64's finalizer: FNV's low bits are weak, and SimHash
// uses every bit of a shingle's hash.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// tokens returns the hashes of text's tokens after normalization (NFKC,
// lower case, Traditional characters folded to Simplified; punctuation,
// symbols and spaces dropped). The hashes are stable across runs and
// machines, so fingerprints can be stored.
func tokens(text string) []uint64 {
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

// Shingles returns the hashes of text's distinct shingles (ShingleSize
// consecutive tokens), in increasing order. A text of fewer tokens than
// ShingleSize has one shingle of all of them, or none when empty. The
// hashes are sorted and compacted rather than filtered through a map: a
// map per body cost more than the signature computed from them.
func Shingles(text string) []uint64 {
	toks := tokens(text)
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
