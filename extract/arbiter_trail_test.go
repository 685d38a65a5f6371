package extract

import "testing"

func TestTrailsMatter(t *testing.T) {
	good := func(n int) block { return block{class: blockGood, runes: n} }
	short := block{class: blockShort, runes: 30}
	article := []block{good(500), good(500), good(500), good(500)} // 2000 of prose
	tests := []struct {
		name   string
		before []block // in the structural candidate, above the text candidate
		after  []block // below it
		want   bool
	}{
		{"a contact box below the text", nil, []block{short, good(120), short}, true},
		{"a bio and a disclaimer, 15% of the prose", nil, []block{good(200), good(150)}, true},
		{"nothing below the text", nil, []block{short}, false},
		{"a lead above the text's element", []block{good(200)}, []block{good(120)}, false},
		{"a second section of the article below", nil, []block{good(500), good(400)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := nestedWalker(tt.before, article, tt.after)
			if got := trailsMatter(w, 0, 1); got != tt.want {
				t.Errorf("trailsMatter = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestEndMatterBesideText: a wrapper holds the text's element and, below
// it, a box of end matter with a sentence or two of prose; the body is the
// text's element.
func TestEndMatterBesideText(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " The council met on Tuesday, and members argued for hours about the budget, the roads and the new school. " +
			"Several residents spoke, most of them in favour of the plan, though a few asked for more time to read it.</p>\n"
	}
	page := `<html><body><h1>Budget approved</h1><div class="post"><div class="entrytext">` +
		para("First.") + para("Second.") + para("Third.") + para("Fourth.") + para("Fifth.") + `</div>` +
		`<div class="note"><p>Contact for this topic: our press office answers questions on weekdays, by phone or by mail, within two days.</p></div>` +
		`</div></body></html>`
	checkBody(t, page, []string{"First.", "Fifth."}, []string{"press office"})
	// A lead set apart above the text's element keeps the wrapper.
	lead := `<html><body><h1>Budget approved</h1><div class="post"><div class="intro"><p>The city has a budget at last, after a long night of talks in the council.</p></div>` +
		`<div class="entrytext">` + para("First.") + para("Second.") + para("Third.") + para("Fourth.") + para("Fifth.") + `</div>` +
		`<div class="note"><p>Contact for this topic: our press office answers questions on weekdays, by phone or by mail, within two days.</p></div>` +
		`</div></body></html>`
	checkBody(t, lead, []string{"a budget at last", "First."}, nil)
}
