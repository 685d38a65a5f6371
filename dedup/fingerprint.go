package dedup

import "math/bits"

// MinHash parameters. A signature holds Bands×Rows minimum hashes; two
// bodies become candidates when all Rows values of some band agree, which
// happens with probability 1-(1-J^Rows)^Bands for Jaccard similarity J
// (0.99 at J=0.5, 0.94 at J=0.4, 0.0002 at J=0.05 with 16×2), and are then
// judged by the share of equal values. Chosen by measurement
// (eval_test.go): with 16×2 the index finds 0.99 of the reprints at
// DefaultThreshold, with a 32-value signature of 64 bytes.
const (
	Bands  = 16
	Rows   = 2
	SigLen = Bands * Rows
)

// MinShingles is the fewest distinct shingles a body needs to be
// fingerprinted. A shorter body (a caption, a one-line notice) shares too
// large a part of itself with any boilerplate to be told apart from
// another short body, so it is never grouped.
const MinShingles = 16

// Signature is a body's MinHash: for each of SigLen hash functions, the low
// 16 bits of the smallest hash of any of its shingles (b-bit minwise
// hashing, Li and König 2010: two unrelated values agree by chance with
// probability 2⁻¹⁶, a negligible bias on the similarity estimate, and a
// signature takes 64 bytes instead of 256).
type Signature [SigLen]uint16

// seeds returns the SigLen hash functions' keys. They are fixed, so
// signatures are stable across runs and machines and can be stored, and
// computed per call (32 mixes) rather than kept in a package variable.
func seeds() (s [SigLen]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix64(x)
	}
	return s
}

// Sign returns the MinHash signature of a set of shingle hashes: for
// each key k, the low 16 bits of the least mix64(h^k) over the shingles h.
//
// mix64's first step, x ^= x>>30, distributes over the XOR with the key,
// so it is taken once per shingle and once per key rather than once per
// pair: the same values with a fifth less work per mix (its two
// multiplications are what is left; branching past the last step for a
// value that cannot be the least measured no faster).
func Sign(shingles []uint64) Signature {
	keys := seeds()
	for i, k := range keys {
		keys[i] = k ^ k>>30
	}
	var sig Signature
	// Four hash functions at a time over all shingles: the four running
	// minimums stay in registers and their mixes overlap, where one
	// function per pass over the array of 32 minimums kept them in memory.
	for i := 0; i < SigLen; i += 4 {
		k0, k1, k2, k3 := keys[i], keys[i+1], keys[i+2], keys[i+3]
		m0, m1, m2, m3 := ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)
		for _, h := range shingles {
			x := h ^ h>>30
			m0 = min(m0, mixRest(x^k0))
			m1 = min(m1, mixRest(x^k1))
			m2 = min(m2, mixRest(x^k2))
			m3 = min(m3, mixRest(x^k3))
		}
		sig[i], sig[i+1], sig[i+2], sig[i+3] = uint16(m0), uint16(m1), uint16(m2), uint16(m3)
	}
	return sig
}

// Sign takes the hash functions four at a time: SigLen must stay a
// multiple of 4 (this fails to compile otherwise).
var _ [0]struct{} = [SigLen % 4]struct{}{}

// Similarity estimates the Jaccard similarity of the shingle sets behind
// two signatures: the share of their values that agree.
func Similarity(a, b *Signature) float64 {
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / SigLen
}

// Of returns the signature of an article body and whether it has one
// (false when the body has fewer than MinShingles distinct shingles).
// It signs the same set as Sign(Shingles(body)), but drops the repeats
// through a hash table instead of sorting: sorting cost a third as much
// as signing.
func Of(body string) (Signature, bool) {
	toks := tokens(body)
	if len(toks) < MinShingles+ShingleSize-1 { // fewer shingles than MinShingles, distinct or not
		return Signature{}, false
	}
	sh := distinct(shinglesInPlace(toks))
	if len(sh) < MinShingles {
		return Signature{}, false
	}
	return Sign(sh), true
}

// distinct returns sh without its repeats, in place, in the order of
// their first occurrences. The table is open-addressed on the low bits,
// which are uniform (every shingle hash ends in mix64), at most half
// full; it is on the stack for a body of up to 256 shingles.
func distinct(sh []uint64) []uint64 {
	size := 1 << bits.Len(uint(2*len(sh)-1)) // at least 2*len(sh)
	var small [512]uint64
	var table []uint64
	if size <= len(small) {
		table = small[:size]
	} else {
		table = make([]uint64, size)
	}
	mask := uint64(size - 1)
	k, zero := 0, false // 0 marks a free slot: the value 0 is tracked apart
	for _, h := range sh {
		if h == 0 {
			if !zero {
				zero = true
				sh[k] = h
				k++
			}
			continue
		}
		for i := h & mask; ; i = (i + 1) & mask {
			if t := table[i]; t == h {
				break
			} else if t == 0 {
				table[i] = h
				sh[k] = h
				k++
				break
			}
		}
	}
	return sh[:k]
}
