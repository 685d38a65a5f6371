package crawler

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/newspipe/newspipe/extract"
)

func TestArticleVerdict(t *testing.T) {
	long := strings.Repeat("这是一段很长的新闻正文，讲述了城市里发生的事情。", 20)
	brief := "The council approved the budget on Monday after a three-hour debate. Spending on schools rises by eight percent, " +
		"and the new library opens in the spring. The opposition voted against the plan, saying the tax rise was too steep."
	headlines := []string{"全市重点项目建设推进会召开", "我市举办春季招聘会提供岗位两万余个", "城区主干道改造工程全面完工", "第十届文化旅游节开幕", "市领导调研乡村振兴工作"}
	links := func(n int, text string) []extract.Link {
		var ls []extract.Link
		for range n {
			ls = append(ls, extract.Link{URL: "http://x.com/a", Text: text})
		}
		return ls
	}
	var listLinks []extract.Link
	var listBody []string
	for _, h := range headlines {
		listLinks = append(listLinks, extract.Link{URL: "http://x.com/" + h, Text: h})
		listBody = append(listBody, h+" 2024-05-12")
	}
	// The page-wide link text of a portal's menus dwarfs the story.
	menu := links(400, "国内新闻 国际新闻 财经频道 体育频道 娱乐频道")
	story := "http://x.com/2026/01/10/story-123456.html"
	tests := []struct {
		name    string
		a       extract.Article
		url     string
		pattern string
		want    bool
		reason  string
	}{
		{"extractor says article", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true, Links: links(5, "首页")}, story, "", true, ""},
		{"article inside huge navigation menus", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true, Links: menu}, story, "", true, ""},
		{"home page never", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/", "", false, reasonListingURL},
		{"listing URL never", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/news/?page=2", "", false, reasonListingURL},
		{"calendar URL never", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/2026/01/10/", "", false, reasonListingURL},
		{"no title", extract.Article{Body: long, ContentHash: "h", IsArticle: true}, story, "", false, reasonNoTitle},
		{"no body", extract.Article{Title: "t", IsArticle: true}, story, "", false, reasonEmptyBody},
		{"body of headline links", extract.Article{Title: "t", Body: strings.Join(listBody, "\n"), ContentHash: "h", IsArticle: true, Links: listLinks}, story, "", false, reasonLinkList},
		{"story after a menu the extractor kept", extract.Article{Title: "t", Body: strings.Join(listBody, "\n") + "\n" + long, ContentHash: "h", IsArticle: true, Links: listLinks}, story, "", true, ""},
		{"link farm", extract.Article{Title: "t", Body: "短", ContentHash: "h", IsArticle: true, Links: links(50, "一个很长的链接标题文字")}, story, "", false, reasonShortBody},
		{"unsure extractor, article URL, long body", extract.Article{Title: "t", Body: long, ContentHash: "h"}, story, "", true, ""},
		{"unsure extractor, article URL, brief", extract.Article{Title: "t", Body: brief, ContentHash: "h"}, story, "", true, ""},
		{"unsure extractor, unknown URL", extract.Article{Title: "t", Body: long, ContentHash: "h"}, "http://x.com/about", "", false, reasonShortBody},
		{"unsure extractor, short body", extract.Article{Title: "t", Body: "短文", ContentHash: "h"}, story, "", false, reasonShortBody},
		{"directory URL, article body", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/rasende-polizisten/", "", true, ""},
		{"directory URL, teaser", extract.Article{Title: "t", Body: brief, ContentHash: "h"}, "http://x.com/world/", "", false, reasonListingURL},
		{"site pattern must match", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, story, `/content/`, false, reasonPattern},
		{"site pattern overrides shape", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/content/index.html", `/content/`, true, ""},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatal(err)
		}
		var re *regexp.Regexp
		if tt.pattern != "" {
			re = regexp.MustCompile(tt.pattern)
		}
		ok, reason := articleVerdict(&tt.a, u, re)
		if ok != tt.want || reason != tt.reason {
			t.Errorf("%s: articleVerdict = (%v, %q), want (%v, %q)", tt.name, ok, reason, tt.want, tt.reason)
		}
	}
}

func TestListingEvidence(t *testing.T) {
	tests := []struct {
		in   string
		want urlEvidence
	}{
		{"http://x.com/", urlListing},
		{"http://x.com/index.html", urlListing},
		{"http://x.com/news/list/", urlListing},
		{"http://x.com/news/?page=2", urlListing},
		{"http://x.com/search?q=ferry", urlListing},
		{"http://x.com/?s=ferry", urlListing},
		{"http://x.com/world/page/2/", urlListing},
		{"http://x.com/xwzx/list_3.shtml", urlListing},
		{"http://x.com/2026/01/10/", urlListing},
		{"http://x.com/calendar?d=2026-01-10", urlListing},
		{"http://x.com/news/", urlHintsListing},
		{"http://x.com/news/index.html", urlHintsListing},
		{"http://x.com/tag/economy", urlHintsListing},
		{"http://x.com/rasende-polizisten/", urlHintsListing},
		{"http://x.com/?p=959", urlNeutral},
		{"http://x.com/about", urlNeutral},
		{"http://x.com/2026/01/10/city-plan-approved-by-council.html", urlNeutral},
		{"http://x.com/2013/11/27/travel/weather-thanksgiving/index.html", urlNeutral},
		{"http://x.com/2015/11/12/i-htm/", urlNeutral},
		{"http://x.com/ideas/archive/2020/08/californias-disasters/615610/", urlNeutral},
		{"http://x.com/artikel/900368?rss", urlNeutral},
		{"http://x.com/why-tutoring-has-not-been-more-effective/2025/11", urlNeutral},
		{"http://x.com//index.php?id=30&no_cache=1", urlNeutral},
		{"http://x.com/news/show.php?id=123456", urlNeutral},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := listingEvidence(u); got != tt.want {
			t.Errorf("listingEvidence(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsCalendar(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"http://x.com/2026/01/10/", true},
		{"http://x.com/2026/01/10", true},
		{"http://x.com/news/2024-05-12", true},
		{"http://x.com/archive/202405", true},
		{"http://x.com/2024/", true},
		{"http://x.com/calendar", true},
		{"http://x.com/news/archives/", true},
		{"http://x.com/calendar?d=2026-01-10", true},
		{"http://x.com/list?date=20260110", true},
		{"http://x.com/artikel/900368", false},
		{"http://x.com/news/3119452", false},
		{"http://x.com/1927", false},
		{"http://x.com/journal/2019/01/80642", false},
		{"http://x.com/ideas/archive/2020/08/californias-disasters/615610/", false},
		{"http://x.com/guide-to-landscape-photography-composition/2024/09/16", false},
		{"http://x.com/2026/01/10/city-plan-approved.html", false},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := isCalendar(u); got != tt.want {
			t.Errorf("isCalendar(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
