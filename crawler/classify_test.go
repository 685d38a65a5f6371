package crawler

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/newspipe/newspipe/extract"
)

func TestIsArticle(t *testing.T) {
	long := strings.Repeat("这是一段很长的新闻正文，讲述了城市里发生的事情。", 20)
	links := func(n int, text string) []extract.Link {
		var ls []extract.Link
		for i := 0; i < n; i++ {
			ls = append(ls, extract.Link{URL: "http://x.com/a", Text: text})
		}
		return ls
	}
	tests := []struct {
		name    string
		a       extract.Article
		url     string
		pattern string
		want    bool
	}{
		{"extractor says article", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true, Links: links(5, "首页")}, "http://x.com/2026/01/10/story-123456.html", "", true},
		{"home page never", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/", "", false},
		{"listing URL never", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/news/?page=2", "", false},
		{"no body", extract.Article{Title: "t", IsArticle: true}, "http://x.com/2026/01/10/story-123456.html", "", false},
		{"link farm", extract.Article{Title: "t", Body: "短", ContentHash: "h", IsArticle: true, Links: links(50, "一个很长的链接标题文字")}, "http://x.com/2026/01/10/story-123456.html", "", false},
		{"unsure extractor, article URL, long body", extract.Article{Title: "t", Body: long, ContentHash: "h"}, "http://x.com/2026/01/10/story-123456.html", "", true},
		{"unsure extractor, unknown URL", extract.Article{Title: "t", Body: long, ContentHash: "h"}, "http://x.com/about", "", false},
		{"unsure extractor, short body", extract.Article{Title: "t", Body: "短文", ContentHash: "h"}, "http://x.com/2026/01/10/story-123456.html", "", false},
		{"site pattern must match", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/2026/01/10/story-123456.html", `/content/`, false},
		{"site pattern overrides shape", extract.Article{Title: "t", Body: long, ContentHash: "h", IsArticle: true}, "http://x.com/content/index.html", `/content/`, true},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		var re *regexp.Regexp
		if tt.pattern != "" {
			re = regexp.MustCompile(tt.pattern)
		}
		if got := isArticle(&tt.a, u, re); got != tt.want {
			t.Errorf("%s: isArticle = %v, want %v", tt.name, got, tt.want)
		}
	}
}
