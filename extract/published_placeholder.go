package extract

// This file holds the placeholder dates of structured data: a CMS that
// knows only an item's year, or nothing, fills a date field with the first
// of January ("dateCreated" "01/01/2004" on a recipe updated in 2019).

// isPlaceholderDay reports whether c is a structured date that is only a
// day, and that day the first of January.
func isPlaceholderDay(c *dateCandidate) bool {
	if c.hasTime || c.src == srcText || c.src == srcURL || c.src == srcTitle {
		return false
	}
	_, m, d := c.t.Date()
	return m == 1 && d == 1
}

// ownDate reports a candidate that dates the page itself: structured data,
// or a printed date labelled as the page's publication or update time and
// not among a listing's dates. Any printed date (a related post's, a
// footer list's) would overrule a real first of January: a story from New
// Year's Day.
func ownDate(c *dateCandidate) bool {
	if c.src != srcText {
		return true
	}
	return (c.label || c.updated) && !c.listed && !c.bad
}

// dropPlaceholders removes the placeholder structured dates when the page
// has other evidence of its own (ownDate), none of it on that same day: the printed date then
// dates the page better than a year's first day. The slice is filtered in
// place.
func dropPlaceholders(cands []dateCandidate) []dateCandidate {
	var drop, other bool
	for i := range cands {
		if isPlaceholderDay(&cands[i]) {
			drop = true
		}
	}
	if !drop {
		return cands
	}
	for i := range cands {
		if isPlaceholderDay(&cands[i]) || !ownDate(&cands[i]) {
			continue
		}
		for j := range cands {
			if isPlaceholderDay(&cands[j]) && sameDay(cands[i].t, cands[j].t) {
				return cands
			}
		}
		other = true
	}
	if !other {
		return cands
	}
	kept := cands[:0]
	for _, c := range cands {
		if !isPlaceholderDay(&c) {
			kept = append(kept, c)
		}
	}
	return kept
}
