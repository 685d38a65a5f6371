package extract

import (
	"strings"
	"time"
)

// This file reads a relative date word ("昨天", "前天 08:10", "yesterday")
// printed where the date goes when the time of the crawl is unknown: the
// page rendered the word from a date it states in its metadata or
// scripts, and that date is the publish date.

// relativeClock returns an arbitrary reference time: it only tells whether
// a line reads as a relative date, never which day that is.
func relativeClock() time.Time { return time.Date(2000, 6, 15, 12, 0, 0, 0, time.UTC) }

// maxRelativeRunes bounds a line that can hold a relative date slot.
const maxRelativeRunes = 40

// relativeSlot reports block b (index i) as a place a relative date word
// can stand: a short line near the headline (anchor).
func relativeSlot(b *block, i, anchor int) bool {
	d := i - anchor
	if d < 0 {
		d = -d
	}
	return d <= nearDist && b.runes <= maxRelativeRunes && b.class != blockBad
}

// relativeCandidate returns the date a relative word in block i stands
// for: the first full date (not a bare epoch number, which may be an id
// or the server's clock) in the page's metadata and scripts, completed
// with a time of that day when one is stated.
func (pd *partialDates) relativeCandidate(i, dist int, inBody bool) (dateCandidate, bool) {
	in := pd.in
	b := &in.w.blocks[i]
	if _, ok := parseRelativeDate(b.text, relativeClock(), time.UTC); !ok {
		return dateCandidate{}, false
	}
	for _, e := range pd.evidence() {
		if e.epoch {
			continue
		}
		t := e.t
		if !e.hasTime {
			t = pd.dayTime(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location()))
		}
		return dateCandidate{t: t, hasTime: e.hasTime || t.Hour()|t.Minute()|t.Second() != 0, src: srcText, block: i,
			dist: dist, inBody: inBody, near: true, label: true, rel: true,
			line: len(strings.TrimSpace(b.text)) <= 24}, true
	}
	return dateCandidate{}, false
}
