package realportal

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newspipe/newspipe/extract"
)

// corpusOrSkip returns the corpus or skips the test, saying where it looked.
func corpusOrSkip(t *testing.T) string {
	t.Helper()
	c := FindCorpus(".")
	if c == "" {
		t.Skip("corpus not found: NEWSPIPE_CORPUS names no directory, or is unset and no shared/corpus lies above the package; skipping")
	}
	return c
}

func TestFindCorpus(t *testing.T) {
	root := t.TempDir()
	corpus := filepath.Join(root, "shared", "corpus")
	deep := filepath.Join(root, "main", "crawler", "internal")
	for _, d := range []string{corpus, deep} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("NEWSPIPE_CORPUS", "")
	if got := FindCorpus(deep); got != corpus {
		t.Errorf("FindCorpus(%s) = %q, want %q", deep, got, corpus)
	}
	// ../shared/corpus seen from a checkout beside it.
	if got := FindCorpus(filepath.Join(root, "main")); got != corpus {
		t.Errorf("FindCorpus(main) = %q, want %q", got, corpus)
	}
	if got := FindCorpus(t.TempDir()); got != "" {
		t.Errorf("FindCorpus(empty tree) = %q, want \"\"", got)
	}
	t.Setenv("NEWSPIPE_CORPUS", deep)
	if got := FindCorpus(t.TempDir()); got != deep {
		t.Errorf("with NEWSPIPE_CORPUS: %q, want %q", got, deep)
	}
	t.Setenv("NEWSPIPE_CORPUS", filepath.Join(root, "missing"))
	if got := FindCorpus(deep); got != "" {
		t.Errorf("with NEWSPIPE_CORPUS missing: %q, want \"\"", got)
	}
	if _, err := Start(Options{}); err != ErrNoCorpus {
		t.Errorf("Start without corpus: %v, want ErrNoCorpus", err)
	}
}

// TestPoolExtracts checks that every pooled page, as in the corpus and
// under its correct charset, gives a title and a body holding its phrase.
func TestPoolExtracts(t *testing.T) {
	pages, rejected, err := selectPages(corpusOrSkip(t))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, pg := range pages {
		kinds[pg.kind]++
		h := http.Header{"Content-Type": {pg.contentType(charsetRight)}}
		a, err := extract.Extract(pg.raw, sampleBase+"/news/1.html", h, nil)
		if err != nil {
			t.Errorf("%s: %v", pg.source, err)
			continue
		}
		if a.Title == "" || utf8.RuneCountInString(a.Body) < minBodyRunes || !strings.Contains(a.Body, pg.phrase) {
			t.Errorf("%s: title %q, body of %d characters, phrase %q in body: %v",
				pg.source, a.Title, utf8.RuneCountInString(a.Body), pg.phrase, strings.Contains(a.Body, pg.phrase))
		}
		if a.Encoding != pg.encoding {
			t.Errorf("%s: decoded as %s, want %s", pg.source, a.Encoding, pg.encoding)
		}
		if n := utf8.RuneCountInString(pg.phrase); n < 20 {
			t.Errorf("%s: phrase %q of %d characters", pg.source, pg.phrase, n)
		}
	}
	for _, k := range []string{kindGBK, kindZH, kindEN} {
		if kinds[k] != pagesPerKind {
			t.Errorf("%d %s pages pooled, want %d", kinds[k], k, pagesPerKind)
		}
	}
	t.Logf("%d pages pooled, %d candidates turned down", len(pages), len(rejected))
}

func TestOptionsDefaults(t *testing.T) {
	o, err := Options{}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if o.Hosts != 2 || o.ArticlesPerHost != 40 || o.PerPage != 20 || o.FlakyFailures != 2 || o.RetryAfter != 1 || o.SlowDelay <= 0 {
		t.Errorf("defaults %+v", o)
	}
	if o.HugeSize < 30<<20 || o.HugeSize > 50<<20 {
		t.Errorf("default HugeSize %d outside 30..50 MiB", o.HugeSize)
	}
	for _, bad := range []Options{{Hosts: 254}, {Hosts: -1}, {ArticlesPerHost: -3}, {SlowDelay: -1}} {
		if _, err := bad.withDefaults(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
