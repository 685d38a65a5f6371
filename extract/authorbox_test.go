package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// allBlocks segments page and returns every block as body.
func allBlocks(t *testing.T, page string) (*blockWalker, []int) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	w := segmentBlocks(root, len(page), "")
	idx := make([]int, len(w.blocks))
	for i := range idx {
		idx[i] = i
	}
	return w, idx
}

func TestCutAuthorBox(t *testing.T) {
	const text = `<p>The council approved the budget on Tuesday after a long debate about parking fees and bus lanes.</p>
<p>Members voted seven to two, and the mayor said the city would start work on the new lanes in the spring.</p>
<p>Opponents said the fees would hurt small shops along the avenue and promised to bring the matter to voters.</p>`
	tests := []struct {
		name, tail string
		want       string // the last body block kept
	}{
		{"written by over a bio in one box",
			`<div class="box"><p>Written by</p><p>Joe is the co-founder and CEO of a reporting platform used by more than 7,000 agencies.</p></div>`,
			"promised to bring the matter to voters."},
		{"written by with name and title, bio below",
			`<p>Written by: Sean Peek, Senior Analyst</p><p>Sean Peek co-founded and self-funded a small business with a dozen team members.</p>`,
			"promised to bring the matter to voters."},
		{"bio above a latest-posts line",
			`<div><div><p>Autumn Adams</p><p>Autumn founded a yoga studio in 2014 to share her love of adventure and travel.</p></div><p>Latest posts by Autumn Adams (see all)</p></div>`,
			"promised to bring the matter to voters."},
		{"about the author opening the bio",
			`<p>About the author: Craig Hull is a freelance photographer based in Eastern Europe.</p>`,
			"promised to bring the matter to voters."},
		{"bare credit line stays",
			`<p>Written by Jane Doe</p>`,
			"Written by Jane Doe"},
		{"a sentence stays",
			`<p>Written by hand in 1850, the letter was found in a drawer by the mayor's great-grandson last year.</p>`,
			"the mayor's great-grandson last year."},
	}
	for _, tt := range tests {
		w, idx := allBlocks(t, "<html><body><article>"+text+tt.tail+"</article></body></html>")
		got := cutAuthorBox(w, idx)
		if last := w.blocks[got[len(got)-1]].text; !strings.HasSuffix(last, tt.want) {
			t.Errorf("%s: body ends with %q, want …%q", tt.name, last, tt.want)
		}
	}
}

func TestIsAuthorBoxLabel(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"Written by", true},
		{"Written by:", true},
		{"Written byMadeline Puckette", true},
		{"Written by: Sean Peek, Senior Analyst", true},
		{"About the Author", true},
		{"About the author: Craig Hull is a photographer.", true},
		{"Latest posts by Autumn Adams (see all)", true},
		{"Written by hand in 1850, the letter was found in a drawer.", false},
		{"About the authority's new rules, little is known.", false},
		{"Latest posts", false},
	} {
		if got := isAuthorBoxLabel(tt.s); got != tt.want {
			t.Errorf("isAuthorBoxLabel(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
