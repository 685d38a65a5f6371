package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestHeadingText(t *testing.T) {
	tests := []struct{ name, h1, want string }{
		{"inline spans render glued", `<h1><span>Data</span><span>base</span> Tips</h1>`, "Database Tips"},
		{"block utility class starts a line", `<h1>Notion Alternatives<span class="block text-sm">Top Note Tools</span></h1>`, "Notion Alternatives Top Note Tools"},
		{"inline display block", `<h1><span style="display: block">Kicker</span>Real Headline</h1>`, "Kicker Real Headline"},
		{"div inside heading", `<h1>Headline<div class="sub">Subtitle</div></h1>`, "Headline Subtitle"},
		{"line break", `<h1>WEEKEND<br>CODING</h1>`, "WEEKEND CODING"},
		{"CJK runs on across lines", `<h1>新外科<div>运动</div></h1>`, "新外科运动"},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.h1))
		if err != nil {
			t.Fatal(err)
		}
		h := findTag(doc, "h1")
		got, ok := headingText(h, 2000)
		if got = collapseSpace(got); !ok || got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTrimColonKicker(t *testing.T) {
	tests := []struct{ name, h1, want string }{
		{"hidden colon after a kicker", `<h1><span class="k">Press release of the health office <span class="sr-only">:</span></span>Vaccination stays open until March</h1>`, "Vaccination stays open until March"},
		{"colon span between two spans", `<h1><span>Flood Wall</span><span class="visually-hidden">: </span><span>Council approves the plan</span></h1>`, "Council approves the plan"},
		{"colon inside the text is one headline", `<h1><span>Flood Wall: Council approves the plan</span></h1>`, "Flood Wall: Council approves the plan"},
		{"too short a rest", `<h1><span>Council approves the plan</span><span>:</span>Yes</h1>`, "Council approves the plan:Yes"},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.h1))
		if err != nil {
			t.Fatal(err)
		}
		h := findTag(doc, "h1")
		raw, _ := headingText(h, 2000)
		if got := trimColonKicker(collapseSpace(raw), h); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
