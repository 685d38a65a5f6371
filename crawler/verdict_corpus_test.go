package crawler

import (
	"context"
	"net/url"
	"runtime"
	"sort"
	"sync"
	"testing"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/extract/evaluate"
)

// neutralArticleURL stands in for pages whose dataset does not know their
// address: it has the shape of a story URL and says nothing else.
const neutralArticleURL = "https://news.example.com/2024/05/12/some-story-slug-123456.html"

// Floors of TestVerdictCorpusRecall. maxRejectedShare bounds the real
// article pages turned down among those where the extractor found an
// article-length body (Article.IsArticle): those the verdict must keep;
// the few it rejects are home pages (URL "/") in the datasets.
// maxRejectedShort bounds the rejections among all pages with a title and
// a body; the extra ones are pages where the extractor kept under 200
// characters, which the verdict cannot tell from a teaser.
const (
	maxRejectedShare = 0.01
	maxRejectedShort = 0.02
)

// corpusPage is one real article page and the address it is judged under.
type corpusPage struct {
	dataset, name, url string
	html               []byte
}

// articleURL returns the page's own address when it is a real one, else
// neutralArticleURL.
func articleURL(u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme != "http" && pu.Scheme != "https" || pu.Host == "fakehost" {
		return neutralArticleURL // file:// paths, Readability's placeholder
	}
	return u
}

// loadArticleCorpus loads every dev dataset through evaluate's loaders
// and keeps the pages labelled as articles. It skips the test when the corpus is absent.
func loadArticleCorpus(t *testing.T) []corpusPage {
	t.Helper()
	root := evaluate.FindCorpus(".")
	if root == "" {
		t.Skip("dev corpus not found: no shared/corpus beside the repository (../shared) and NEWSPIPE_CORPUS unset; skipping")
	}
	opts := &evaluate.LoadOptions{}
	if testing.Short() {
		opts.Sample = 15
	}
	datasets, err := evaluate.LoadCorpus(context.Background(), root, opts)
	if err != nil {
		t.Fatal(err)
	}
	var pages []corpusPage
	for _, ds := range datasets {
		for _, p := range ds.Pages {
			if !p.Truth.NotArticle {
				pages = append(pages, corpusPage{ds.Name, p.Name, articleURL(p.URL), p.HTML})
			}
		}
	}
	return pages
}

// judged is the verdict on one corpus page.
type judged struct {
	page   *corpusPage
	reason string // "" when accepted
	err    error
	st     bodyStats
	isArt  bool    // the extractor's own verdict
	navy   float64 // page-wide link density, the old rule's measure
}

// extractorMiss reports a page the verdict never had a chance on: the
// extractor found no title or no body in it.
func (j judged) extractorMiss() bool {
	return j.reason == reasonNoTitle || j.reason == reasonEmptyBody || j.err != nil
}

// judgeAll extracts every page as the crawler does (links collected) and
// applies articleVerdict, on all cores.
func judgeAll(pages []corpusPage) []judged {
	out := make([]judged, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := &pages[i]
				out[i].page = p
				a, err := extract.Extract(p.html, p.url, nil, &extract.Options{CollectLinks: true})
				if err != nil {
					out[i].err, out[i].reason = err, "extract_error"
					continue
				}
				u, err := url.Parse(p.url)
				if err != nil {
					out[i].err, out[i].reason = err, "bad_url"
					continue
				}
				_, out[i].reason = articleVerdict(a, u, nil)
				out[i].st, out[i].isArt, out[i].navy = measureBody(a), a.IsArticle, realportal.LinkDensity(a)
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// TestVerdictCorpusRecall runs the verdict over every real article page of
// the dev corpora and fails when it turns down more than maxRejectedShare
// of those the extractor found a title and a body in. The log lists every
// rejection with its reason and body statistics, and the tally per dataset.
func TestVerdictCorpusRecall(t *testing.T) {
	pages := loadArticleCorpus(t)
	results := judgeAll(pages)
	type tally struct {
		pages, rejected, misses int
		reasons                 map[string]int
	}
	per := map[string]*tally{}
	var names []string
	judgedPages, rejected, misses := 0, 0, 0
	long, rejectedLong := 0, 0
	navy, rejectedNavy := 0, 0 // article-length bodies in menus of link density >= 0.6
	for _, r := range results {
		ds := r.page.dataset
		if per[ds] == nil {
			per[ds] = &tally{reasons: map[string]int{}}
			names = append(names, ds)
		}
		tl := per[ds]
		tl.pages++
		if r.extractorMiss() {
			misses++
			tl.misses++
			tl.reasons[r.reason]++
			t.Logf("extractor miss %s/%s (%s): %s %v", ds, r.page.name, r.page.url, r.reason, r.err)
			continue
		}
		judgedPages++
		heavy := r.isArt && r.navy >= 0.6
		if r.isArt {
			long++
		}
		if heavy {
			navy++
		}
		if r.reason == "" {
			continue
		}
		rejected++
		if r.isArt {
			rejectedLong++
		}
		if heavy {
			rejectedNavy++
		}
		tl.rejected++
		tl.reasons[r.reason]++
		t.Logf("rejected %s/%s (%s): %s; body %+v, extractor says article: %v", ds, r.page.name, r.page.url, r.reason, r.st, r.isArt)
	}
	sort.Strings(names)
	for _, ds := range names {
		tl := per[ds]
		t.Logf("%-26s %4d pages: %3d rejected by the verdict, %2d without title or body %v", ds, tl.pages, tl.rejected, tl.misses, tl.reasons)
	}
	t.Logf("total: %d pages; %d without title or body; %d of %d with a title and body rejected (%.2f%%); %d of %d with an article-length body rejected (%.2f%%)",
		len(results), misses, rejected, judgedPages, percent(rejected, judgedPages), rejectedLong, long, percent(rejectedLong, long))
	t.Logf("article-length bodies in pages of link density >= 0.6: %d, rejected %d", navy, rejectedNavy)
	if testing.Short() {
		return // the floors hold for the whole corpus, not a sample
	}
	if float64(rejectedNavy) > maxRejectedShare*float64(navy) {
		t.Errorf("%d of %d stories inside heavy navigation rejected", rejectedNavy, navy)
	}
	if float64(rejectedLong) > maxRejectedShare*float64(long) {
		t.Errorf("%d of %d real article pages with an article-length body rejected, more than %.0f%%", rejectedLong, long, 100*maxRejectedShare)
	}
	if float64(rejected) > maxRejectedShort*float64(judgedPages) {
		t.Errorf("%d of %d real article pages with a title and body rejected, more than %.0f%%", rejected, judgedPages, 100*maxRejectedShort)
	}
}

func percent(n, of int) float64 { return 100 * float64(n) / float64(max(of, 1)) }
