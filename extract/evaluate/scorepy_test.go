package evaluate

import (
	"testing"
	"time"
)

func TestScorePyDate(t *testing.T) {
	cst := time.FixedZone("", 8*3600)
	at := func(h, m, s int, z *time.Location) time.Time { return time.Date(2021, 1, 21, h, m, s, 0, z) }
	tests := []struct {
		label string
		got   time.Time
		want  bool
	}{
		{"2021-01-21", at(23, 30, 0, cst), true},
		{"2021-01-21", at(23, 30, 0, cst).UTC(), true},               // 15:30Z is still the 21st
		{"2021-01-21", at(3, 0, 0, cst).UTC(), false},                // 19:00Z on the 20th: the output's own day counts
		{"2021-01-21", time.Time{}, false},                           // no date
		{"2021-01-21T13:15:00+08:00", at(13, 15, 0, cst), true},      // same instant and offset
		{"2021-01-21T13:15:00+08:00", at(13, 15, 42, cst), true},     // label to the minute accepts the page's seconds
		{"2021-01-21T13:15:00+08:00", at(5, 15, 0, time.UTC), false}, // same instant, other offset
		{"2021-01-21T13:15:00+08:00", at(13, 16, 0, cst), false},
		{"2021-01-21T13:15:30+08:00", at(13, 15, 0, cst), false}, // labelled seconds must match
		{"2021-01-21T13:15:30+08:00", at(13, 15, 30, cst), true},
		{"2021-01-21T13:15+08:00", at(13, 15, 59, cst), true},
		{"2021-01-21T13:15:00", at(13, 15, 0, cst), false}, // score.py cannot compare a naive label
		{"2021-01", at(13, 15, 0, cst), false},             // nor parse a month
	}
	for _, tt := range tests {
		d, ok := ParseDateLabel(tt.label)
		if !ok {
			t.Fatalf("ParseDateLabel(%q) failed", tt.label)
		}
		if got := scorePyDate(d, tt.got); got != tt.want {
			t.Errorf("scorePyDate(%q, %s) = %v, want %v", tt.label, tt.got.Format(time.RFC3339), got, tt.want)
		}
	}
}

func TestScorePyChecks(t *testing.T) {
	date, _ := ParseDateLabel("2021-01-21T13:15:00+08:00")
	cst := time.FixedZone("", 8*3600)
	truth := Truth{
		Title: ptr("上海灣區"), Body: ptr("金山區投促辦主任葛鈞表示"), Date: &date, Source: ptr("新華網"),
		Authors: []string{"李榮", "王巧月"}, HasAuthors: true, Editor: ptr("赵明"),
		MustContain: []string{"葛鈞"}, MustNotContain: []string{"字號"}, Check: true,
	}
	good := Output{Title: " 上海灣區", Body: "金山區投促辦主任葛鈞表示", Date: time.Date(2021, 1, 21, 13, 15, 7, 0, cst),
		Source: "新華網", Authors: []string{"王巧月 李榮"}, Editor: "赵明"}
	tests := []struct {
		name       string
		truth      Truth
		out        Output
		met, total int
	}{
		{"all met", truth, good, 6, 6},
		{"nothing extracted", truth, Output{}, 0, 6},
		{"leak fails the body", truth, func() Output { o := good; o.Body += " 字號"; return o }(), 5, 6},
		{"missing must_contain fails the body", Truth{Body: ptr("葛鈞表示"), MustContain: []string{"主任"}, Check: true}, Output{Body: "葛鈞表示"}, 0, 1},
		{"empty author list expects none", Truth{Body: ptr("x"), HasAuthors: true, Check: true}, Output{Body: "x"}, 2, 2},
		{"not an article makes no check", Truth{Title: ptr("Home"), NotArticle: true, Check: true}, Output{Title: "Home"}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if met, total := scorePyChecks(&tt.truth, tt.out); met != tt.met || total != tt.total {
				t.Errorf("scorePyChecks = %d/%d, want %d/%d", met, total, tt.met, tt.total)
			}
		})
	}
}
