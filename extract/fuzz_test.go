package extract

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary bytes and headers through the whole pipeline:
// it must never panic, and whatever it returns must be valid UTF-8.
// Run: go test ./extract -run '^$' -fuzz FuzzExtract -fuzztime 60s
func FuzzExtract(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join("..", "testdata", "pages", "*.html"))
	for _, p := range pages {
		if raw, err := os.ReadFile(p); err == nil {
			f.Add(raw, "")
		}
	}
	f.Add([]byte("<html><head><meta charset=gbk><title>a_b</title></head><body><h1>a</h1><p>\xa1\xb1x!\xb1\xd0</p></body></html>"), "text/html; charset=utf-8")
	f.Add([]byte("\xef\xbb\xbf<p>國(guó)</p>"), "")
	f.Add([]byte("\xfe\xff\x00<\x00p"), "text/html")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		var h http.Header
		if contentType != "" {
			h = http.Header{"Content-Type": {contentType}}
		}
		a, err := Extract(raw, "http://fuzz.test/a/b.html", h, &Options{CollectLinks: true})
		if err != nil {
			return
		}
		for _, s := range append([]string{a.Title, a.Body, a.Source, a.Editor, a.SiteName}, a.Authors...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output: %q", s)
			}
		}
		if _, err := a.MarshalJSON(); err != nil {
			t.Fatalf("marshal: %v", err)
		}
	})
}
