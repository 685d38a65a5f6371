package extract

import (
	"testing"
	"time"
)

func TestDropPlaceholders(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name  string
		cands []dateCandidate
		want  int // candidates kept
	}{
		{"a year's first day beside a printed date: dropped", []dateCandidate{
			{t: day(2004, 1, 1), src: srcMeta},
			{t: day(2019, 6, 13), src: srcText, updated: true},
		}, 1},
		{"alone: kept", []dateCandidate{{t: day(2004, 1, 1), src: srcMeta}}, 1},
		{"with a time: a real date", []dateCandidate{
			{t: time.Date(2025, 1, 1, 19, 16, 0, 0, time.UTC), hasTime: true, src: srcMeta},
			{t: day(2025, 3, 5), src: srcText},
		}, 2},
		{"the page prints that day too: kept", []dateCandidate{
			{t: day(2021, 1, 1), src: srcLD},
			{t: day(2021, 1, 1), src: srcText},
			{t: day(2021, 3, 2), src: srcText},
		}, 3},
		{"another day is no placeholder", []dateCandidate{
			{t: day(2021, 1, 2), src: srcLD},
			{t: day(2021, 3, 2), src: srcText},
		}, 2},
		{"a URL's first of January is the URL's", []dateCandidate{
			{t: day(2021, 1, 1), src: srcURL},
			{t: day(2021, 3, 2), src: srcText},
		}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(dropPlaceholders(tt.cands)); got != tt.want {
				t.Errorf("kept %d candidates, want %d", got, tt.want)
			}
		})
	}
}
