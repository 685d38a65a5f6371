package extract

import "testing"

// TestReviewDatesAdversarial: ordinary pages that today's date rules must
// date right.
func TestReviewDatesAdversarial(t *testing.T) {
	for _, tt := range []struct {
		name, page, want string
	}{
		{"new year's day story, related list below",
			`<html><head><title>Fireworks light up the harbour</title><meta property="article:published_time" content="2024-01-01"></head><body>` +
				`<article><h1>Fireworks light up the harbour</h1>` + rvArticle + `</article>` +
				`<aside><h3>Related</h3><div><a href="/b">Council sets the date for the vote</a> <span>December 28, 2023</span></div>` +
				`<div><a href="/c">Storm closes the bridge</a> <span>December 22, 2023</span></div></aside></body></html>`,
			"2024-01-01"},
		{"new year's day story in JSON-LD, printed date in footer list",
			`<html><head><title>First baby of the year</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"First baby of the year","datePublished":"2025-01-01"}</script></head><body>` +
				`<article><h1>First baby of the year</h1>` + rvArticle + `</article>` +
				`<footer><ul><li><a href="/b">Older post</a> 30/12/2024</li></ul></footer></body></html>`,
			"2025-01-01"},
	} {
		a, err := Extract([]byte(tt.page), "https://example.com/a", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if !a.PublishedAt.IsZero() {
			got = a.PublishedAt.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("%s: date %q, want %q", tt.name, got, tt.want)
		}
	}
}
