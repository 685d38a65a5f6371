package evaluate

import (
	"testing"
	"time"
)

func TestParseDateLabel(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		prec   Precision
		zoned  bool
		offset int
		str    string
	}{
		{"2019-10-16", true, PrecDay, false, 0, "2019-10-16"},
		{"2005-5-7 21:23:57", true, PrecSecond, false, 0, "2005-05-07T21:23:57"},
		{"2004-09-17 5:54:13", true, PrecSecond, false, 0, "2004-09-17T05:54:13"},
		{"2005-07-31 12:30", true, PrecMinute, false, 0, "2005-07-31T12:30"},
		{"2003-5", true, PrecMonth, false, 0, "2003-05"},
		{"2018", true, PrecYear, false, 0, "2018"},
		{"2021-01-21T13:15:00+08:00", true, PrecSecond, true, 8 * 3600, "2021-01-21T13:15:00+08:00"},
		{"2023-11-02T19:53:52+00:00", true, PrecSecond, true, 0, "2023-11-02T19:53:52Z"},
		{"2023-11-07T02:00:00-05:00", true, PrecSecond, true, -5 * 3600, "2023-11-07T02:00:00-05:00"},
		{"2020-03-01T10:00:00.123Z", true, PrecSecond, true, 0, "2020-03-01T10:00:00Z"},
		// bare midnight is a date-only label in the newspaper4k fixtures.
		{"2023-11-06T00:00:00", true, PrecDay, false, 0, "2023-11-06"},
		{"UNKNOWN", false, 0, false, 0, ""},
		{"张三", false, 0, false, 0, ""},
		{"", false, 0, false, 0, ""},
		{"2020-13-01", false, 0, false, 0, ""},
	}
	for _, tt := range tests {
		d, ok := ParseDateLabel(tt.in)
		if ok != tt.ok {
			t.Errorf("ParseDateLabel(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if d.Prec != tt.prec || d.Zoned != tt.zoned || d.Offset != tt.offset || d.String() != tt.str {
			t.Errorf("ParseDateLabel(%q) = %+v (%s), want prec %d zoned %v offset %d %s",
				tt.in, d, d, tt.prec, tt.zoned, tt.offset, tt.str)
		}
	}
}

func TestDateMatch(t *testing.T) {
	cst := time.FixedZone("", 8*3600)
	mustLabel := func(s string) DateLabel {
		d, ok := ParseDateLabel(s)
		if !ok {
			t.Fatalf("label %q", s)
		}
		return d
	}
	tests := []struct {
		label     string
		got       time.Time
		day, time bool
	}{
		{"2021-01-21T13:15:00+08:00", time.Date(2021, 1, 21, 13, 15, 0, 0, cst), true, true},
		// same instant stated in UTC: right day in the label's zone, wrong offset.
		{"2021-01-21T13:15:00+08:00", time.Date(2021, 1, 21, 5, 15, 0, 0, time.UTC), true, false},
		// a UTC instant late in the day is the next day at +08:00.
		{"2021-01-22", time.Date(2021, 1, 21, 20, 0, 0, 0, time.UTC), false, false},
		{"2021-01-21", time.Date(2021, 1, 21, 20, 0, 0, 0, time.UTC), true, false},
		{"2005-5-7 21:23:57", time.Date(2005, 5, 7, 21, 23, 57, 0, cst), true, true},
		{"2005-5-7 21:23:57", time.Date(2005, 5, 7, 21, 23, 0, 0, cst), true, false},
		{"2005-07-31 12:30", time.Date(2005, 7, 31, 12, 30, 45, 0, cst), true, true},
		{"2003-5", time.Date(2003, 5, 20, 0, 0, 0, 0, cst), true, false},
		{"2018", time.Date(2019, 1, 1, 0, 0, 0, 0, cst), false, false},
		{"2018-01-01", time.Time{}, false, false},
	}
	for _, tt := range tests {
		d := mustLabel(tt.label)
		if got := d.MatchDay(tt.got); got != tt.day {
			t.Errorf("%s MatchDay(%v) = %v, want %v", tt.label, tt.got, got, tt.day)
		}
		if got := d.MatchTime(tt.got); got != tt.time {
			t.Errorf("%s MatchTime(%v) = %v, want %v", tt.label, tt.got, got, tt.time)
		}
	}
}
