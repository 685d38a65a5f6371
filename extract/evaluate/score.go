package evaluate

import (
	"regexp"
	"strings"
)

// Count is an accuracy tally: OK correct out of N labelled pages.
type Count struct {
	OK int `json:"ok"`
	N  int `json:"n"`
}

// Rate returns OK/N, or -1 when nothing was labelled.
func (c Count) Rate() float64 {
	if c.N == 0 {
		return -1
	}
	return float64(c.OK) / float64(c.N)
}

func (c *Count) add(ok bool) {
	c.N++
	if ok {
		c.OK++
	}
}

// BodyScore is a dataset's body precision, recall and F1 under its metric.
type BodyScore struct {
	Metric Metric  `json:"metric"`
	P      float64 `json:"precision"`
	R      float64 `json:"recall"`
	F1     float64 `json:"f1"`
	N      int     `json:"pages"` // pages with a body label
	// Snippets is WCXB's snippet check (MetricWords only).
	Snippets *SnippetScore `json:"snippets,omitempty"`
}

// SnippetScore holds WCXB's per-page snippet shares averaged over pages:
// the share of "with" snippets found (higher is better) and of "without"
// snippets leaked (lower is better). A page without snippets counts 1 in
// both, as in the benchmark's evaluate.py.
type SnippetScore struct {
	WithFound     float64 `json:"with_found"`
	WithoutLeaked float64 `json:"without_leaked"`
}

// Result is one tool's score on one dataset.
type Result struct {
	Dataset  string    `json:"dataset"`
	Half     Half      `json:"half,omitempty"` // "" for the whole dataset
	Tool     string    `json:"tool"`
	Pages    int       `json:"pages"`
	Failed   int       `json:"failed"` // pages where the tool returned an error
	Body     BodyScore `json:"body"`
	Title    Count     `json:"title"`
	DateDay  Count     `json:"date_day"`
	DateTime Count     `json:"date_time"`
	Authors  Count     `json:"authors"`
	Source   Count     `json:"source"`
	Editor   Count     `json:"editor"`
	Checks   Count     `json:"checks"` // score.py pass/fail body checks (user folders)
	// ChecksMet counts every check score.py makes (title, date, source,
	// authors, editor, body) on the pages of a folder dataset.
	ChecksMet Count       `json:"checks_met"`
	FFFD      int         `json:"fffd_pages"` // output has U+FFFD that the page itself lacks
	PerPage   []PageScore `json:"per_page,omitempty"`
}

// PageScore is one page's outcome, for finding what went wrong.
type PageScore struct {
	Name     string   `json:"name"`
	Err      string   `json:"error,omitempty"`
	BodyF1   *float64 `json:"body_f1,omitempty"`
	Misses   []string `json:"misses,omitempty"` // fields that did not match
	Leaked   []string `json:"leaked,omitempty"` // must_not_contain strings found
	Missing  []string `json:"missing,omitempty"`
	HasFFFD  bool     `json:"fffd,omitempty"`
	GotDate  string   `json:"got_date,omitempty"`
	WantDate string   `json:"want_date,omitempty"`
}

// nameSplitRE is score.py's separator set for author and editor names.
var nameSplitRE = regexp.MustCompile(`[、,，/;；]|\s+and\s+|\s+`)

// nameSet is score.py's names(): the set of name parts, NFKC-normalised.
func nameSet(names []string) map[string]bool {
	set := map[string]bool{}
	joined := normText(strings.Join(names, "、"))
	for _, part := range nameSplitRE.Split(joined, -1) {
		if part = normText(part); part != "" {
			set[part] = true
		}
	}
	return set
}

func sameNames(got, want []string) bool {
	g, w := nameSet(got), nameSet(want)
	if len(g) != len(w) {
		return false
	}
	for k := range w {
		if !g[k] {
			return false
		}
	}
	return true
}

func sameText(got, want string) bool {
	return normText(got) == normText(want)
}

// Score compares a tool's outputs (one per page, in page order; errs[i]
// non-nil where the tool failed on page i) with the dataset's labels.
func Score(ds *Dataset, tool string, outs []Output, errs []error) Result {
	res := Result{Dataset: ds.Name, Tool: tool, Pages: len(ds.Pages), Body: BodyScore{Metric: ds.Metric}}
	var (
		shP, shR       []float64
		bagP, bagR, bf []float64
		wP, wR, wF     []float64
		with, without  []float64
		seg            [4]int // tp, fp, fn, tn
	)
	for i := range ds.Pages {
		pg, out, t := &ds.Pages[i], outs[i], &ds.Pages[i].Truth
		ps := PageScore{Name: pg.Name}
		if errs != nil && errs[i] != nil {
			res.Failed++
			ps.Err = errs[i].Error()
		}
		if !pg.SourceFFFD && (strings.ContainsRune(out.Body, '\uFFFD') || strings.ContainsRune(out.Title, '\uFFFD')) {
			res.FFFD++
			ps.HasFFFD = true
		}
		miss := func(field string, ok bool, c *Count) {
			c.add(ok)
			if !ok {
				ps.Misses = append(ps.Misses, field)
			}
		}
		if t.Title != nil {
			miss("title", sameText(out.Title, *t.Title), &res.Title)
		}
		if t.NotArticle {
			res.PerPage = append(res.PerPage, ps)
			continue
		}
		if t.Date != nil {
			ps.WantDate = t.Date.String()
			if !out.Date.IsZero() {
				ps.GotDate = out.Date.Format("2006-01-02T15:04:05Z07:00")
			}
			miss("date", t.Date.MatchDay(out.Date), &res.DateDay)
			if t.Date.HasTime() {
				miss("time", t.Date.MatchTime(out.Date), &res.DateTime)
			}
		}
		if t.HasAuthors {
			miss("authors", sameNames(out.Authors, t.Authors), &res.Authors)
		}
		if t.Source != nil {
			miss("source", sameText(out.Source, *t.Source), &res.Source)
		}
		if t.Editor != nil {
			miss("editor", sameNames([]string{out.Editor}, []string{*t.Editor}), &res.Editor)
		}
		switch {
		case ds.Metric == MetricSegments && len(t.With)+len(t.Without) > 0:
			tp, fp, fn, tn := SegmentCounts(out.Body, t.With, t.Without)
			seg[0], seg[1], seg[2], seg[3] = seg[0]+tp, seg[1]+fp, seg[2]+fn, seg[3]+tn
			f := 0.0
			if tp > 0 {
				f = 2 * float64(tp) / float64(2*tp+fp+fn)
			}
			ps.BodyF1 = &f
			res.Body.N++
		case ds.Metric == MetricShingle && t.Body != nil:
			tp, fp, fn := ShingleMatch(*t.Body, out.Body)
			if tp+fp > 0 {
				shP = append(shP, shinglePrecision(tp, fp, fn))
			}
			if tp+fn > 0 {
				shR = append(shR, shingleRecall(tp, fp, fn))
			}
			p, r := shinglePrecision(tp, fp, fn), shingleRecall(tp, fp, fn)
			f := 0.0
			if p+r > 0 {
				f = 2 * p * r / (p + r)
			}
			ps.BodyF1 = &f
			res.Body.N++
		case ds.Metric == MetricWords && t.Body != nil:
			p, r, f := WordScore(out.Body, *t.Body)
			wP, wR, wF = append(wP, p), append(wR, r), append(wF, f)
			with = append(with, SnippetShare(out.Body, t.With))
			without = append(without, SnippetShare(out.Body, t.Without))
			ps.BodyF1 = &f
			res.Body.N++
		case ds.Metric == MetricBag && t.Body != nil:
			p, r, f := BagScore(out.Body, *t.Body)
			if strings.TrimSpace(out.Body) != "" {
				bagP = append(bagP, p)
			}
			bagR, bf = append(bagR, r), append(bf, f)
			ps.BodyF1 = &f
			res.Body.N++
			if t.Check {
				for _, s := range t.MustNotContain {
					if strings.Contains(out.Body, s) {
						ps.Leaked = append(ps.Leaked, s)
					}
				}
				for _, s := range t.MustContain {
					if !strings.Contains(out.Body, s) {
						ps.Missing = append(ps.Missing, s)
					}
				}
				miss("body", f >= CheckF1 && len(ps.Leaked) == 0 && len(ps.Missing) == 0, &res.Checks)
			}
		}
		if t.Check {
			met, n := scorePyChecks(t, out)
			res.ChecksMet.OK += met
			res.ChecksMet.N += n
		}
		res.PerPage = append(res.PerPage, ps)
	}
	switch ds.Metric {
	case MetricSegments:
		tp, fp, fn := float64(seg[0]), float64(seg[1]), float64(seg[2])
		if tp+fp > 0 {
			res.Body.P = tp / (tp + fp)
		}
		if tp+fn > 0 {
			res.Body.R = tp / (tp + fn)
		}
		if tp > 0 {
			res.Body.F1 = 2 * tp / (2*tp + fp + fn)
		}
	case MetricShingle:
		res.Body.P, res.Body.R = mean(shP), mean(shR)
		if res.Body.P+res.Body.R > 0 {
			res.Body.F1 = 2 * res.Body.P * res.Body.R / (res.Body.P + res.Body.R)
		}
	case MetricBag:
		res.Body.P, res.Body.R, res.Body.F1 = mean(bagP), mean(bagR), mean(bf)
	case MetricWords:
		res.Body.P, res.Body.R, res.Body.F1 = mean(wP), mean(wR), mean(wF)
		if res.Body.N > 0 {
			res.Body.Snippets = &SnippetScore{WithFound: mean(with), WithoutLeaked: mean(without)}
		}
	}
	return res
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
