package realportal

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/extract"
)

// testArticles fetches every article once, in order, playing its quirk,
// and checks headers, validators, content and links.
func testArticles(t *testing.T, p *Portal, arts []Article) {
	only := map[string]string{}
	for _, a := range arts {
		only[a.URL] = a.OnlyIn
	}
	quirks := map[string]int{}
	wrongOK, wrong := 0, 0
	for _, a := range arts {
		quirks[a.Quirk]++
		switch a.Quirk {
		case QuirkFlaky:
			for range 2 {
				resp, _ := get(t, a.URL)
				wantStatus(t, resp, 500)
			}
		case QuirkUnavailable:
			resp, _ := get(t, a.URL)
			wantStatus(t, resp, 503)
			if ra := resp.Header.Get("Retry-After"); ra != "2" {
				t.Errorf("%s: Retry-After %q", a.URL, ra)
			}
		}
		began := time.Now()
		resp, body := get(t, a.URL)
		wantStatus(t, resp, 200)
		if a.Quirk == QuirkSlow && time.Since(began) < 100*time.Millisecond {
			t.Errorf("%s answered in %v", a.URL, time.Since(began))
		}
		if ct := resp.Header.Get("Content-Type"); ct != a.ContentType {
			t.Errorf("%s: Content-Type %q, want %q", a.URL, ct, a.ContentType)
		}
		etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if etag == "" || lm == "" {
			t.Errorf("%s: ETag %q Last-Modified %q", a.URL, etag, lm)
		}
		if a.Quirk == "" {
			resp, _ = get(t, a.URL, "If-None-Match", etag)
			wantStatus(t, resp, 304)
			resp, _ = get(t, a.URL, "If-Modified-Since", lm)
			wantStatus(t, resp, 304)
		}

		right := http.Header{"Content-Type": {"text/html; charset=" + a.Encoding}}
		x, err := extract.Extract(body, a.URL, right, nil)
		if err != nil || x.Title == "" || !strings.Contains(x.Body, a.Phrase) || !strings.Contains(x.Body, a.Marker) {
			t.Errorf("%s (%s): extract: %v; body has phrase %q: %v, marker %q: %v", a.URL, a.Source, err,
				a.Phrase, x != nil && strings.Contains(x.Body, a.Phrase), a.Marker, x != nil && strings.Contains(x.Body, a.Marker))
		}
		if a.ContentType != right.Get("Content-Type") {
			wrong++
			if y, err := extract.Extract(body, a.URL, resp.Header, nil); err == nil && strings.Contains(y.Body, a.Phrase) {
				wrongOK++
			} else {
				t.Logf("%s (%s) under %q: phrase lost", a.URL, a.Source, a.ContentType)
			}
		}

		var gone, tracked bool
		for _, l := range links(a.URL, body) {
			switch {
			case strings.Contains(l, "/gone/"):
				gone = true
			case strings.Contains(l, "utm_") || strings.Contains(l, "from=timeline"):
				tracked = true
			}
			// Pages link themselves (href="", #comments): no new way in.
			if o, ok := only[plain(l)]; ok && o != "" && plain(l) != a.URL {
				t.Errorf("%s links %s, whose only way is %s", a.URL, l, o)
			}
		}
		if !gone || !tracked {
			t.Errorf("%s: dead link %v, tracking duplicate %v", a.URL, gone, tracked)
		}
	}
	t.Logf("charset headers: %d articles with a wrong, missing or odd one, %d extract their phrase under it", wrong, wrongOK)
	for _, q := range []string{QuirkMoved, QuirkFound, QuirkFlaky, QuirkUnavailable, QuirkSlow} {
		if quirks[q] != 2 {
			t.Errorf("%d articles %s, want one per host", quirks[q], q)
		}
	}
}

func TestEditPublish(t *testing.T) {
	p := start(t, Options{Hosts: 1, ArticlesPerHost: 10})
	u := p.URL(0) + "/news/9.html"
	resp, _ := get(t, u)
	etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")

	a, err := p.Edit(0, 9)
	if err != nil || a.Edits != 1 || a.Edit == "" {
		t.Fatalf("Edit: %+v, %v", a, err)
	}
	resp, body := get(t, u, "If-None-Match", etag)
	wantStatus(t, resp, 200)
	if resp.Header.Get("ETag") == etag || resp.Header.Get("Last-Modified") == lm {
		t.Errorf("validators unchanged by Edit: %s %s", etag, lm)
	}
	x, err := extract.Extract(body, u, http.Header{"Content-Type": {"text/html; charset=" + a.Encoding}}, nil)
	if err != nil || !strings.Contains(x.Body, a.Edit) || !strings.Contains(x.Body, a.Phrase) {
		t.Errorf("edited body lacks %q or %q", a.Edit, a.Phrase)
	}
	if _, err := p.Edit(0, 11); err == nil {
		t.Error("Edit of a missing article accepted")
	}
	if _, err := p.Edit(1, 1); err == nil {
		t.Error("Edit on a missing host accepted")
	}

	n, err := p.Publish(0)
	if err != nil || n.ID != 11 || n.URL != p.URL(0)+"/news/11.html" || !n.Published.After(p.Articles()[9].Published) {
		t.Fatalf("Publish: %+v, %v", n, err)
	}
	_, list := get(t, p.URL(0)+"/list/1.html")
	first := regexp.MustCompile(`<li><a href="([^"]+)"`).FindSubmatch(list)
	if first == nil || string(first[1]) != "/news/11.html" {
		t.Errorf("first listing item %q, want /news/11.html", first)
	}
	_, feed := get(t, p.URL(0)+"/rss.xml")
	if !bytes.Contains(feed, []byte(n.URL)) {
		t.Error("new article not in the feed")
	}
	_, gz := get(t, p.URL(0)+"/sitemap-news.xml.gz")
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if sm, _ := io.ReadAll(zr); !bytes.Contains(sm, []byte("<loc>"+n.URL+"</loc>")) {
		t.Error("new article not in the sitemap")
	}
	resp, _ = get(t, n.URL)
	wantStatus(t, resp, 200)
	if _, err := p.Publish(1); err == nil {
		t.Error("Publish on a missing host accepted")
	}
	if len(p.Articles()) != 11 {
		t.Errorf("%d articles after Publish", len(p.Articles()))
	}
}

func TestWithout(t *testing.T) {
	p := start(t, Options{Hosts: 2, ArticlesPerHost: 9, Without: AllTrouble &^ Redirects})
	for _, a := range p.Articles() {
		if a.Quirk != "" && a.Quirk != QuirkMoved && a.Quirk != QuirkFound {
			t.Errorf("%s: quirk %s with its trouble off", a.URL, a.Quirk)
		}
		resp, body := get(t, a.URL)
		wantStatus(t, resp, 200)
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset="+a.Encoding {
			t.Errorf("%s: Content-Type %q with Charsets off", a.URL, ct)
		}
		// The page's own links may carry anything; only the block is ours.
		block := body[bytes.Index(body, []byte(`<div class="np-related">`)):]
		block = block[:bytes.Index(block, []byte("</div>"))]
		if !bytes.Contains(body, []byte(offsiteBase)) || bytes.Contains(block, []byte("/gone/")) || bytes.Contains(block, []byte("utm_")) {
			t.Errorf("%s: dead or tracking links with them off:\n%s", a.URL, block)
		}
	}
	base := p.URL(1)
	for _, path := range []string{"/live/hang.html", "/download/report.html", "/gallery/1.html", "/calendar/", "/gone/2.html", "/broken/1.html"} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
		resp, err := client().Do(req)
		if err != nil {
			t.Errorf("%s: %v", path, err)
		} else {
			wantStatus(t, resp, 404)
			resp.Body.Close()
		}
		cancel()
	}
	resp, _ := get(t, base+"/old/4.html")
	wantStatus(t, resp, 301)
	for _, path := range []string{"/", "/list/1.html", "/rss.xml"} {
		if _, body := get(t, base+path); bytes.Contains(body, []byte("utm_")) || bytes.Contains(body, []byte("from=timeline")) || bytes.Contains(body, []byte("/live/")) {
			t.Errorf("%s: tracking or trouble links with them off", path)
		}
	}
}
