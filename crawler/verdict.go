package crawler

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newspipe/newspipe/extract"
)

// Reasons articleVerdict gives for turning a page down.
const (
	reasonNoTitle    = "no_title"    // the extractor found no headline
	reasonEmptyBody  = "empty_body"  // the extractor found no body text
	reasonPattern    = "pattern"     // the site's article_pattern does not match
	reasonListingURL = "listing_url" // home, pagination, search or calendar URL; a directory with a teaser
	reasonLinkList   = "link_list"   // the body is mostly other pages' headlines
	reasonShortBody  = "short_body"  // too little prose for an article
)

// articleVerdict decides whether a fetched page becomes a record, and when
// not, says why in a short snake_case word. It rests on general signals
// only: the URL's shape, the extracted body and the extractor's verdict.
// pattern, when set, is a site's article-URL pattern: it must match, and it
// outranks the URL-shape rules.
//
// Page-wide link density is deliberately not used: portals wrap real
// stories in navigation menus of hundreds of links, while a listing shows
// itself in the body, whose lines are then other pages' headlines.
// IsArticle reports whether a crawl without an article_pattern would
// emit a as an article of the page at u, and if not, why (a snake_case
// word such as "listing_url" or "link_list"). newspipe extract uses it to
// re-extract from a crawl's WARC files the records the crawl emitted.
func IsArticle(a *extract.Article, u *url.URL) (ok bool, reason string) {
	return articleVerdict(a, u, nil)
}

func articleVerdict(a *extract.Article, u *url.URL, pattern *regexp.Regexp) (ok bool, reason string) {
	switch {
	case a.Title == "":
		return false, reasonNoTitle
	case strings.TrimSpace(a.Body) == "" || a.ContentHash == "":
		return false, reasonEmptyBody
	case pattern != nil && !pattern.MatchString(u.String()):
		return false, reasonPattern
	}
	ev := urlNeutral
	if pattern == nil {
		ev = listingEvidence(u)
	}
	if ev == urlListing {
		return false, reasonListingURL
	}
	st := measureBody(a)
	switch {
	case st.linkList():
		return false, reasonLinkList
	case a.IsArticle && st.eff >= minShortArticleEff:
		return true, ""
	case ev == urlHintsListing:
		// A directory URL (/news/, /world/) with a short body is a
		// channel page showing a teaser.
		return false, reasonListingURL
	case st.eff >= minShortArticleEff && st.prose > 0 && (pattern != nil || classifyURL(u) == shapeArticle):
		// A brief: the extractor found it short, but the URL names one
		// document and the text is prose.
		return true, ""
	}
	return false, reasonShortBody
}

// urlEvidence is what a URL alone says about a page being a listing.
type urlEvidence int

const (
	urlNeutral      urlEvidence = iota
	urlHintsListing             // a directory (/news/, /fische-schmerzen/): the body decides
	urlListing                  // home, pagination, search, calendar, taxonomy: never an article
)

var (
	// listingQuery marks pagination and search parameters. WordPress's
	// ?p=123 is a post, so "p" is not among them.
	listingQuery = regexp.MustCompile(`(?i)(^|&)(page|pg|pn|paged|offset|start|q|query|keyword|keywords|search|s|cat|category|tag)=`)
	// idQuery is a query that selects one document (show.php?id=123).
	idQuery = regexp.MustCompile(`(?i)(^|&)([a-z_]*id|p|post|article|story)=[0-9a-z_-]*[0-9]`)
	// pagedPath is a numbered page of a list: /news/page/2/, list_3.shtml.
	pagedPath = regexp.MustCompile(`(?i)(/page/\d+/?|/(index|list|default|more|page)_\d+(\.[a-z]+)?)$`)
	// datedSlug is a date in the path with a named document after it
	// (/2013/11/27/travel/weather-thanksgiving/index.html).
	datedSlug = regexp.MustCompile(`(?i)/(199\d|20\d{2})[-/_]?(0?[1-9]|1[0-2])([-/_]?(0?[1-9]|[12]\d|3[01]))?/(.+/)?[^/]*[a-z]{3}`)
)

// listingEvidence classifies u for articleVerdict. It is more careful than
// classifyURL, which also steers discovery: index.html under a dated path
// (/2013/11/27/travel/weather/index.html) is a story, and a bare directory
// or a taxonomy path is only a hint, since WordPress gives every post a
// directory and /topic/history-of-coffee may be an article.
func listingEvidence(u *url.URL) urlEvidence {
	p := u.Path
	ided := u.RawQuery != "" && idQuery.MatchString(u.RawQuery) && !listingQuery.MatchString(u.RawQuery)
	switch {
	case (p == "" || p == "/") && !ided:
		return urlListing // the home page; /?p=959 is a post
	case isCalendar(u), u.RawQuery != "" && listingQuery.MatchString(u.RawQuery), isPagedPath(p):
		return urlListing
	}
	dirPath := strings.HasSuffix(p, "/")
	trimmed := strings.TrimSuffix(p, "/")
	leaf, parent := path.Base(trimmed), path.Dir(trimmed)
	switch {
	case isArticleLeaf(leaf), datedSlug.MatchString(p), ided:
		return urlNeutral
	case listingWords.MatchString(leaf) && (dirPath || parent == "/" || parent == "."):
		return urlListing // /index.html, /news/list/
	case listingWords.MatchString(leaf), taxonomyDir.MatchString(parent + "/"), dirPath:
		return urlHintsListing // /news/index.html, /tag/economy, /world/
	}
	return urlNeutral
}

// isPagedPath is pagedPath.MatchString(p), the regexp tried only where it
// can match: /page/2/ ends in a digit, list_3.shtml holds an underscore.
func isPagedPath(p string) bool {
	return (endsInDigit(p) || strings.IndexByte(p, '_') >= 0) && pagedPath.MatchString(p)
}

// minShortArticleEff is the least body length, in latin-equivalent
// characters, of an article the extractor judged too short: a three-line
// news brief.
const minShortArticleEff = 200

// minAnchorEff is the least length of a link text that can be a headline
// in the body; shorter ones ("Home", "更多") also occur as plain words.
const minAnchorEff = 12

// minArticleRun is the length of a stretch of body lines without headline
// links that is an article in itself, whatever menus the extractor took
// in with it.
const minArticleRun = 3 * minShortArticleEff

// bodyStats describes an extracted body.
type bodyStats struct {
	eff      int // length in latin-equivalent characters (a CJK character counts 3)
	prose    int // lines that read as sentences, not labels or headlines
	linkEff  int // length of the lines that are mostly link text
	linkRows int // lines that are mostly link text
	run      int // length of the longest stretch of lines that are not link text
}

// linkList reports a body made of other pages' headlines: a listing whose
// list the extractor took for the text. A listing alternates headlines
// with dates and teasers; an article is a long stretch of text without.
func (st bodyStats) linkList() bool {
	return st.linkRows >= 3 && 2*st.linkEff >= st.eff && st.run < minArticleRun
}

// measureBody computes bodyStats. A line is link text when link texts of
// the page found in it cover at least half of it: a headline with a date
// or a source label after it still counts.
func measureBody(a *extract.Article) bodyStats {
	var anchors []string
	seen := map[string]bool{}
	var body *windowSet // made for the first link text long enough
	for _, l := range a.Links {
		t := strings.TrimSpace(l.Text)
		if seen[t] || textEff(t) < minAnchorEff {
			continue
		}
		if body == nil {
			body = new(windowSet)
			body.add(a.Body)
		}
		if !body.mayContain(t) || !strings.Contains(a.Body, t) {
			continue
		}
		seen[t] = true
		anchors = append(anchors, t)
	}
	var st bodyStats
	run := 0
	for line := range strings.SplitSeq(a.Body, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		e := textEff(line)
		st.eff += e
		if isProse(line, e) {
			st.prose++
		}
		covered := 0
		for _, t := range anchors {
			if strings.Contains(line, t) {
				covered += textEff(t)
			}
		}
		if 2*covered >= e {
			st.linkEff += e
			st.linkRows++
			run = 0
		} else {
			run += e
			st.run = max(st.run, run)
		}
	}
	return st
}

// textEff is the length of s in latin-equivalent characters: a CJK
// character carries about as much as a short word (as in the extractor).
func textEff(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)) {
			n += 2
		}
	}
	return n
}

// minProseEff is the least length of a line that counts as a paragraph.
const minProseEff = 60

// isProse reports a line that reads as running text: long enough and
// holding sentence punctuation.
func isProse(line string, eff int) bool {
	if eff < minProseEff {
		return false
	}
	return hasSentencePunct(line) || utf8.RuneCountInString(line) > 200
}

// hasSentencePunct reports whether line holds any of .!?;, or their CJK
// forms 。！？；，. The ASCII ones are looked for apart: strings.ContainsAny
// with a set holding non-ASCII runes decodes the line rune by rune and
// searches the set for each (3 µs an article in the big crawl).
func hasSentencePunct(line string) bool {
	if strings.ContainsAny(line, ".!?;,") {
		return true
	}
	for _, r := range "，。！？；" {
		if strings.ContainsRune(line, r) {
			return true
		}
	}
	return false
}
