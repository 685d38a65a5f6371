package evaluate

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// floor is the least score a dataset (or one half of it) must keep; -1 or
// 0 leaves a field unchecked, and a floored field the results do not label
// fails (a loader that lost its labels must not pass). MaxLeaked is the most WCXB "without"
// snippets it may leak (0: unchecked) and MaxFFFD the most pages with a
// U+FFFD the page itself lacks.
type floor struct {
	BodyF1, Title, DateDay, DateTime, Authors float64
	ChecksMet                                 float64 // score.py's checks met (folder datasets)
	WithFound, MaxLeaked                      float64 // WCXB snippet shares
	MaxFFFD                                   int
}

// datasetFloors holds a dataset's floors on the whole of it and on each of
// its two fixed halves (see HalfOf).
type datasetFloors struct{ All, A, B floor }

// of returns the floor for half h.
func (f datasetFloors) of(h Half) floor {
	switch h {
	case HalfA:
		return f.A
	case HalfB:
		return f.B
	}
	return f.All
}

// corpusSample bounds the pages scored per dataset (0: all). The whole dev
// corpus (~1,640 pages, 200 MB) takes about ten seconds on two cores; lower
// this, the choice of pages stays deterministic, if extraction ever gets
// slow.
const corpusSample = 0

// devFloors returns the floors of every dev dataset. They sit one page (or
// about 0.1/N of body F1) below the scores measured on the dev pages, on the
// whole set and on each half, last set 2026-12-03 after the title, author, date and body rules of that day;
// raise them as extraction improves so a regression fails the test. A change
// should hold on both halves: one that lifts half A and drops half B fits
// pages, not patterns. gne-testpages' labels are GNE's own 2019 output: where
// it keeps a note or a recommendation box that the hand-labelled
// zh-portal-fields version of the same page excludes, the hand labels win.
func devFloors() map[string]datasetFloors {
	return map[string]datasetFloors{
		"cwced-chinese-web-content": {
			All: floor{BodyF1: 0.969, Title: -1, DateDay: 0.856, DateTime: 0.949, Authors: 0.614},
			A:   floor{BodyF1: 0.989, Title: -1, DateDay: 0.799, DateTime: 0.887, Authors: 0.749},
			B:   floor{BodyF1: 0.95, Title: -1, DateDay: 0.832, DateTime: 0.908, Authors: 0.427},
		},
		"gne-testpages": {
			All: floor{BodyF1: 0.961, Title: 0.899, DateDay: 0.713, DateTime: 0.713, Authors: 0},
			A:   floor{BodyF1: 0.933, Title: 0.749, DateDay: 0.499, DateTime: 0.499, Authors: 0},
			B:   floor{BodyF1: 0.963, Title: 0.832, DateDay: 0.599, DateTime: 0.599, Authors: 0},
		},
		"htmldate-eval": {
			All: floor{BodyF1: -1, Title: -1, DateDay: 0.946, DateTime: -1, Authors: -1},
			A:   floor{BodyF1: -1, Title: -1, DateDay: 0.954, DateTime: -1, Authors: -1},
			B:   floor{BodyF1: -1, Title: -1, DateDay: 0.929, DateTime: -1, Authors: -1},
		},
		"newspaper4k-testdata": {
			All: floor{BodyF1: 0.975, Title: 0.735, DateDay: 0.932, DateTime: 0.749, Authors: 0.544},
			A:   floor{BodyF1: 0.968, Title: 0.887, DateDay: 0.856, DateTime: 0.599, Authors: 0},
			B:   floor{BodyF1: 0.971, Title: 0.499, DateDay: 0.874, DateTime: 0.665, Authors: 0.713},
		},
		"readability-testpages": {
			All: floor{BodyF1: 0.944, Title: 0.717, DateDay: 0.865, DateTime: 0.799, Authors: 0.578},
			A:   floor{BodyF1: 0.956, Title: 0.732, DateDay: 0.856, DateTime: 0.713, Authors: 0.399},
			B:   floor{BodyF1: 0.93, Title: 0.675, DateDay: 0.749, DateTime: 0.749, Authors: 0.721},
		},
		"scrapinghub-aeb": {
			All: floor{BodyF1: 0.976, Title: -1, DateDay: -1, DateTime: -1, Authors: -1},
			A:   floor{BodyF1: 0.976, Title: -1, DateDay: -1, DateTime: -1, Authors: -1},
			B:   floor{BodyF1: 0.973, Title: -1, DateDay: -1, DateTime: -1, Authors: -1},
		},
		"trafilatura-eval": {
			All: floor{BodyF1: 0.943, Title: 0.869, DateDay: 0.93, DateTime: -1, Authors: 0.535},
			A:   floor{BodyF1: 0.948, Title: 0.891, DateDay: 0.95, DateTime: -1, Authors: 0.513},
			B:   floor{BodyF1: 0.94, Title: 0.843, DateDay: 0.908, DateTime: -1, Authors: 0.55},
		},
		"wcxb-articles": {
			All: floor{BodyF1: 0.95, Title: 0.846, DateDay: 0.886, DateTime: -1, Authors: 0.78, WithFound: 0.868, MaxLeaked: 0.045},
			A:   floor{BodyF1: 0.95, Title: 0.846, DateDay: 0.894, DateTime: -1, Authors: 0.8, WithFound: 0.86, MaxLeaked: 0.04},
			B:   floor{BodyF1: 0.951, Title: 0.844, DateDay: 0.872, DateTime: -1, Authors: 0.756, WithFound: 0.873, MaxLeaked: 0.045},
		},
		"zh-portal-fields": {
			All: floor{BodyF1: 0.992, Title: 0.97, DateDay: 0.968, DateTime: 0.923, Authors: 0.855, ChecksMet: 0.955},
			A:   floor{BodyF1: 0.992, Title: 0.971, DateDay: 0.942, DateTime: 0.887, Authors: 0.915, ChecksMet: 0.961},
			B:   floor{BodyF1: 0.992, Title: 0.938, DateDay: 0.964, DateTime: 0.922, Authors: 0.756, ChecksMet: 0.941},
		},
	}
}

// floorErrors returns one message per score of r below its floor f.
func floorErrors(r Result, f floor) []string {
	snip := SnippetScore{WithFound: -1, WithoutLeaked: 2}
	if r.Body.Snippets != nil {
		snip = *r.Body.Snippets
	}
	checks := []struct {
		name       string
		got, floor float64
	}{
		{"body F1", r.Body.F1, f.BodyF1},
		{"title", r.Title.Rate(), f.Title},
		{"date (day)", r.DateDay.Rate(), f.DateDay},
		{"date+time", r.DateTime.Rate(), f.DateTime},
		{"authors", r.Authors.Rate(), f.Authors},
		{"checks met", r.ChecksMet.Rate(), f.ChecksMet},
		{"with snippets found", snip.WithFound, f.WithFound},
	}
	var errs []string
	for _, c := range checks {
		if c.floor > 0 && c.got < c.floor {
			errs = append(errs, fmt.Sprintf("%s = %.3f, below its floor %.3f", c.name, c.got, c.floor))
		}
	}
	if f.MaxLeaked > 0 && snip.WithoutLeaked > f.MaxLeaked {
		errs = append(errs, fmt.Sprintf("without snippets leaked = %.3f, above its ceiling %.3f", snip.WithoutLeaked, f.MaxLeaked))
	}
	if r.FFFD > f.MaxFFFD {
		errs = append(errs, fmt.Sprintf("%d pages with U+FFFD, at most %d allowed", r.FFFD, f.MaxFFFD))
	}
	return errs
}

// TestDevCorpus runs newspipe's extractor over every dev dataset and fails
// when a score of the whole dataset, or of either of its halves, drops
// below its floor.
func TestDevCorpus(t *testing.T) {
	root := FindCorpus(".")
	if root == "" {
		t.Skip("dev corpus not found: no shared/corpus beside the repository and NEWSPIPE_CORPUS unset; skipping corpus evaluation")
	}
	sample := corpusSample
	if testing.Short() {
		sample = 20
	}
	ctx := context.Background()
	datasets, err := LoadCorpus(ctx, root, &LoadOptions{Sample: sample})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	results, _, err := EvaluateHalves(ctx, datasets, "newspipe", Newspipe, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("extracted %d datasets in %s", len(datasets), time.Since(start).Round(time.Millisecond))
	floors := devFloors()
	seen := map[string]bool{}
	for _, r := range results {
		seen[r.Dataset] = true
		f, ok := floors[r.Dataset]
		if !ok {
			t.Errorf("%s: no floor set for this dataset", r.Dataset)
			continue
		}
		t.Logf("%s [%s]: body F1 %.3f (%d), title %.3f, date %.3f, time %.3f, authors %.3f, checks met %.3f (-1: unlabelled), U+FFFD %d",
			r.Dataset, r.Half, r.Body.F1, r.Body.N, r.Title.Rate(), r.DateDay.Rate(), r.DateTime.Rate(), r.Authors.Rate(), r.ChecksMet.Rate(), r.FFFD)
		if testing.Short() {
			continue // floors hold for the full sample only
		}
		for _, e := range floorErrors(r, f.of(r.Half)) {
			t.Errorf("%s [%s]: %s", r.Dataset, r.Half, e)
		}
	}
	for name := range floors {
		if !seen[name] {
			t.Errorf("%s: dataset missing from the corpus at %s", name, root)
		}
	}
}

func TestFloorErrors(t *testing.T) {
	r := Result{
		Body:      BodyScore{F1: 0.90, N: 3, Snippets: &SnippetScore{WithFound: 0.8, WithoutLeaked: 0.1}},
		Title:     Count{OK: 1, N: 2},
		ChecksMet: Count{OK: 3, N: 4},
		FFFD:      1,
	}
	tests := []struct {
		name string
		f    floor
		want int
	}{
		{"all held", floor{BodyF1: 0.9, Title: 0.5, DateDay: -1, ChecksMet: 0.75, WithFound: 0.8, MaxLeaked: 0.1, MaxFFFD: 1}, 0},
		{"a floored field without labels fails", floor{DateDay: 0.9, Authors: 0.9, MaxFFFD: 1}, 2},
		{"body below", floor{BodyF1: 0.91, MaxFFFD: 1}, 1},
		{"title and checks below", floor{Title: 0.6, ChecksMet: 0.8, MaxFFFD: 1}, 2},
		{"snippets", floor{WithFound: 0.81, MaxLeaked: 0.09, MaxFFFD: 1}, 2},
		{"U+FFFD", floor{}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := floorErrors(r, tt.f); len(got) != tt.want {
				t.Errorf("floorErrors = %q, want %d messages", got, tt.want)
			}
		})
	}
}
