package dedup

// Index finds, among the signatures added to it, those similar to a query:
// MinHash with locality-sensitive hashing (Broder 1997; Indyk and Motwani
// 1998). Each signature is filed under one key per band (its Rows values
// of that band); a query's candidates are the signatures sharing a band
// key with it, then judged by Similarity. Keys live in one open-addressing
// table of 8-byte slots, so an entry costs 8 bytes at most twice over, and
// a signature 64 bytes: about 64 + Bands×16 = 320 bytes per signature.
type Index struct {
	sigs  []Signature
	slots []slot // linear probing; key 0 is an empty slot
	used  int
}

// slot is one band key of one signature.
type slot struct {
	key uint32
	id  int32
}

// Len returns the number of signatures added.
func (ix *Index) Len() int { return len(ix.sigs) }

// bandKey returns the table key of band b of sig: its Rows values and the
// band number, hashed, never 0.
func bandKey(sig *Signature, b int) uint32 {
	h := uint64(b) << 48
	for _, v := range sig[b*Rows : (b+1)*Rows] {
		h = h<<16 | uint64(v)
	}
	k := uint32(mix64(h) >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

// Add files sig and returns its id: 0 for the first signature added, then
// 1, 2, ...
func (ix *Index) Add(sig *Signature) int {
	id := len(ix.sigs)
	ix.sigs = append(ix.sigs, *sig)
	if (ix.used+Bands)*4 > len(ix.slots)*3 {
		ix.grow()
	}
	for b := 0; b < Bands; b++ {
		ix.put(slot{bandKey(sig, b), int32(id)})
	}
	return id
}

func (ix *Index) put(s slot) {
	mask := len(ix.slots) - 1
	i := int(s.key) & mask
	for ix.slots[i].key != 0 {
		i = (i + 1) & mask
	}
	ix.slots[i] = s
	ix.used++
}

// grow doubles the table (load stays under 3/4).
func (ix *Index) grow() {
	n := 1024
	for (ix.used+Bands)*4 > n*3 {
		n *= 2
	}
	if n < 2*len(ix.slots) {
		n = 2 * len(ix.slots)
	}
	old := ix.slots
	ix.slots, ix.used = make([]slot, n), 0
	for _, s := range old {
		if s.key != 0 {
			ix.put(s)
		}
	}
}

// Nearest returns the id of the added signature most similar to sig among
// those sharing a band with it, and its similarity, when that is at least
// min; a tie goes to the earliest added. ok is false when there is none.
func (ix *Index) Nearest(sig *Signature, min float64) (id int, sim float64, ok bool) {
	if len(ix.slots) == 0 {
		return 0, 0, false
	}
	mask := len(ix.slots) - 1
	id = -1
	for b := 0; b < Bands; b++ {
		k := bandKey(sig, b)
		for i := int(k) & mask; ix.slots[i].key != 0; i = (i + 1) & mask {
			if ix.slots[i].key != k {
				continue
			}
			c := int(ix.slots[i].id)
			if c == id {
				continue
			}
			s := Similarity(sig, &ix.sigs[c])
			if s >= min && (id < 0 || s > sim || s == sim && c < id) {
				id, sim = c, s
			}
		}
	}
	return id, sim, id >= 0
}
