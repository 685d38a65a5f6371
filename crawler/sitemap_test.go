package crawler

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func TestSitemapEntries(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	const urlset = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc> http://x.com/a.html </loc><news:news><news:title>A</news:title></news:news></url><url><loc>http://x.com/b.html</loc></url></urlset>`
	const index = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://x.com/s1.xml.gz</loc></sitemap><sitemap><loc>http://x.com/s2.xml</loc></sitemap></sitemapindex>`
	const gbk = "<?xml version=\"1.0\" encoding=\"GBK\"?><urlset><url><loc>http://x.com/\xd0\xc2.html</loc></url></urlset>"
	tests := []struct {
		name           string
		body           []byte
		pages, childen string
		err            bool
	}{
		{"news urlset", []byte(urlset), "http://x.com/a.html http://x.com/b.html", "", false},
		{"gzipped", gz(urlset), "http://x.com/a.html http://x.com/b.html", "", false},
		{"index", []byte(index), "", "http://x.com/s1.xml.gz http://x.com/s2.xml", false},
		{"gbk declared", []byte(gbk), "http://x.com/新.html", "", false},
		{"html instead", []byte("<html><body>not found</body></html>"), "", "", true},
	}
	for _, tt := range tests {
		pages, children, err := sitemapEntries(tt.body, 1<<20)
		if (err != nil) != tt.err {
			t.Errorf("%s: err %v", tt.name, err)
		}
		if got := strings.Join(pages, " "); got != tt.pages {
			t.Errorf("%s: pages %q, want %q", tt.name, got, tt.pages)
		}
		if got := strings.Join(children, " "); got != tt.childen {
			t.Errorf("%s: children %q, want %q", tt.name, got, tt.childen)
		}
	}
}

func TestFeedLinks(t *testing.T) {
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><link>http://x.com/a</link></item><item><title>b</title><guid>http://x.com/b</guid></item></channel></rss>`
	atom := `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>c</title><link href="http://x.com/c"/></entry></feed>`
	for body, want := range map[string]string{rss: "http://x.com/a http://x.com/b", atom: "http://x.com/c"} {
		links, err := feedLinks([]byte(body))
		if err != nil || strings.Join(links, " ") != want {
			t.Errorf("feedLinks = %v, %v; want %s", links, err, want)
		}
	}
	if _, err := feedLinks([]byte("<html></html>")); err == nil {
		t.Error("feedLinks accepted HTML")
	}
}
