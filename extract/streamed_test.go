package extract

import (
	"strings"
	"testing"
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
