package crawler

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newspipe/newspipe/extract"
)

// storyURL is an address with the shape of one story. Listing pages are
// judged under it as well as under their own address, so that the body
// and the page's structure must turn them down on their own.
const storyURL = "https://news.example.com/2024/05/12/harbour-ferry-first-crossing-123456.html"

// verdictOn extracts raw as the crawler does and judges it under pageURL.
func verdictOn(t *testing.T, raw []byte, pageURL string) (bool, string) {
	t.Helper()
	a, err := extract.Extract(raw, pageURL, nil, &extract.Options{CollectLinks: true})
	if err != nil {
		t.Fatalf("extract %s: %v", pageURL, err)
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		t.Fatalf("parse %s: %v", pageURL, err)
	}
	return articleVerdict(a, u, nil)
}

func readPage(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read page: %v", err)
	}
	return b
}

// TestVerdictRejectsListings runs home, channel, tag, search, calendar and
// teaser pages through Extract and the verdict: each must be turned down,
// under its own URL and under a story-shaped one, for the reason listed
// (the body-level reason under the story URL).
func TestVerdictRejectsListings(t *testing.T) {
	base := "https://news.example.com"
	tests := []struct {
		name      string
		raw       []byte
		url       string
		ownReason string // reason under url
		bodyWhy   string // reason under storyURL
	}{
		{"news home page with headlines and summaries", readPage(t, "testdata/verdict-home-en.html"), base + "/", reasonListingURL, reasonShortBody},
		{"paginated channel list with teasers", readPage(t, "testdata/verdict-channel-page2.html"), base + "/world/page/2/", reasonListingURL, reasonShortBody},
		{"Chinese list page with 50 dated headlines", readPage(t, "testdata/verdict-list-zh.html"), base + "/xwzx/bdxw/list_3.shtml", reasonListingURL, reasonLinkList},
		{"most-popular list around a two-sentence teaser", readPage(t, "testdata/verdict-popular-teaser.html"), base + "/video/2024/05/12/watch-the-first-crossing-of-the-new-island-ferry", reasonShortBody, reasonShortBody},
		{"tag page with excerpts", readPage(t, "testdata/verdict-tag-en.html"), base + "/tag/ferries/", reasonEmptyBody, reasonEmptyBody},
		{"search results", readPage(t, "testdata/verdict-search-en.html"), base + "/search?q=ferry", reasonListingURL, reasonShortBody},
		{"Chinese day archive", readPage(t, "testdata/verdict-calendar-zh.html"), base + "/2024/05/12/", reasonListingURL, reasonLinkList},
		{"channel listing (golden page)", readPage(t, "../testdata/pages/channel-listing.html"), base + "/gnxw/", reasonListingURL, reasonShortBody},
		{"portal home (golden page)", readPage(t, "../testdata/pages/home-portal.html"), base + "/", reasonListingURL, reasonShortBody},
		{"demo site home", readPage(t, "../cmd/newspipe/demosite/index.html"), base + "/", reasonListingURL, reasonShortBody},
		{"demo site listing", readPage(t, "../cmd/newspipe/demosite/news/index.html"), base + "/news/", reasonListingURL, reasonShortBody},
		{"demo site listing page 2", readPage(t, "../cmd/newspipe/demosite/news/page2.html"), base + "/news/page2.html", reasonShortBody, reasonShortBody},
		{"portal test home", []byte(home(base)), base + "/", reasonEmptyBody, reasonEmptyBody},
		{"portal test listing", []byte(listing("1", portalArticles)), base + "/news/", reasonEmptyBody, reasonEmptyBody},
		{"portal test listing page 2", []byte(listing("2", portalArticles)), base + "/news/?page=2", reasonListingURL, reasonShortBody},
		{"portal test calendar", []byte(calendar("2026-01-10")), base + "/calendar?d=2026-01-10", reasonListingURL, reasonShortBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if ok, why := verdictOn(t, tt.raw, tt.url); ok || why != tt.ownReason {
				t.Errorf("under %s: verdict (%v, %q), want (false, %q)", tt.url, ok, why, tt.ownReason)
			}
			if ok, why := verdictOn(t, tt.raw, storyURL); ok || why != tt.bodyWhy {
				t.Errorf("under a story URL: verdict (%v, %q), want (false, %q)", ok, why, tt.bodyWhy)
			}
		})
	}
}

// TestVerdictKeepsArticles runs the article pages the repository carries
// (hand-written golden pages, the demo site, the integration portal) through
// Extract and the verdict: every one must be kept.
func TestVerdictKeepsArticles(t *testing.T) {
	type page struct {
		name, url string
		raw       []byte
	}
	var pages []page
	golden, err := filepath.Glob("../testdata/pages/*.html")
	if err != nil || len(golden) < 20 {
		t.Fatalf("golden pages: %d found, %v", len(golden), err)
	}
	for _, f := range golden {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		var exp struct {
			NotArticle bool `json:"not_article"`
		}
		if err := json.Unmarshal(readPage(t, strings.TrimSuffix(f, ".html")+".expected.json"), &exp); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if exp.NotArticle {
			continue
		}
		pages = append(pages, page{name, "https://news.example.com/2024/05/12/" + name + "-123456.html", readPage(t, f)})
	}
	demo, err := filepath.Glob("../cmd/newspipe/demosite/2026/*/*/*.html")
	if err != nil || len(demo) == 0 {
		t.Fatalf("demo articles: %d found, %v", len(demo), err)
	}
	for _, f := range demo {
		rel, _ := filepath.Rel("../cmd/newspipe/demosite", f)
		pages = append(pages, page{"demo " + rel, "https://news.example.com/" + filepath.ToSlash(rel), readPage(t, f)})
	}
	for _, a := range append(append([]article(nil), portalArticles...), newArticle) {
		pages = append(pages, page{"portal " + a.path, "https://news.example.com" + a.path, []byte(a.html("https://news.example.com"))})
	}
	for _, p := range pages {
		if ok, why := verdictOn(t, p.raw, p.url); !ok {
			t.Errorf("%s (%s): rejected as %s", p.name, p.url, why)
		}
	}
}
