package realportal

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newspipe/newspipe/extract"
)

// ErrNoCorpus is returned by Start when no corpus folder can be found.
var ErrNoCorpus = errors.New("realportal: shared/corpus not found (set NEWSPIPE_CORPUS)")

// FindCorpus returns the corpus folder: $NEWSPIPE_CORPUS when it is set
// (and "" if it names no directory), else the first shared/corpus or
// ../shared/corpus found from start upwards, else "". The repository is
// checked out beside ../shared, so tests find it from their package folder.
func FindCorpus(start string) string {
	if env := os.Getenv("NEWSPIPE_CORPUS"); env != "" {
		if isDir(env) {
			return env
		}
		return ""
	}
	dir, err := filepath.Abs(start)
	if err != nil {
		return ""
	}
	for {
		for _, c := range []string{filepath.Join(dir, "shared", "corpus"), filepath.Join(dir, "..", "shared", "corpus")} {
			if isDir(c) {
				return filepath.Clean(c)
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// Kinds of pooled pages.
const (
	kindGBK = "gbk" // Chinese page in GBK bytes
	kindZH  = "zh"  // Chinese page in UTF-8
	kindEN  = "en"  // English page in UTF-8
)

const (
	// pagesPerKind is the size of each pool: variety enough for the tests,
	// few enough pages to check at every Start.
	pagesPerKind = 8
	// maxDeadLinks bounds a page's own relative links, which all 404 on the
	// portal, so that crawling a few dozen articles stays quick.
	maxDeadLinks = 40
	// maxLinkDensity keeps pages well below the share of link text at
	// which the crawler takes a page for a listing (0.6).
	maxLinkDensity = 0.5
	// minBodyRunes is the least body an accepted page gives (the crawler's
	// own floor for uncertain pages).
	minBodyRunes = 200
	// sampleBase is the portal address pages are checked under.
	sampleBase = "http://127.0.0.2:8080"
)

// dataset is one corpus folder that feeds a pool.
type dataset struct {
	kind  string
	globs []string // relative to the corpus root
}

// datasets are the pools' sources, in the order the pools interleave.
func datasets() []dataset {
	return []dataset{
		{kindGBK, []string{"cwced-chinese-web-content/original/*.html"}},
		{kindZH, []string{"gne-testpages/tests/*/*.html", "gne-testpages/visiable_test/*/*.html"}},
		{kindEN, []string{"scrapinghub-aeb/html/*.html.gz"}},
	}
}

// page is one vetted corpus page and where its insertions go.
type page struct {
	source   string // path relative to the corpus root
	kind     string
	encoding string // "gbk" or "utf-8"
	raw      []byte // the page's bytes, as in the corpus (gunzipped)
	title    string // the extractor's title
	phrase   string // body text found verbatim, once, in raw
	headAt   int    // just inside <head>: where a <base> goes
	markAt   int    // end of the phrase's text node: marker and edits
	bodyAt   int    // before </body>: the same-host link block
}

// rejection tells why a candidate page was not pooled.
type rejection struct {
	source string
	reason error
}

// selectPages chooses each pool's pages from the corpus: the candidates
// sorted by path, pagesPerKind starting points spaced evenly among them,
// and from each point the first candidate that passes vet. It returns the
// pools interleaved (gbk, zh, en, gbk, ...) and the candidates it turned
// down.
func selectPages(corpus string) ([]*page, []rejection, error) {
	var pools [][]*page
	var rejected []rejection
	for _, ds := range datasets() {
		var files []string
		for _, g := range ds.globs {
			m, err := filepath.Glob(filepath.Join(corpus, g))
			if err != nil {
				return nil, nil, fmt.Errorf("realportal: glob %s: %w", g, err)
			}
			files = append(files, m...)
		}
		sort.Strings(files)
		var pool []*page
		tried := make([]bool, len(files))
		for i := 0; i < pagesPerKind; i++ {
			for j := i * len(files) / pagesPerKind; j < len(files); j++ {
				if tried[j] {
					continue
				}
				tried[j] = true
				rel, _ := filepath.Rel(corpus, files[j])
				pg, err := loadPage(files[j], rel, ds.kind)
				if err != nil {
					rejected = append(rejected, rejection{rel, err})
					continue
				}
				pool = append(pool, pg)
				break
			}
		}
		if len(pool) == 0 {
			err := errors.New("no candidate")
			if len(rejected) > 0 {
				err = rejected[len(rejected)-1].reason
			}
			return nil, rejected, fmt.Errorf("realportal: no usable %s page in %s: %w", ds.kind, filepath.Join(corpus, ds.globs[0]), err)
		}
		pools = append(pools, pool)
	}
	var pages []*page
	for i := 0; i < pagesPerKind; i++ {
		for _, pool := range pools {
			if i < len(pool) {
				pages = append(pages, pool[i])
			}
		}
	}
	return pages, rejected, nil
}

// loadPage reads one candidate and vets it.
func loadPage(file, rel, kind string) (*page, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	if strings.HasSuffix(file, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("gunzip %s: %w", file, err)
		}
		raw, err = io.ReadAll(zr)
		if err != nil {
			return nil, fmt.Errorf("gunzip %s: %w", file, err)
		}
	}
	pg := &page{source: filepath.ToSlash(rel), kind: kind, raw: raw, encoding: "utf-8"}
	if kind == kindGBK {
		if utf8.Valid(raw) {
			return nil, errors.New("UTF-8 page in the GBK pool")
		}
		pg.encoding = "gbk"
	}
	if err := pg.vet(); err != nil {
		return nil, err
	}
	return pg, nil
}

// vet extracts the page under its correct charset, finds its phrase and
// insertion points, and checks that a served copy, with marker, edit and
// link block in place, still extracts as an article holding all three.
func (pg *page) vet() error {
	header := http.Header{"Content-Type": {pg.contentType(charsetRight)}}
	pageURL := sampleBase + "/news/9999.html"
	a, err := extract.Extract(pg.raw, pageURL, header, &extract.Options{CollectLinks: true})
	if err != nil {
		return fmt.Errorf("extract: %w", err)
	}
	if err := acceptable(a); err != nil {
		return err
	}
	if pg.kind == kindEN && !strings.HasPrefix(a.Lang, "en") {
		return fmt.Errorf("language %q, not English", a.Lang)
	}
	if c, err := url.Parse(a.CanonicalURL); err == nil && a.CanonicalURL != "" && "http://"+c.Host == sampleBase {
		// A relative canonical would name another URL of the portal.
		return fmt.Errorf("canonical %s on the portal", a.CanonicalURL)
	}
	dead := 0
	for _, l := range a.Links {
		u, err := url.Parse(l.URL)
		if err != nil || "http://"+u.Host != sampleBase {
			continue
		}
		dead++
		if reservedPath(u.Path) {
			return fmt.Errorf("own link %s is an article URL of the portal", u.Path)
		}
	}
	if dead > maxDeadLinks {
		return fmt.Errorf("%d relative links (more than %d)", dead, maxDeadLinks)
	}
	pg.title = a.Title
	var end int
	var ok bool
	if pg.phrase, end, ok = findPhrase(a.Body, pg.raw, pg.kind); !ok {
		return errors.New("no phrase of the body found verbatim once in the bytes")
	}
	lt := bytes.IndexByte(pg.raw[end:], '<')
	if lt < 0 {
		return errors.New("phrase not followed by markup")
	}
	pg.markAt = end + lt
	pg.headAt = headEnd(pg.raw)
	pg.bodyAt = lastIndexFold(pg.raw, "</body")
	if pg.bodyAt < 0 {
		pg.bodyAt = len(pg.raw)
	}
	if pg.headAt > pg.markAt || pg.markAt > pg.bodyAt {
		return errors.New("phrase outside <body>")
	}

	// The served form: a sample article with one edit and all links.
	const host, id = 0, 9999
	marker, edit := markerText(pg.kind, host, id), editText(pg.kind, host, id, 1)
	related := relatedBlock(pg.kind, sampleBase, id, id-1, id-2, AllTrouble)
	served := pg.render(marker, []string{edit}, related, false)
	b, err := extract.Extract(served, pageURL, header, &extract.Options{CollectLinks: true})
	if err != nil {
		return fmt.Errorf("extract served copy: %w", err)
	}
	if err := acceptable(b); err != nil {
		return fmt.Errorf("served copy: %w", err)
	}
	for _, s := range []string{pg.phrase, marker, edit} {
		if !strings.Contains(b.Body, s) {
			return fmt.Errorf("served copy: body lacks %q", s)
		}
	}
	return nil
}

// acceptable reports why a would not be a sure article for the crawler.
func acceptable(a *extract.Article) error {
	switch {
	case a.Title == "":
		return errors.New("no title")
	case !a.IsArticle:
		return errors.New("not an article by the extractor's verdict")
	case utf8.RuneCountInString(a.Body) < minBodyRunes:
		return fmt.Errorf("body of %d characters", utf8.RuneCountInString(a.Body))
	case LinkDensity(a) >= maxLinkDensity:
		return fmt.Errorf("link density %.2f", LinkDensity(a))
	}
	return nil
}

// LinkDensity is the share of a page's link text in its body plus link
// text: the measure the crawler once used to turn pages down (at 0.6), kept
// for tests that check real stories inside large menus are not refused.
func LinkDensity(a *extract.Article) float64 {
	links := 0
	for _, l := range a.Links {
		if l.Rel == "" {
			links += utf8.RuneCountInString(l.Text)
		}
	}
	body := utf8.RuneCountInString(a.Body)
	if body+links == 0 {
		return 1
	}
	return float64(links) / float64(body+links)
}

// findPhrase picks about 20 characters of body text, starting from the
// middle paragraph (first ones often repeat the meta description), whose
// bytes occur exactly once in raw, so that the text node holding it can be
// found. It returns the phrase and the offset just past it in raw.
func findPhrase(body string, raw []byte, kind string) (string, int, bool) {
	n, step := 20, 3
	if kind == kindEN {
		n, step = 28, 1
	}
	lines := strings.Split(body, "\n")
	mid := len(lines) / 2
	tries := 0 // bounded: each try scans the whole page
	for k := 0; k < 2*len(lines) && tries < 300; k++ {
		i := mid + (k+1)/2*(1-2*(k%2)) // mid, mid+1, mid-1, mid+2, ...
		if i < 0 || i >= len(lines) {
			continue
		}
		rs := []rune(lines[i])
		for s := 0; s+n <= len(rs) && tries < 300; s += step {
			w := rs[s : s+n]
			if !phraseRunes(w, kind) {
				continue
			}
			// English phrases are whole words.
			if kind == kindEN && (s > 0 && rs[s-1] != ' ' || s+n < len(rs) && unicode.IsLetter(rs[s+n])) {
				continue
			}
			tries++
			cand := string(w)
			enc, err := encodeText(encodingOf(kind), cand)
			if err != nil || bytes.Count(raw, enc) != 1 {
				continue
			}
			return cand, bytes.Index(raw, enc) + len(enc), true
		}
	}
	return "", 0, false
}

// phraseRunes reports whether w is plain enough to appear verbatim in the
// HTML: no markup-escaped or whitespace-collapsed characters.
func phraseRunes(w []rune, kind string) bool {
	if kind == kindEN {
		if w[0] == ' ' || w[len(w)-1] == ' ' {
			return false
		}
		for i, r := range w {
			ok := r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" ,.-", r))
			if !ok || (r == ' ' && w[i-1] == ' ') {
				return false
			}
		}
		return true
	}
	if !unicode.Is(unicode.Han, w[0]) {
		return false
	}
	for _, r := range w {
		if !unicode.Is(unicode.Han, r) && !strings.ContainsRune("，。、", r) {
			return false
		}
	}
	return true
}

func encodingOf(kind string) string {
	if kind == kindGBK {
		return "gbk"
	}
	return "utf-8"
}

// headEnd returns the offset just past the <head> start tag, or 0.
func headEnd(raw []byte) int {
	for from := 0; ; {
		i := indexFold(raw[from:], "<head")
		if i < 0 {
			return 0
		}
		i += from + len("<head")
		if i < len(raw) && (raw[i] == '>' || raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
			if gt := bytes.IndexByte(raw[i:], '>'); gt >= 0 {
				return i + gt + 1
			}
			return 0
		}
		from = i // <header> and the like
	}
}

// indexFold is an ASCII case-insensitive bytes.Index. It works on GBK
// bytes too: a needle starting with '<' can only match at a character
// boundary, since GBK trail bytes are all above 0x3F.
func indexFold(s []byte, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if asciiEqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// lastIndexFold is the last-match counterpart of indexFold.
func lastIndexFold(s []byte, needle string) int {
	for i := len(s) - len(needle); i >= 0; i-- {
		if asciiEqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

func asciiEqualFold(b []byte, s string) bool {
	for i := range len(s) {
		c, d := b[i], s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'A' <= d && d <= 'Z' {
			d += 'a' - 'A'
		}
		if c != d {
			return false
		}
	}
	return true
}
