package extract

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// collapsedText joins the buffered segments with whitespace collapsed and
// trimmed, in one pass and one allocation, and counts the text as
// textStats does in the same pass. valid is false when it copied an
// invalid byte: then only textStats on the text counts it right. Each
// offset of edges (into buf, ascending) is appended to w.cuts as the offset
// in the text of the first byte kept after it; a blank collapsed there
// counts as after the edge.
func (w *blockWalker) collapsedText(edges []int32) (text string, st textCount, valid bool) {
	size := 0
	for _, s := range w.segs {
		size += s.end - s.start
	}
	// The text goes at the end of the walker's text chunk: the blocks of
	// a page share a few allocations, not one each. A chunk's bytes are
	// never written again once a block's text holds them.
	if cap(w.text)-len(w.text) < size {
		w.text = make([]byte, 0, max(size, textChunk))
	}
	out := w.text[len(w.text):len(w.text)]
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
				if asciiClass[c] == asciiBlank {
					pending = len(out) > 0
					i++
					continue
				}
				if pending {
					out = append(out, ' ')
					st.n++ // a blank: no sentence mark
					pending = false
				}
				// Copy the run of ASCII up to the next edge at once, counting
				// its marks: a lone ' ' between two non-blanks stays as it
				// is, so a run is most of a latin sentence. A blank before
				// the edge ends the run: it goes after the cut.
				stop := len(seg)
				if e < len(edges) {
					stop = min(stop, int(edges[e])-s.start) // > i: edges up to i were passed above
				}
				j, punct := i, 0
				// Eight bytes at a time while they are printing ASCII and
				// lone spaces each followed by a printing byte of the same
				// eight: there the byte loop below would only count marks.
				for ; j+8 <= stop; j += 8 {
					v := binary.LittleEndian.Uint64(seg[j:])
					if v&highBits8 != 0 {
						break
					}
					sp := inRange8(v, ' ', ' ')
					if inRange8(v, 0, 0x1f) != 0 || sp&(sp>>8) != 0 || sp>>63 != 0 {
						break // another blank, two in a row, or one whose follower is further on
					}
					punct += bits.OnesCount64(inRange8(v, '!', '"') | inRange8(v, ',', ',') | inRange8(v, '.', '.') |
						inRange8(v, ';', ';') | inRange8(v, '?', '?'))
				}
			run:
				for ; j < stop; j++ {
					d := seg[j]
					if d >= utf8.RuneSelf {
						break
					}
					switch asciiClass[d] {
					case asciiBlank: // never at i
						if d != ' ' || j+1 >= stop || seg[j+1] >= utf8.RuneSelf || asciiClass[seg[j+1]] == asciiBlank {
							break run
						}
					case asciiMark:
						punct++
					}
				}
				out = append(out, seg[i:j]...)
				st.n += j - i
				st.punct += punct
				i = j
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
	// out holds at most size bytes (blanks only shrink), so it is still
	// in the chunk; the check keeps a chunk's bytes from being handed out
	// twice if that ever changed.
	if start := len(w.text); len(out) > 0 && &out[0] == &w.text[start:cap(w.text)][0] {
		w.text = w.text[:start+len(out)]
	}
	return unsafeString(out), st, valid
}

// textChunk is the size of the walker's chunks of block text: a short
// page's text fits one or two, and a title or name kept from a page holds
// at most one chunk in memory.
const textChunk = 1024

// Classes of ASCII bytes for collapsedText: the blanks it collapses (those
// of isSpaceRune) and the sentence marks textCount counts.
const (
	asciiOther = iota
	asciiBlank
	asciiMark
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range " \t\n\r\f\v" {
		t[c] = asciiBlank
	}
	for _, c := range ",.;!?\"" {
		t[c] = asciiMark
	}
	return t
}()

// textCount is what textStats counts, rune by rune.
type textCount struct{ n, cjk, punct int }

// addByte counts an ASCII character.
func (st *textCount) addByte(c byte) {
	st.n++
	switch c {
	case ',', '.', ';', '!', '?', '"':
		st.punct++
	}
}

// addRune counts a rune outside ASCII.
func (st *textCount) addRune(r rune) {
	st.n++
	switch {
	case isCJK(r):
		st.cjk++
	case r == '，' || r == '。' || r == '；' || r == '！' || r == '？' || r == '、' || r == '：' || r == '“' || r == '”':
		st.punct++
	}
}
