package extract

import "strings"

// Scans of latin text test eight ASCII bytes at a time, as one word: most
// of an English page is ASCII, and the scans below run over every block.

const (
	eachByte  = 0x0101010101010101 // a one in each byte of a word
	highBits8 = 0x80 * eachByte    // the top bit of each byte
)

// load8 returns the eight bytes of s at i as a little-endian word;
// i+8 <= len(s).
func load8(s string, i int) uint64 {
	b := s[i : i+8]
	_ = b[7] // one bounds check, so that the compiler loads the eight bytes at once
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// inRange8 returns the top bit of each byte of w that lies in lo..hi; every
// byte of w must be below 0x80. Adding 0x80-lo sets a byte's top bit where
// it is at least lo, adding 0x80-hi-1 where it is past hi, with no carry
// into the next byte.
func inRange8(w uint64, lo, hi byte) uint64 {
	return (w + (0x80-uint64(lo))*eachByte) &^ (w + (0x80-uint64(hi)-1)*eachByte) & highBits8
}

// lowerInto returns strings.ToLower(s), written to buf when s is ASCII and
// fits: the call-to-action and credit tests lower-case a line only to read
// it, and a line that does not outlive the caller's buf needs no copy on
// the heap.
func lowerInto(buf []byte, s string) string {
	if len(s) > len(buf) || !isASCII(s) {
		return strings.ToLower(s)
	}
	for i := 0; i < len(s); i++ {
		buf[i] = lowerByte(s[i])
	}
	return unsafeString(buf[:len(s)])
}
