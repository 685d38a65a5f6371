package crawler

import (
	"fmt"
	"net/url"
	"path"
	"strings"
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

// domainAllowed reports whether host is one of domains or a subdomain of
// one: the definition siteOf's index must agree with.
func domainAllowed(host string, domains []string) bool {
	for _, d := range domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// TestSiteOf: a host belongs to the first site, in configuration order,
// that allows it or a parent domain of it, as a scan of every site's list
// with domainAllowed says.
func TestSiteOf(t *testing.T) {
	sites := []Site{
		{AllowDomains: []string{"example.com", "news.other.org"}},
		{AllowDomains: []string{"news.example.com", "third.net"}},
		{AllowDomains: []string{"other.org", "example.com", "127.0.0.2"}},
	}
	c := &crawl{cfg: Config{Sites: sites}, siteIndex: indexSites(sites)}
	tests := []struct {
		host string
		want int // site index, -1 for none
	}{
		{"example.com", 0}, {"www.example.com", 0}, {"badexample.com", -1},
		{"news.example.com", 0}, {"a.news.example.com", 0}, // site 0 comes first
		{"news.other.org", 0}, {"a.news.other.org", 0}, {"other.org", 2}, {"b.other.org", 2},
		{"third.net", 1}, {"x.y.third.net", 1}, {"net", -1}, {"", -1},
		{"127.0.0.2", 2}, {"127.0.0.3", -1}, {"0.0.2", -1},
	}
	for _, tt := range tests {
		want := -1
		for i := range sites {
			if domainAllowed(tt.host, sites[i].AllowDomains) {
				want = i
				break
			}
		}
		if want != tt.want {
			t.Fatalf("test table disagrees with domainAllowed for %q: %d, %d", tt.host, tt.want, want)
		}
		got := -1
		for i := range c.cfg.Sites {
			if c.siteOf(tt.host) == &c.cfg.Sites[i] {
				got = i
			}
		}
		if got != tt.want {
			t.Errorf("siteOf(%q) = site %d, want %d", tt.host, got, tt.want)
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

// normalizeURLRef is normalizeURL as it was before it skipped the unchanged
// path's rewrite: TestNormalizeSkipsNothing holds the two to the same
// results.
func normalizeURLRef(in *url.URL) string {
	u := *in
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Opaque != "" {
		return ""
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	host, port := u.Hostname(), u.Port()
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	p := u.EscapedPath()
	p = sessionInPath.ReplaceAllString(p, "")
	if p == "" {
		p = "/"
	} else if strings.Contains(p, "/.") {
		clean := path.Clean(p)
		if strings.HasSuffix(p, "/") && clean != "/" {
			clean += "/"
		}
		p = clean
	}
	if pu, err := url.Parse(p); err == nil {
		u.Path, u.RawPath = pu.Path, pu.RawPath
	}
	if u.RawQuery != "" {
		u.RawQuery = cleanQuery(u.RawQuery)
	}
	u.ForceQuery = false
	return u.String()
}

func TestNormalizeSkipsNothing(t *testing.T) {
	paths := []string{"", "/", "//", "//a/b", "///a", "/a/b.html", "/a%2Fb", "/a%41b", "/%e6%96%b0", "/ü/ß", "/a b", "/a%20b", "/a+b", "/a;jsessionid=1/b",
		"/a;x=1", "/./a", "/a/../b/", "/a/.b", "/a//b", "/~user/", "/a%zz", "/a%", "/[x]", "/a@b:c", "/a!$&'()*,=", "/%2e%2e/a", "/a/%2E/b"}
	queries := []string{"", "?", "?a=1", "?b=2&a=1", "?utm_source=x"}
	for _, host := range []string{"http://Example.com", "https://example.com:443", "http://[::1]:8080"} {
		for _, p := range paths {
			for _, q := range queries {
				u, err := url.Parse(host + p + q)
				if err != nil {
					continue
				}
				for _, v := range []*url.URL{u, {Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawQuery: u.RawQuery}} {
					if got, want := normalizeURL(v), normalizeURLRef(v); got != want {
						t.Errorf("normalizeURL(%q) = %q, want %q", v, got, want)
					}
				}
			}
		}
	}
}

// BenchmarkSiteOf looks up the hosts of links in a crawl of 500 portals,
// against the scan of every site's list it replaced.
func BenchmarkSiteOf(b *testing.B) {
	var sites []Site
	for i := range 500 {
		sites = append(sites, Site{AllowDomains: []string{fmt.Sprintf("portal%d.example.cn", i)}})
	}
	c := &crawl{cfg: Config{Sites: sites}, siteIndex: indexSites(sites)}
	hosts := []string{"www.portal250.example.cn", "news.portal499.example.cn", "cdn.other.com", "portal7.example.cn"}
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			for _, h := range hosts {
				c.siteOf(h)
			}
		}
	})
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			for _, h := range hosts {
				for i := range sites {
					if domainAllowed(h, sites[i].AllowDomains) {
						break
					}
				}
			}
		}
	})
}
