package extract

import (
	"testing"
	"time"
)

func TestRepublished(t *testing.T) {
	type cand struct {
		src dateSource
		t   string // RFC 3339; a bare day has no time of day
	}
	tests := []struct {
		name  string
		cands []cand
		mods  []string // the page's stated modification times
		want  string   // RFC 3339
	}{
		{"guide refreshed years later: the later <meta> date", []cand{
			{srcLD, "2018-04-03T16:50:31Z"},
			{srcMeta, "2025-12-19T18:06:00Z"},
		}, nil, "2025-12-19T18:06:00Z"},
		{"several metas, the later one after the JSON-LD", []cand{
			{srcLD, "2020-01-10T16:50:00Z"},
			{srcMeta, "2023-01-01T14:11:58+01:00"},
			{srcMeta, "2020-01-10T16:50:00Z"},
		}, nil, "2023-01-01T14:11:58+01:00"},
		{"dates days apart: a slip, the first stays", []cand{
			{srcLD, "2019-12-09T22:25:10Z"},
			{srcMeta, "2019-12-12T21:17:43Z"},
		}, nil, "2019-12-09T22:25:10Z"},
		{"the JSON-LD is the later one: it stays", []cand{
			{srcLD, "2025-12-01T09:00:00Z"},
			{srcMeta, "2022-05-26T15:20:28Z"},
		}, nil, "2025-12-01T09:00:00Z"},
		{"a later <time> is no publish metadata", []cand{
			{srcLD, "2018-04-03T16:50:31Z"},
			{srcTimeAttr, "2025-12-19T18:06:00Z"},
		}, nil, "2018-04-03T16:50:31Z"},
		{"refreshed guide whose later date is its dateModified", []cand{
			{srcLD, "2018-04-03T16:50:31Z"},
			{srcMeta, "2025-12-19T18:06:00Z"},
		}, []string{"2025-12-19T18:06:00Z"}, "2025-12-19T18:06:00Z"},
		{"a film review's og:release_date after its dateModified", []cand{
			{srcLD, "2026-05-10T09:00:00Z"},
			{srcMeta, "2026-05-10T09:00:00Z"},
			{srcMeta, "2026-09-01"},
		}, []string{"2026-05-10T09:00:00Z"}, "2026-05-10T09:00:00Z"},
		{"an event day in a <meta name=date>, no modification stated", []cand{
			{srcLD, "2026-03-02T10:00:00+01:00"},
			{srcMeta, "2026-07-15"},
		}, nil, "2026-03-02T10:00:00+01:00"},
	}
	for _, tt := range tests {
		var cands []dateCandidate
		for _, c := range tt.cands {
			ts, hasTime := c.t, true
			if len(ts) == len("2006-01-02") {
				ts, hasTime = ts+"T00:00:00Z", false
			}
			cands = append(cands, dateCandidate{t: mustTime(t, ts), hasTime: hasTime, src: c.src, block: -1})
		}
		var mods []time.Time
		for _, m := range tt.mods {
			mods = append(mods, mustTime(t, m))
		}
		got, _ := pickPublishedWhy(cands, "en", "https://example.com/gear/a19663621/best-running-shoes/", mods)
		if gs := got.Format(time.RFC3339); gs != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, gs, tt.want)
		}
	}
}
