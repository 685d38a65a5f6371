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

// mixRest is mix64 after its first step: mix64(x) == mixRest(x ^ x>>30).
// Sign takes that step apart.
func mixRest(x uint64) uint64 {
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
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
	var buf [utf8.UTFMax]byte
	for _, r := range text {
		// ASCII without the unicode tables: most of a Latin body, and the
		// spaces, digits and punctuation of any. The hashes are those of
		// the general path below.
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
				h, inWord = (h^uint64(r))*fnvPrime, true
			case 'A' <= r && r <= 'Z':
				h, inWord = (h^uint64(r+'a'-'A'))*fnvPrime, true
			case inWord:
				toks = append(toks, h)
				h, inWord = fnvOffset, false
			}
			continue
		}
		if r >= 0x4E00 && r <= 0x9FFF { // Han, as isCharToken's own fast path: most of a Chinese body
			if inWord {
				toks = append(toks, h)
				h, inWord = fnvOffset, false
			}
			if f := tab.dense[r-foldLo]; f != 0 { // tab.fold, inlined
				r = f
			}
			toks = append(toks, runeHash(r))
			continue
		}
		switch {
		case isCharToken(r):
			if inWord {
				toks = append(toks, h)
				h, inWord = fnvOffset, false
			}
			toks = append(toks, runeHash(tab.fold(r)))
		case isWordRune(r):
			n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for _, b := range buf[:n] {
				h = (h ^ uint64(b)) * fnvPrime
			}
			inWord = true
		case inWord:
			toks = append(toks, h)
			h, inWord = fnvOffset, false
		}
	}
	if inWord {
		toks = append(toks, h)
	}
	return toks
}

// runeHash returns the FNV-1a hash of r's UTF-8 bytes, the token of a
// character.
func runeHash(r rune) uint64 {
	h := uint64(fnvOffset)
	if r >= 0x800 && r < 0xD800 { // three bytes, as utf8.EncodeRune writes them, without its branches
		h = (h ^ uint64(0xE0|r>>12)) * fnvPrime
		h = (h ^ uint64(0x80|(r>>6)&0x3F)) * fnvPrime
		return (h ^ uint64(0x80|r&0x3F)) * fnvPrime
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h = (h ^ uint64(b)) * fnvPrime
	}
	return h
}

// shingleHash returns the hash of the shingle of toks (at most
// ShingleSize tokens).
func shingleHash(toks []uint64) uint64 {
	var h uint64
	for j, t := range toks {
		h = mix64((h ^ t) + uint64(j))
	}
	return h
}

// shinglesInPlace turns a list of at least ShingleSize tokens into the
// hashes of its len(toks)-ShingleSize+1 shingles, in text order, with
// repeats, in the tokens' own array: shingle i reads tokens i to
// i+ShingleSize-1 only, none of them overwritten yet.
func shinglesInPlace(toks []uint64) []uint64 {
	n := len(toks) - ShingleSize + 1
	for i := 0; i < n; i++ {
		toks[i] = shingleHash(toks[i : i+ShingleSize])
	}
	return toks[:n]
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
	var out []uint64
	if len(toks) < ShingleSize {
		out = []uint64{shingleHash(toks)}
	} else {
		out = shinglesInPlace(toks)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
