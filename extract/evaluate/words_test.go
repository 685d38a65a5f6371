package evaluate

import (
	"math"
	"testing"
)

func TestWordScore(t *testing.T) {
	tests := []struct {
		name      string
		pred, ref string
		p, r, f1  float64
	}{
		{"identical, case and punctuation ignored", "The Cat sat.", "the cat, SAT", 1, 1, 1},
		{"extra boilerplate lowers precision", "the cat sat home menu", "the cat sat", 3.0 / 5, 1, 0.75},
		{"missing words lower recall", "the cat", "the cat sat on it", 1, 2.0 / 5, 4.0 / 7},
		{"tokens count with multiplicity", "a a a b", "a b b", 2.0 / 4, 2.0 / 3, 4.0 / 7},
		{"disjoint", "alpha beta", "gamma", 0, 0, 0},
		{"empty prediction", "  ", "the cat", 0, 0, 0},
		{"empty reference, empty prediction", "", "—", 1, 1, 1},
		{"empty reference, some prediction", "menu", "", 0, 0, 0},
		{"unicode words as Python's \\w", "Größe café_1 ½", "größe CAFÉ_1", 2.0 / 3, 1, 0.8},
		{"apostrophes split words", "it's", "it s", 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f1 := WordScore(tt.pred, tt.ref)
			if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 || math.Abs(f1-tt.f1) > 1e-9 {
				t.Errorf("WordScore(%q, %q) = %.4f %.4f %.4f, want %.4f %.4f %.4f", tt.pred, tt.ref, p, r, f1, tt.p, tt.r, tt.f1)
			}
		})
	}
}

func TestSnippetShare(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		snippets []string
		want     float64
	}{
		{"none given counts 1", "anything", nil, 1},
		{"case-insensitive", "The Harbour Ferry returned", []string{"harbour ferry", "RETURNED"}, 1},
		{"half found", "The harbour ferry", []string{"harbour", "pier"}, 0.5},
		{"whitespace is not normalised", "harbour  ferry", []string{"harbour ferry"}, 0},
		{"empty text", "", []string{"a", "b", "c"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SnippetShare(tt.text, tt.snippets); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("SnippetShare(%q, %q) = %v, want %v", tt.text, tt.snippets, got, tt.want)
			}
		})
	}
}

func TestScoreWordsAveragesPerPage(t *testing.T) {
	ds := &Dataset{Name: "w", Metric: MetricWords, Pages: []Page{
		{Name: "1", Truth: Truth{Body: ptr("one two three four"), With: []string{"one two", "four"}, Without: []string{"Menu"}}},
		{Name: "2", Truth: Truth{Body: ptr("alpha beta"), With: []string{"alpha"}, Without: []string{"footer", "nav"}}},
		{Name: "3", Truth: Truth{Body: ptr("gamma")}},
	}}
	outs := []Output{{Body: "one two three four menu"}, {}, {Body: "gamma"}}
	r := Score(ds, "x", outs, nil)
	// Page 1: P 4/5, R 1, F1 8/9; page 2: all 0; page 3: all 1.
	wantP, wantR, wantF := (0.8+0+1)/3, (1+0+1)/3.0, (8.0/9+0+1)/3
	if r.Body.N != 3 || !near(r.Body.P, wantP) || !near(r.Body.R, wantR) || !near(r.Body.F1, wantF) {
		t.Errorf("body = %+v, want P %.4f R %.4f F1 %.4f over 3 pages", r.Body, wantP, wantR, wantF)
	}
	// With: 1, 0, 1 (no snippets); without leaked: 1, 0, 1 (no snippets).
	if s := r.Body.Snippets; s == nil || !near(s.WithFound, 2.0/3) || !near(s.WithoutLeaked, 2.0/3) {
		t.Errorf("snippets = %+v, want found 0.667 leaked 0.667", s)
	}
	if f := r.PerPage[1].BodyF1; f == nil || *f != 0 {
		t.Errorf("page 2 body F1 = %v, want 0", f)
	}
}
