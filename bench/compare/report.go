package compare

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/newspipe/newspipe/extract/evaluate"
)

// WriteMarkdown writes the report: header, quality table, speed table,
// the targets and the list of places where a peer beats newspipe.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# newspipe vs peers: extraction quality and speed\n\n")
	fmt.Fprintf(&b, "Made %s on %s (%d cores), %s. Remake with `%s`.\n\n",
		r.Made.Format("2006-01-02 15:04 MST"), r.CPU, r.Cores, r.Go, r.Command)
	var vers []string
	for m, v := range r.Versions {
		vers = append(vers, m+" "+v)
	}
	sort.Strings(vers)
	fmt.Fprintf(&b, "Modules: %s.\n\n", strings.Join(vers, ", "))
	var pages int
	var bytes int64
	for _, d := range r.Datasets {
		pages += d.Pages
		bytes += d.Bytes
	}
	fmt.Fprintf(&b, "Pages: %d (%.1f MB) from %d datasets. Every tool gets the raw bytes and decodes them itself.\n\n",
		pages, float64(bytes)/1e6, len(r.Datasets))

	b.WriteString("## Quality\n\n")
	b.WriteString("Body metric per dataset: scrapinghub 4-gram shingles (per-page averaged P/R, F1 of the means); ")
	b.WriteString("trafilatura-eval with/without segments (counted over the dataset); the others score.py's bag F1 ")
	b.WriteString("(character bigrams ignoring whitespace for Chinese, \\w+ tokens otherwise; per-page mean). ")
	b.WriteString("Accuracies show the labelled pages in parentheses; date (day) compares at day precision (or the label's coarser one), ")
	b.WriteString("date+time only where the label prints a time (same instant and offset when it prints an offset). ")
	b.WriteString("U+FFFD counts pages whose output has one that the page itself lacks. \"–\": not labelled or not attempted.\n\n")
	for _, d := range r.Datasets {
		if d.Note != "" {
			fmt.Fprintf(&b, "- %s: %s.\n", d.Name, d.Note)
		}
	}
	b.WriteString("\n")
	if err := evaluate.WriteTable(&b, r.whole()); err != nil {
		return err
	}
	r.writeHalves(&b)

	b.WriteString("\n## Speed\n\n")
	fmt.Fprintf(&b, "All %d pages, decoding included, after one warm-up page; best of up to 3 passes (fewer for slow tools); "+
		"the one-core passes run in rounds of one pass per tool, so that the machine drifting during the run weighs on every tool alike. "+
		"One core: GOMAXPROCS=1, one worker. All cores: GOMAXPROCS=%d, %d workers. Allocations are from the one-core pass. "+
		"Machine load average (1 min) at start / end of the run: %s / %s; other processes on the machine slow every tool alike, "+
		"so compare rows, not runs.\n\n", pages, r.Cores, r.Cores, r.Load[0], r.Load[1])
	fmt.Fprintf(&b, "| tool | pages/s (1 core) | MB/s (1 core) | pages/s (%d cores) | MB/s (%d cores) | allocs/page | KB allocated/page | failed pages |\n", r.Cores, r.Cores)
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, s := range r.Speeds {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.0f | %.0f | %d |\n", s.Tool,
			rate(float64(s.Pages), s.Single), rate(float64(s.Bytes)/1e6, s.Single),
			rate(float64(s.Pages), s.Multi), rate(float64(s.Bytes)/1e6, s.Multi),
			float64(s.Allocs)/float64(max(s.Pages, 1)), float64(s.AllocBytes)/1024/float64(max(s.Pages, 1)), s.Failed)
	}

	b.WriteString("\n## Targets (issue #7)\n\n| target | measured | met |\n|---|---|---|\n")
	for _, t := range r.Targets() {
		met := yesNo(t.Met)
		if t.Info {
			met = "no threshold set"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", t.Name, t.Measured, met)
	}

	b.WriteString("\n## Where a peer beats newspipe\n\n")
	wins := r.PeerWins()
	if len(wins) == 0 {
		b.WriteString("Nowhere in this run.\n")
	}
	for _, w := range wins {
		fmt.Fprintf(&b, "- %s, %s: %s %.3f vs newspipe %.3f\n", w.Dataset, w.Field, w.Tool, w.Peer, w.Newspipe)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func rate(x float64, d time.Duration) string {
	if d <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f", x/d.Seconds())
}

func yesNo(ok *bool) string {
	switch {
	case ok == nil:
		return "not in this run"
	case *ok:
		return "yes"
	}
	return "**no**"
}

// Win is a dataset and field where a peer scores above newspipe.
type Win struct {
	Dataset, Field, Tool string
	Peer, Newspipe       float64
}

// fieldScores returns the comparable scores of a result, by field name;
// unlabelled or unattempted fields are left out.
func fieldScores(r evaluate.Result) map[string]float64 {
	m := map[string]float64{}
	if r.Body.N > 0 {
		m["body F1"] = r.Body.F1
	}
	for name, c := range map[string]evaluate.Count{
		"title": r.Title, "date (day)": r.DateDay, "date+time": r.DateTime, "authors": r.Authors,
	} {
		if c.N > 0 {
			m[name] = c.Rate()
		}
	}
	return m
}

// PeerWins lists, per dataset and field, every peer scoring above
// newspipe (by more than rounding).
func (r *Report) PeerWins() []Win {
	ours := map[string]map[string]float64{}
	whole := r.whole()
	for _, res := range whole {
		if res.Tool == Newspipe {
			ours[res.Dataset] = fieldScores(res)
		}
	}
	var wins []Win
	for _, res := range whole {
		if res.Tool == Newspipe || ours[res.Dataset] == nil {
			continue
		}
		for f, v := range fieldScores(res) {
			if n, ok := ours[res.Dataset][f]; ok && v > n+0.0005 {
				wins = append(wins, Win{Dataset: res.Dataset, Field: f, Tool: res.Tool, Peer: v, Newspipe: n})
			}
		}
	}
	sort.Slice(wins, func(i, j int) bool {
		a, b := wins[i], wins[j]
		if a.Dataset != b.Dataset {
			return a.Dataset < b.Dataset
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Peer-a.Newspipe > b.Peer-b.Newspipe
	})
	return wins
}

// Target is one of issue #7's goals with its measured value.
type Target struct {
	Name     string
	Measured string
	Met      *bool // nil when the run lacks what the target needs
	Info     bool  // reported without a pass/fail threshold
}

func (r *Report) result(dataset, tool string, half evaluate.Half) *evaluate.Result {
	for i := range r.Results {
		if r.Results[i].Dataset == dataset && r.Results[i].Tool == tool && r.Results[i].Half == half {
			return &r.Results[i]
		}
	}
	return nil
}

func (r *Report) speed(tool string) *Speed {
	for i := range r.Speeds {
		if r.Speeds[i].Tool == tool {
			return &r.Speeds[i]
		}
	}
	return nil
}

// mbps is a tool's single-core MB/s, or its all-cores MB/s when the
// single-core pass was not run.
func (s *Speed) mbps() float64 {
	d := s.Single
	if d <= 0 {
		d = s.Multi
	}
	return float64(s.Bytes) / 1e6 / d.Seconds()
}

// Targets evaluates issue #7's targets on the report: dev scores on each
// half where the issue asks for that, speed against go-trafilatura and the
// bare parse, and no U+FFFD.
func (r *Report) Targets() []Target {
	var ts []Target
	for _, g := range []struct {
		dataset string
		min     float64
		halves  bool
	}{
		{"wcxb-articles", 0.94, true},
		{"zh-portal-fields", 0.90, true},
		{"scrapinghub-aeb", 0.975, false},
		{"trafilatura-eval", 0.93, false},
		{"htmldate-eval", 0.95, false},
	} {
		halves := []evaluate.Half{evaluate.HalfAll}
		if g.halves {
			halves = []evaluate.Half{evaluate.HalfA, evaluate.HalfB}
		}
		for _, h := range halves {
			res := r.result(g.dataset, Newspipe, h)
			name, _, _ := mainScore(evaluate.Result{Dataset: g.dataset})
			t := Target{Name: fmt.Sprintf("%s ≥ %.3g on %s", name, g.min, g.dataset), Measured: "–"}
			if h != evaluate.HalfAll {
				t.Name += ", half " + string(h)
			}
			if res != nil {
				if _, v, ok := mainScore(*res); ok {
					t.Measured, t.Met = fmt.Sprintf("%.3f", v), ptr(v >= g.min)
				}
			}
			ts = append(ts, t)
		}
	}
	ours, traf, bare := r.speed(Newspipe), r.speed(Trafilatura), r.speed(BareParse)
	t := Target{Name: "speed ≥ 3× go-trafilatura's MB/s (one core)", Measured: "–"}
	if ours != nil && traf != nil {
		x := ours.mbps() / traf.mbps()
		t.Measured, t.Met = fmt.Sprintf("%.1f×", x), ptr(x >= 3)
	}
	ts = append(ts, t)
	t = Target{Name: "within 2× of the bare x/net/html parse (one core)", Measured: "–"}
	if ours != nil && bare != nil {
		x := bare.mbps() / ours.mbps()
		t.Measured, t.Met = fmt.Sprintf("%.2f× the bare parse time", x), ptr(x <= 2)
	}
	ts = append(ts, t)
	fffd, any := 0, false
	for _, res := range r.whole() {
		if res.Tool == Newspipe {
			fffd += res.FFFD
			any = true
		}
	}
	t = Target{Name: "zero U+FFFD (pages that do not carry one themselves)", Measured: fmt.Sprintf("%d pages", fffd)}
	if any {
		t.Met = ptr(fffd == 0)
	}
	return append(ts, t)
}

func ptr[T any](v T) *T { return &v }
