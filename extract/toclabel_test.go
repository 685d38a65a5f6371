package extract

import (
	"strings"
	"testing"
)

func TestIsTOCLabel(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"Table of Contents", true},
		{"Table of Contents[Hide][Show]", true},
		{"TABLE OF CONTENTS Toggle", true},
		{"In this article:", true},
		{"Contents", false}, // Wikipedia's heading, kept by the labels
		{"Table of Contents for the 2024 report", false},
		{"The table of contents lists every chapter.", false},
	} {
		if got := isTOCLabel(tt.s); got != tt.want {
			t.Errorf("isTOCLabel(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestDropTOCLabels(t *testing.T) {
	const para = `<p>The council approved the budget on Tuesday after a long debate about parking fees and bus lanes.</p>`
	tests := []struct {
		name, page string
		want       int // body blocks kept
	}{
		{"label near the start goes", `<p>Intro text of the guide, which explains the plan.</p><p>Table of Contents</p>` + para + para, 3},
		{"label in the second half stays", para + para + `<p>Table of Contents</p>`, 3},
		{"no label", para + para, 2},
	}
	for _, tt := range tests {
		w, idx := allBlocks(t, "<html><body><article>"+tt.page+"</article></body></html>")
		got := dropTOCLabels(w, idx)
		if len(got) != tt.want {
			t.Errorf("%s: kept %d blocks, want %d", tt.name, len(got), tt.want)
		}
		for _, i := range got {
			if tt.want < len(idx) && strings.Contains(w.blocks[i].text, "Table of Contents") {
				t.Errorf("%s: label kept", tt.name)
			}
		}
	}
}
