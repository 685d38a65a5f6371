package extract_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/extract/evaluate"
)

// wrongHeaders are Content-Type values servers send for UTF-8 pages: legacy
// defaults and sloppy spellings of utf-8.
var wrongHeaders = []string{
	"text/html; charset=gbk",
	"text/html; charset=gb2312",
	"text/html; charset=iso-8859-1",
	"text/html; charset=windows-1252",
	"text/html; charset=big5",
	`text/html; charset="utf8"`,
	"text/html; charset=UTF-8;",
	"text/html;charset=",
}

// mojibakeMarks are what UTF-8 punctuation turns into when read as GBK
// ("’" as 鈥) or as windows-1252 ("’" as â€™), and the replacement character.
var mojibakeMarks = []string{"\uFFFD", "鈥", "â€"}

// curlyPunct is the non-ASCII punctuation English pages are full of.
const curlyPunct = "‘’“”–—…"

// loadDevDatasets loads the named dev datasets, skipping the test when the
// shared corpus is not checked out beside the repository.
func loadDevDatasets(t *testing.T, names ...string) []*evaluate.Dataset {
	t.Helper()
	root := evaluate.FindCorpus(".")
	if root == "" {
		t.Skip("dev corpus not found: no shared/corpus beside the repository (../shared) and NEWSPIPE_CORPUS unset; skipping")
	}
	var out []*evaluate.Dataset
	for _, n := range names {
		ds, err := evaluate.LoadDataset(context.Background(), root+"/"+n, nil)
		if err != nil {
			t.Fatalf("load %s: %v", n, err)
		}
		out = append(out, ds)
	}
	return out
}

func extractWith(t *testing.T, p *evaluate.Page, contentType string) *extract.Article {
	t.Helper()
	var h http.Header
	if contentType != "" {
		h = http.Header{"Content-Type": {contentType}}
	}
	a, err := extract.Extract(p.HTML, p.URL, h, nil)
	if err != nil {
		t.Fatalf("%s with %q: %v", p.Name, contentType, err)
	}
	return a
}

func mojibakeIn(s string) string {
	for _, m := range mojibakeMarks {
		if strings.Contains(s, m) {
			return m
		}
	}
	return ""
}

// TestDecodeWrongHeaderOnUTF8Corpus serves real UTF-8 article pages that
// carry curly quotes with a wrong or sloppy charset in the header: the
// page's valid UTF-8 must win, so title and body hold no mojibake.
func TestDecodeWrongHeaderOnUTF8Corpus(t *testing.T) {
	datasets := loadDevDatasets(t, "scrapinghub-aeb", "newspaper4k-testdata", "readability-testpages")
	pages := 0
	bad := map[string]int{}
	for _, ds := range datasets {
		for i := range ds.Pages {
			p := &ds.Pages[i]
			if testing.Short() && i%4 != 0 {
				continue // a quarter of the pages: nine extractions each
			}
			if !utf8.Valid(p.HTML) || p.SourceFFFD {
				continue
			}
			honest := extractWith(t, p, "text/html; charset=utf-8")
			text := honest.Title + "\n" + honest.Body
			if !strings.ContainsAny(text, curlyPunct) || mojibakeIn(text) != "" {
				continue // nothing to damage, or damaged at the source
			}
			pages++
			for _, ct := range wrongHeaders {
				a := extractWith(t, p, ct)
				if m := mojibakeIn(a.Title + "\n" + a.Body); m != "" {
					bad[ct]++
					t.Errorf("%s/%s served as %q: decoded as %s, %q in title/body", ds.Name, p.Name, ct, a.Encoding, m)
				}
			}
		}
	}
	if want := 40; pages < want && !testing.Short() {
		t.Fatalf("only %d UTF-8 pages with curly punctuation found, want at least %d", pages, want)
	}
	t.Logf("%d UTF-8 pages with curly punctuation, each served with %d wrong headers; damaged: %v", pages, len(wrongHeaders), bad)
}

// bigramRecall is the share of the reference's character bigrams (spaces
// removed) found in got: near 1 for a right decoding, near 0 for mojibake.
func bigramRecall(ref, got string) float64 {
	squash := func(s string) []rune { return []rune(strings.Join(strings.Fields(s), "")) }
	have := map[string]bool{}
	g := squash(got)
	for i := 0; i+1 < len(g); i++ {
		have[string(g[i:i+2])] = true
	}
	r := squash(ref)
	if len(r) < 2 {
		return 1
	}
	hit := 0
	for i := 0; i+1 < len(r); i++ {
		if have[string(r[i:i+2])] {
			hit++
		}
	}
	return float64(hit) / float64(len(r)-1)
}

// TestDecodeWrongHeaderOnGBKCorpus serves the real GBK pages of cwced with
// a utf-8 (or sloppy) header and their honest gbk header: the bytes must
// win and the body must read like the hand-copied text.
func TestDecodeWrongHeaderOnGBKCorpus(t *testing.T) {
	ds := loadDevDatasets(t, "cwced-chinese-web-content")[0]
	headers := append([]string{"text/html; charset=utf-8", "text/html; charset=gbk", "text/html; charset=gb2312", "text/html"}, wrongHeaders[5:]...)
	pages := 0
	for i := range ds.Pages {
		p := &ds.Pages[i]
		if utf8.Valid(p.HTML) || p.Truth.Body == nil {
			continue
		}
		pages++
		for _, ct := range headers {
			a := extractWith(t, p, ct)
			if a.Encoding != "gbk" && a.Encoding != "gb18030" {
				t.Errorf("%s served as %q: decoded as %s, want gbk", p.Name, ct, a.Encoding)
			}
			if r := bigramRecall(*p.Truth.Body, a.Body); r < 0.5 {
				t.Errorf("%s served as %q: body holds %.2f of the label's bigrams, want >= 0.5:\n%.200s", p.Name, ct, r, a.Body)
			}
			if strings.ContainsRune(a.Title+a.Body, '\uFFFD') && !p.SourceFFFD {
				t.Logf("%s served as %q: U+FFFD in the output (corrupt bytes in the page)", p.Name, ct)
			}
		}
	}
	if pages < 10 {
		t.Fatalf("only %d GBK pages found, want at least 10", pages)
	}
	t.Logf("%d GBK pages, each served with %d headers", pages, len(headers))
}

// TestDecodeWrongHeaderOnUTF8ChineseCorpus serves UTF-8 Chinese portal
// pages (some declare gb2312 in their markup) with legacy headers.
func TestDecodeWrongHeaderOnUTF8ChineseCorpus(t *testing.T) {
	ds := loadDevDatasets(t, "zh-portal-fields")[0]
	pages := 0
	for i := range ds.Pages {
		p := &ds.Pages[i]
		if !utf8.Valid(p.HTML) || p.SourceFFFD || p.Truth.NotArticle {
			continue
		}
		pages++
		honest := extractWith(t, p, "text/html; charset=utf-8")
		for _, ct := range []string{"text/html; charset=gbk", "text/html; charset=big5", "text/html; charset=iso-8859-1"} {
			a := extractWith(t, p, ct)
			if a.Encoding != "utf-8" || a.Body != honest.Body || a.Title != honest.Title {
				t.Errorf("%s served as %q: decoded as %s; title %q, want %q", p.Name, ct, a.Encoding, a.Title, honest.Title)
			}
		}
	}
	if pages < 10 {
		t.Fatalf("only %d UTF-8 pages found, want at least 10", pages)
	}
}
