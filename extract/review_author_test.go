package extract

import (
	"strings"
	"testing"
)

// TestReviewAuthorsAdversarial: ordinary pages that today's author rules
// must read right.
func TestReviewAuthorsAdversarial(t *testing.T) {
	for _, tt := range []struct {
		name, page, want string
	}{
		{"meta author over a trending card's by-line",
			`<html><head><title>Budget approved</title><meta name="author" content="Jane Doe"></head><body>` +
				`<div class="trending"><div class="card"><a href="/x">Storm hits the coast overnight</a><span>By Mark Lee</span></div></div>` +
				`<article><h1>Budget approved</h1>` + rvArticle + `</article></body></html>`,
			"Jane Doe"},
		{"meta author over a commenter's posted-by",
			`<html><head><title>Budget approved</title><meta name="author" content="Jane Doe"></head><body>` +
				`<article><h1>Budget approved</h1>` + rvArticle + `</article><div class="comments"><div><span>Posted by Dave Brown</span><p>Great piece.</p></div></div></body></html>`,
			"Jane Doe"},
		{"lead byline under the headline, no meta",
			`<html><head><title>Budget approved</title></head><body>` +
				`<article><h1>Budget approved</h1><p><span>By </span><a href="/au/jd">Jane Doe</a></p>` + rvArticle + `</article></body></html>`,
			"Jane Doe"},
		{"by the numbers heading is no writer",
			`<html><head><title>Budget approved</title></head><body>` +
				`<article><h1>Budget approved</h1>` + rvArticle + `<h3>By the Numbers</h3><p>Seven votes for, two against, and four hours of debate in the council chamber on Tuesday.</p></article></body></html>`,
			""},
		{"site named like a person, writer in byline",
			`<html><head><title>Budget approved - Martha Stewart</title><meta property="og:site_name" content="Martha Stewart"></head><body>` +
				`<article><h1>Budget approved</h1><div class="byline">By <span class="author">Sarah Smith</span></div>` + rvArticle + `</article></body></html>`,
			"Sarah Smith"},
	} {
		a, err := Extract([]byte(tt.page), "https://example.com/a", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(a.Authors, "|"); got != tt.want {
			t.Errorf("%s: authors %q, want %q", tt.name, got, tt.want)
		}
	}
}
