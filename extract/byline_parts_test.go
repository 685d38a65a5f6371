package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestBylineParts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<div class="author"><p>Luke Kim</p><small>December 17, 2025</small></div>`, "Luke Kim | December 17, 2025"},
		{`<div class="author">By <a href="/u/x">Jane <b>Doe</b></a></div>`, "By | Jane Doe"},
		{`<div class="author">Jane Doe</div>`, "Jane Doe"},
	} {
		doc, err := html.Parse(strings.NewReader(c.in))
		if err != nil {
			t.Fatal(err)
		}
		div := doc.FirstChild.LastChild.FirstChild // html > body > div
		if got := bylineParts(div, 400); got != c.want {
			t.Errorf("bylineParts(%s) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBylineNames(t *testing.T) {
	for _, c := range []struct{ whole, parted, want string }{
		{"By Kyle Howells", "", "Kyle Howells"},
		{"Russell MillerDec 18, 2025", "Russell Miller | Dec 18, 2025", "Russell Miller"},
		{"Dec 17, 2025Julian K. Arni", "Dec 17, 2025 | Julian K. Arni", "Julian K. Arni"},
		{"By ClayMar 14, 202434 min read", "By | Clay | Mar 14, 2024 | 34 min read", "Clay"},
		{"May 28 Written By Isabella Tabacchi", "May 28 | Written By | Isabella Tabacchi", "Isabella Tabacchi"},
		{"By Haley Hoekstra • March 12, 2025", "", "Haley Hoekstra"},
		{"Posted by BeauHD on Friday December 19, 2025 @08:00PM", "", "BeauHD"},
		{"von Limespacer · 22. Oktober 2019", "", "Limespacer"},
		{"Author: Bo2man am 29.12.2010, 13:36 Uhr", "", "Bo2man"},
		{"Text by Hunter Dukes", "", "Hunter Dukes"},
		{"By Resy Staff", "", "Resy Staff"},
		{"By the Lavazza Team", "", "the Lavazza Team"},
		{"Veröffentlicht vonChris Jung", "Veröffentlicht von | Chris Jung", "Chris Jung"},
		// Not bylines: a comment header, a bare handle, a Chinese line.
		{"Kersti Wolnow sagt:", "Kersti Wolnow | sagt:", ""},
		{"gizzmo", "", ""},
		{"By AP", "", ""},
		{"By clicking subscribe you agree", "", ""},
		{"网友评论新闻资讯", "网友评论 | 新闻资讯", ""},
	} {
		got := strings.Join(bylineNames(c.whole, c.parted), "|")
		if got != c.want {
			t.Errorf("bylineNames(%q, %q) = %q, want %q", c.whole, c.parted, got, c.want)
		}
	}
}
