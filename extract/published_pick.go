package extract

import (
	"strings"
	"time"
)

// This file holds the choice among the date candidates: structured data
// against the date printed by the headline, zone slips between the two,
// ambiguous day/month order, and a day completed with a time.

// farDist bounds the fallback search when nothing is near the headline:
// further away, dates belong to archives, comments and other articles.
const farDist = 200

// nearDist is how many blocks from the headline a printed date still
// counts as the article's own (its info line, byline or dateline).
const nearDist = 8

// pickPublished chooses among the candidates: the structured date, unless
// the date printed beside the headline says otherwise (pages republish,
// and metadata often carries a first-draft, modified or UTC date).
func pickPublished(cands []dateCandidate, lang, pageURL string) time.Time {
	t, _ := pickPublishedWhy(cands, lang, pageURL, nil)
	return t
}

// pickPublishedWhy is pickPublished that also names the rule that decided,
// for the --explain trace. mods are the page's stated modification times
// (JSON-LD dateModified, a modification <meta>), nil when it states none.
func pickPublishedWhy(cands []dateCandidate, lang, pageURL string, mods []time.Time) (time.Time, string) {
	if len(cands) == 0 {
		return time.Time{}, "none"
	}
	resolveAmbiguous(cands, lang)
	var structured, attrs, near, nearUpd []int
	head, headUpd, far, url, title, upd, img := -1, -1, -1, -1, -1, -1, -1
	farOwn := -1 // the closest date in the article's own text, not in a listing
	for i := range cands {
		c := &cands[i]
		switch c.src {
		case srcLD, srcMeta:
			structured = append(structured, i)
		case srcTimeAttr:
			attrs = append(attrs, i)
		case srcURL:
			url = i
		case srcTitle:
			title = i
		case srcImage, srcLast:
			img = i
		case srcText:
			isNear := c.dist <= nearDist && c.near
			if c.updated {
				if isNear && (headUpd < 0 || c.dist < cands[headUpd].dist) {
					headUpd = i
				}
				if isNear {
					nearUpd = append(nearUpd, i)
				}
				if upd < 0 || c.dist < cands[upd].dist {
					upd = i
				}
				continue
			}
			if isNear && !c.listed {
				near = append(near, i)
			}
			if isNear && !c.listed && (!c.inBody || c.label || c.line) && (head < 0 || nearKey(c) < nearKey(&cands[head])) {
				head = i
			}
			if c.dist <= farDist && (far < 0 || c.dist < cands[far].dist) {
				far = i
			}
			if c.dist <= farDist && c.inBody && !c.listed && (farOwn < 0 || c.dist < cands[farOwn].dist) {
				farOwn = i
			}
		}
	}
	if len(structured) == 0 {
		structured = attrs
	}
	for i := range cands {
		if cands[i].src == srcLDAny {
			structured = append(structured, i)
		}
	}
	if len(structured) == 0 && url >= 0 {
		structured = []int{url}
	}
	if len(structured) == 0 && head < 0 && far >= 0 && cands[far].listed && listingURL(pageURL) {
		// A front or section page is as new as its newest entry.
		for i := range cands {
			c := &cands[i]
			if c.src == srcText && !c.inBody && !c.updated && c.dist <= farDist && c.t.After(cands[far].t) {
				far = i
			}
		}
	}
	if far >= 0 && cands[far].listed && farOwn >= 0 && !(len(structured) == 0 && head < 0 && listingURL(pageURL)) {
		// A related-articles box dates other articles; a date printed in
		// the article's own text is its own, however far down.
		far = farOwn
	}
	if len(structured) == 0 {
		// With nothing better, an update time beats an unrelated date.
		for _, i := range [...]int{head, headUpd, title, far, upd, img} {
			if i >= 0 {
				return complete(cands, i), "fallback"
			}
		}
		if i := loneDateLine(cands); i >= 0 {
			return complete(cands, i), "lone-line"
		}
		return time.Time{}, "none"
	}
	s := localStructured(cands, republished(cands, structured, zoneSlip(cands, structured), mods))
	sc := &cands[s]
	sc.t = localMidnight(sc.t)
	if head < 0 {
		if len(attrs) > 0 && sc.src != srcTimeAttr && utcShifted(sc, &cands[attrs[0]]) {
			return complete(cands, attrs[0]), "utc-attr"
		}
		return complete(cands, s), "structured-nohead"
	}
	h := &cands[head]
	if t, ok := printedClock(sc, h); ok {
		return t, "clock"
	}
	for _, i := range near {
		if sameDay(sc.t, cands[i].t) {
			return complete(cands, s), "near-agrees"
		}
	}
	if utcShifted(sc, h) {
		// Metadata in UTC, the page in local time: keep the page's day, and
		// its offset when the printed time tells it.
		wall := time.Date(h.t.Year(), h.t.Month(), h.t.Day(), h.t.Hour(), h.t.Minute(), h.t.Second(), 0, time.UTC)
		if d := wall.Sub(sc.t); h.hasTime && d%(15*time.Minute) == 0 && d >= -14*time.Hour && d <= 14*time.Hour {
			return sc.t.In(fixedZone(int(d / time.Second))), "utc-shift-zone"
		}
		return complete(cands, head), "utc-shift"
	}
	// Metadata matching the printed "Updated …" time is the modification
	// date; the page's publication line is the other one.
	for _, i := range nearUpd {
		if sameDay(sc.t, cands[i].t) && (h.label || h.block == cands[i].block) {
			return complete(cands, head), "meta-is-update"
		}
	}
	// A <time> element agreeing with only one side settles it.
	sAttr, hAttr := false, false
	for _, i := range attrs {
		if sc.src == srcTimeAttr {
			break
		}
		sAttr = sAttr || sameDay(cands[i].t, sc.t)
		hAttr = hAttr || sameDay(cands[i].t, h.t)
	}
	if sAttr != hAttr {
		if sAttr {
			return complete(cands, s), "attr-structured"
		}
		return complete(cands, head), "attr-head"
	}
	if url >= 0 && sc.src != srcURL {
		// The URL was fixed at first publication.
		switch {
		case sameDay(cands[url].t, sc.t):
			return complete(cands, s), "url-structured"
		case sameDay(cands[url].t, h.t):
			return complete(cands, head), "url-head"
		}
	}
	if h.label || h.dist <= 2 || h.line && sc.src == srcTimeAttr && manyDays(cands, attrs) {
		// <time> elements naming several days date comments and related
		// items as well as the article: a date line by the headline is
		// the better witness.
		return complete(cands, head), "head-label"
	}
	return complete(cands, s), "structured"
}

// manyDays reports whether the candidates at idx name more than one day.
func manyDays(cands []dateCandidate, idx []int) bool {
	for _, i := range idx[1:] {
		if !sameDay(cands[i].t, cands[idx[0]].t) {
			return true
		}
	}
	return false
}

// listingURL reports whether u looks like a front or section page: a path
// of at most one short word, where articles have slugs, ids or files.
func listingURL(u string) bool {
	if k := strings.Index(u, "://"); k >= 0 {
		u = u[k+3:]
		if slash := strings.IndexByte(u, '/'); slash >= 0 {
			u = u[slash:]
		} else {
			u = ""
		}
	}
	if k := strings.IndexByte(u, '#'); k >= 0 {
		u = u[:k]
	}
	if k := strings.IndexByte(u, '?'); k >= 0 {
		if strings.ContainsAny(u[k:], "0123456789") { // "?p=959", "?id=12"
			return false
		}
		u = u[:k]
	}
	u = strings.Trim(u, "/")
	if len(u) > 24 || strings.ContainsAny(u, "/-_.0123456789") {
		return false
	}
	return true
}

// utcShifted reports whether s, a UTC time, and v, a date as the page
// prints it, can be the same moment in some zone while printing different
// days.
func utcShifted(s, v *dateCandidate) bool {
	if _, off := s.t.Zone(); off != 0 || !s.hasTime || sameDay(s.t, v.t) {
		return false
	}
	wall := time.Date(v.t.Year(), v.t.Month(), v.t.Day(), v.t.Hour(), v.t.Minute(), v.t.Second(), 0, time.UTC)
	d := wall.Sub(s.t)
	if v.hasTime {
		return d >= -12*time.Hour && d <= 14*time.Hour
	}
	// A printed day spans 24 hours of wall time.
	return d+24*time.Hour > -12*time.Hour && d <= 14*time.Hour
}

// localMidnight reads a UTC time of exactly 20:00 to 23:00 as midnight of
// the next day east of Greenwich: CMSs store a date picked without a time
// that way.
func localMidnight(t time.Time) time.Time {
	if _, off := t.Zone(); off != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 || t.Hour() < 20 {
		return t
	}
	return t.In(fixedZone((24 - t.Hour()) * 3600))
}

// nearKey ranks dates near the headline: closer first, labelled ones
// count as two blocks closer.
func nearKey(c *dateCandidate) int {
	k := 2 * c.dist
	if c.label {
		k -= 4
	}
	return k
}

// resolveAmbiguous settles "03/04/2020" dates: the reading another
// candidate confirms, else month first on English pages and day first on
// the others. Dotted short dates ("02.12.19") stay day first unless
// confirmed otherwise.
func resolveAmbiguous(cands []dateCandidate, lang string) {
	ambiguous := false
	for i := range cands {
		ambiguous = ambiguous || !cands[i].alt.IsZero()
	}
	if !ambiguous {
		return // nothing to settle: no map to build
	}
	// The days the unambiguous candidates name, looked up in constant time
	// so pages full of "03/04/2020" stay linear.
	var days map[[3]int]bool
	for i := range cands {
		if !cands[i].alt.IsZero() {
			continue
		}
		if days == nil {
			days = make(map[[3]int]bool, len(cands))
		}
		days[dayKey(cands[i].t)] = true
	}
	for i := range cands {
		c := &cands[i]
		if c.alt.IsZero() {
			continue
		}
		asIs, swapped := days[dayKey(c.t)], days[dayKey(c.alt)]
		if swapped && !asIs || !swapped && !asIs && !c.dayFirst && !strings.HasPrefix(lang, "en") {
			c.t = c.alt
		}
		c.alt = time.Time{}
	}
}

func dayKey(t time.Time) [3]int {
	y, m, d := t.Date()
	return [3]int{y, int(m), d}
}

// zoneSlip returns the structured candidate to start from: the first,
// unless another states the same minute and second a whole number of
// hours earlier on another day. One of the two is then a local wall time
// stamped with the wrong zone, and the earlier reading is the one that
// agrees with the first publication.
func zoneSlip(cands []dateCandidate, structured []int) int {
	s := structured[0]
	a := &cands[s]
	if !a.hasTime || a.src > srcMeta {
		return s
	}
	for _, i := range structured[1:] {
		b := &cands[i]
		if b.src > srcMeta || !b.hasTime || sameDay(a.t, b.t) {
			continue
		}
		d := a.t.Sub(b.t)
		if d > 0 && d <= 14*time.Hour && d%time.Hour == 0 {
			return i
		}
	}
	return s
}

// republishGap is how far apart two publish dates in the metadata must be
// for the later one to be a republication rather than a slip of zone,
// draft or typo.
const republishGap = 30 * 24 * time.Hour

// republished returns the latest JSON-LD or <meta> publish date when it is
// more than republishGap after cands[s], else s. A page refreshed and put
// out again (a yearly "best of" guide) keeps its first datePublished in one
// place and states the new one in another; the new one is the date the
// page presents. A republication is a modification, so the later date must
// not come after a modification time the page states (a film's
// og:release_date, an event's date, an expiry written as a publish <meta>
// all lie ahead of it); a page stating none must give the later date a
// clock time, as a publishing system stamps it, where a release, event or
// review date is a bare day.
func republished(cands []dateCandidate, structured []int, s int, mods []time.Time) int {
	best := s
	for _, i := range structured {
		if c := &cands[i]; c.src <= srcMeta && c.t.After(cands[best].t) && republishConfirmed(c, mods) {
			best = i
		}
	}
	if cands[best].t.Sub(cands[s].t) <= republishGap {
		return s
	}
	return best
}

// republishConfirmed reports whether c, a later publish date, is borne out
// as a republication: not after the latest stated modification time
// (a day's slack for zones and day-only values), or with none stated,
// stamped with a time of day.
func republishConfirmed(c *dateCandidate, mods []time.Time) bool {
	if len(mods) == 0 {
		return c.hasTime
	}
	var last time.Time
	for _, m := range mods {
		if m.After(last) {
			last = m
		}
	}
	return !c.t.After(last.Add(24 * time.Hour))
}

// localStructured returns the candidate stating the same instant as
// cands[i] with the page's own offset, when cands[i] is in UTC.
func localStructured(cands []dateCandidate, i int) int {
	if _, off := cands[i].t.Zone(); off != 0 || !cands[i].hasTime {
		return i
	}
	for j := range cands {
		if cands[j].src > srcTimeAttr || !cands[j].hasTime || !cands[j].t.Equal(cands[i].t) {
			continue
		}
		if _, off := cands[j].t.Zone(); off != 0 {
			return j
		}
	}
	return i
}

// complete returns cands[i]'s time, or when it prints only a day, the time
// of another candidate on that day.
func complete(cands []dateCandidate, i int) time.Time {
	c := &cands[i]
	if c.hasTime {
		return c.t
	}
	for j := range cands {
		if cands[j].hasTime && !cands[j].updated && !cands[j].rel && sameDay(c.t, cands[j].t) {
			return cands[j].t
		}
	}
	return c.t
}

// sameDay reports whether a and b print the same calendar day, each in its
// own zone.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// loneDateLine returns the page's only date line, however far from the
// headline (an author box under a long article: "Written by …" "April 8,
// 2024"), when the page states no other date at all; -1 otherwise.
func loneDateLine(cands []dateCandidate) int {
	found := -1
	for i := range cands {
		c := &cands[i]
		if c.src != srcText {
			return -1
		}
		if found >= 0 {
			return -1
		}
		if !c.line || c.listed || c.bad || c.rel || c.updated {
			return -1
		}
		found = i
	}
	return found
}
