package extract

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"
)

// collapsedTextRef is the byte-by-byte collapsedText that the run copying
// replaced.
func (w *blockWalker) collapsedTextRef(edges []int32) (text string, st textCount, valid bool) {
	size := 0
	for _, s := range w.segs {
		size += s.end - s.start
	}
	out := make([]byte, 0, size)
	pending := false
	valid = true
	e := 0
	for _, s := range w.segs {
		seg := w.buf[s.start:s.end]
		for i := 0; i < len(seg); {
			if e < len(edges) && int(edges[e]) <= s.start+i {
				for e < len(edges) && int(edges[e]) <= s.start+i {
					e++
				}
				if k := len(w.cuts); len(out) > 0 && (k == 0 || w.cuts[k-1] != int32(len(out))) {
					w.cuts = append(w.cuts, int32(len(out)))
				}
			}
			c := seg[i]
			if c < utf8.RuneSelf {
				if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
					pending = len(out) > 0
					i++
					continue
				}
				if pending {
					out = append(out, ' ')
					st.addByte(' ')
					pending = false
				}
				out = append(out, c)
				st.addByte(c)
				i++
				continue
			}
			r, sz := utf8.DecodeRune(seg[i:])
			switch {
			case isSpaceRune(r):
				pending = len(out) > 0
			case isInvisibleRune(r):
			default:
				if pending {
					out = append(out, ' ')
					st.addByte(' ')
					pending = false
				}
				out = append(out, seg[i:i+sz]...)
				st.addRune(r)
				if r == utf8.RuneError && sz == 1 {
					valid = false
				}
			}
			i += sz
		}
	}
	return unsafeString(out), st, valid
}

// collapsedText copies runs of ASCII at once; it must give the text,
// counts, validity and cuts of the byte-by-byte loop for any buffer,
// segments and edges: random ones over an alphabet of blanks, marks,
// letters, non-ASCII blanks, invisible runes, CJK and invalid bytes.
func TestCollapsedTextRuns(t *testing.T) {
	pieces := []string{" ", "  ", "\t", "\n", "\r\n", "\v", "\f", "a", "Word", "x", ",", ".", ";", "!", "?", "\"", "'", "-",
		"\u00a0", "\u3000", "\u200b", "\ufeff", "中", "文。", "，", "é", "\xff", "\xe4\xb8", "1", ":",
		"eight by", "tes, and. more;", "Longer words: \"here\" and there?", "a b c d e f g h", "x\x01y", "\x7f"}
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := range 20000 {
		var buf []byte
		var segs []segment
		for range rng.IntN(6) + 1 {
			start := len(buf)
			for range rng.IntN(12) {
				buf = append(buf, pieces[rng.IntN(len(pieces))]...)
			}
			if len(buf) > start {
				segs = append(segs, segment{start: start, end: len(buf)})
			}
			if rng.IntN(3) == 0 {
				buf = append(buf, "gap"...) // bytes no segment holds (cut link spam)
			}
		}
		var edges []int32
		for k := 0; k <= len(buf); k++ {
			if rng.IntN(6) == 0 {
				edges = append(edges, int32(k))
			}
		}
		a := &blockWalker{buf: buf, segs: segs, cuts: []int32{7}}
		b := &blockWalker{buf: buf, segs: segs, cuts: []int32{7}}
		ta, sa, va := a.collapsedText(edges)
		tb, sb, vb := b.collapsedTextRef(edges)
		if ta != tb || sa != sb || va != vb || !slices.Equal(a.cuts, b.cuts) {
			t.Fatalf("case %d: buf %q segs %v edges %v:\n got %q %+v %v cuts %v\nwant %q %+v %v cuts %v",
				iter, buf, segs, edges, ta, sa, va, a.cuts, tb, sb, vb, b.cuts)
		}
	}
}
