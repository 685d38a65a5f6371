package evaluate

import "strings"

// WordScore returns WCXB's per-page word precision, recall and F1 of pred
// against ref (the benchmark's evaluate.py): \w+ tokens of the lower-cased
// texts, counted as bags, precision = overlap / predicted tokens and
// recall = overlap / reference tokens. An empty reference scores 1 when
// pred is empty too and 0 otherwise; an empty prediction scores 0.
func WordScore(pred, ref string) (p, r, f1 float64) {
	pt, rt := wordTokens(strings.ToLower(pred)), wordTokens(strings.ToLower(ref))
	if len(rt) == 0 {
		if len(pt) == 0 {
			return 1, 1, 1
		}
		return 0, 0, 0
	}
	if len(pt) == 0 {
		return 0, 0, 0
	}
	pc, rc := make(counts, len(pt)), make(counts, len(rt))
	for _, t := range pt {
		pc[t]++
	}
	for _, t := range rt {
		rc[t]++
	}
	tp, _, _ := overlap(pc, rc)
	p, r = tp/float64(len(pt)), tp/float64(len(rt))
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// SnippetShare returns the share of snippets that text holds, compared
// case-insensitively as plain substrings; 1 when there are no snippets
// (WCXB's snippet_check, used for both its "with" and "without" lists).
func SnippetShare(text string, snippets []string) float64 {
	if len(snippets) == 0 {
		return 1
	}
	low := strings.ToLower(text)
	found := 0
	for _, s := range snippets {
		if strings.Contains(low, strings.ToLower(s)) {
			found++
		}
	}
	return float64(found) / float64(len(snippets))
}
