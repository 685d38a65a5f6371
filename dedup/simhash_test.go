package dedup

import "math/bits"

// SimHash, measured against MinHash in eval_test.go and rejected: to reach
// recall 0.95 it needs Hamming distance ≤ 13–14 of 64 bits, which no
// block-table index (Manku et al. 2007) serves at a million fingerprints.

// distance returns the Hamming distance between two SimHashes.
func distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// simHash returns the 64-bit SimHash of a set of shingle hashes: bit i is
// set when more shingles have bit i set than clear.
func simHash(shingles []uint64) uint64 {
	var v [64]int32
	for _, h := range shingles {
		for i := range v {
			v[i] += int32(h>>uint(i)&1)*2 - 1
		}
	}
	var f uint64
	for i, c := range v {
		if c > 0 {
			f |= 1 << uint(i)
		}
	}
	return f
}
