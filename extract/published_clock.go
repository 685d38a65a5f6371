package extract

import "time"

// printedClock returns the time printed beside the headline (h) when it
// falls on the structured candidate's (s) day but names another minute:
// the page prints when the article went out, while portals' metadata
// often carries when the record was saved or last pushed. The printed
// time is compared both as printed (its wall clock in the metadata's zone)
// and as the instant its own zone makes it, since a zone next to a printed
// time may be the page's default rather than printed: when either reading
// lands in the metadata's minute, or a whole number of quarter hours away
// (a zone read differently), the metadata stands.
func printedClock(s, h *dateCandidate) (time.Time, bool) {
	if !s.hasTime || !h.hasTime || h.rel || h.updated || !(h.label || h.line) {
		return time.Time{}, false
	}
	st := s.t
	if !sameDay(st, h.t) {
		return time.Time{}, false
	}
	wall := time.Date(h.t.Year(), h.t.Month(), h.t.Day(), h.t.Hour(), h.t.Minute(), h.t.Second(), 0, st.Location())
	for _, t := range [...]time.Time{wall, h.t} {
		if sameClock(t, st, h.t.Second() == 0) {
			return time.Time{}, false
		}
	}
	return wall, true
}

// sameClock reports whether printed time p and metadata time m agree: the
// same instant or a whole number of quarter hours apart (a zone read
// differently), to the minute when p prints none of its seconds (metadata
// "13:51:19Z" and a printed "10:51" in UTC-3 agree).
func sameClock(p, m time.Time, noSeconds bool) bool {
	if noSeconds {
		m = m.Truncate(time.Minute)
	}
	return p.Sub(m)%(15*time.Minute) == 0
}
