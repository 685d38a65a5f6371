package evaluate

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Metric names how a dataset's body text is scored.
type Metric string

// Body metrics.
const (
	MetricNone     Metric = ""         // dataset has no body labels
	MetricShingle  Metric = "shingle4" // scrapinghub: 4-gram shingles over \w+ tokens
	MetricSegments Metric = "segments" // trafilatura-eval: with/without segments
	MetricBag      Metric = "bag"      // score.py: CJK bigrams or \w+ tokens
	MetricWords    Metric = "words"    // WCXB: bag of lower-cased \w+ tokens
)

// isWord reports whether r is matched by Python's \w on str input: letters,
// numbers of any kind and the underscore (combining marks are not).
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// wordTokens returns the \w+ runs of s, as Python's re.findall(r"\w+", s).
func wordTokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// counts is a multiset of grams.
type counts map[string]int

// overlap returns the true positives, false positives and false negatives of
// got against want, counting each gram with multiplicity.
func overlap(got, want counts) (tp, fp, fn float64) {
	for k, g := range got {
		w := want[k]
		tp += float64(min(g, w))
		if g > w {
			fp += float64(g - w)
		}
	}
	for k, w := range want {
		if g := got[k]; w > g {
			fn += float64(w - g)
		}
	}
	return tp, fp, fn
}

// shingles counts the n-token shingles of text the way the scrapinghub
// benchmark does: a text shorter than n tokens yields one short shingle.
func shingles(text string, n int) counts {
	toks := wordTokens(text)
	c := make(counts, len(toks))
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		end := min(i+n, len(toks))
		if end <= i {
			break
		}
		// \x00 cannot occur inside a \w token, so the join is unambiguous.
		c[strings.Join(toks[i:end], "\x00")]++
	}
	return c
}

// ShingleMatch returns the scrapinghub per-page TP, FP and FN of pred against
// truth, normalised to sum to 1 so that long pages do not weigh more.
func ShingleMatch(truth, pred string) (tp, fp, fn float64) {
	tp, fp, fn = overlap(shingles(pred, 4), shingles(truth, 4))
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

// shinglePrecision and shingleRecall follow the benchmark's conventions for
// empty texts (both empty is a perfect score).
func shinglePrecision(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fp == 0:
		return 0
	}
	return tp / (tp + fp)
}

func shingleRecall(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fn == 0:
		return 0
	}
	return tp / (tp + fn)
}

// normText is score.py's norm: NFKC, whitespace runs to one space, trimmed.
func normText(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// hasHan reports whether s holds a CJK unified ideograph (U+4E00–U+9FFF), the
// range score.py uses to switch to character bigrams.
func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

// bagGrams returns score.py's grams of s: character bigrams with whitespace
// removed when s holds Han characters, \w+ tokens otherwise.
func bagGrams(s string) counts {
	s = strings.ToLower(normText(s))
	c := make(counts)
	if !hasHan(s) {
		for _, t := range wordTokens(s) {
			c[t]++
		}
		return c
	}
	rs := []rune(strings.Join(strings.Fields(s), ""))
	for i := 0; i+1 < len(rs); i++ {
		c[string(rs[i:i+2])]++
	}
	return c
}

// BagScore returns the precision, recall and F1 of got against want under
// score.py's gram definition. An empty side scores 0 (as score.py does).
func BagScore(got, want string) (p, r, f1 float64) {
	g, w := bagGrams(got), bagGrams(want)
	if len(g) == 0 || len(w) == 0 {
		return 0, 0, 0
	}
	tp, fp, fn := overlap(g, w)
	if tp == 0 {
		return 0, 0, 0
	}
	p, r = tp/(tp+fp), tp/(tp+fn)
	return p, r, 2 * p * r / (p + r)
}

// segNorm collapses whitespace runs to one space and trims, as
// trafilatura's evaluation does before its substring checks.
func segNorm(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// SegmentCounts returns trafilatura-eval's per-page confusion counts: a
// "with" segment found in the text is a true positive, one missing a false
// negative; a "without" segment found is a false positive, one missing a
// true negative.
func SegmentCounts(text string, with, without []string) (tp, fp, fn, tn int) {
	t := segNorm(text)
	for _, s := range with {
		if strings.Contains(t, segNorm(s)) {
			tp++
		} else {
			fn++
		}
	}
	for _, s := range without {
		if strings.Contains(t, segNorm(s)) {
			fp++
		} else {
			tn++
		}
	}
	return tp, fp, fn, tn
}
