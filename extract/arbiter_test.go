package extract

import (
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
