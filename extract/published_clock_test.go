package extract

import (
	"testing"
	"time"
)

func TestPrintedClock(t *testing.T) {
	cst := fixedZone(8 * 3600)
	edt := fixedZone(-4 * 3600)
	at := func(loc *time.Location, h, m, s int) time.Time { return time.Date(2019, 9, 7, h, m, s, 0, loc) }
	tests := []struct {
		name       string
		meta, page time.Time
		want       time.Time // zero: the metadata stands
	}{
		{"portal meta saved later", at(cst, 6, 52, 51), at(cst, 4, 4, 0), at(cst, 4, 4, 0)},
		{"one minute apart", at(cst, 19, 56, 29), at(cst, 19, 55, 0), at(cst, 19, 55, 0)},
		{"same minute: meta adds seconds", at(cst, 18, 57, 38), at(cst, 18, 57, 0), time.Time{}},
		{"printed zone, same instant", at(time.UTC, 19, 53, 52), at(edt, 15, 53, 0), time.Time{}},
		{"whole hours: a zone read differently", at(time.UTC, 10, 0, 0), at(cst, 18, 0, 0), time.Time{}},
		{"whole hours, meta adds seconds", at(time.UTC, 13, 51, 19), at(time.UTC, 10, 51, 0), time.Time{}},
		{"six hours, meta adds seconds", at(time.UTC, 23, 25, 12), at(time.UTC, 17, 25, 0), time.Time{}},
		{"another day", at(cst, 6, 52, 51), at(cst, 4, 4, 0).AddDate(0, 0, -1), time.Time{}},
	}
	for _, tt := range tests {
		s := &dateCandidate{t: tt.meta, hasTime: true, src: srcMeta}
		h := &dateCandidate{t: tt.page, hasTime: true, src: srcText, label: true}
		got, ok := printedClock(s, h)
		if ok != !tt.want.IsZero() || ok && !got.Equal(tt.want) {
			t.Errorf("%s: got %v %v, want %v", tt.name, got, ok, tt.want)
		}
	}
}

func TestLoneDateLine(t *testing.T) {
	day := time.Date(2024, 4, 8, 0, 0, 0, 0, time.UTC)
	line := dateCandidate{t: day, src: srcText, line: true, dist: 213}
	if got := loneDateLine([]dateCandidate{line}); got != 0 {
		t.Errorf("lone date line: %d", got)
	}
	prose := line
	prose.line = false
	listed := line
	listed.listed = true
	meta := dateCandidate{t: day, src: srcMeta}
	for name, cands := range map[string][]dateCandidate{
		"in prose": {prose}, "in a listing": {listed}, "two lines": {line, line}, "beside metadata": {meta, line},
	} {
		if got := loneDateLine(cands); got != -1 {
			t.Errorf("%s: %d", name, got)
		}
	}
}
