package evaluate

import (
	"fmt"
	"io"
	"math"
)

// Change is one score of one dataset half that differs between two
// evaluations of the same pages.
type Change struct {
	Dataset string
	Half    Half
	Field   string  // "body F1", "title", "checks met", ...
	Before  float64 // -1: not scored before
	After   float64
}

// Dropped reports a score that went down (by more than rounding).
func (c Change) Dropped() bool { return c.Before >= 0 && c.After < c.Before-compareEpsilon }

// compareEpsilon ignores float noise in averaged scores.
const compareEpsilon = 1e-9

// Compare lists every score of now that differs from the same dataset and
// half in base: body F1, WCXB's snippet shares (leaks count as a drop when
// they rise), and each field's accuracy. A dataset or half missing from base
// is skipped. It is how a change is checked against the rule that it must
// hold on both halves of every dataset.
func Compare(base, now []Result) []Change {
	type key struct {
		ds   string
		half Half
	}
	old := make(map[key]Result, len(base))
	for _, r := range base {
		old[key{r.Dataset, r.Half}] = r
	}
	var out []Change
	for _, r := range now {
		b, ok := old[key{r.Dataset, r.Half}]
		if !ok {
			continue
		}
		for _, s := range scoresOf(r) {
			before := -1.0
			for _, bs := range scoresOf(b) {
				if bs.name == s.name {
					before = bs.v
				}
			}
			if math.Abs(before-s.v) > compareEpsilon {
				out = append(out, Change{Dataset: r.Dataset, Half: r.Half, Field: s.name, Before: before, After: s.v})
			}
		}
	}
	return out
}

type namedScore struct {
	name string
	v    float64
}

// scoresOf lists the comparable scores of r, higher is better for all.
func scoresOf(r Result) []namedScore {
	var out []namedScore
	if r.Body.N > 0 {
		out = append(out, namedScore{"body F1", r.Body.F1})
		if s := r.Body.Snippets; s != nil {
			out = append(out, namedScore{"with snippets found", s.WithFound}, namedScore{"without snippets kept out", 1 - s.WithoutLeaked})
		}
	}
	for _, c := range []struct {
		name string
		c    Count
	}{{"title", r.Title}, {"date (day)", r.DateDay}, {"date+time", r.DateTime}, {"authors", r.Authors},
		{"source", r.Source}, {"editor", r.Editor}, {"checks", r.Checks}, {"checks met", r.ChecksMet}} {
		if c.c.N > 0 {
			out = append(out, namedScore{c.name, c.c.Rate()})
		}
	}
	return out
}

// WriteChanges prints the changes as a Markdown list, drops first, and a
// closing verdict line.
func WriteChanges(w io.Writer, changes []Change) error {
	drops := 0
	for _, pass := range []bool{true, false} {
		for _, c := range changes {
			if c.Dropped() != pass {
				continue
			}
			if pass {
				drops++
			}
			mark := "up"
			if pass {
				mark = "**DOWN**"
			}
			before := fmt.Sprintf("%.4f", c.Before)
			if c.Before < 0 {
				before = "–"
			}
			if _, err := fmt.Fprintf(w, "- %s %s [%s] %s: %s → %.4f\n", mark, c.Dataset, c.Half, c.Field, before, c.After); err != nil {
				return err
			}
		}
	}
	verdict := "every score held or improved on every dataset and half"
	if drops > 0 {
		verdict = fmt.Sprintf("%d scores dropped", drops)
	}
	_, err := fmt.Fprintf(w, "\n%d changed scores; %s.\n", len(changes), verdict)
	return err
}
