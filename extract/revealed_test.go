package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestStreamSegmentID(t *testing.T) {
	for _, tt := range []struct {
		id   string
		want bool
	}{
		{"S:0", true}, {"S:12", true}, {"S:", false}, {"S:1a", false}, {"B:0", false}, {"s:0", false}, {"Section", false},
	} {
		if got := isStreamSegmentID(tt.id); got != tt.want {
			t.Errorf("isStreamSegmentID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

// TestStreamedArticle checks that an article sent as a React streaming
// segment is read, while other hidden elements stay out.
func TestStreamedArticle(t *testing.T) {
	para := "<p>The council met on Tuesday, and members argued for hours about the budget, the roads and the new school. " +
		"Several residents spoke, most of them in favour of the plan, though a few asked for more time to read it.</p>"
	page := `<html><body><div hidden=""><template id="B:0"></template></div>` +
		`<div hidden id="S:0"><article><h1>Budget approved</h1>` + para + para + `</article></div>` +
		`<div hidden id="menu"><p>A hidden drawer with a long sentence that nobody ever sees on the page, since it is never shown at all.</p></div>` +
		`</body></html>`
	a, err := Extract([]byte(page), "https://example.com/a", nil, &Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "The council met") {
		t.Errorf("body lacks the streamed article: %q", a.Body)
	}
	if strings.Contains(a.Body, "drawer") {
		t.Errorf("body holds a hidden drawer: %q", a.Body)
	}
}

func TestCollapsedPanel(t *testing.T) {
	for _, tt := range []struct {
		tag  string
		html string
		want bool
	}{
		{"div", `<div id="a_content" style="display:none;" role="region" aria-labelledby="a_header">`, true},
		{"div", `<div class="ui-accordion-content" style="display:none" role="tabpanel">`, true},
		{"section", `<section hidden aria-labelledby="faq-3">`, true},
		{"div", `<div class="cli-modal" role="dialog" aria-labelledby="x" aria-hidden="true">`, false},
		{"div", `<div aria-labelledby="x" aria-hidden="true">`, false},
		{"div", `<div style="display:none">`, false},
		{"script", `<script role="region">`, false},
	} {
		root, err := html.Parse(strings.NewReader("<html><body>" + tt.html + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		n := findTag(root, tt.tag)
		if n == nil {
			t.Fatalf("no <%s> in %s", tt.tag, tt.html)
		}
		if got := isCollapsedPanel(n); got != tt.want {
			t.Errorf("isCollapsedPanel(%s) = %v, want %v", tt.html, got, tt.want)
		}
	}
}

// findTag returns the first element named tag below n.
func findTag(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findTag(c, tag); f != nil {
			return f
		}
	}
	return nil
}
