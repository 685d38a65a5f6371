package warcfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"strings"
	"testing"
)

// This file checks the encoder's output with an inflater of its own,
// written from RFC 1951 (after puff.c) and stricter than compress/flate:
// beside decoding, it rejects what a reader may tolerate but the encoder
// must never write (a distance past the start of the record or over
// 32768, a length under 3 or 258 sent as code 284, an incomplete or
// over-subscribed code, a second block, nonzero padding, bytes after the
// member), and it reports the tokens so that tests can see which edges
// were reached.

// strictStats is what strictGunzip saw in a member.
type strictStats struct {
	matches          int
	minLen, maxLen   int
	minDist, maxDist int
	litLen, dist     []uint8 // the code lengths the block header sent
}

type strictBits struct {
	in   []byte
	pos  int // next byte
	acc  uint32
	nacc uint
}

var errStrictEOF = errors.New("deflate stream ends early")

func (b *strictBits) need(n uint) (uint32, error) {
	for b.nacc < n {
		if b.pos >= len(b.in) {
			return 0, errStrictEOF
		}
		b.acc |= uint32(b.in[b.pos]) << b.nacc
		b.pos++
		b.nacc += 8
	}
	v := b.acc & (1<<n - 1)
	b.acc >>= n
	b.nacc -= n
	return v, nil
}

// strictHuff is a canonical code as puff.c decodes it: the number of codes
// of each length and the symbols in canonical order.
type strictHuff struct {
	count  [16]int
	symbol []int
}

// newStrictHuff builds the code of the lengths, failing unless it is
// complete.
func newStrictHuff(lengths []uint8) (*strictHuff, error) {
	h := &strictHuff{symbol: make([]int, 0, len(lengths))}
	for _, l := range lengths {
		if l > 15 {
			return nil, fmt.Errorf("code length %d", l)
		}
		h.count[l]++
	}
	left := 1
	for l := 1; l < 16; l++ {
		left <<= 1
		left -= h.count[l]
		if left < 0 {
			return nil, errors.New("over-subscribed code")
		}
	}
	if left != 0 {
		return nil, errors.New("incomplete code")
	}
	for l := 1; l < 16; l++ {
		for s, sl := range lengths {
			if int(sl) == l {
				h.symbol = append(h.symbol, s)
			}
		}
	}
	return h, nil
}

func (h *strictHuff) decode(b *strictBits) (int, error) {
	code, first, index := 0, 0, 0
	for l := 1; l < 16; l++ {
		bit, err := b.need(1)
		if err != nil {
			return 0, err
		}
		code |= int(bit)
		count := h.count[l]
		if code-count < first {
			return h.symbol[index+code-first], nil
		}
		index += count
		first += count
		first <<= 1
		code <<= 1
	}
	return 0, errors.New("no such code")
}

var (
	strictLenBase  = [29]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	strictLenExtra = [29]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	strictDistBase = [30]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	strictDistExt  = [30]uint{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	strictCLOrder  = [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
)

// strictInflate decodes a raw deflate stream that must be exactly one
// final dynamic block, padded with zero bits to its last byte.
func strictInflate(in []byte) ([]byte, strictStats, error) {
	st := strictStats{minLen: 1 << 30, minDist: 1 << 30}
	b := &strictBits{in: in}
	hdr, err := b.need(3)
	if err != nil {
		return nil, st, err
	}
	if hdr != 1|2<<1 {
		return nil, st, fmt.Errorf("block header %03b, want BFINAL=1 BTYPE=10", hdr)
	}
	hlit, _ := b.need(5)
	hdist, _ := b.need(5)
	hclen, err := b.need(4)
	if err != nil {
		return nil, st, err
	}
	nlen, ndist, ncode := int(hlit)+257, int(hdist)+1, int(hclen)+4
	if nlen > 286 || ndist > 30 {
		return nil, st, fmt.Errorf("HLIT %d, HDIST %d", nlen, ndist)
	}
	var clLen [19]uint8
	for i := range ncode {
		v, err := b.need(3)
		if err != nil {
			return nil, st, err
		}
		clLen[strictCLOrder[i]] = uint8(v)
	}
	cl, err := newStrictHuff(clLen[:])
	if err != nil {
		return nil, st, fmt.Errorf("code length code: %v", err)
	}
	lengths := make([]uint8, 0, nlen+ndist)
	for len(lengths) < nlen+ndist {
		sym, err := cl.decode(b)
		if err != nil {
			return nil, st, err
		}
		if sym < 16 {
			lengths = append(lengths, uint8(sym))
			continue
		}
		var rep uint32
		var v uint8
		switch sym {
		case 16:
			if len(lengths) == 0 {
				return nil, st, errors.New("repeat with no previous length")
			}
			v = lengths[len(lengths)-1]
			rep, err = b.need(2)
			rep += 3
		case 17:
			rep, err = b.need(3)
			rep += 3
		default:
			rep, err = b.need(7)
			rep += 11
		}
		if err != nil {
			return nil, st, err
		}
		if len(lengths)+int(rep) > nlen+ndist {
			return nil, st, errors.New("code lengths repeat past the end")
		}
		for range rep {
			lengths = append(lengths, v)
		}
	}
	st.litLen, st.dist = lengths[:nlen], lengths[nlen:]
	if st.litLen[endOfBlock] == 0 {
		return nil, st, errors.New("no end-of-block code")
	}
	lit, err := newStrictHuff(st.litLen)
	if err != nil {
		return nil, st, fmt.Errorf("literal/length code: %v", err)
	}
	dist, err := newStrictHuff(st.dist)
	if err != nil {
		return nil, st, fmt.Errorf("distance code: %v", err)
	}
	var out []byte
	for {
		sym, err := lit.decode(b)
		if err != nil {
			return out, st, err
		}
		if sym < 256 {
			out = append(out, byte(sym))
			continue
		}
		if sym == endOfBlock {
			break
		}
		sym -= 257
		if sym >= 29 {
			return out, st, fmt.Errorf("length symbol %d", sym+257)
		}
		e, err := b.need(strictLenExtra[sym])
		if err != nil {
			return out, st, err
		}
		l := strictLenBase[sym] + int(e)
		if sym == 27 && l == 258 {
			return out, st, errors.New("length 258 sent as code 284")
		}
		ds, err := dist.decode(b)
		if err != nil {
			return out, st, err
		}
		if ds >= 30 {
			return out, st, fmt.Errorf("distance symbol %d", ds)
		}
		e, err = b.need(strictDistExt[ds])
		if err != nil {
			return out, st, err
		}
		d := strictDistBase[ds] + int(e)
		if l < 3 || l > maxMatch || d < 1 || d > maxDist || d > len(out) {
			return out, st, fmt.Errorf("match length %d distance %d at %d", l, d, len(out))
		}
		st.matches++
		st.minLen, st.maxLen = min(st.minLen, l), max(st.maxLen, l)
		st.minDist, st.maxDist = min(st.minDist, d), max(st.maxDist, d)
		for range l {
			out = append(out, out[len(out)-d])
		}
	}
	if b.nacc >= 8 || b.acc != 0 {
		return out, st, fmt.Errorf("padding: %d bits %b left", b.nacc, b.acc)
	}
	if b.pos != len(in) {
		return out, st, fmt.Errorf("%d bytes after the block", len(in)-b.pos)
	}
	return out, st, nil
}

// strictGunzip checks member is exactly one gzip member with the header
// appendGzip writes, decodes it strictly and checks CRC-32 and ISIZE.
func strictGunzip(member []byte) ([]byte, strictStats, error) {
	if len(member) < len(gzipHeader)+8 || !bytes.Equal(member[:len(gzipHeader)], gzipHeader) {
		return nil, strictStats{}, errors.New("bad gzip header")
	}
	body := member[len(gzipHeader) : len(member)-8]
	out, st, err := strictInflate(body)
	if err != nil {
		return out, st, err
	}
	trailer := member[len(member)-8:]
	if got, want := binary.LittleEndian.Uint32(trailer), crc32.ChecksumIEEE(out); got != want {
		return out, st, fmt.Errorf("CRC-32 %08x, want %08x", got, want)
	}
	if got := binary.LittleEndian.Uint32(trailer[4:]); got != uint32(len(out)) {
		return out, st, fmt.Errorf("ISIZE %d, want %d", got, len(out))
	}
	return out, st, nil
}

// strictCheck compresses p with d, checks the member strictly, and checks
// that a fresh deflater writes the same bytes: nothing of an earlier input
// shows in a reused deflater's output.
func strictCheck(t testing.TB, d *deflater, p []byte) ([]byte, strictStats) {
	t.Helper()
	member := d.appendGzip([]byte("prefix"), p)
	if !bytes.HasPrefix(member, []byte("prefix")) {
		t.Fatal("appendGzip lost dst")
	}
	member = member[len("prefix"):]
	got, st, err := strictGunzip(member)
	if err != nil {
		t.Fatalf("%d bytes: %v", len(p), err)
	}
	if !bytes.Equal(got, p) {
		t.Fatalf("%d bytes: read %d bytes back, first difference at %d", len(p), len(got), firstDiff(got, p))
	}
	var fresh deflater
	if f := fresh.appendGzip(nil, p); !bytes.Equal(f, member) {
		t.Fatalf("%d bytes: a reused deflater wrote %d bytes, a fresh one %d (differing at %d)", len(p), len(member), len(f), firstDiff(f, member))
	}
	return member, st
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestStrictHeader checks the block header decodes to the lengths of
// deflate_table.go.
func TestStrictHeader(t *testing.T) {
	var d deflater
	_, st := strictCheck(t, &d, nil)
	if !bytes.Equal(st.litLen, staticLitLen[:]) || !bytes.Equal(st.dist, staticDist[:]) {
		t.Fatalf("header sends lengths %v %v, want the static ones", st.litLen, st.dist)
	}
}

// edgeSizes are input sizes around deflate's and the encoder's limits.
var edgeSizes = func() []int {
	var s []int
	for n := range 70 {
		s = append(s, n)
	}
	for _, e := range []int{257, 258, 259, 260, 262, 516, 32767, 32768, 32769, staticMax - 1, staticMax, staticMax + 1, 65535, 65536, 65537, 70000} {
		s = append(s, e-1, e, e+1)
	}
	return s
}()

func TestStrictSizes(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 70002)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	text := []byte(strings.Repeat("新华社北京12月3日电 国务院总理李强主持召开国务院常务会议，研究部署进一步做好就业工作。<p>The quick brown fox.</p>\n", 400))
	var d deflater
	for _, n := range edgeSizes {
		if n > len(text) {
			text = append(text, text...)
		}
		zeros := make([]byte, n)
		_, st := strictCheck(t, &d, zeros)
		if n >= 300 && (st.maxLen != maxMatch || st.minDist != 1) {
			t.Errorf("%d zeros: longest match %d, nearest %d; want 258 at distance 1", n, st.maxLen, st.minDist)
		}
		strictCheck(t, &d, bytes.Repeat([]byte{0xff}, n))
		strictCheck(t, &d, random[:n])
		strictCheck(t, &d, text[:n])
		// The ends of the inputs, so that the last bytes are the odd ones.
		strictCheck(t, &d, random[len(random)-n:])
		strictCheck(t, &d, append(bytes.Repeat([]byte("ab"), n/2), random[:n%7]...))
	}
}

func TestStrictPeriods(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var d deflater
	for period := 1; period <= 300; period++ {
		unit := make([]byte, period)
		for i := range unit {
			unit[i] = byte(r.Uint32())
		}
		n := 3*period + 600 + r.IntN(600)
		p := make([]byte, n)
		for i := range p {
			p[i] = unit[i%period]
		}
		strictCheck(t, &d, p)
	}
	// One long periodic input with period 299 mixed with another.
	p := make([]byte, staticMax)
	for i := range p {
		p[i] = byte(i%299) ^ byte(i%257)
	}
	strictCheck(t, &d, p)
}

// TestStrictWindowEdge puts a repeat exactly 32767, 32768 and 32769 bytes
// back, the filler between a run of one byte that keeps the matcher
// looking at every position.
func TestStrictWindowEdge(t *testing.T) {
	var d deflater
	mark := []byte("Q7#xz!Kp")
	for _, dist := range []int{32766, 32767, 32768, 32769, 32770, 40000} {
		p := append([]byte{}, mark...)
		p = append(p, make([]byte, dist-len(mark))...)
		p = append(p, mark...)
		p = append(p, "tail"...)
		_, st := strictCheck(t, &d, p)
		if dist <= maxDist && st.maxDist != dist {
			t.Errorf("repeat %d back: farthest match %d, want %d", dist, st.maxDist, dist)
		}
		if dist > maxDist && st.maxDist > maxMatch {
			t.Errorf("repeat %d back: match at distance %d", dist, st.maxDist)
		}
	}
}

func TestStrictByteValues(t *testing.T) {
	var d deflater
	p := make([]byte, 0, 256*8)
	for i := range 256 {
		p = append(p, byte(i))
	}
	strictCheck(t, &d, p)
	for i := range 256 {
		p = append(p, byte(255-i))
	}
	for i := range 256 {
		p = append(p, byte(i), byte(i), byte(i), byte(i), byte(i))
	}
	strictCheck(t, &d, p)
	for c := range 256 {
		strictCheck(t, &d, bytes.Repeat([]byte{byte(c)}, 300))
	}
}

// TestStrictReuse compresses many records in a row with one deflater, as
// the pool does, records that share much with the ones before (a match
// into an earlier record would decode to garbage, or not at all), each
// read back on its own and compared with a fresh deflater's output, the
// position counter also taken past maxCur.
func TestStrictReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var corpus bytes.Buffer
	for corpus.Len() < 100<<10 {
		fmt.Fprintf(&corpus, "<div class=\"item\">新闻 %d 会议强调 record %x</div>\n", r.IntN(100), r.Uint32())
	}
	c := corpus.Bytes()
	var d deflater
	var prev []byte
	for i := range 1500 {
		var p []byte
		switch i % 5 {
		case 0: // the previous record again
			p = prev
		case 1: // the previous record with one byte changed
			p = append([]byte{}, prev...)
			if len(p) > 0 {
				p[r.IntN(len(p))] ^= 1
			}
		case 2: // a short one
			start := r.IntN(len(c) - 16)
			p = c[start : start+r.IntN(16)]
		default:
			n := r.IntN(staticMax + 2)
			start := r.IntN(len(c) - n)
			p = c[start : start+n]
		}
		switch i {
		case 300:
			d.cur = maxCur - 10 // the next record or two takes it past
		case 700:
			d.cur = maxCur // not past: used as it is
		case 701:
			d.cur = maxCur + 1
		}
		strictCheck(t, &d, p)
		prev = p
	}
}

// TestStrictSegments is TestDeflateSegments under the strict reader, with
// a segment shorter than the window and matches crossing its boundaries.
func TestStrictSegments(t *testing.T) {
	defer func(n int) { deflateSegment = n }(deflateSegment)
	var d deflater
	p := bytes.Repeat([]byte("segment 分段 "), 3000)
	for _, seg := range []int{300, 1000, 4096} {
		deflateSegment = seg
		for _, n := range []int{0, 1, seg - 1, seg, seg + 1, seg + 258, 2*seg + 3, len(p)} {
			member := d.appendGzip(nil, p[:n])
			got, _, err := strictGunzip(member)
			if err != nil || !bytes.Equal(got, p[:n]) {
				t.Fatalf("segment %d, %d bytes: %v", seg, n, err)
			}
		}
	}
}

// FuzzDeflateStrict compresses inputs with a deflater whose position
// counter starts anywhere it can be, then reused.
func FuzzDeflateStrict(f *testing.F) {
	f.Add([]byte("hello hello hello"), []byte("hello world"), uint32(0))
	f.Add(bytes.Repeat([]byte{'a'}, 600), []byte("aaaa"), uint32(maxCur))
	f.Add(benchExchange(3<<10).Body, []byte{}, uint32(maxCur-40000))
	f.Fuzz(func(t *testing.T, a, b []byte, cur uint32) {
		var d deflater
		d.cur = int32(cur % (maxCur + 2))
		strictCheck(t, &d, a)
		strictCheck(t, &d, b)
		strictCheck(t, &d, append(append([]byte{}, a...), a...))
		strictCheck(t, &d, a)
	})
}
