package evaluate

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestScoreFolder(t *testing.T) {
	date, _ := ParseDateLabel("2021-01-21T13:15:00+08:00")
	ds := &Dataset{Name: "t", Metric: MetricBag, Pages: []Page{
		{Name: "good", Truth: Truth{
			Title: ptr("“上海灣區”吹響"), Body: ptr("金山區投促辦主任葛鈞表示"), Date: &date,
			Authors: []string{"李榮", "王巧月"}, HasAuthors: true, Editor: ptr("赵明、钱芳"), Source: ptr("新華網"),
			MustNotContain: []string{"字號"}, MustContain: []string{"葛鈞"}, Check: true,
		}},
		{Name: "leaky", Truth: Truth{Body: ptr("金山區投促辦主任葛鈞表示"), MustNotContain: []string{"字號"}, Check: true}},
		{Name: "home", Truth: Truth{Title: ptr("Home"), NotArticle: true, Body: ptr("x")}},
	}}
	cst := time.FixedZone("", 8*3600)
	outs := []Output{
		{Title: "“上海灣區”吹響 ", Body: "金山區投促辦主任葛鈞表示", Date: time.Date(2021, 1, 21, 13, 15, 0, 0, cst),
			Authors: []string{"王巧月", "李榮"}, Editor: "赵明，钱芳", Source: "新華網"},
		{Body: "金山區投促辦主任葛鈞表示 字號 大 中 小 \uFFFD"},
		{Title: "Other"},
	}
	r := Score(ds, "x", outs, []error{nil, nil, errors.New("boom")})
	check := func(name string, got Count, ok, n int) {
		t.Helper()
		if got.OK != ok || got.N != n {
			t.Errorf("%s = %d/%d, want %d/%d", name, got.OK, got.N, ok, n)
		}
	}
	check("title", r.Title, 1, 2)
	check("date", r.DateDay, 1, 1)
	check("time", r.DateTime, 1, 1)
	check("authors", r.Authors, 1, 1)
	check("editor", r.Editor, 1, 1)
	check("source", r.Source, 1, 1)
	check("checks", r.Checks, 1, 2)
	if r.Failed != 1 || r.FFFD != 1 || r.Body.N != 2 {
		t.Errorf("failed %d fffd %d body n %d, want 1 1 2", r.Failed, r.FFFD, r.Body.N)
	}
	if r.Body.R != 1 || r.Body.P >= 1 || r.Body.F1 >= 1 {
		t.Errorf("body = %+v, want recall 1 and precision below 1", r.Body)
	}
	if got := r.PerPage[1].Leaked; len(got) != 1 || got[0] != "字號" {
		t.Errorf("leaked = %q", got)
	}
}

func TestScoreShingleAveragesPerPage(t *testing.T) {
	ds := &Dataset{Name: "s", Metric: MetricShingle, Pages: []Page{
		{Truth: Truth{Body: ptr("one two three four five")}},
		{Truth: Truth{Body: ptr("alpha beta gamma delta epsilon zeta eta theta iota kappa")}},
	}}
	// Page 1 perfect; page 2 empty output (no precision, recall 0).
	r := Score(ds, "x", []Output{{Body: "one two three four five"}, {}}, nil)
	if r.Body.P != 1 || r.Body.R != 0.5 || math.Abs(r.Body.F1-2.0/3) > 1e-9 {
		t.Errorf("body = %+v, want P 1 R 0.5 F1 0.667", r.Body)
	}
}

func TestScoreSegmentsMicroAverage(t *testing.T) {
	ds := &Dataset{Name: "s", Metric: MetricSegments, Pages: []Page{
		{Truth: Truth{With: []string{"a b", "c"}, Without: []string{"nav"}}},
		{Truth: Truth{With: []string{"d"}, Without: []string{"foot", "menu"}}},
	}}
	r := Score(ds, "x", []Output{{Body: "a  b c nav"}, {Body: "menu"}}, nil)
	// tp 2, fn 1, fp 2, tn 1.
	if math.Abs(r.Body.P-0.5) > 1e-9 || math.Abs(r.Body.R-2.0/3) > 1e-9 || math.Abs(r.Body.F1-4.0/7) > 1e-9 {
		t.Errorf("body = %+v, want P 0.5 R 0.667 F1 0.571", r.Body)
	}
}
