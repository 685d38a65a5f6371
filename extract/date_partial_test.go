package extract

import (
	"testing"
	"time"
)

func TestFindPartialDate(t *testing.T) {
	tests := []struct {
		in         string
		month, day int
		time       string // "15:04", "" when none printed
		ok         bool
	}{
		{"发布时间：09-30 22:46", 9, 30, "22:46", true},
		{"10-08 12:00", 10, 8, "12:00", true},
		{"9/30 10:15", 9, 30, "10:15", true},
		// Date and time in adjacent elements, their texts glued.
		{"发布时间：09-3022:46青岛软媒网络科技有限公司", 9, 30, "22:46", true},
		{"1月21日", 1, 21, "", true},
		{"1月21日 13:15", 1, 21, "13:15", true},
		{"3月8号 下午3:00", 3, 8, "15:00", true},
		{"发布时间：01-14", 1, 14, "", true},
		{"02-29 08:00", 2, 29, "08:00", true},
		// Not year-less dates.
		{"2021-09-30 22:46", 0, 0, "", false}, // a full date is findDate's
		{"2021年1月21日", 0, 0, "", false},
		{"1月21", 0, 0, "", false}, // no 日: a count or a range
		{"3.14", 0, 0, "", false},
		{"10-08-2019", 0, 0, "", false},
		{"1-2-3", 0, 0, "", false},
		{"13-01 12:00", 0, 0, "", false},
		{"02-30 12:00", 0, 0, "", false},
		{"A10-08 12:00", 0, 0, "", false},
		{"09-3025:46", 0, 0, "", false},
		{"比分 3022", 0, 0, "", false},
	}
	for _, tt := range tests {
		m, ok := findPartialDate(tt.in)
		if ok != tt.ok {
			t.Errorf("findPartialDate(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		tm := ""
		if m.hasTime {
			tm = time.Date(2000, 1, 1, m.hour, m.min, 0, 0, time.UTC).Format("15:04")
		}
		if m.month != tt.month || m.day != tt.day || tm != tt.time || m.year != 0 {
			t.Errorf("findPartialDate(%q) = %d-%d-%d %q, want 0-%d-%d %q", tt.in, m.year, m.month, m.day, tm, tt.month, tt.day, tt.time)
		}
	}
}

func TestPartialYear(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	sep30 := func() dateMatch {
		m, _ := findPartialDate("09-30 22:46")
		return m
	}()
	jan21, _ := findPartialDate("1月21日")
	dec31, _ := findPartialDate("12-31 23:50")
	tests := []struct {
		name string
		m    dateMatch
		ev   []dayEvidence
		url  time.Time
		now  time.Time
		want string // RFC 3339, "" when no year is found
	}{
		{"same day and minute in metadata", sep30, []dayEvidence{
			{t: at("2018-09-30T10:00:00+08:00"), hasTime: true},
			{t: at("2019-09-30T22:46:13+08:00"), hasTime: true},
		}, time.Time{}, time.Time{}, "2019-09-30T22:46:00+08:00"},
		{"same day in UTC metadata", sep30, []dayEvidence{
			{t: at("2019-09-30T14:46:13Z"), hasTime: true},
		}, time.Time{}, time.Time{}, "2019-09-30T22:46:00+08:00"},
		{"script epoch of the same minute", sep30, []dayEvidence{
			{t: at("2019-09-30T22:46:50+08:00"), hasTime: true, epoch: true},
		}, time.Time{}, time.Time{}, "2019-09-30T22:46:00+08:00"},
		{"an epoch of another time is not enough", sep30, []dayEvidence{
			{t: at("2019-09-30T03:00:00+08:00"), hasTime: true, epoch: true},
		}, time.Time{}, time.Time{}, ""},
		{"same day, another time", jan21, []dayEvidence{
			{t: at("2020-01-20T10:00:00+08:00"), hasTime: true},
			{t: at("2021-01-21T18:00:00+08:00"), hasTime: true},
		}, time.Time{}, time.Time{}, "2021-01-21T00:00:00+08:00"},
		{"the URL's day", jan21, nil, at("2022-01-21T00:00:00Z"), time.Time{}, "2022-01-21T00:00:00+08:00"},
		{"the URL names another day", jan21, nil, at("2022-01-22T00:00:00Z"), time.Time{}, ""},
		{"the fetch year", jan21, nil, time.Time{}, at("2023-03-01T10:00:00+08:00"), "2023-01-21T00:00:00+08:00"},
		{"near New Year: last year's December", dec31, nil, time.Time{}, at("2021-01-01T01:00:00+08:00"), "2020-12-31T23:50:00+08:00"},
		{"no evidence", jan21, nil, time.Time{}, time.Time{}, ""},
	}
	for _, tt := range tests {
		got, ok := partialYear(tt.m, tt.ev, tt.url, tt.now, tzCN)
		gs := ""
		if ok {
			gs = got.Format(time.RFC3339)
		}
		if gs != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, gs, tt.want)
		}
	}
}

func TestScriptDates(t *testing.T) {
	ev := scriptDates(`var t="1581604666",n="1581517074",s="2020-02-12"; var id = 12345678901; var v = 1.1581517074;`, tzCN, nil)
	var got []string
	for _, e := range ev {
		s := e.t.Format(time.RFC3339)
		if e.epoch {
			s += " epoch"
		}
		got = append(got, s)
	}
	want := []string{"2020-02-12T00:00:00+08:00", "2020-02-13T22:37:46+08:00 epoch", "2020-02-12T22:17:54+08:00 epoch"}
	if len(got) != len(want) {
		t.Fatalf("scriptDates = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("scriptDates[%d] = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestNamePrefix(t *testing.T) {
	for s, want := range map[string]bool{
		"爱否科技 ":        true,
		"某某日报 | ":      true,
		"":             false, // no name: labelPrefixOnly's case
		"爱否科技":         false, // glued to the word: "回到昨天"
		"记者从会上获悉，与会者 ": false,
		"这是一个很长很长很长的名字啊 ": false,
	} {
		if got := namePrefix(s); got != want {
			t.Errorf("namePrefix(%q) = %v, want %v", s, got, want)
		}
	}
}
