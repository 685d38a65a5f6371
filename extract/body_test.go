package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestMainCluster(t *testing.T) {
	mk := func(c blockClass, eff int) block { return block{class: c, runes: eff} }
	w := &blockWalker{}
	// Article (3 paragraphs), a wide boilerplate column (25 link rows), then a
	// live-blog stretch with less prose: the article wins.
	for range 3 {
		w.blocks = append(w.blocks, mk(blockGood, 500))
	}
	for range 25 {
		w.blocks = append(w.blocks, mk(blockBad, 60))
	}
	for range 2 {
		w.blocks = append(w.blocks, mk(blockGood, 400))
	}
	noSkip := func(int) bool { return false }
	if f, l := mainCluster(w, 0, len(w.blocks)-1, noSkip); f != 0 || l != 2 {
		t.Errorf("mainCluster = %d..%d, want 0..2", f, l)
	}
	// A small inline box does not split the article.
	w.blocks = w.blocks[:0]
	w.blocks = append(w.blocks, mk(blockGood, 500), mk(blockBad, 40), mk(blockBad, 40), mk(blockGood, 500))
	if f, l := mainCluster(w, 0, 3, noSkip); f != 0 || l != 3 {
		t.Errorf("mainCluster with inline box = %d..%d, want 0..3", f, l)
	}
	// An endless scroll: the story under the headline (block 0) comes
	// first, a longer one follows after a wide stretch of teasers.
	w.blocks = w.blocks[:0]
	w.blocks = append(w.blocks, mk(blockShort, 40), mk(blockGood, 500), mk(blockGood, 500))
	for range 25 {
		w.blocks = append(w.blocks, mk(blockBad, 60))
	}
	w.blocks = append(w.blocks, mk(blockGood, 900), mk(blockGood, 900), mk(blockGood, 900))
	w.head = 0
	if f, l := mainCluster(w, 1, len(w.blocks)-1, noSkip); f != 1 || l != 2 {
		t.Errorf("mainCluster below the headline = %d..%d, want 1..2", f, l)
	}
	w.head = -1
	if f, l := mainCluster(w, 1, len(w.blocks)-1, noSkip); f != 28 || l != 30 {
		t.Errorf("mainCluster without a headline = %d..%d, want 28..30", f, l)
	}
	// A changelog: the text announces a long list of links, and the
	// article goes on below it. A short label ("Related:") announces
	// nothing of the article's own.
	for _, tt := range []struct {
		lead      string
		wantFirst int
	}{
		{"Many patches were sent for review:", 0},
		{"Related:", 27},
	} {
		w.blocks = w.blocks[:0]
		w.blocks = append(w.blocks, mk(blockGood, 500), block{class: blockShort, text: tt.lead, runes: len(tt.lead)})
		for range 25 {
			w.blocks = append(w.blocks, mk(blockBad, 60))
		}
		w.blocks = append(w.blocks, mk(blockGood, 900), mk(blockGood, 900))
		if f, l := mainCluster(w, 0, len(w.blocks)-1, noSkip); f != tt.wantFirst || l != 28 {
			t.Errorf("mainCluster after %q = %d..%d, want %d..28", tt.lead, f, l, tt.wantFirst)
		}
	}
}

// TestChooseBodyGuards checks the arbiter on the page shapes that made the
// structural candidate fail all at once, and on those where the longer text
// candidate must lose.
func TestChooseBodyGuards(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " The council met on Tuesday, and members argued for hours about the budget, the roads and the new school. " +
			"Several residents spoke, most of them in favour of the plan, though a few asked for more time to read it.</p>\n"
	}
	widget := func(s string) string {
		return `<div class="page-widget widget-text"><div class="widget-container">` + para(s) + "</div></div>\n"
	}
	story := func(s string) string {
		return `<div class="item"><a href="/` + s + `">A new story about the ` + s + `</a><p>Summary: the ` + s +
			` will open again next spring after two years of work on its old walls and roof.</p></div>`
	}
	card := func(s string) string {
		return `<div class="card"><div>City news</div><div>Dec 19, 2025</div><h3><a href="/` + s + `">Reopening of the ` + s + ` delayed</a></h3>` +
			`<p>Summary: the ` + s + ` will open again next spring after two years of work on its old walls and roof, the city said on Monday. ` +
			`Residents had asked for a date for months, and the contractor now says the last repairs will take until April at the latest.</p></div>`
	}
	tests := []struct {
		name       string
		html       string
		want, lost []string // substrings the body must hold / must not hold
	}{
		{
			// A page builder wraps each paragraph in a "widget": structure
			// finds no prose at all, the text candidate finds the article.
			name: "article in widgets, not empty",
			html: `<html><body><h1>Budget approved</h1>` + widget("First.") + widget("Second.") + widget("Third.") + widget("Fourth.") +
				`<div class="newsletter-box"><p>Sign up for our newsletter to get the news every morning, it is free.</p></div></body></html>`,
			want: []string{"First.", "Fourth."},
			lost: []string{"newsletter"},
		},
		{
			// The only clean paragraph is a product box; the article sits in
			// widgets below it with many times its prose.
			name: "short box beside a long article",
			html: `<html><body><h1>Budget approved</h1><div class="box"><p>Our picks are chosen independently by our editors, and we may earn a commission when you buy through links on this page.</p></div>
<div class="entry">` + widget("First.") + widget("Second.") + widget("Third.") + widget("Fourth.") + widget("Fifth.") + `</div></body></html>`,
			want: []string{"First.", "Fifth."},
			lost: []string{"commission"},
		},
		{
			// Reader comments hold several times the article's prose: the
			// article stays.
			name: "comments longer than the article",
			html: `<html><body><h1>Budget approved</h1><div class="story">` + para("Article one.") + `</div><ol class="commentlist">` +
				`<li class="comment">` + para("Comment one.") + `</li><li class="comment">` + para("Comment two.") + `</li>` +
				`<li class="comment">` + para("Comment three.") + `</li><li class="comment">` + para("Comment four.") + `</li>` +
				`<li class="comment">` + para("Comment five.") + `</li></ol></body></html>`,
			want: []string{"Article one."},
			lost: []string{"Comment"},
		},
		{
			// A feed of other stories with their summaries below the article.
			name: "story list after the article",
			html: `<html><body><h1>Budget approved</h1><div class="story">` + para("Article one.") + `</div><div class="feed">` +
				story("harbour") + story("bridge") + story("market") + story("school") + story("library") + story("park") + story("museum") + story("station") +
				`</div></body></html>`,
			want: []string{"Article one."},
			lost: []string{"Summary"},
		},
		{
			// A theme names the wrapper of the whole page "…-footer": the
			// element holding the headline is no footer.
			name: "page wrapper with an off-article name",
			html: `<html><head><title>Budget approved</title></head><body><div class="page-header-footer"><nav><a href="/">Home</a></nav>` +
				`<article><h1>Budget approved</h1><div class="entry">` + widget("First.") + widget("Second.") + widget("Third.") + `</div></article></div></body></html>`,
			want: []string{"First.", "Third."},
		},
		{
			// Genesis themes wrap <main> and the sidebar in
			// "content-sidebar-wrap": no sidebar holds <main>.
			name: "main inside a sidebar-named wrapper",
			html: `<html><body><div class="content-sidebar-wrap"><main><h1>Budget approved</h1>` + widget("First.") + widget("Second.") + widget("Third.") +
				`</main><aside><p>About us: a small newsroom.</p></aside></div></body></html>`,
			want: []string{"First.", "Third."},
			lost: []string{"About us"},
		},
		{
			// A review roundup sets each product's review in a "product
			// widget" inside the article: both candidates find the article,
			// structure cut the reviews out of it; the comments stay out.
			name: "prose boxes inside the article",
			html: `<html><body><h1>Best laptops</h1><div class="entry">` + para("Intro.") +
				`<div class="product-widget"><div class="product-widget__text">` + para("Review one.") + para("Review one more.") + `</div></div>` +
				`<div class="product-widget"><div class="product-widget__text">` + para("Review two.") + para("Review two more.") + `</div></div>` +
				`<div class="product-widget"><div class="product-widget__text">` + para("Review three.") + para("Review three more.") + `</div></div>` +
				para("Closing.") + `<div class="comment-list"><div class="comment-body">` + para("A comment.") + `</div></div></div></body></html>`,
			want: []string{"Intro.", "Review one.", "Review three more.", "Closing."},
			lost: []string{"A comment."},
		},
		{
			// Tour dates set with <br> in the paragraph after the text run
			// on as lines of that paragraph; they end the article.
			name: "lines of the last paragraph",
			html: `<html><body><h1>Tour announced</h1><div class="story">` + para("First.") +
				`<div class="related-links"><a href="/b">Another story about the band and its long tour</a></div>` + para("Second.") +
				`<p>The band will play these dates, and tickets go on sale on Friday at noon for every show of the tour.<br>` +
				`June 24 – Bristow, VA @ Jiffy Lube Live<br>June 26 – Allentown, PA @ PPL Center<br>June 27 – Camden, NJ @ BB&T Pavilion</p>` +
				`</div><div class="share-bar"><p>Share this on Facebook</p></div></body></html>`,
			want: []string{"First.", "Bristow", "Camden"},
			lost: []string{"Share this"},
		},
		{
			// The theme sets the paragraphs straight into the element that
			// also holds a long comment thread: the article is that
			// element's paragraphs, not its longest one.
			name: "comment thread in the article's element",
			html: `<html><body><h1>Budget approved</h1><div class="postarea">` + para("First.") + para("Second.") +
				`<p>Third, and longest. The council met again on Wednesday, and members argued for hours about the budget, the roads and the new school, ` +
				`then about the library, the swimming pool and the bus lanes, and again about the school, until the mayor closed the meeting at midnight.</p>` +
				para("Fourth.") + `<div id="comments" class="comments-wrapper"><ol class="commentlist">` +
				strings.Repeat(`<li class="comment">`+para("A comment.")+para("More of it.")+`</li>`, 6) + `</ol></div></div></body></html>`,
			want: []string{"First.", "Third, and longest.", "Fourth."},
			lost: []string{"A comment."},
		},
		{
			// A deals post opens with a link-rich lead, then a subheading
			// per item: the lead belongs to the article.
			name: "lead above the first subheading",
			html: `<html><body><h1>Deals</h1><div class="post-body"><p>Monday's best deals include <a href="/a">MacBook models from $700</a> ` +
				`and <a href="/b">AirPods for $150</a>, with more below.</p><h3>MacBooks from $700</h3>` + para("First.") +
				`<h3>AirPods for $150</h3>` + para("Second.") + `</div></body></html>`,
			want: []string{"Monday's best deals", "MacBooks from $700", "First.", "Second."},
		},
		{
			// A page builder nests each section of the article five
			// wrappers deep: growing past wrappers costs nothing, so the
			// text candidate reaches the other sections.
			name: "sections deep in wrappers",
			html: `<html><body><h1>Budget approved</h1><div class="content">` +
				`<div class="row"><div class="cell"><div class="col"><div class="box"><div class="mod">` + widget("First.") +
				`<div class="tools">` + strings.Repeat(`<div>Share this</div>`, 6) + `</div></div></div></div></div></div>` +
				`<div class="row"><div class="cell"><div class="col"><div class="box"><div class="mod">` + widget("Second.") + widget("Third.") + widget("Fourth.") +
				`</div></div></div></div></div></div></body></html>`,
			want: []string{"First.", "Fourth."},
		},
		{
			// Structure picked the plain box of an article whose opening
			// sits in a page builder's widget; the text candidate holds
			// both.
			name: "structure picked one box of the article",
			html: `<html><body><h1>Budget approved</h1><div class="article-content"><div class="intro">` + widget("Opening.") + widget("Opening two.") +
				`</div><div class="article-body">` + para("First.") + para("Second.") + para("Third.") + `</div></div></body></html>`,
			want: []string{"Opening.", "Opening two.", "First.", "Third."},
		},
		{
			// The same, but what the text candidate adds is one caption
			// repeated under every slide: structure's box stands.
			name: "repeated captions do not widen the body",
			html: `<html><body><h1>Budget approved</h1><div class="article-content"><div class="slides">` +
				strings.Repeat(widget("Caption."), 3) + `</div><div class="article-body">` + para("First.") + para("Second.") + para("Third.") +
				`</div></div></body></html>`,
			want: []string{"First.", "Third."},
			lost: []string{"Caption."},
		},
		{
			// "Read this next" cards in the article's wrapper, each a
			// label, a date, a headline link and a summary: structure takes the
			// wrapper, the text candidate the article's own box.
			name: "story cards after the article in its wrapper",
			html: `<html><body><div class="content"><h1>Budget approved</h1><div class="body-content">` + para("First.") + para("Second.") + para("Third.") + `</div>` +
				card("harbour") + card("bridge") + card("market") + card("school") + `</div></body></html>`,
			want: []string{"First.", "Third."},
			lost: []string{"Summary"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkBody(t, tt.html, tt.want, tt.lost) })
	}
}

// TestSectionCutStopsAtProse: in a table layout, a sidebar heading's cut
// runs on over the rows below it until prose resumes, but not into the
// element that holds that prose: the post's headline line stays.
func TestSectionCutStopsAtProse(t *testing.T) {
	prose := "长梦千年何日醒，睡乡谁遣警钟鸣？腥风血雨难为我，好个江山忍送人！万丈风潮大逼人，腥膻满地血如糜；一腔无限同舟痛，献与同胞侧耳听。我们同胞辛苦所积的银钱产业，一齐要被夺去，这是多么可痛的事情。"
	page := `<html><body><table><tr><td><p>` + prose + `</p><table><tr><td>最新评论</td></tr>` +
		`<tr><td><div><a href="/c1">回复:岳麓书院历代山长</a></div><div><a href="/c2">回复:在理科生面前炫耀</a></div></td></tr></table></td>` +
		`<td><p>陈天华《警世钟》</p><p>` + prose + `</p><p>` + prose + `</p></td></tr></table></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	w := segmentBlocks(root, len(page), "")
	classify(w)
	found := false
	for _, b := range w.blocks {
		switch b.text {
		case "陈天华《警世钟》":
			found = true
			if b.why == "section" {
				t.Errorf("the post's headline line was cut as part of the sidebar's section")
			}
		case "回复:岳麓书院历代山长":
			if b.class != blockBad {
				t.Errorf("a comment link under 最新评论 was kept: class %v why %q", b.class, b.why)
			}
		}
	}
	if !found {
		t.Fatal("headline block not found")
	}
}

// checkBody extracts page and checks that its body holds every string of
// want and none of lost.
func checkBody(t *testing.T, page string, want, lost []string) {
	t.Helper()
	a, err := Extract([]byte(page), "https://example.com/a", nil, &Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range want {
		if !strings.Contains(a.Body, s) {
			t.Errorf("body lacks %q:\n%s", s, a.Body)
		}
	}
	for _, s := range lost {
		if strings.Contains(a.Body, s) {
			t.Errorf("body holds %q:\n%s", s, a.Body)
		}
	}
}

// TestProseHeading: a heading element holding several sentences is a
// paragraph set large (an interview's lead); a headline is not, however long.
func TestProseHeading(t *testing.T) {
	lead := "The film opens in cinemas this week. We met the actress in Berlin, where she talked about the role, the training, " +
		"and the months of research into the history behind it. She spoke openly, and at length, about what the part meant to her, " +
		"and about the women who inspired it."
	for _, tt := range []struct {
		text string
		want bool
	}{
		{lead, true},
		{"What drew you to the role of Amenza, a warrior, a spiritual leader and a keeper of her people's memory, in a film of this size?", false},
		{"Council approves the budget for roads, schools, libraries, the harbour and the new swimming pool after a night of long debate", false},
		{strings.TrimSuffix(lead, ".") + " and more", false},
	} {
		b := &block{text: tt.text, heading: true}
		b.runes, b.cjk, b.punct = textStats(tt.text)
		if got := isProseHeading(b); got != tt.want {
			t.Errorf("isProseHeading(%.40q…) = %v, want %v", tt.text, got, tt.want)
		}
	}
	page := `<html><body><h1>An interview</h1><div class="post"><h2>` + lead + `</h2><h2>What drew you to the role?</h2>` +
		`<p>The warrior, mostly. She fights for her people and she keeps their memory, and both parts of her had to feel true on screen.</p>` +
		`<h2>How did you prepare?</h2><p>Months of training with the stunt team, every morning, and a lot of reading about the kingdom's history.</p></div></body></html>`
	checkBody(t, page, []string{"The film opens in cinemas this week.", "The warrior, mostly."}, nil)
}

// TestServerNotice: PHP warnings printed into a page are not prose; a
// sentence that starts with "Warning:" is.
func TestServerNotice(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Warning: Use of undefined constant comments - assumed 'comments' (this will throw an Error in a future version of PHP) in /homepages/15/htdocs/wp-content/plugins/recent/recent.php on line 928", true},
		{"Deprecated: Function create_function() is deprecated in /var/www/html/wp-includes/theme.php on line 12", true},
		{"Warning: the river will rise again tonight, and the town's officials ask residents to stay on line for updates.", false},
		{"Notice: the library is closed on Monday.", false},
	} {
		if got := isServerNotice(tt.text); got != tt.want {
			t.Errorf("isServerNotice(%.40q…) = %v, want %v", tt.text, got, tt.want)
		}
	}
	notice := `<li>Warning: Use of undefined constant trackbacks - assumed 'trackbacks' (this will throw an Error in a future version of PHP) in /htdocs/wp-content/plugins/get-recent-comments/get-recent-comments.php on line 928</li>`
	page := `<html><body><h1>Number two</h1><div class="post"><p>It has been a while since the first one arrived, and now the second is here, small and loud.</p>` +
		`<p>This is how it looked when the older one first saw him: curious, a little jealous, and then very proud.</p></div>` +
		`<div class="recent"><ul>` + strings.Repeat(notice, 4) + `</ul></div></body></html>`
	checkBody(t, page, []string{"It has been a while", "very proud."}, []string{"Warning:"})
}
