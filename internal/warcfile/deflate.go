package warcfile

import (
	"encoding/binary"
	"hash/crc32"
	"math/bits"
	"slices"
)

// A record is compressed by a small deflate encoder of its own rather than
// by a general-purpose one, because of what the general ones cost per
// gzip member: klauspost/compress (and compress/flate alike) builds Huffman
// tables for every block it writes, at every level, HuffmanOnly included,
// and for a 3 KB page that table build cost more than matching and
// encoding the page together (about 19 of the 44 µs a page took, all WARC
// work included).
//
// This encoder writes one dynamic-Huffman block (RFC 1951, BTYPE 10) per
// member whose code lengths are not the page's but fixed ones
// (staticLitLen, staticDist in deflate_table.go), derived once from the
// records of news pages, Chinese and western, none of them a page the
// benchmarks serve (TestGenerateStaticCode), with a code for every symbol
// so that any input can be encoded. The block header is then the same
// bytes for every member, precomputed, and the tokens go straight from a
// greedy matcher (snappy-like: a 4-byte hash, one candidate) to the bit
// writer. Readers need nothing special: it is an ordinary deflate stream
// in an ordinary gzip member.
//
// The price is a code less fitted to each page than its own table would
// be, and a plainer matcher than klauspost's level 1: measured with
// BenchmarkCompress on 2026-12-03 (under load: CPU ratios approximate), the response and request of a 3 KB
// page take 1.44 KB instead of 1.27 KB with both deflated by klauspost
// (1.47 KB per page in the file, request records having been stored
// uncompressed before: no larger), and pages of the real corpus 2–5%
// more (16.5 KB for 16.1 KB, 45.9 for 43.7, 46.2 for 44.2), for about a
// fifth of the CPU on a 3 KB page but about the same on a 100 KB one. So
// the Writer uses it for records up to staticMax only (warcfile.go), where
// the table build is a large part of the cost, and larger records keep
// klauspost's own tables and sizes.

// Deflate limits (RFC 1951).
const (
	minMatch   = 4 // of the matcher: deflate allows 3
	maxMatch   = 258
	maxDist    = 1 << 15
	numLitLen  = 286 // literal/length alphabet: 0-255 literals, 256 end of block, 257-285 lengths
	numDist    = 30
	endOfBlock = 256

	hashBits = 14
	// cur restarts at 0 once past this: positions in the table stay
	// far from int32 overflow.
	maxCur = 1 << 30
)

// hcode is a code's bits, already reversed for deflate's LSB-first bit
// order, with its length in bits.
type hcode struct {
	bits uint32
	n    uint8
}

// The static code, built at init from the lengths in deflate_table.go.
var (
	litCodes  [numLitLen]hcode
	lenCodes  [maxMatch + 1]hcode // by match length: length code and extra bits together
	distCodes [numDist]hcode
	// blockHeader is the block header (BFINAL=1, BTYPE=10 and the code
	// lengths), whole bytes then headerBits bits in headerTail.
	blockHeader []byte
	headerTail  uint64
	headerBits  uint
)

// Extra bits of the length and distance codes (RFC 1951 3.2.5).
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
)

// codegenOrder is the order the code length code's lengths are sent in.
var codegenOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

func init() {
	lit := canonical(staticLitLen[:])
	copy(litCodes[:], lit)
	copy(distCodes[:], canonical(staticDist[:]))
	for i, base := range lengthBase {
		end := maxMatch + 1
		if i+1 < len(lengthBase) && lengthBase[i+1] <= maxMatch {
			end = int(lengthBase[i+1])
		}
		if i == len(lengthBase)-1 {
			end = maxMatch + 1
		}
		c := lit[257+i]
		for l := int(base); l < end; l++ {
			lenCodes[l] = hcode{bits: c.bits | uint32(l-int(base))<<c.n, n: c.n + lengthExtra[i]}
		}
	}
	blockHeader, headerTail, headerBits = buildHeader()
}

// canonical returns the canonical Huffman code (RFC 1951 3.2.2) of the
// code lengths, bit-reversed for writing LSB first.
func canonical(lengths []uint8) []hcode {
	var count [16]uint32
	for _, l := range lengths {
		count[l]++
	}
	count[0] = 0
	var next [16]uint32
	code := uint32(0)
	for n := 1; n < 16; n++ {
		code = (code + count[n-1]) << 1
		next[n] = code
	}
	out := make([]hcode, len(lengths))
	for i, l := range lengths {
		if l == 0 {
			continue
		}
		out[i] = hcode{bits: bits.Reverse32(next[l]) >> (32 - l), n: l}
		next[l]++
	}
	return out
}

// buildHeader writes the dynamic block header of the static code.
func buildHeader() ([]byte, uint64, uint) {
	// The code lengths as code length symbols: a length, then 16 (repeat
	// the previous 3-6 times, 2 extra bits) while it repeats.
	all := append(append([]uint8{}, staticLitLen[:]...), staticDist[:]...)
	type sym struct{ s, extra uint8 }
	var syms []sym
	var freq [19]int
	for i := 0; i < len(all); {
		v := all[i]
		run := 1
		for i+run < len(all) && all[i+run] == v {
			run++
		}
		i += run
		syms = append(syms, sym{s: v})
		freq[v]++
		for run--; run >= 3; {
			r := min(run, 6)
			syms = append(syms, sym{s: 16, extra: uint8(r - 3)})
			freq[16]++
			run -= r
		}
		for ; run > 0; run-- {
			syms = append(syms, sym{s: v})
			freq[v]++
		}
	}
	cgLen := huffmanLengths(freq[:], 7)
	cg := canonical(cgLen)
	hclen := 19
	for hclen > 4 && cgLen[codegenOrder[hclen-1]] == 0 {
		hclen--
	}
	var w bitWriter
	w.put(1, 1) // BFINAL
	w.put(2, 2) // BTYPE 10: dynamic Huffman
	w.put(numLitLen-257, 5)
	w.put(numDist-1, 5)
	w.put(uint64(hclen-4), 4)
	for _, s := range codegenOrder[:hclen] {
		w.put(uint64(cgLen[s]), 3)
	}
	for _, s := range syms {
		c := cg[s.s]
		w.put(uint64(c.bits), uint(c.n))
		if s.s == 16 {
			w.put(uint64(s.extra), 2)
		}
	}
	// Whole bytes out, the rest kept as bits.
	for w.n >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
	return w.out, w.acc, w.n
}

// huffmanLengths returns Huffman code lengths of at most maxBits for the
// frequencies (0 for a symbol of frequency 0). Should a length exceed
// maxBits, the frequencies are flattened (halved) until none does. It is
// for tables built once, not for speed.
func huffmanLengths(freq []int, maxBits int) []uint8 {
	f := slices.Clone(freq)
	for {
		lengths, deepest := huffmanTry(f)
		if deepest <= maxBits {
			return lengths
		}
		for i, v := range f {
			if v > 0 {
				f[i] = (v + 1) / 2
			}
		}
	}
}

func huffmanTry(freq []int) ([]uint8, int) {
	type node struct {
		w           int
		left, right int // children (node indexes), -1 for a leaf
		sym         int
	}
	var nodes []node
	var live []int
	for s, v := range freq {
		if v > 0 {
			nodes = append(nodes, node{w: v, left: -1, right: -1, sym: s})
			live = append(live, len(nodes)-1)
		}
	}
	lengths := make([]uint8, len(freq))
	if len(live) == 1 {
		lengths[nodes[0].sym] = 1
		return lengths, 1
	}
	for len(live) > 1 {
		// The two lightest, ties broken by index so the result is stable.
		slices.SortStableFunc(live, func(a, b int) int { return nodes[a].w - nodes[b].w })
		a, b := live[0], live[1]
		nodes = append(nodes, node{w: nodes[a].w + nodes[b].w, left: a, right: b, sym: -1})
		live = append(live[2:], len(nodes)-1)
	}
	deepest := 0
	var walk func(i, depth int)
	walk = func(i, depth int) {
		if nodes[i].left < 0 {
			lengths[nodes[i].sym] = uint8(depth)
			deepest = max(deepest, depth)
			return
		}
		walk(nodes[i].left, depth+1)
		walk(nodes[i].right, depth+1)
	}
	walk(live[0], 0)
	return lengths, deepest
}

// bitWriter appends bits LSB first to out.
type bitWriter struct {
	acc uint64
	n   uint
	out []byte
}

// put writes the n low bits of b; n <= 32.
func (w *bitWriter) put(b uint64, n uint) {
	w.acc |= b << w.n
	w.n += n
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

// flush writes the bits left, padded to a byte.
func (w *bitWriter) flush() {
	for w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n = max(w.n, 8) - 8
	}
	w.acc = 0
}

// deflater compresses records; the zero value is ready. It is not safe for
// concurrent use: each Write takes one from the pool.
type deflater struct {
	table [1 << hashBits]int32 // position + cur of the last place each hash was seen
	cur   int32
	w     bitWriter
	hist  *histogram // when set, the symbols are counted there (see deflate_table.go)
}

// histogram counts the symbols a deflater's matcher chose.
type histogram struct {
	lit  [numLitLen]int
	dist [numDist]int
}

// match counts a match of length l at distance dist.
func (h *histogram) match(l, dist int) {
	for i := len(lengthBase) - 1; i >= 0; i-- {
		if l >= int(lengthBase[i]) {
			h.lit[257+i]++
			break
		}
	}
	x := uint32(dist - 1)
	code := x
	if x >= 4 {
		top := uint32(bits.Len32(x)) - 1
		code = 2*top + (x>>(top-1))&1
	}
	h.dist[code]++
}

// gzipHeader is a gzip member's header: deflate, no name, no time, OS
// unknown (what klauspost/compress/gzip writes with no Header set).
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

// appendGzip appends to dst p compressed as one gzip member.
func (d *deflater) appendGzip(dst, p []byte) []byte {
	dst = append(dst, gzipHeader...)
	dst = d.appendDeflate(dst, p)
	dst = binary.LittleEndian.AppendUint32(dst, crc32.ChecksumIEEE(p))
	return binary.LittleEndian.AppendUint32(dst, uint32(len(p)))
}

func load32(b []byte, i int) uint32 { return binary.LittleEndian.Uint32(b[i:]) }

func hash4(u uint32) uint32 { return (u * 0x1e35a7bd) >> (32 - hashBits) }

// appendDeflate appends to dst p as one final deflate block of the static
// code.
func (d *deflater) appendDeflate(dst, p []byte) []byte {
	w := &d.w
	w.out = append(dst, blockHeader...)
	w.acc, w.n = headerTail, headerBits
	emit := 0 // the first byte not yet written
	for from := 0; from < len(p); from += deflateSegment {
		emit = d.match(p, max(from, emit), min(len(p), from+deflateSegment), emit)
	}
	d.literals(p[emit:])
	eob := litCodes[endOfBlock]
	w.put(uint64(eob.bits), uint(eob.n))
	w.flush()
	out := w.out
	w.out = nil
	return out
}

// deflateSegment is how much of an input the matcher indexes with one
// table base: positions are int32s, offset by cur. A match never reaches
// back into the segment before (a loss of nothing in records of any
// ordinary size).
var deflateSegment = 1 << 29

// match writes p[emit:] as literals and matches up to some place at or
// after to (a match can run past it), starting the search at from, and
// returns the first byte not yet written. Only places in [from, to) are
// indexed and matched against.
func (d *deflater) match(p []byte, from, to, emit int) int {
	if d.cur > maxCur || d.cur == 0 {
		// Positions of earlier inputs are at least maxDist behind cur:
		// they can never match. Start over before cur would overflow.
		clear(d.table[:])
		d.cur = maxDist + 1
	}
	// base+table entry-cur is a position in p; what is below from is
	// another segment's or input's.
	cur, base := d.cur, from
	d.cur += int32(to-from) + maxDist + 1
	// The matcher reads 4 bytes at s, so it stops 4 from the end.
	end := min(to, len(p)-minMatch)
	w := &d.w
	for s := from; s < end; {
		cv := load32(p, s)
		h := hash4(cv)
		cand := base + int(d.table[h]-cur)
		d.table[h] = int32(s-base) + cur
		if cand < from || s-cand > maxDist || load32(p, cand) != cv {
			// Step faster through long unmatched stretches (compressed or
			// binary data), as snappy does.
			s += 1 + (s-emit)>>6
			continue
		}
		l := minMatch + matchLen(p[cand+minMatch:], p[s+minMatch:], maxMatch-minMatch)
		d.literals(p[emit:s])
		if d.hist != nil {
			d.hist.match(l, s-cand)
		} else {
			lc := lenCodes[l]
			w.put(uint64(lc.bits), uint(lc.n))
			w.putDist(s - cand)
		}
		// Index a place near the match's end, so that the text that
		// follows can match it.
		s += l
		if s-2 < end {
			d.table[hash4(load32(p, s-2))] = int32(s-2-base) + cur
		}
		emit = s
	}
	return emit
}

// literals writes lits as literals, two codes at a time (a literal's code
// is at most 15 bits), the bit writer's state in locals.
func (d *deflater) literals(lits []byte) {
	if d.hist != nil {
		for _, c := range lits {
			d.hist.lit[c]++
		}
		return
	}
	w := &d.w
	acc, n, out := w.acc, w.n, w.out
	i := 0
	for ; i+1 < len(lits); i += 2 {
		c1, c2 := litCodes[lits[i]], litCodes[lits[i+1]]
		acc |= (uint64(c1.bits) | uint64(c2.bits)<<c1.n) << n
		n += uint(c1.n) + uint(c2.n)
		if n >= 32 {
			out = binary.LittleEndian.AppendUint32(out, uint32(acc))
			acc >>= 32
			n -= 32
		}
	}
	w.acc, w.n, w.out = acc, n, out
	if i < len(lits) {
		c := litCodes[lits[i]]
		w.put(uint64(c.bits), uint(c.n))
	}
}

// putDist writes distance dist (1..32768): its code and extra bits.
func (w *bitWriter) putDist(dist int) {
	x := uint32(dist - 1)
	var code, extra uint32
	var nExtra uint
	if x < 4 {
		code = x
	} else {
		top := uint(bits.Len32(x)) - 1 // x >= 4: top >= 2
		nExtra = top - 1
		code = uint32(2*top) + (x>>nExtra)&1
		extra = x & (1<<nExtra - 1)
	}
	c := distCodes[code]
	w.put(uint64(c.bits)|uint64(extra)<<c.n, uint(c.n)+nExtra)
}

// matchLen returns how many leading bytes a and b share, at most limit.
func matchLen(a, b []byte, limit int) int {
	n := 0
	limit = min(limit, len(a), len(b))
	for n+8 <= limit {
		x := binary.LittleEndian.Uint64(a[n:]) ^ binary.LittleEndian.Uint64(b[n:])
		if x != 0 {
			return n + bits.TrailingZeros64(x)>>3
		}
		n += 8
	}
	for n < limit && a[n] == b[n] {
		n++
	}
	return n
}
