package extract

import (
	"strings"
	"testing"
)

func TestTrimTailCalls(t *testing.T) {
	mk := func(texts ...string) (*blockWalker, []int) {
		w := &blockWalker{}
		var idx []int
		for i, s := range texts {
			n, cjk, punct := textStats(s)
			w.blocks = append(w.blocks, block{text: s, runes: n, cjk: cjk, punct: punct})
			idx = append(idx, i)
		}
		return w, idx
	}
	tests := []struct {
		name  string
		texts []string
		keep  int
	}{
		{"newsletter box", []string{"The council approved the budget on Tuesday.",
			"Get the day’s top headlines delivered to your inbox every morning by subscribing to our newsletter.",
			"You have been successfully subscribed!"}, 1},
		{"follow and forum", []string{"The probe found water vapour on Europa.",
			"Follow us on Twitter @Spacedotcom and on Facebook.", "Join our Space Forums to keep talking space!"}, 1},
		{"follow the outlet", []string{"The police released the names of the victims.",
			"Follow The Gleaner on Twitter and Instagram @JamaicaGleaner."}, 1},
		{"follow in prose stays", []string{"The police released the names.", "Follow the money, the detective said."}, 2},
		{"closing sentence stays", []string{"The council approved the budget on Tuesday.",
			"Leave a comment and let us know what you think of the plan."}, 2},
		{"call to action mid-body stays", []string{"Click here to read the report.", "The council approved the budget on Tuesday."}, 2},
		{"never empty", []string{"Sign up for our newsletter."}, 1},
		// Closing sentences of news text that use the same words stay.
		{"report of a sign-up", []string{"The council approved the budget on Tuesday.",
			"Residents can sign up for the program at any library branch starting June 1, Lopez said."}, 2},
		{"quotation", []string{"The council approved the budget on Tuesday.",
			"“We want every senior to join our community of riders,” Lopez added."}, 2},
		{"officials' advice", []string{"The council approved the budget on Tuesday.",
			"Officials advised riders who have questions to click here on the city website or call 311."}, 2},
		{"imperative after a lead-in clause", []string{"The council approved the budget on Tuesday.",
			"In case of abuse, click here to report."}, 1},
		{"follow the money", []string{"The council approved the budget on Tuesday.",
			"Follow the money, critics argue: the parking revenue on Twitter-famous blocks will fund the expansion."}, 2},
		{"follow an outlet on a platform", []string{"The council approved the budget on Tuesday.",
			"Follow The Gleaner on Twitter and Instagram for the latest news."}, 1},
		{"promo with a book title", []string{"The probe found water vapour on Europa.",
			`Mike Wall's book "Out There" is out now. Follow him on Twitter @michaeldwall.`}, 1},
	}
	for _, tt := range tests {
		w, idx := mk(tt.texts...)
		if got := trimTailCalls(w, idx); len(got) != tt.keep {
			t.Errorf("%s: kept %d blocks, want %d", tt.name, len(got), tt.keep)
		}
	}
}

func TestIsAuthorNote(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"Kelia Losa Reinoso is a content writer at Tastewise with more than five years of experience.", true},
		{"Hi, I'm Jack, Co-Founder of Social Shepherd and a writer on social media.", true},
		{"Mirel Zaman is the health and fitness director at PS. She has over 15 years of experience as an editor.", true},
		{"Jane Doe is the mayor's spokeswoman and said the plan would pass.", false},
		{"The council is a writer of rules.", false},
		{"Smith is a former editor.", false},
	} {
		if got := isAuthorNote(tt.s); got != tt.want {
			t.Errorf("isAuthorNote(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestAuthorNoteBox checks that a note on the writer goes with its label
// when it sits in a box of its own below the text, and stays when it is the
// text's own closing paragraph.
func TestAuthorNoteBox(t *testing.T) {
	para := "<p>The council met on Tuesday, and members argued for hours about the budget, the roads and the new school. " +
		"Several residents spoke, most of them in favour of the plan, though a few asked for more time to read it.</p>"
	note := "Jane Doe is a senior writer at the Daily Example, where she covers local politics."
	boxed := `<html><body><article><h1>Budget</h1><div class="entry">` + para + para + para +
		`<div class="box"><h4>Written by</h4><p>` + note + `</p></div></div></article></body></html>`
	inline := `<html><body><article><h1>Budget</h1><div class="entry">` + para + para + para + `<p><em>` + note + `</em></p></div></article></body></html>`
	for _, tt := range []struct {
		name, html string
		kept       bool
	}{{"boxed", boxed, false}, {"closing paragraph", inline, true}} {
		a, err := Extract([]byte(tt.html), "https://example.com/a", nil, &Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(a.Body, "Jane Doe"); got != tt.kept {
			t.Errorf("%s: note kept = %v, want %v\n%s", tt.name, got, tt.kept, a.Body)
		}
		if strings.Contains(a.Body, "Written by") {
			t.Errorf("%s: label kept\n%s", tt.name, a.Body)
		}
	}
}
