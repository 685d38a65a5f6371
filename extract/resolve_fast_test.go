package extract

import (
	"net/url"
	"testing"
)

// TestFastResolveAgrees checks fastResolve against net/url on plain links
// and on links that must take the long way.
func TestFastResolveAgrees(t *testing.T) {
	hrefs := []string{"/", "/list?page=0", "/a/b.html", "/a//b/", "/a/./b", "/a/../b", "/a/.", "/a/..", "/.hidden/x", "/a/..b/c",
		"/a b", "/a%20b", "/a?x=%41", "/a?", "/a?b?c", "/a#", "/a#frag", "/a#f#g", "/a#f%", "//cdn.test/x", "/a:b", "/a;b=c,d",
		"/ä", "/a?ü", "/a!b", "/a'b", "/a(b)", "/a*b", "/a\\b", "/a|b", "/a\"b", "/a<b", "/%zz",
		"http://x.test", "http://x.test/", "https://x.test/a/b?c=d#e", "http://X.Test:8080/a", "http://x.test:/a", "http://x.test:8a/a",
		"http://user@x.test/a", "http://[::1]/a", "http://x.test/./a", "http://x.test?q", "http://x.test#f", "HTTP://x.test/a",
		"http://x_y.test/a", "http://x.test/a/../b", "https://x.test:443", "http://", "https:///a", "ftp://x.test/a", "story.html",
		"../up.html", "?page=2", "mailto:a@b", "http://x.test/a\x7f", "http://x.test/a b", "http://a:1:2/x", "/\x01"}
	bases := []string{"http://portal.test/2026/02/12/story.html", "https://Portal.Test:8443/a/?q=1#f", "http://u:p@portal.test/x",
		"http://[::1]:80/x", "file:///tmp/x.html", ""}
	for _, b := range bases {
		p := &document{}
		if b != "" {
			u, err := url.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			p.base = u
		}
		for _, h := range hrefs {
			got, ok := p.fastResolve(h)
			if !ok {
				continue
			}
			want, wok := p.slowResolve(h)
			if !wok || got != want {
				t.Errorf("base %q href %q: fast %q, net/url %q (%v)", b, h, got, want, wok)
			}
		}
	}
}
