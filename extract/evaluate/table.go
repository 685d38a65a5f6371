package evaluate

import (
	"fmt"
	"io"
	"strings"
)

// metricLabel names each body metric in tables.
var metricLabel = map[Metric]string{
	MetricNone:     "–",
	MetricShingle:  "4-gram shingles",
	MetricSegments: "with/without segments",
	MetricBag:      "bag F1 (CJK bigrams / tokens)",
	MetricWords:    "word F1 (WCXB)",
}

// fmtRate prints an accuracy as "0.912 (57)", or "–" when unlabelled.
func fmtRate(c Count) string {
	if c.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f (%d)", c.Rate(), c.N)
}

func fmtBody(b BodyScore) (p, r, f string) {
	if b.N == 0 {
		return "–", "–", "–"
	}
	return fmt.Sprintf("%.3f", b.P), fmt.Sprintf("%.3f", b.R), fmt.Sprintf("%.3f", b.F1)
}

// fmtSnippets prints WCXB's snippet shares as "found / leaked", or "–".
func fmtSnippets(b BodyScore) string {
	if b.N == 0 || b.Snippets == nil {
		return "–"
	}
	return fmt.Sprintf("%.3f / %.3f", b.Snippets.WithFound, b.Snippets.WithoutLeaked)
}

// WriteTable writes results as one Markdown table, a row per dataset, half
// and tool, in the order given. Accuracies show the number of labelled
// pages (or checks) in parentheses; "–" marks a field the dataset does not
// label. "snippets" is WCXB's share of "with" snippets found and of
// "without" snippets leaked; "checks met" is the share of score.py's checks.
func WriteTable(w io.Writer, results []Result) error {
	var b strings.Builder
	b.WriteString("| dataset | half | tool | pages | failed | body metric | body P | body R | body F1 | snippets found / leaked | title | date (day) | date+time | authors | source | editor | checks | checks met | U+FFFD pages |\n")
	b.WriteString("|---|---|---|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range results {
		p, rc, f := fmtBody(r.Body)
		metric := metricLabel[r.Body.Metric]
		if r.Body.N == 0 {
			metric = "–"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n",
			r.Dataset, r.Half, r.Tool, r.Pages, r.Failed, metric, p, rc, f, fmtSnippets(r.Body),
			fmtRate(r.Title), fmtRate(r.DateDay), fmtRate(r.DateTime), fmtRate(r.Authors),
			fmtRate(r.Source), fmtRate(r.Editor), fmtRate(r.Checks), fmtRate(r.ChecksMet), r.FFFD)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMisses writes, per result, the pages that missed a field or scored
// a body F1 below minF1, as a Markdown list: the worklist for improving
// the extractor.
func WriteMisses(w io.Writer, results []Result, minF1 float64) error {
	var b strings.Builder
	for _, r := range results {
		if r.Half != HalfAll {
			continue // the whole dataset's list holds every half's pages
		}
		fmt.Fprintf(&b, "\n### %s — %s\n\n", r.Dataset, r.Tool)
		listed := 0
		for _, p := range r.PerPage {
			low := p.BodyF1 != nil && *p.BodyF1 < minF1
			if !low && len(p.Misses) == 0 && p.Err == "" && !p.HasFFFD {
				continue
			}
			listed++
			fmt.Fprintf(&b, "- %s:", p.Name)
			if p.BodyF1 != nil {
				fmt.Fprintf(&b, " body_f1=%.3f", *p.BodyF1)
			}
			if len(p.Misses) > 0 {
				fmt.Fprintf(&b, " miss=%s", strings.Join(p.Misses, ","))
			}
			if p.WantDate != "" {
				fmt.Fprintf(&b, " date got=%q want=%q", p.GotDate, p.WantDate)
			}
			if len(p.Leaked) > 0 {
				fmt.Fprintf(&b, " leaked=%q", p.Leaked)
			}
			if len(p.Missing) > 0 {
				fmt.Fprintf(&b, " missing=%q", p.Missing)
			}
			if p.HasFFFD {
				b.WriteString(" U+FFFD")
			}
			if p.Err != "" {
				fmt.Fprintf(&b, " error=%q", p.Err)
			}
			b.WriteByte('\n')
		}
		if listed == 0 {
			b.WriteString("- no page missed a field\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
