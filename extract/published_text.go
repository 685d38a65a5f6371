package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// This file holds the dates read from the page's visible text: each text
// block's dates with their labels (published, updated), their distance from
// the headline, and whether they sit in a listing of other articles.

// maxDateBlockRunes bounds the text blocks searched for a date: publish
// dates sit in short lines, while long prose mentions other dates.
const maxDateBlockRunes = 160

// textCandidates appends the dates printed in short text blocks.
func (in *publishedInput) textCandidates(cands []dateCandidate) []dateCandidate {
	w := in.w
	if w == nil {
		return cands
	}
	anchor := in.head
	if anchor < 0 && len(in.body) > 0 {
		anchor = in.body[0]
	}
	if anchor < 0 {
		anchor = 0
	}
	// One flag per block: a slice costs one allocation where a map costs
	// several and a hash per lookup.
	inBody := make([]bool, len(w.blocks))
	for _, i := range in.body {
		inBody[i] = true
	}
	partials := partialDates{in: in}
	for i := range w.blocks {
		b := &w.blocks[i]
		if i == in.head || !hasDateDigit(b.text) && in.now.IsZero() && !relativeSlot(b, i, anchor) {
			continue
		}
		text, most := b.text, 3
		if b.runes > maxDateBlockRunes {
			// A long block is prose, unless it is a post's meta line
			// ("This entry was posted on Saturday, December 3rd, 2011
			// and is filed under …"): then its opening holds the date.
			if !dateElementWithin(b.node, 2) && !startsWithDateline(text) {
				continue
			}
			text, most = runePrefix(text, longDatePrefix), 1
		}
		dist := i - anchor
		if dist < 0 {
			dist = -dist
		}
		off := 0
		found := false
		for n := 0; n < most && off < len(text); n++ {
			m, ok := w.findDateMatch(text[off:])
			if !ok {
				break
			}
			found = true
			if !m.hasTime && len(text) == len(b.text) && strings.TrimSpace(text[off+m.end:]) == "" {
				m = nextBlockTime(w, i, m)
			}
			c := dateCandidate{t: m.time(in.loc), hasTime: m.hasTime, src: srcText, block: i, dist: dist,
				inBody: inBody[i], bad: b.class == blockBad, near: b.eff() <= 150 && !b.caption,
				listed: b.why == "section" || b.why == "teaser"}
			if m.ambiguous || m.dayFirst {
				if sw, ok := m.swapped(); ok {
					c.alt, c.dayFirst = sw.time(in.loc), m.dayFirst
				}
			}
			c.line = len(strings.TrimSpace(text))-(m.end-m.start) <= 24
			before := text[:off+m.start]
			end := m.end
			if n == 0 && strings.TrimSpace(before) == "" && i > 0 && w.blocks[i-1].runes <= 20 {
				before = w.blocks[i-1].text // "Datum:" in its own element
			}
			c.updated, c.label = dateLabel(before)
			if !c.label && !c.updated && (dateElement(b.node) || readingTimeLine(b)) {
				c.label = true
			}
			cands = append(cands, c)
			off += end
		}
		if n := len(cands); found && cands[n-1].block == i && (n < 2 || cands[n-2].block != i) && !cands[n-1].updated && !cands[n-1].label {
			// "November 28, 2013 -- Updated 0203 GMT": a lone date followed
			// by an update label is that update's day.
			if u, _ := dateLabel(text); u {
				cands[n-1].updated = true
			}
		}
		if !found && dist <= nearDist && b.eff() <= 150 {
			if c, ok := partials.candidate(i, dist, inBody[i]); ok {
				cands = append(cands, c)
				found = true
			}
		}
		if !found && in.now.IsZero() && relativeSlot(b, i, anchor) {
			if c, ok := partials.relativeCandidate(i, dist, inBody[i]); ok {
				cands = append(cands, c)
				found = true
			}
		}
		if !found && !in.now.IsZero() && dist <= 12 {
			if t, ok := parseRelativeDate(text, in.now, in.loc); ok {
				t = partials.dayTime(t)
				cands = append(cands, dateCandidate{t: t, hasTime: true, src: srcText, block: i, dist: dist,
					inBody: inBody[i], bad: b.class == blockBad, rel: true})
			}
		}
	}
	markListings(cands, in.head)
	return cands
}

// markListings flags text dates that sit among other dates a few blocks
// apart: teaser lists, archives and comment threads print one per entry.
// Text candidates are in block order, so only neighbours are compared. A
// date on the other side of the headline (head, -1 when none) does not
// count: a teaser list ending above the headline says nothing of the date
// line below it.
func markListings(cands []dateCandidate, head int) {
	for i := range cands {
		c := &cands[i]
		if c.src != srcText || c.inBody {
			continue
		}
		others := 0
		count := func(o *dateCandidate) {
			if o.src == srcText && !o.inBody && o.block != c.block && !sameDay(o.t, c.t) && !acrossHeadline(c.block, o.block, head) {
				others++
			}
		}
		for j := i - 1; j >= 0 && cands[j].src == srcText && c.block-cands[j].block <= 8; j-- {
			count(&cands[j])
		}
		for j := i + 1; j < len(cands) && cands[j].src == srcText && cands[j].block-c.block <= 8; j++ {
			count(&cands[j])
		}
		if others >= 2 {
			c.listed = true
		}
	}
}

// acrossHeadline reports whether blocks a and b lie on opposite sides of
// the headline block head.
func acrossHeadline(a, b, head int) bool {
	return head >= 0 && (a < head) != (b < head)
}

// updateLabels and publishLabels are matched in lower case against the
// text just before a date.
var (
	updateLabels = [...]string{"update", "modifi", "edited", "revised", "aktualisiert", "geändert", "änderung",
		"mis à jour", "actualizado", "actualización", "aggiornato", "atualizado", "bijgewerkt", "gewijzigd",
		"uppdaterad", "opdateret", "oppdatert", "päivitetty", "zaktualizowano", "aktualizováno", "güncellen",
		"обновлено", "оновлено", "更新", "修改", "最后编辑", "最終更新", "수정", "bearbeitet"}
	publishLabels = [...]string{"publi", "posted", "veröffentlicht", "erschienen", "datum", "date", "fecha", "data",
		"发布", "發布", "发表", "發表", "时间", "時間", "日期", "입력", "등록", "опубликовано", "опубліковано", "written",
		"erstellt", "verfasst", "released", "created"}
)

// dateLabel reads the label closest before a date: an update label or a
// publication label, whichever comes last.
func dateLabel(before string) (updated, published bool) {
	// Only the words just before the date label it ("Published on
	// Monday, "), not an earlier sentence.
	if len(before) > 32 {
		before = before[len(before)-32:]
	}
	if before == "" {
		return false, false
	}
	low := strings.ToLower(before)
	// Most of the fifty labels open with two bytes the text lacks: a set
	// of the text's byte pairs rules them out without a search.
	pairs := bytePairsOf(low)
	u, uEnd, p := -1, -1, -1
	for _, l := range updateLabels {
		if k := lastIndexIf(pairs.has(l), low, l); k > u {
			u, uEnd = k, k+len(l)
		}
	}
	for _, l := range publishLabels {
		k := lastIndexIf(pairs.has(l), low, l)
		if k >= u && k < uEnd { // "date" inside "updated"
			k = strings.LastIndex(low[:u], l)
		}
		if k > p {
			p = k
		}
	}
	return u > p, p > u
}

// bytePairs is a set of the pairs of adjacent bytes of a short text,
// hashed into 256 bits: a pair not in it is surely not in the text.
type bytePairs [4]uint64

func bytePairsOf(s string) (set bytePairs) {
	for i := 0; i+1 < len(s); i++ {
		k := bytePairKey(s[i], s[i+1])
		set[k/64] |= 1 << (k % 64)
	}
	return set
}

func bytePairKey(a, b byte) uint8 { return a*31 + b }

// has reports whether the text may hold sub (at least two bytes long):
// false when its first two bytes are surely not in it.
func (set *bytePairs) has(sub string) bool {
	k := bytePairKey(sub[0], sub[1])
	return set[k/64]&(1<<(k%64)) != 0
}

// lastIndexIf is strings.LastIndex(s, sub), or -1 without a search when
// maybe is false (s surely lacks sub).
func lastIndexIf(maybe bool, s, sub string) int {
	if !maybe {
		return -1
	}
	return strings.LastIndex(s, sub)
}

// startsWithDateline reports whether a paragraph opens with a date and a
// dash, as a news item's first paragraph does: "27.1.2022 - Bei der …".
func startsWithDateline(text string) bool {
	m, ok := findDateMatch(runePrefix(text, 40))
	if !ok || m.start != 0 {
		return false
	}
	rest := strings.TrimLeft(text[m.end:], " \u00a0")
	return strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "– ") || strings.HasPrefix(rest, "— ")
}

// longDatePrefix is how many bytes of a long meta block are searched for
// its date.
const longDatePrefix = 120

// runePrefix returns s cut to at most n bytes on a rune boundary.
func runePrefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// dateElement reports whether n or a close ancestor is marked as holding
// a date or the article's byline by its class or id.
func dateElement(n *html.Node) bool { return dateElementWithin(n, 4) }

// dateElementWithin is dateElement looking at most depth levels up.
func dateElementWithin(n *html.Node, depth int) bool {
	for d := 0; n != nil && d < depth; d, n = d+1, n.Parent {
		for _, a := range n.Attr {
			if a.Key != "class" && a.Key != "id" {
				continue
			}
			v := strings.ToLower(a.Val)
			for _, k := range [...]string{"date", "time", "publish", "posted", "byline", "meta", "info", "author"} {
				if strings.Contains(v, k) {
					return true
				}
			}
		}
	}
	return false
}
