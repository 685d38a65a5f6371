package extract

import (
	"slices"
	"testing"
)

func TestLatinNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"MARIA LOPEZ and SAM LEE", []string{"Maria Lopez", "Sam Lee"}},
		{"Jane Doe, Sam Lee and Ann Bell", []string{"Jane Doe", "Sam Lee", "Ann Bell"}},
		{"Shelby Loos, DVM", []string{"Shelby Loos, DVM"}},
		// A job title after the name ends the list: its "and" joins
		// departments, not writers.
		{"Danielle Padula, Head of Marketing and Community Development", []string{"Danielle Padula"}},
		// A topic list opened by a phrase names no writer.
		{"Published in Creativity, Graphic Design, Interaction Design", nil},
		{"By the numbers", nil},
		{"the numbers", nil},
	}
	for _, tt := range tests {
		if got := latinNames(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("latinNames(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
