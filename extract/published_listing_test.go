package extract

import (
	"testing"
	"time"
)

// TestMarkListings checks which text dates count as a listing's entries,
// in particular that dates across the headline are not neighbours.
func TestMarkListings(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name   string
		head   int
		blocks []int // block of each text date, in order; the i-th names day i+1
		want   []bool
	}{
		{"a teaser list: every entry is listed", 50, []int{10, 12, 14}, []bool{true, true, true}},
		{"a date line under the headline, the list above it", 13, []int{8, 10, 12, 14}, []bool{true, true, true, false}},
		{"a list under the headline still counts", 9, []int{10, 12, 14}, []bool{true, true, true}},
		{"no headline: neighbours count on both sides", -1, []int{8, 10, 12, 14}, []bool{true, true, true, true}},
		{"far apart: not a listing", 50, []int{10, 20, 30}, []bool{false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cands := make([]dateCandidate, len(tt.blocks))
			for i, b := range tt.blocks {
				cands[i] = dateCandidate{t: day(i + 1), src: srcText, block: b}
			}
			markListings(cands, tt.head)
			for i := range cands {
				if cands[i].listed != tt.want[i] {
					t.Errorf("block %d: listed = %v, want %v", cands[i].block, cands[i].listed, tt.want[i])
				}
			}
		})
	}
}
