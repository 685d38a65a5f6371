package compare

import (
	"fmt"
	"strings"

	"github.com/newspipe/newspipe/extract/evaluate"
)

// whole returns the results over whole datasets, without the halves.
func (r *Report) whole() []evaluate.Result {
	var out []evaluate.Result
	for _, res := range r.Results {
		if res.Half == evaluate.HalfAll {
			out = append(out, res)
		}
	}
	return out
}

// mainScore is the one number a dataset is judged by: score.py's share of
// checks met on field-labelled folders, the date on date-only sets, the
// body score elsewhere. ok is false when the tool was not scored on it.
func mainScore(res evaluate.Result) (name string, v float64, ok bool) {
	switch {
	case res.Dataset == "zh-portal-fields" || res.ChecksMet.N > 0:
		return "checks met", res.ChecksMet.Rate(), res.ChecksMet.N > 0
	case res.Dataset == "htmldate-eval":
		return "date (day)", res.DateDay.Rate(), res.DateDay.N > 0
	}
	name = "body F1"
	if res.Dataset == "wcxb-articles" {
		name = "word F1"
	}
	return name, res.Body.F1, res.Body.N > 0
}

// writeHalves writes each dataset's main score per tool on the whole set
// and on its two fixed halves (evaluate.HalfOf), the best peer marked.
func (r *Report) writeHalves(b *strings.Builder) {
	b.WriteString("\n### Main score on each half\n\n")
	b.WriteString("Every dataset is also scored on two fixed halves (A and B, by a hash of the page name), so a lead that holds on only one half shows. ")
	b.WriteString("Main score: share of checks met (zh-portal-fields), date (day) (htmldate-eval), word F1 (wcxb-articles), body F1 otherwise.\n\n")
	b.WriteString("| dataset | score | tool | whole | A | B |\n|---|---|---|--:|--:|--:|\n")
	for _, d := range r.Datasets {
		for _, tool := range r.Tools {
			cells := make([]string, 0, 3)
			name := ""
			for _, h := range []evaluate.Half{evaluate.HalfAll, evaluate.HalfA, evaluate.HalfB} {
				res := r.result(d.Name, tool.Name, h)
				cell := "–"
				if res != nil {
					if n, v, ok := mainScore(*res); ok {
						cell, name = fmt.Sprintf("%.3f", v), n
					}
				}
				cells = append(cells, cell)
			}
			if name == "" {
				continue
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", d.Name, name, tool.Name, strings.Join(cells, " | "))
		}
	}
}
