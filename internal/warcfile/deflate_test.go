package warcfile

import (
	"bytes"
	stdgzip "compress/gzip"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/klauspost/compress/gzip"
)

// gunzipStd decompresses one gzip member with the standard library's
// reader, failing on any error.
func gunzipStd(t testing.TB, member []byte) []byte {
	t.Helper()
	zr, err := stdgzip.NewReader(bytes.NewReader(member))
	if err != nil {
		t.Fatal(err)
	}
	zr.Multistream(false)
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// roundTrip compresses p with d and checks that both gzip readers give p
// back.
func roundTrip(t testing.TB, d *deflater, p []byte) []byte {
	t.Helper()
	member := d.appendGzip([]byte("prefix"), p)[len("prefix"):]
	if got := gunzipStd(t, member); !bytes.Equal(got, p) {
		t.Fatalf("compress/gzip read %d bytes back, want the %d written", len(got), len(p))
	}
	zr, err := gzip.NewReader(bytes.NewReader(member))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, p) {
		t.Fatalf("klauspost gzip: %v (%d bytes, want %d)", err, len(got), len(p))
	}
	return member
}

func TestDeflateRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 200<<10)
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	// Text with matches at every distance up to the window and beyond it.
	var far bytes.Buffer
	for far.Len() < 300<<10 {
		far.WriteString("<p>新闻 item ")
		far.Write(random[:r.IntN(40000)%1000])
		far.WriteString(" 会议强调 </p>\n")
	}
	cases := map[string][]byte{
		"empty":  nil,
		"one":    {'x'},
		"four":   []byte("abcd"),
		"five":   []byte("aaaaa"),
		"run":    bytes.Repeat([]byte{0}, 100000),
		"period": bytes.Repeat([]byte("abc"), 40000),
		"all": func() []byte {
			b := make([]byte, 256*3)
			for i := range b {
				b[i] = byte(i)
			}
			return b
		}(),
		"random": random,
		"far":    far.Bytes(),
		"page":   benchExchange(40 << 10).Body,
	}
	var d deflater
	for name, p := range cases {
		t.Run(name, func(t *testing.T) { roundTrip(t, &d, p) })
	}
	// The same deflater, many inputs: no match may reach into an earlier
	// input, nor past the start of this one.
	for i := range 2000 {
		n := r.IntN(5000)
		start := r.IntN(len(far.Bytes()) - n)
		roundTrip(t, &d, far.Bytes()[start:start+n])
		if i == 1000 {
			d.cur = maxCur + 1 // the table starts over
		}
	}
}

// TestDeflateSegments compresses inputs longer than a segment, as a record
// of over 512 MB would be.
func TestDeflateSegments(t *testing.T) {
	defer func(n int) { deflateSegment = n }(deflateSegment)
	deflateSegment = 1000
	var d deflater
	p := bytes.Repeat([]byte("segment 分段 "), 1000)
	for _, n := range []int{999, 1000, 1001, 2500, len(p)} {
		roundTrip(t, &d, p[:n])
	}
}

// TestStaticCodeComplete checks that the static code's lengths make
// complete prefix codes (which inflaters demand), that every symbol has a
// code, and that canonical assigns distinct codes.
func TestStaticCodeComplete(t *testing.T) {
	for name, lengths := range map[string][]uint8{"literal/length": staticLitLen[:], "distance": staticDist[:]} {
		kraft := 0
		for s, l := range lengths {
			if l == 0 || l > 15 {
				t.Fatalf("%s symbol %d: length %d", name, s, l)
			}
			kraft += 1 << (15 - l)
		}
		if kraft != 1<<15 {
			t.Errorf("%s code: Kraft sum %d/32768, want exactly 1", name, kraft)
		}
		seen := map[hcode]bool{}
		for _, c := range canonical(lengths) {
			if seen[c] {
				t.Fatalf("%s: code %v twice", name, c)
			}
			seen[c] = true
		}
	}
}

func FuzzDeflate(f *testing.F) {
	f.Add([]byte("hello hello hello"), []byte("world"))
	f.Add(benchExchange(3<<10).Body, []byte{})
	var d deflater
	f.Fuzz(func(t *testing.T, a, b []byte) {
		roundTrip(t, &d, a)
		roundTrip(t, &d, b)
		roundTrip(t, &d, append(a, a...))
	})
}
