package evaluate

import (
	"strings"
	"time"
)

// scorePyChecks makes the checks shared/tools/score.py makes on one page
// of a folder dataset and returns how many were met out of how many made:
// title (normalised equality), date (scorePyDate), source (normalised
// equality), authors and editor (as sets of names), each where the label
// is present, and always the body (bag F1 >= CheckF1 with every
// must_contain string and no must_not_contain string). Pages marked
// not_article make no check, as in score.py.
func scorePyChecks(t *Truth, out Output) (met, total int) {
	if t.NotArticle {
		return 0, 0
	}
	check := func(ok bool) {
		total++
		if ok {
			met++
		}
	}
	if t.Title != nil {
		check(sameText(out.Title, *t.Title))
	}
	if t.Date != nil {
		check(scorePyDate(*t.Date, out.Date))
	}
	if t.Source != nil {
		check(sameText(out.Source, *t.Source))
	}
	if t.HasAuthors {
		check(sameNames(out.Authors, t.Authors))
	}
	if t.Editor != nil {
		check(sameNames([]string{out.Editor}, []string{*t.Editor}))
	}
	want := ""
	if t.Body != nil {
		want = *t.Body
	}
	_, _, f := BagScore(out.Body, want)
	ok := f >= CheckF1
	for _, s := range t.MustNotContain {
		ok = ok && !strings.Contains(out.Body, s)
	}
	for _, s := range t.MustContain {
		ok = ok && strings.Contains(out.Body, s)
	}
	check(ok)
	return met, total
}

// scorePyDate is score.py's date check. A day label ("2006-01-02") must
// equal the first ten characters of the output's RFC 3339 date, that is the
// day in the output's own offset. A label with a time must state the same
// instant in the same offset; a label whose seconds are zero also accepts
// any seconds within its minute (the seconds a page's metadata adds). Year
// and month labels, and timed labels without an offset, never match (score.py
// cannot parse the first nor compare the second with a zoned output).
func scorePyDate(d DateLabel, got time.Time) bool {
	if got.IsZero() {
		return false
	}
	switch {
	case d.Prec == PrecDay:
		return got.Format(time.DateOnly) == time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	case d.Prec < PrecDay || !d.Zoned:
		return false
	}
	if _, off := got.Zone(); off != d.Offset {
		return false
	}
	want := time.Date(d.Year, time.Month(d.Month), d.Day, d.Hour, d.Minute, d.Second, 0, time.FixedZone("", d.Offset))
	return got.Equal(want) || d.Second == 0 && got.Truncate(time.Minute).Equal(want)
}
