package extract

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Some content farms strip the high bit of GB lead bytes 0xA1 (the
// punctuation row: “ ” 、 。 《 》 …), turning them into '!'. The orphaned
// trail byte then pairs with the next byte as a lead, and every following
// character is misread until an ASCII byte re-synchronises the stream:
// "”徐建青說" (A1 B1 D0 EC ...) reads "!毙旖ㄇ嗾f". The functions below undo
// that damage, but only where the restored reading is clearly better.

// mojibakeMaxSpan bounds how far a damaged run is followed before giving up.
const mojibakeMaxSpan = 256

// repairGBMojibake returns raw with damaged 0xA1 lead bytes restored and how
// many it restored. raw itself is never modified: it is copied once, on the
// first repair.
func repairGBMojibake(raw []byte) ([]byte, int) {
	var out []byte
	n := 0
	for i := 0; i < len(raw); i++ {
		k := bytes.IndexByte(raw[i:], '!')
		if k < 0 {
			break
		}
		i += k
		// '!' can never be a GB trail byte, so every '!' starts a character.
		if i+1 < len(raw) && raw[i+1] >= 0xA1 && raw[i+1] <= 0xFE && damagedLead(raw, i) {
			if out == nil {
				out = bytes.Clone(raw)
			}
			out[i] = 0xA1
			n++
		}
	}
	if out == nil {
		return raw, 0
	}
	return out, n
}

// damagedLead reports whether the '!' at raw[i] is a damaged 0xA1 lead
// byte: read as A1 it must give a punctuation pair, and the restored reading
// of the run up to the point where both readings meet again must be free of
// invalid bytes and clearly more common than the misaligned one.
func damagedLead(raw []byte, i int) bool {
	// Walk both readings until they reach the same character boundary:
	// as is from i+1, and restored (A1 + raw[i+1] as one pair) from i+2.
	asIs, restored := i+1, i+2
	limit := min(len(raw), i+mojibakeMaxSpan)
	for asIs != restored {
		if asIs >= limit || restored >= limit {
			return false
		}
		if asIs < restored {
			asIs += gbCharLen(raw, asIs)
			continue
		}
		n := gbCharLen(raw, restored)
		if n == 1 && raw[restored] >= 0x80 {
			// The restored reading hits an invalid byte: the usual fate of
			// a correct '!' followed by Chinese. Decide without decoding.
			return false
		}
		restored += n
	}
	end := asIs
	span := raw[i+1 : end]
	fixed := make([]byte, 0, len(span)+1)
	fixed = append(fixed, 0xA1)
	fixed = append(fixed, span...)

	dec := simplifiedchinese.GB18030.NewDecoder()
	a, errA := dec.Bytes(span)
	b, errB := dec.Bytes(fixed)
	if errA != nil || errB != nil {
		return false
	}
	sa, sb := scoreRun(a), scoreRun(b)
	return sb.bad == 0 && sb.good >= 2 && sb.value()-sa.value() >= 6
}

// runScore tallies the characters of a short decoded run.
type runScore struct{ good, rare, bad, ascii int }

// value weighs a run: common characters count for it; rare characters,
// invalid bytes and ASCII produced from what should be trail bytes against.
func (s runScore) value() int { return 2*s.good - s.rare - 4*s.bad - 2*s.ascii }

func scoreRun(text []byte) runScore {
	var s runScore
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRune(text[i:])
		i += n
		switch {
		case r < utf8.RuneSelf:
			s.ascii++
		case r == utf8.RuneError || r >= 0xE000 && r <= 0xF8FF:
			s.bad++
		case isCommonHan(r) || isCJKPunct(r):
			s.good++
		default:
			s.rare++
		}
	}
	return s
}
