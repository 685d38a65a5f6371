package dedup

import (
	"strings"
	"unicode"
)

// TemplateMin is how many different records of one host must print a line
// in their bodies for it to be that site's template (a footer, a standing
// 编者按, an editor line, a share bar left in the body) rather than story
// text. A story is printed once per site, so its paragraphs stay; a
// syndicated story's paragraphs recur across sites, which are counted
// apart.
const TemplateMin = 3

// Templates learns each site's template lines so that they can be dropped
// before fingerprinting: the measured failure of shingle similarity is two
// short stories in one heavy template looking alike (eval_test.go). It
// counts (host, line) pairs in a count-min sketch (Cormode and
// Muthukrishnan 2005) of three rows of one-byte counters, so its memory is
// fixed whatever the number of records; a rare line is taken for template
// only if it collides with frequent ones in all three rows.
type Templates struct {
	rows [3][]uint8
	mask uint64
}

// NewTemplates returns a Templates with 2^bits counters per row (3×2^bits
// bytes); about 4 counters per distinct line keeps wrong drops rare.
func NewTemplates(bits uint) *Templates {
	t := &Templates{mask: 1<<bits - 1}
	for i := range t.rows {
		t.rows[i] = make([]uint8, 1<<bits)
	}
	return t
}

// hostHash starts a line key with its host.
func hostHash(host string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(host); i++ {
		h = (h ^ uint64(host[i])) * fnvPrime
	}
	return (h ^ '/') * fnvPrime
}

// lineKey returns the key of one line under a host, and false for a line
// with nothing but spaces and punctuation. Spaces and punctuation are
// dropped, so a template line matches however it was spaced; there is no
// NFKC (a site prints its own template in one form, and it would double
// the cost of learning).
func lineKey(hh uint64, line string) (uint64, bool) {
	h, n := hh, 0
	for _, r := range line {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			continue
		}
		h = (h ^ uint64(r)) * fnvPrime
		n++
	}
	return mix64(h), n > 0
}

// slot returns row's counter of key k: independent positions per row.
func (t *Templates) slot(row int, k uint64) *uint8 {
	return &t.rows[row][mix64(k+uint64(row)*0x9e3779b97f4a7c15)&t.mask]
}

// Learn counts the distinct lines of one record's body under its host.
// Call it once per record (not per fetch of the same url).
func (t *Templates) Learn(host, body string) {
	hh := hostHash(host)
	seen := map[uint64]bool{}
	for _, line := range strings.Split(body, "\n") {
		k, ok := lineKey(hh, line)
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		for r := range t.rows {
			if p := t.slot(r, k); *p < 255 {
				*p++
			}
		}
	}
}

// isTemplate reports whether a line key was learnt TemplateMin times.
func (t *Templates) isTemplate(k uint64) bool {
	for r := range t.rows {
		if *t.slot(r, k) < TemplateMin {
			return false
		}
	}
	return true
}

// Strip returns body without the lines learnt as host's template.
func (t *Templates) Strip(host, body string) string {
	hh := hostHash(host)
	var b strings.Builder
	for _, line := range strings.Split(body, "\n") {
		if k, ok := lineKey(hh, line); ok && t.isTemplate(k) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return b.String()
}
