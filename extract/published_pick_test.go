package extract

import (
	"testing"
	"time"
)

func TestRepublished(t *testing.T) {
	type cand struct {
		src dateSource
		t   string // RFC 3339
	}
	tests := []struct {
		name  string
		cands []cand
		want  string // RFC 3339
	}{
		{"guide refreshed years later: the later <meta> date", []cand{
			{srcLD, "2018-04-03T16:50:31Z"},
			{srcMeta, "2025-12-19T18:06:00Z"},
		}, "2025-12-19T18:06:00Z"},
		{"several metas, the later one after the JSON-LD", []cand{
			{srcLD, "2020-01-10T16:50:00Z"},
			{srcMeta, "2023-01-01T14:11:58+01:00"},
			{srcMeta, "2020-01-10T16:50:00Z"},
		}, "2023-01-01T14:11:58+01:00"},
		{"dates days apart: a slip, the first stays", []cand{
			{srcLD, "2019-12-09T22:25:10Z"},
			{srcMeta, "2019-12-12T21:17:43Z"},
		}, "2019-12-09T22:25:10Z"},
		{"the JSON-LD is the later one: it stays", []cand{
			{srcLD, "2025-12-01T09:00:00Z"},
			{srcMeta, "2022-05-26T15:20:28Z"},
		}, "2025-12-01T09:00:00Z"},
		{"a later <time> is no publish metadata", []cand{
			{srcLD, "2018-04-03T16:50:31Z"},
			{srcTimeAttr, "2025-12-19T18:06:00Z"},
		}, "2018-04-03T16:50:31Z"},
	}
	for _, tt := range tests {
		var cands []dateCandidate
		for _, c := range tt.cands {
			cands = append(cands, dateCandidate{t: mustTime(t, c.t), hasTime: true, src: c.src, block: -1})
		}
		got := pickPublished(cands, "en", "https://example.com/gear/a19663621/best-running-shoes/")
		if gs := got.Format(time.RFC3339); gs != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, gs, tt.want)
		}
	}
}
