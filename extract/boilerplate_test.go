package extract

import (
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestChromeWordsInProse(t *testing.T) {
	mk := func(s string) *block {
		n, cjk, punct := textStats(s)
		return &block{text: s, runes: n, cjk: cjk, punct: punct}
	}
	for s, want := range map[string]bool{
		"这家中华老字号企业今年的营业额比去年增长了百分之十，成为当地的明星企业。":                         false,
		"市民只需扫描二维码即可预约，整个过程不到一分钟，十分方便。":                                false,
		"被告公司未经授权擅自使用原告的商标，法院判决其赔偿经济损失。":                               false,
		"Tweets from the president drew criticism, and aides said so.": false,
		"字号：大 中 小":            true,
		"分享到：微信 微博":           true,
		"【打印】【关闭】":            true,
		"京ICP备12345678号 版权所有": true,
		"未经授权禁止转载":            true,
		"分享到：微信、微博，或者复制链接发送给好友。":                                                                   true,
		"We use cookies to improve your experience":                                                true,
		"By subscribing to this newsletter, you agree to our terms of service and privacy policy.": true,
		"By signing up, you agree to receive emails from us.":                                      true,
		"The council said that by subscribing residents would save money.":                         false,
	} {
		if got := isChrome(mk(s)); got != want {
			t.Errorf("isChrome(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNoiseClassNames(t *testing.T) {
	for cls, want := range map[string]bool{
		"share-bar":                    true,
		"related-news":                 true,
		"nav-container":                true,
		"header-container":             true,
		"newmedia-box":                 false,
		"commentary-body":              false,
		"comment-list":                 true,
		"article-content":              false,
		"main-nav":                     true,
		"blueprint-section":            false,
		"outline-container-orgd7109ad": false,
		"ad-slot":                      true,
	} {
		if got := isNoiseName(cls, ""); got != want {
			t.Errorf("isNoiseName(%q) = %v, want %v", cls, got, want)
		}
	}
}

// refIsNoiseName is isNoiseName as it was before the one-pass scan: every
// vocabulary word searched for in turn. TestNoiseNameMatchesReference holds
// the fast version to it.
func refIsNoiseName(cls, id string) bool {
	for _, v := range [2]string{cls, id} {
		if v == "" || refContainsAny(v, notNoise) {
			continue
		}
		if refStrongNoiseSet.containsAny(v) {
			return true
		}
		for _, w := range strongNoiseTokens {
			if refHasWord(v, w) {
				return true
			}
		}
	}
	for _, w := range contentWords {
		if refHasWord(cls, w) || refHasWord(id, w) {
			return false
		}
	}
	for _, w := range weakNoise {
		if refHasWord(cls, w) || refHasWord(id, w) {
			return true
		}
	}
	return false
}

var refStrongNoiseSet = newPhraseSet(strongNoise)

func refContainsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func refHasWord(s, w string) bool {
	short := len(w) <= 2
	sep := func(c byte) bool { return isTokenSep(c) && !(short && c >= '0' && c <= '9') }
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || sep(s[j-1])
		after := j+len(w) == len(s) || sep(s[j+len(w)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

// noiseNameCases are hand-made values at the edges of the rules: token
// boundaries, two-letter words next to digits, exceptions, words spanning
// tokens, upper case and non-ASCII bytes.
var noiseNameCases = []string{
	"", "ad", "ad2", "2ad", "x7109ad", "ad-slot", "ads", "ad ad", "a-d", "-ad-", "_ad_", "ad.x", "bad",
	"author-info", "xauthor-info", "author-info2", "3author-info", "author--info", "author-infos", "info", "author info",
	"commentary", "commentary-share", "comments-closed", "comment", "xcomment", "x.comment", "x1comment", "éshare", "Share",
	"print", "blueprint", "print2", "ewm", "newmedia", "hot-news", "hot_news", "hotnews", "timeshare",
	"article-meta", "nav", "navbar", "main-nav", "content nav", "cont", "container", "txt", "post-share",
	"\xe4share", "\xe4\xb8share", "NAV", "header", "header-container", "tags", "keyword", "keywords", "links", "byline",
}

// noiseNameValues collects the lower-cased class and id values of the pages
// under dir (.html, .htm and gzipped pages), as classTokens hands them on,
// paired per element.
func noiseNameValues(t *testing.T, dir string, seen map[[2]string]bool) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.ToLower(d.Name())
		if !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".htm") && !strings.HasSuffix(name, ".gz") {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		var r io.Reader = f
		if strings.HasSuffix(name, ".gz") {
			zr, err := gzip.NewReader(f)
			if err != nil {
				return nil // not every .gz is a page
			}
			r = zr
		}
		z := html.NewTokenizer(r)
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return nil
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			var cls, id string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "class":
					cls = lowerASCII(string(v))
				case "id":
					id = lowerASCII(string(v))
				}
				if !more {
					break
				}
			}
			if cls != "" || id != "" {
				seen[[2]string{cls, id}] = true
			}
		}
	})
	if err != nil {
		t.Fatalf("walk %s: %v", dir, err)
	}
}

func TestNoiseNameMatchesReference(t *testing.T) {
	seen := make(map[[2]string]bool)
	for _, v := range noiseNameCases {
		seen[[2]string{v, ""}] = true
	}
	noiseNameValues(t, "../testdata/pages", seen)
	corpus := "../../shared/corpus"
	if _, err := os.Stat(corpus); err != nil {
		t.Logf("shared corpus %s absent: checking testdata/pages and the hand-made cases only", corpus)
	} else {
		noiseNameValues(t, corpus, seen)
	}
	// Every value alone as class and as id, raw and as classTokens passes
	// it on, and every element's own pair.
	values := make(map[string]bool)
	for p := range seen {
		values[p[0]], values[p[1]] = true, true
	}
	check := func(cls, id string) {
		if got, want := isNoiseName(cls, id), refIsNoiseName(cls, id); got != want {
			t.Errorf("isNoiseName(%q, %q) = %v, reference %v", cls, id, got, want)
		}
	}
	for v := range values {
		check(v, "")
		check("", v)
		check(strings.ToUpper(v), "")
	}
	var slugs int
	for p := range seen {
		check(p[0], p[1])
		if isSlug(p[1]) {
			slugs++
			check(p[0], "")
		}
	}
	t.Logf("%d distinct values, %d class/id pairs (%d with a slug id)", len(values), len(seen), slugs)
}

// benchNoiseName runs f over the class/id pairs of testdata/pages.
func benchNoiseName(b *testing.B, f func(cls, id string) bool) {
	seen := make(map[[2]string]bool)
	noiseNameValues(&testing.T{}, "../testdata/pages", seen)
	pairs := make([][2]string, 0, len(seen))
	for p := range seen {
		pairs = append(pairs, p)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pairs {
			f(p[0], p[1])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pairs)), "ns/name")
}

func BenchmarkNoiseName(b *testing.B)          { benchNoiseName(b, isNoiseName) }
func BenchmarkNoiseNameReference(b *testing.B) { benchNoiseName(b, refIsNoiseName) }

// TestSectionHeadingLabels: the labels that open a related-posts or
// comments section, in the languages of the portals, whole or with a count;
// a sentence that starts the same way is no label.
func TestSectionHeadingLabels(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"Ähnliche Beiträge", true},
		{"Verwandte Beiträge:", true},
		{"Related", true},
		{"12 Comments", true},
		{"相关阅读", true},
		{"Ähnliche Beiträge gab es schon 2019", false},
		{"Der Vorstand", false},
	} {
		b := &block{text: tt.text}
		b.runes, b.cjk, b.punct = textStats(tt.text)
		if got := isSectionHeading(b); got != tt.want {
			t.Errorf("isSectionHeading(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
