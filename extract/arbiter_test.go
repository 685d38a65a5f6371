package extract

import (
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestOffArticle1(t *testing.T) {
	for _, tt := range []struct {
		class string
		want  bool
	}{
		{"sidebar", true},
		{"widget-area sidebar-primary", true},
		{"comments-area", true},
		{"no-sidebars", false},
		{"has-sidebar content", false},
		{"interior-page-content-has-sidebar", false},
		{"page_no_sidebar", false},
		{"sidebar-has-widgets", true},
		{"with-comments", false},
		{"entry-content", false},
		{"commentary", false},
	} {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: tt.class}}}
		if got := offArticle1(n); got != tt.want {
			t.Errorf("offArticle1(class=%q) = %v, want %v", tt.class, got, tt.want)
		}
	}
}

// TestRestoreInside checks the merge of the two candidates: inside the
// text candidate, prose that structure cut out comes back, except in a
// comment list.
func TestRestoreInside(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " The council met on Tuesday, and members argued for hours about the budget, the roads and the new school. " +
			"Several residents spoke, most of them in favour of the plan, though a few asked for more time to read it.</p>"
	}
	// "promo" beside "widget": a builder's prose box alone would already
	// come back in classify (isBuilderProse), before any merge.
	page := `<html><body><div class="entry">` + para("Intro.") + para("Intro two.") + para("Intro three.") +
		`<div class="product-widget product-promo">` + para("Review one.") + para("Review two.") + para("Review three.") + `</div>` +
		`<div class="comment-list">` + para("A comment.") + `</div></div></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	w := segmentBlocks(root, len(page), "")
	classify(w)
	entry := int32(-1)
	for i := range w.spans {
		if attr(w.spans[i].node, "class") == "entry" {
			entry = int32(i)
		}
	}
	if entry < 0 {
		t.Fatal("no entry span")
	}
	text := textClasses(w)
	prose := 0
	for i := w.spans[entry].start; i < w.spans[entry].end; i++ {
		if text[i] == blockGood {
			prose += w.blocks[i].eff()
		}
	}
	if !mergesProse(w, entry, text, prose) {
		t.Fatalf("mergesProse = false with structure keeping three paragraphs of seven")
	}
	restoreInside(w, entry, text)
	for _, b := range w.blocks {
		want := blockGood
		if strings.HasPrefix(b.text, "A comment.") {
			want = blockBad
		}
		if b.class != want {
			t.Errorf("block %.20q: class %d, want %d", b.text, b.class, want)
		}
	}
	// With the structural candidate already keeping most of the prose,
	// there is nothing to merge.
	if mergesProse(w, entry, text, prose) {
		t.Errorf("mergesProse = true after the merge")
	}
}

// TestTrailsStories: the structural candidate (all blocks) against a text
// candidate holding the first blocks, the article's own box.
func TestTrailsStories(t *testing.T) {
	good := func(n int) block { return block{class: blockGood, runes: n} }
	link := func(n int) block { return block{class: blockBad, why: "links", runes: n, linkRunes: n * 9 / 10} }
	date := block{class: blockShort, runes: 12}
	article := []block{good(400), good(400), good(400)}
	cards := func(head, summary, n int) []block {
		var bs []block
		for range n {
			bs = append(bs, link(head), date, good(summary))
		}
		return bs
	}
	tests := []struct {
		name   string
		before []block // in the structural candidate, above the text candidate
		after  []block // below it
		want   bool
	}{
		{"story cards below the article", nil, cards(40, 250, 4), true},
		{"nothing below the article", nil, []block{date}, false},
		{"prose below without headlines", nil, []block{good(300), good(300)}, false},
		{"a lead above the article's box", []block{good(200)}, cards(40, 250, 4), false},
		{"items outweighing the box twice: a listicle", nil, cards(40, 700, 4), false},
		{"user names, not headlines: a thread", nil, cards(8, 250, 4), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := nestedWalker(tt.before, article, tt.after)
			n := int32(len(w.blocks))
			text := make([]blockClass, n)
			for i := range w.blocks {
				text[i] = w.blocks[i].class
			}
			if got := trailsStories(w, 0, 1, text, 1200); got != tt.want {
				t.Errorf("trailsStories = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestStoryListBelowText: structure takes a feed of posts below the page's
// own text (each card a topic, an author, a headline link, a summary), since
// the summaries outweigh the text; the text above the feed is the body.
func TestStoryListBelowText(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " The institute studies how the energy transition changes society, and its groups work with towns, " +
			"firms and ministries on the questions this raises, from grids to jobs.</p>\n"
	}
	card := func(s string) string {
		return `<div class="card"><div>Workshop</div><div>Dr. Jane Roe</div><h4><a href="/blog/` + s + `">Why the ` + s +
			` matters for the climate targets of the coming decade</a></h4><p>Summary: the ` + s + ` is one of the harder questions, ` +
			`and this post looks at what the studies say, where they disagree and what policy could do next, step by step.</p>` +
			`<div><a href="/blog/` + s + `">Read more</a></div></div>`
	}
	menu := `<ul class="menu">`
	for i := range 40 {
		menu += `<li><a href="/topic/` + strconv.Itoa(i) + `">Research topic number ` + strconv.Itoa(i) + `</a></li>`
	}
	menu += `</ul>`
	page := `<html><body>` + menu + `<h1>Energy transition</h1><div class="text">` + para("Research area.") + para("Mission.") + `</div>` +
		`<h2>Blog posts</h2><div class="list">` + card("grid") + card("hydrogen") + card("steel") + card("fertiliser") +
		card("heat") + card("storage") + `</div></body></html>`
	checkBody(t, page, []string{"Research area.", "Mission."}, []string{"Summary"})
}

// nestedWalker lays out blocks before, article and after in one wrapper
// (span 0) holding the article's element (span 1), as the arbiter sees a
// structural candidate around a text candidate.
func nestedWalker(before, article, after []block) *blockWalker {
	w := &blockWalker{}
	w.blocks = append(w.blocks, before...)
	w.blocks = append(w.blocks, article...)
	w.blocks = append(w.blocks, after...)
	n, lo := int32(len(w.blocks)), int32(len(before))
	w.spans = []span{{start: 0, end: n, parent: -1}, {start: lo, end: lo + int32(len(article)), parent: 0}}
	return w
}
