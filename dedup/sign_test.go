package dedup

import "testing"

// signByDefinition is Sign as MinHash defines it: for each key, the least
// mix64(h^key) over the shingles, its low 16 bits kept.
func signByDefinition(shingles []uint64) Signature {
	var sig Signature
	for i, k := range seeds() {
		m := ^uint64(0)
		for _, h := range shingles {
			m = min(m, mix64(h^k))
		}
		sig[i] = uint16(m)
	}
	return sig
}

// TestSignByDefinition checks Sign's shortcuts (see Sign) against the
// definition, on every prefix of a body's shingles.
func TestSignByDefinition(t *testing.T) {
	sh := distinct(shinglesInPlace(tokens(crawlBody)))
	for n := 0; n <= len(sh); n++ {
		if got, want := Sign(sh[:n]), signByDefinition(sh[:n]); got != want {
			t.Fatalf("Sign of %d shingles = %x, want %x", n, got, want)
		}
	}
	if x := uint64(0x0123456789abcdef); mix64(x) != mixRest(x^x>>30) {
		t.Fatalf("mixRest(%#x) differs from mix64", x)
	}
}
