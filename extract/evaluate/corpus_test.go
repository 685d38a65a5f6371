package evaluate

import (
	"context"
	"testing"
	"time"
)

// floor is the least score a dataset must keep; -1 leaves a field unchecked.
type floor struct {
	BodyF1, Title, DateDay, DateTime, Authors float64
	MaxFFFD                                   int
}

// corpusSample bounds the pages scored per dataset (0: all). The whole dev
// corpus (~930 pages, 150 MB) takes seconds on two cores; lower this, the
// choice of pages stays deterministic, if extraction ever gets slow.
const corpusSample = 0

// floors sit slightly below the scores measured on the dev pages (2026-11-25,
// zh-portal-fields 2026-12-02;
// small datasets get more slack, one page moves them a lot);
// raise them as extraction improves so a regression fails the test.
var floors = map[string]floor{
	"cwced-chinese-web-content": {BodyF1: 0.94, Title: -1, DateDay: 0.85, DateTime: 0.95, Authors: 0.10, MaxFFFD: 0},
	"gne-testpages":             {BodyF1: 0.96, Title: 0.95, DateDay: 0.80, DateTime: 0.80, Authors: 0},
	"htmldate-eval":             {BodyF1: -1, Title: -1, DateDay: 0.93, DateTime: -1, Authors: -1},
	"newspaper4k-testdata":      {BodyF1: 0.97, Title: 0.70, DateDay: 0.95, DateTime: 0.85, Authors: 0.55},
	"readability-testpages":     {BodyF1: 0.93, Title: 0.69, DateDay: 0.75, DateTime: 0.60, Authors: 0.45},
	"scrapinghub-aeb":           {BodyF1: 0.965, Title: -1, DateDay: -1, DateTime: -1, Authors: -1},
	"trafilatura-eval":          {BodyF1: 0.925, Title: 0.80, DateDay: 0.89, DateTime: -1, Authors: 0.40},
	"zh-portal-fields":          {BodyF1: 0.96, Title: 0.70, DateDay: 0.87, DateTime: 0.77, Authors: 0.53, MaxFFFD: 0},
}

// TestDevCorpus runs newspipe's extractor over a sample of every dev
// dataset and fails when a score drops below its floor.
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
	results, _, err := Evaluate(ctx, datasets, "newspipe", Newspipe, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("extracted %d datasets in %s", len(datasets), time.Since(start).Round(time.Millisecond))
	seen := map[string]bool{}
	for _, r := range results {
		seen[r.Dataset] = true
		f, ok := floors[r.Dataset]
		if !ok {
			t.Errorf("%s: no floor set for this dataset", r.Dataset)
			continue
		}
		t.Logf("%s: body F1 %.3f (%d), title %.3f, date %.3f, time %.3f, authors %.3f (-1: unlabelled), U+FFFD %d",
			r.Dataset, r.Body.F1, r.Body.N, r.Title.Rate(), r.DateDay.Rate(), r.DateTime.Rate(), r.Authors.Rate(), r.FFFD)
		if testing.Short() {
			continue // floors hold for the full sample only
		}
		checks := []struct {
			name  string
			got   float64
			floor float64
		}{
			{"body F1", r.Body.F1, f.BodyF1},
			{"title", r.Title.Rate(), f.Title},
			{"date (day)", r.DateDay.Rate(), f.DateDay},
			{"date+time", r.DateTime.Rate(), f.DateTime},
			{"authors", r.Authors.Rate(), f.Authors},
		}
		for _, c := range checks {
			if c.floor >= 0 && c.got < c.floor {
				t.Errorf("%s: %s = %.3f, below its floor %.3f", r.Dataset, c.name, c.got, c.floor)
			}
		}
		if r.FFFD > f.MaxFFFD {
			t.Errorf("%s: %d pages with U+FFFD, at most %d allowed", r.Dataset, r.FFFD, f.MaxFFFD)
		}
	}
	for name := range floors {
		if !seen[name] {
			t.Errorf("%s: dataset missing from the corpus at %s", name, root)
		}
	}
}
