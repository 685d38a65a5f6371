package compare

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/extract/evaluate"
)

// TestSmoke runs the whole comparison on two bundled pages (and one page
// per dev dataset when the shared corpus is beside the repository), so the
// bench cannot silently rot: every tool must run, be scored and be timed.
func TestSmoke(t *testing.T) {
	cfg := Config{Dirs: []string{"testdata/smoke"}, Speed: true, Command: "go test"}
	if root := evaluate.FindCorpus("."); root != "" {
		cfg.Corpus, cfg.Sample = root, 1
	} else {
		t.Log("dev corpus not found beside the repository; smoke run on the bundled pages only")
	}
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	tools := Tools()
	if len(rep.Speeds) != len(tools) {
		t.Fatalf("timed %d tools, want %d", len(rep.Speeds), len(tools))
	}
	for _, s := range rep.Speeds {
		if s.Single <= 0 || s.Multi <= 0 || s.Allocs == 0 || s.Pages == 0 {
			t.Errorf("%s: speed not measured: %+v", s.Tool, s)
		}
	}
	scored := map[string]evaluate.Result{}
	for _, r := range rep.Results {
		if r.Dataset == "smoke" && r.Half == evaluate.HalfAll {
			scored[r.Tool] = r
		}
	}
	for _, tool := range tools {
		r, ok := scored[tool.Name]
		switch {
		case tool.Scores == FieldsNone:
			if ok {
				t.Errorf("%s: speed-only tool was scored", tool.Name)
			}
			continue
		case !ok:
			t.Errorf("%s: no result on the smoke pages", tool.Name)
			continue
		case r.Failed > 0:
			t.Errorf("%s: failed on %d smoke pages", tool.Name, r.Failed)
		}
		if tool.Scores&FieldBody != 0 && (r.Body.N != 2 || r.Body.F1 < 0.5) {
			t.Errorf("%s: body = %+v, want 2 pages scored with F1 >= 0.5", tool.Name, r.Body)
		}
		if tool.Scores&FieldDate != 0 && r.DateDay.N != 2 {
			t.Errorf("%s: date labels scored = %d, want 2", tool.Name, r.DateDay.N)
		}
		if tool.Scores&FieldBody == 0 && r.Body.N != 0 {
			t.Errorf("%s: body scored for a tool that does not extract one", tool.Name)
		}
	}
	var md strings.Builder
	if err := rep.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, want := range []string{"Remake with `go test`", "## Quality", "## Speed", "## Targets (issue #7)",
		"## Where a peer beats newspipe", "| smoke | all | newspipe | 2 |", rep.CPU} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	for _, tool := range tools {
		if !strings.Contains(out, "| "+tool.Name+" |") {
			t.Errorf("report lacks a row for %s", tool.Name)
		}
	}
	if got := len(rep.Targets()); got != 10 {
		t.Errorf("%d targets, want 10", got)
	}
}

func TestLooseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-14T08:30:00+01:00", time.Date(2024, 3, 14, 7, 30, 0, 0, time.UTC)},
		{"2024-03-14", time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)},
		{"2024-03-14 08:30:00", time.Date(2024, 3, 14, 8, 30, 0, 0, time.UTC)},
		{"yesterday", time.Time{}},
	}
	for _, tt := range tests {
		if got := looseTime(tt.in); !got.Equal(tt.want) {
			t.Errorf("looseTime(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPeerWinsAndMask(t *testing.T) {
	rep := &Report{Results: []evaluate.Result{
		{Dataset: "d", Tool: Newspipe, Body: evaluate.BodyScore{N: 3, F1: 0.9}, Title: evaluate.Count{OK: 3, N: 3}},
		{Dataset: "d", Tool: Readability, Body: evaluate.BodyScore{N: 3, F1: 0.95}, Title: evaluate.Count{OK: 2, N: 3}},
		mask(evaluate.Result{Dataset: "d", Tool: HTMLDate, Body: evaluate.BodyScore{N: 3, F1: 0.99}}, FieldDate),
	}}
	wins := rep.PeerWins()
	if len(wins) != 1 || wins[0].Tool != Readability || wins[0].Field != "body F1" {
		t.Errorf("PeerWins = %+v, want one body F1 win for %s", wins, Readability)
	}
}

func TestHalvesTableAndTargets(t *testing.T) {
	res := func(ds string, h evaluate.Half, f1 float64, met int) evaluate.Result {
		r := evaluate.Result{Dataset: ds, Half: h, Tool: Newspipe, Body: evaluate.BodyScore{N: 10, F1: f1}}
		if met > 0 {
			r.ChecksMet = evaluate.Count{OK: met, N: 100}
		}
		return r
	}
	rep := &Report{
		Tools:    []Tool{{Name: Newspipe, Scores: FieldBody}},
		Datasets: []DatasetInfo{{Name: "wcxb-articles"}, {Name: "zh-portal-fields"}},
		Results: []evaluate.Result{
			res("wcxb-articles", evaluate.HalfAll, 0.945, 0), res("wcxb-articles", evaluate.HalfA, 0.939, 0),
			res("wcxb-articles", evaluate.HalfB, 0.951, 0),
			res("zh-portal-fields", evaluate.HalfAll, 0.97, 91), res("zh-portal-fields", evaluate.HalfA, 0.97, 92),
			res("zh-portal-fields", evaluate.HalfB, 0.97, 90),
		},
	}
	var b strings.Builder
	rep.writeHalves(&b)
	for _, want := range []string{
		"| wcxb-articles | word F1 | newspipe | 0.945 | 0.939 | 0.951 |",
		"| zh-portal-fields | checks met | newspipe | 0.910 | 0.920 | 0.900 |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("halves table lacks %q:\n%s", want, b.String())
		}
	}
	met := map[string]bool{}
	for _, tg := range rep.Targets() {
		if tg.Met != nil {
			met[tg.Name] = *tg.Met
		}
	}
	for name, want := range map[string]bool{
		"word F1 ≥ 0.94 on wcxb-articles, half A":      false, // 0.939: one half short is a miss
		"word F1 ≥ 0.94 on wcxb-articles, half B":      true,
		"checks met ≥ 0.9 on zh-portal-fields, half B": true,
	} {
		if got, ok := met[name]; !ok || got != want {
			t.Errorf("target %q: met=%v (present %v), want %v; targets: %v", name, got, ok, want, met)
		}
	}
}
