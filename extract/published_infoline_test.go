package extract

import (
	"strings"
	"testing"
	"time"
)

func TestReadingTimeLine(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"7 min readDec 30, 2013", true},
		{"December 15, 2025 · 8 Min Read", true},
		{"12. März 2024 · Lesezeit: 4 Minuten", true},
		{"3 de mayo de 2022 — 5 min de lectura", true},
		{"Dec 30, 2013", false},
		{"By Jane Doe · December 15, 2025", false},
		// Prose mentioning a reading time is not an info line.
		{strings.Repeat("The report, a 5 min read, came out on May 3, 2022 and was discussed at length. ", 3), false},
	}
	for _, tt := range tests {
		b := &block{text: tt.text, runes: len([]rune(tt.text))}
		if got := readingTimeLine(b); got != tt.want {
			t.Errorf("readingTimeLine(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestReadingTimeDate covers a blog that re-stamps its metadata on each
// migration: the date on the article's reading-time line, a few blocks
// under the headline past the subtitle and the author, is when it was
// written.
func TestReadingTimeDate(t *testing.T) {
	const prose = `<p>In a given December I was generating ideas for a business that would let small teams measure how
their members felt about the work, and I spent the holidays building the first version of it.</p>
<p>I read a great deal about validating ideas before building them, but I still built the product first and asked
customers later, which is the lesson this whole post is about.</p>`
	tests := []struct{ name, info, want string }{
		{"reading time beside the date", `<div>7 min read · Dec 30, 2013</div>`, "2013-12-30"},
		{"bare date line: the metadata stands", `<div>Dec 30, 2013</div>`, "2024-08-07"},
	}
	for _, tt := range tests {
		page := `<html><head><meta property="article:published_time" content="2024-08-07T12:01:51Z"></head><body>
<h1>Lessons learned from my failed startup</h1><h2>What went right and what went wrong with our first product</h2>
<div>Jane Writer</div>` + tt.info + prose + `</body></html>`
		a, err := Extract([]byte(page), "https://example.com/lessons-learned", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := a.PublishedAt.Format(time.DateOnly); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}
