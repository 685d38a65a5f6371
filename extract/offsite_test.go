package extract

import (
	"strings"
	"testing"
)

func TestIsOffSite(t *testing.T) {
	site := siteOf("www.example.com")
	for _, tt := range []struct {
		href     string
		off, abs bool
	}{
		{"/news/1.html", false, false},
		{"#top", false, false},
		{"https://www.example.com/a", false, true},
		{"https://news.example.com/a", false, true},
		{"http://EXAMPLE.com:8080/a", false, true},
		{"//cdn.example.com/x.jpg", false, true},
		{"https://www.littlebitsofhome.com/coat-hooks/", true, true},
		{"https://user@other.org/", true, true},
		{"mailto:a@example.com", false, false},
	} {
		off, abs := isOffSite(tt.href, site)
		if off != tt.off || abs != tt.abs {
			t.Errorf("isOffSite(%q) = %v, %v; want %v, %v", tt.href, off, abs, tt.off, tt.abs)
		}
	}
}

// TestRoundupNotTeasers checks that a roundup whose item headings link to
// the sites they present stays in the body, while the same list linking the
// site's own pages is a teaser list, and that without a link to its own
// site the page's URL is not trusted.
func TestRoundupNotTeasers(t *testing.T) {
	item := func(href, name string) string {
		return `<div class="item"><h2><a href="` + href + `">` + name + `</a></h2>` +
			`<p>These genius ` + name + ` are perfect for little kids, and you can build them in an afternoon.</p></div>`
	}
	page := func(base string) string {
		return `<html><body><h1>10 projects</h1><div class="post"><p><a href="https://www.example.com/about">About us</a></p>` +
			`<p>Adding style and function to your home can be fun, and you can do it yourself with a few tools and an afternoon.</p>` +
			item(base+"/hooks", "coat hooks") + item(base+"/stand", "plant stands") + item(base+"/frame", "mirror frames") +
			item(base+"/box", "planter boxes") + `</div></body></html>`
	}
	for _, tt := range []struct {
		name, html, url string
		kept            bool
	}{
		{"links out", page("https://www.littlebitsofhome.com"), "https://www.example.com/p", true},
		{"links home", page("https://www.example.com"), "https://www.example.com/p", false},
		{"url not trusted", strings.Replace(page("https://www.littlebitsofhome.com"), "https://www.example.com/about", "/about", 1), "https://www.example.com/p", false},
	} {
		a, err := Extract([]byte(tt.html), tt.url, nil, &Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(a.Body, "planter boxes are perfect"); got != tt.kept {
			t.Errorf("%s: roundup item kept = %v, want %v\n%s", tt.name, got, tt.kept, a.Body)
		}
	}
}
