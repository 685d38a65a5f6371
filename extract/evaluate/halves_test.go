package evaluate

import (
	"context"
	"errors"
	"strconv"
	"testing"
)

func TestHalfOf(t *testing.T) {
	// Pinned so that the halves never move: floors are set per half.
	tests := []struct {
		name string
		want Half
	}{
		{"0001", HalfB}, {"0002", HalfB}, {"0003", HalfA}, {"0004", HalfB},
		{"gne-tests__163__1", HalfA}, {"a", HalfB}, {"b", HalfA}, {"", HalfB},
	}
	for _, tt := range tests {
		if got := HalfOf(tt.name); got != tt.want {
			t.Errorf("HalfOf(%q) = %s, want %s", tt.name, got, tt.want)
		}
	}
	// Sequential names split close to evenly.
	a := 0
	for i := range 1000 {
		if HalfOf(strconv.Itoa(i)) == HalfA {
			a++
		}
	}
	if a < 450 || a > 550 {
		t.Errorf("%d of 1000 sequential names in half A, want about 500", a)
	}
}

func TestHalfString(t *testing.T) {
	if HalfAll.String() != "all" || HalfA.String() != "A" || HalfB.String() != "B" {
		t.Errorf("strings = %q %q %q", HalfAll, HalfA, HalfB)
	}
}

func TestScoreHalves(t *testing.T) {
	// "b" and "gne-tests__163__1" are in A, "a" and "0001" in B.
	ds := &Dataset{Name: "d", Metric: MetricWords, Pages: []Page{
		{Name: "a", Truth: Truth{Body: ptr("x y"), Title: ptr("T")}},
		{Name: "b", Truth: Truth{Body: ptr("x y"), Title: ptr("T")}},
		{Name: "0001", Truth: Truth{Body: ptr("x y"), Title: ptr("T")}},
		{Name: "gne-tests__163__1", Truth: Truth{Body: ptr("x y"), Title: ptr("T")}},
	}}
	outs := []Output{{Body: "x y", Title: "T"}, {Body: "q"}, {Body: "x y"}, {Body: "x y", Title: "T"}}
	errs := []error{nil, errors.New("boom"), nil, nil}
	res := ScoreHalves(ds, "tool", outs, errs)
	if len(res) != 3 {
		t.Fatalf("got %d results, want 3", len(res))
	}
	tests := []struct {
		half         Half
		pages, title int
		f1           float64
		failed       int
	}{
		{HalfAll, 4, 2, 0.75, 1},
		{HalfA, 2, 1, 0.5, 1},
		{HalfB, 2, 1, 1, 0},
	}
	for i, tt := range tests {
		r := res[i]
		if r.Half != tt.half || r.Pages != tt.pages || r.Title.OK != tt.title || !near(r.Body.F1, tt.f1) || r.Failed != tt.failed || r.Tool != "tool" || r.Dataset != "d" {
			t.Errorf("result %d = half %s, %d pages, title %d, F1 %.3f, failed %d; want %s, %d, %d, %.3f, %d",
				i, r.Half, r.Pages, r.Title.OK, r.Body.F1, r.Failed, tt.half, tt.pages, tt.title, tt.f1, tt.failed)
		}
	}
	if a := ds.InHalf(HalfA); len(a.Pages) != 2 || a.Pages[0].Name != "b" || a.Pages[1].Name != "gne-tests__163__1" || len(ds.Pages) != 4 {
		t.Errorf("InHalf(A) = %d pages, first %q; ds keeps %d", len(a.Pages), a.Pages[0].Name, len(ds.Pages))
	}
	if ds.InHalf(HalfAll) != ds {
		t.Error("InHalf(HalfAll) is not the dataset itself")
	}
}

func TestEvaluateHalves(t *testing.T) {
	ds := &Dataset{Name: "d", Metric: MetricWords, Pages: []Page{
		{Name: "a", HTML: []byte("x y"), Truth: Truth{Body: ptr("x y")}},
		{Name: "b", HTML: []byte("z"), Truth: Truth{Body: ptr("x y")}},
	}}
	echo := func(p *Page) (Output, error) { return Output{Body: string(p.HTML)}, nil }
	res, _, err := EvaluateHalves(context.Background(), []*Dataset{ds, ds}, "echo", echo, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 6 || res[0].Body.F1 != 0.5 || res[1].Body.F1 != 0 || res[2].Body.F1 != 1 || res[4].Half != HalfA {
		t.Errorf("results = %+v", res)
	}
}
