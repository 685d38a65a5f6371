package crawler

// windowSet is a Bloom-style set of the 4-byte windows of a text: when one
// window of s is missing, s does not occur in the text, so most of a page's
// link texts are ruled out without a search of the body each (on real
// portal pages, 200 link texts times a 10 KB body were 4% of the crawl's
// CPU). A window present says nothing: strings.Contains decides.
type windowSet [1 << 10]uint64 // 65,536 bits, 8 KB

// windowBits is the number of bits a window's hash indexes.
const windowBits = 16

func windowHash(w uint32) uint32 { return (w * 2654435761) >> (32 - windowBits) }

func window(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

// add records every 4-byte window of text.
func (ws *windowSet) add(text string) {
	for i := 0; i+4 <= len(text); i++ {
		h := windowHash(window(text, i))
		ws[h>>6] |= 1 << (h & 63)
	}
}

// mayContain reports false only when s cannot occur in the text added: one
// of its windows is missing. Strings shorter than a window always may.
func (ws *windowSet) mayContain(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		h := windowHash(window(s, i))
		if ws[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}
