package crawler

import (
	"net/url"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://News.Example.COM:80/a/b.html#top", "http://news.example.com/a/b.html"},
		{"https://example.com:443", "https://example.com/"},
		{"https://example.com:8443/x", "https://example.com:8443/x"},
		{"http://example.com./a", "http://example.com/a"},
		{"http://example.com/a?utm_source=x&id=3&utm_medium=y", "http://example.com/a?id=3"},
		{"http://example.com/a?fbclid=1&gclid=2&spm=a.b.c", "http://example.com/a"},
		{"http://example.com/a?b=2&a=1", "http://example.com/a?a=1&b=2"},
		{"http://example.com/a.html?from=timeline&isappinstalled=0", "http://example.com/a.html"},
		{"http://example.com/a.html?from=singlemessage", "http://example.com/a.html"},
		{"http://example.com/a.html?id=7&from=groupmessage&scene=1", "http://example.com/a.html?id=7&scene=1"},
		{"http://example.com/list?from=20", "http://example.com/list?from=20"},
		{"http://example.com/a?sharer_sharetime=1&sharer_shareid=x", "http://example.com/a"},
		{"http://example.com/a.html;jsessionid=ABC?x=1", "http://example.com/a.html?x=1"},
		{"http://example.com/a/./b/../c.html", "http://example.com/a/c.html"},
		{"http://example.com/list/", "http://example.com/list/"},
		{"http://user:pw@example.com/", "http://example.com/"},
		{"http://example.com/?", "http://example.com/"},
		{"http://example.com/%E6%96%B0%E9%97%BB", "http://example.com/%E6%96%B0%E9%97%BB"},
		{"mailto:a@example.com", ""},
		{"javascript:void(0)", ""},
		{"ftp://example.com/a", ""},
		{"/relative/path", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDomainAllowed(t *testing.T) {
	domains := []string{"example.com", "news.other.org"}
	tests := []struct {
		host string
		want bool
	}{
		{"example.com", true}, {"www.example.com", true}, {"badexample.com", false},
		{"news.other.org", true}, {"other.org", false}, {"a.news.other.org", true},
	}
	for _, tt := range tests {
		if got := domainAllowed(tt.host, domains); got != tt.want {
			t.Errorf("domainAllowed(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
	for in, want := range map[string]string{"News.Example.com.": "news.example.com", "https://a.b/x": "a.b", "127.0.0.1:8080": "127.0.0.1"} {
		if got := normalizeDomain(in); got != want {
			t.Errorf("normalizeDomain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClassifyURL(t *testing.T) {
	tests := []struct {
		in   string
		want urlShape
	}{
		{"http://x.com/", shapeListing},
		{"http://x.com/news/", shapeListing},
		{"http://x.com/news/index.html", shapeListing},
		{"http://x.com/list_2.html", shapeListing},
		{"http://x.com/news/?page=2", shapeListing},
		{"http://x.com/search?q=abc", shapeListing},
		{"http://x.com/tag/economy", shapeListing},
		{"http://x.com/calendar?d=2026-01-10", shapeListing},
		{"http://x.com/2026/01/10/", shapeListing},
		{"http://x.com/archive/202601", shapeListing},
		{"http://x.com/2026/01/10/city-plan-approved-by-council.html", shapeArticle},
		{"http://x.com/gn/2021/01-21/9392738.shtml", shapeArticle},
		{"http://x.com/a/20260110/content_4412345.htm", shapeArticle},
		{"http://x.com/news/show.php?id=123456", shapeArticle},
		{"http://x.com/about", shapeUnknown},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.in)
		if got := classifyURL(u); got != tt.want {
			t.Errorf("classifyURL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
