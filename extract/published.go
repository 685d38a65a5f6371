package extract

import "time"

// dateCandidate is one piece of evidence for the publish date.
type dateCandidate struct {
	t       time.Time
	hasTime bool
}

// choosePublished weighs the date evidence: structured data first, then
// visible text near the headline, then the URL. A day-only value is
// completed by a candidate of the same day that prints a time.
func choosePublished(p *document, info, tail []string, pageURL string, loc *time.Location, now time.Time) time.Time {
	var cands []dateCandidate
	add := func(s string) {
		if s == "" {
			return
		}
		if t, hasTime, ok := parseDate(s, loc); ok {
			cands = append(cands, dateCandidate{t, hasTime})
		}
	}
	add(p.meta.ld.published)
	if p.meta.ld.published == "" {
		add(p.meta.ldAnyDate)
	}
	for _, k := range dateMetaKeys {
		add(p.meta.metas[k])
	}
	for _, s := range p.meta.timeAttrs {
		add(s)
	}
	for _, s := range info {
		if t, hasTime, _, _, ok := findDate(s, loc); ok {
			cands = append(cands, dateCandidate{t, hasTime})
		} else if !now.IsZero() {
			if t, ok := parseRelativeDate(s, now, loc); ok {
				cands = append(cands, dateCandidate{t, true})
			}
		}
	}
	// Blogs and forums print "发表于 …" after the post; some sites put the
	// date in the <title>.
	if len(cands) == 0 {
		for _, s := range append(tail, p.meta.titleTag) {
			if t, hasTime, _, _, ok := findDate(s, loc); ok {
				cands = append(cands, dateCandidate{t, hasTime})
				break
			}
		}
	}
	if t, ok := dateFromURL(pageURL); ok {
		cands = append(cands, dateCandidate{t, false})
	}
	if len(cands) == 0 {
		return time.Time{}
	}
	best := cands[0]
	if !best.hasTime {
		y, m, d := best.t.Date()
		for _, c := range cands[1:] {
			if !c.hasTime {
				continue
			}
			cy, cm, cd := c.t.In(best.t.Location()).Date()
			if cy == y && cm == m && cd == d {
				return c.t
			}
		}
	}
	return best.t
}
