package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestBuilderProse: a page builder's "widget" box comes back as text when
// it holds running prose and continues the article's flow; an accordion,
// an author's bio under a linked name, a one-paragraph promo, or boxes
// with no article prose outside chrome next to them stay chrome.
func TestBuilderProse(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " The garden keeps its ferns in the shade of the old oaks, and the staff water them twice a week in summer. " +
			"Visitors often ask which plants survive a dark flat, and the answer is more than most expect.</p>\n"
	}
	body := `<div class="entry">` + para("Lead one.") + para("Lead two.") + `</div>`
	box := func(cls, inner string) string { return `<div class="` + cls + `">` + inner + `</div>` }
	tests := []struct {
		name string
		html string
		text string // prefix of the block to check
		want bool   // the block is chrome (noise)
	}{
		{"elementor text box after the lead", body + box("elementor-element elementor-widget elementor-widget-text-editor",
			box("elementor-widget-container", para("Boxed one.")+para("Boxed two."))), "Boxed one.", false},
		{"ck-widget grid before the lead", box("ck-widget bs_grid", box("col-lg", para("Card one."))+box("col-lg", para("Card two."))) + body,
			"Card one.", false},
		{"run of siteorigin boxes", body + box("so-panel widget widget_text", para("Run one.")+para("Run one more.")) +
			box("so-panel widget widget_text", para("Run two.")+para("Run two more.")), "Run two.", false},
		{"accordion of questions", body + box("elementor-widget elementor-widget-accordion",
			`<div role="button" aria-expanded="false">What is shade?</div>`+para("Answer one.")+
				`<div role="button" aria-expanded="false">Why oaks?</div>`+para("Answer two.")), "Answer one.", true},
		{"author bio under a linked name", body + box("elementor-widget elementor-widget-author-box",
			`<h4><a href="/author/ann">Ann Lee</a></h4>`+para("Ann Lee writes. She gardens. She reads.")), "Ann Lee writes.", true},
		{"one-paragraph promo", body + box("above-content widget widget_block",
			`<p>The Garden News covers one topic: plants. Sign up for our letters to have stories delivered to your inbox.</p>`),
			"The Garden News", true},
		{"no article prose outside chrome", box("elementor-widget elementor-widget-text-editor", para("Alone one.")+para("Alone two.")) +
			box("sidebar", para("Side one.")), "Alone one.", true},
		{"slideshow of one-paragraph twins", strings.Repeat(box("page-widget widget-text", para("Caption.")), 3) + body,
			"Caption.", true},
		{"sidebar word besides widget", body + box("widget sidebar-text", para("Side one.")+para("Side two.")), "Side one.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><body><h1>Plants for dark rooms</h1>` + tt.html + `</body></html>`
			root, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			w := segmentBlocks(root, len(page), "")
			classify(w)
			for _, b := range w.blocks {
				if strings.HasPrefix(b.text, tt.text) {
					if b.noise != tt.want {
						t.Errorf("block %q: noise %v, want %v", tt.text, b.noise, tt.want)
					}
					return
				}
			}
			t.Fatalf("block %q not found", tt.text)
		})
	}
}
