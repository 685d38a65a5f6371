package sitestats

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/export"
)

func ptr(s string) *string { return &s }

func at(s string) *time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &t
}

// TestSites: shares per field (a date at midnight counts as a date without
// a time), the median body, duplicates, warnings and days, per host.
func TestSites(t *testing.T) {
	c := NewCollector()
	for _, r := range []export.Record{
		{URL: "http://a.cn/1", Title: ptr("t"), PublishedAt: at("2026-12-01T09:30:00+08:00"), Source: ptr("新华社"), Authors: []string{"甲"}, Editor: ptr("乙"), Body: ptr("一二三四五")},
		{URL: "http://a.cn/2", Title: ptr("t"), PublishedAt: at("2026-12-01T00:00:00+08:00"), Body: ptr("一二三"), Warnings: []string{"pinyin_removed"}, DuplicateOf: ptr("http://a.cn/1")},
		{URL: "http://a.cn/3", Title: ptr(""), PublishedAt: at("2026-11-30T23:59:00+08:00"), Body: ptr("一二三四五六七")},
		{URL: "https://b.com/x", Title: ptr("t")},
	} {
		c.Add(r)
	}
	sites := c.Sites()
	if len(sites) != 2 || sites[0].Host != "a.cn" || sites[1].Host != "b.com" {
		t.Fatalf("sites %v", sites)
	}
	a := sites[0]
	want := map[string]float64{"title": 2.0 / 3, "date": 1, "date_time": 2.0 / 3, "source": 1.0 / 3, "authors": 1.0 / 3, "editor": 1.0 / 3, "body": 1}
	for f, v := range want {
		if a.Share[f] != v {
			t.Errorf("a.cn %s share %.3f, want %.3f", f, a.Share[f], v)
		}
	}
	if a.Records != 3 || a.MedianBody != 5 || a.Duplicates != 1.0/3 || a.Warnings["pinyin_removed"] != 1 ||
		a.Days["2026-12-01"] != 2 || a.Days["2026-11-30"] != 1 {
		t.Errorf("a.cn = %+v", a)
	}
	if b := sites[1]; b.Share["body"] != 0 || b.MedianBody != 0 || len(b.Days) != 0 {
		t.Errorf("b.com = %+v", b)
	}
	var out bytes.Buffer
	WriteText(&out, sites)
	text := out.String()
	for _, w := range []string{"a.cn  3 records", "date_time  67%", "median body 5 chars; duplicates 33%; warnings: pinyin_removed=1",
		"2026-12-01 ██████████████████████████████  2", "2026-11-30 ███████████████" + strings.Repeat(" ", 16) + " 1\n", "b.com  1 records", "published: no dates"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
}
