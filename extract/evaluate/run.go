package evaluate

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/newspipe/newspipe/extract"
)

// Extractor extracts the scored fields from one page. It must be safe for
// concurrent use.
type Extractor func(p *Page) (Output, error)

// Run applies fn to every page of ds using workers goroutines (GOMAXPROCS
// when not positive) and returns the outputs and errors in page order. A
// panic in fn is recovered and reported as that page's error.
func Run(ctx context.Context, ds *Dataset, fn Extractor, workers int) ([]Output, []error, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	outs := make([]Output, len(ds.Pages))
	errs := make([]error, len(ds.Pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outs[i], errs[i] = safeCall(fn, &ds.Pages[i])
			}
		}()
	}
	var err error
feed:
	for i := range ds.Pages {
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	return outs, errs, err
}

func safeCall(fn Extractor, p *Page) (out Output, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = Output{}, fmt.Errorf("%s: panic: %v", p.Name, r)
		}
	}()
	return fn(p)
}

// Newspipe runs newspipe's extractor on the page's raw bytes, decoding
// included, with the page's URL and no HTTP headers.
func Newspipe(p *Page) (Output, error) {
	a, err := extract.Extract(p.HTML, p.URL, nil, &extract.Options{})
	if err != nil {
		return Output{}, err
	}
	return FromArticle(a), nil
}

// FromArticle reduces a newspipe Article to its scored fields.
func FromArticle(a *extract.Article) Output {
	return Output{
		Title: a.Title, Body: a.Body, Date: a.PublishedAt, Authors: a.Authors,
		Source: a.Source, Editor: a.Editor,
	}
}

// Evaluate loads nothing: it runs fn over each dataset and scores it,
// returning one Result per dataset in order and the total time spent
// extracting.
func Evaluate(ctx context.Context, datasets []*Dataset, tool string, fn Extractor, workers int) ([]Result, time.Duration, error) {
	return evaluate(ctx, datasets, fn, workers, func(ds *Dataset, outs []Output, errs []error) []Result {
		return []Result{Score(ds, tool, outs, errs)}
	})
}

// evaluate runs fn over each dataset, extracting its pages once, and
// collects what score makes of them, with the total time spent extracting.
func evaluate(ctx context.Context, datasets []*Dataset, fn Extractor, workers int,
	score func(ds *Dataset, outs []Output, errs []error) []Result) ([]Result, time.Duration, error) {
	var (
		res     []Result
		elapsed time.Duration
	)
	for _, ds := range datasets {
		start := time.Now()
		outs, errs, err := Run(ctx, ds, fn, workers)
		elapsed += time.Since(start)
		if err != nil {
			return res, elapsed, err
		}
		res = append(res, score(ds, outs, errs)...)
	}
	return res, elapsed, nil
}
