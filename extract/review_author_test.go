package extract

import (
	"strings"
	"testing"
)

// TestReviewAuthorsAdversarial: ordinary pages that today's author rules
// must read right.
func TestReviewAuthorsAdversarial(t *testing.T) {
	for _, tt := range []struct {
		name, page, want string
	}{
		{"meta author over a trending card's by-line",
			`<html><head><title>Budget approved</title><meta name="author" content="Jane Doe"></head><body>` +
				`<div class="trending"><div class="card"><a href="/x">Storm hits the coast overnight</a><span>By Mark Lee</span></div></div>` +
				`<article><h1>Budget approved</h1>` + rvArticle + `</article></body></html>`,
			"Jane Doe"},
		{"meta author over a commenter's posted-by",
			`<html><head><title>Budget approved</title><meta name="author" content="Jane Doe"></head><body>` +
				`<article><h1>Budget approved</h1>` + rvArticle + `</article><div class="comments"><div><span>Posted by Dave Brown</span><p>Great piece.</p></div></div></body></html>`,
			"Jane Doe"},
		{"lead byline under the headline, no meta",
			`<html><head><title>Budget approved</title></head><body>` +
				`<article><h1>Budget approved</h1><p><span>By </span><a href="/au/jd">Jane Doe</a></p>` + rvArticle + `</article></body></html>`,
			"Jane Doe"},
		{"by the numbers heading is no writer",
			`<html><head><title>Budget approved</title></head><body>` +
				`<article><h1>Budget approved</h1>` + rvArticle + `<h3>By the Numbers</h3><p>Seven votes for, two against, and four hours of debate in the council chamber on Tuesday.</p></article></body></html>`,
			""},
		{"site named like a person, writer in byline",
			`<html><head><title>Budget approved - Martha Stewart</title><meta property="og:site_name" content="Martha Stewart"></head><body>` +
				`<article><h1>Budget approved</h1><div class="byline">By <span class="author">Sarah Smith</span></div>` + rvArticle + `</article></body></html>`,
			"Sarah Smith"},
	} {
		a, err := Extract([]byte(tt.page), "https://example.com/a", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(a.Authors, "|"); got != tt.want {
			t.Errorf("%s: authors %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestReviewHanAuthorsAdversarial: Chinese pages that today's author rules
// must read right.
func TestReviewHanAuthorsAdversarial(t *testing.T) {
	const zhBody = `<p>昨日，市政府召开新闻发布会，介绍今年城市交通建设的最新进展和下一步工作安排，多个部门负责人出席并回答记者提问。</p>
<p>据介绍，今年全市共新建公交专用道四十公里，改造路口一百多个，市民出行时间平均缩短了百分之十五，得到了广泛好评。</p>
<p>下一步，有关部门将继续推进地铁建设，力争明年年底前开通两条新线路，进一步缓解城市交通拥堵问题，方便市民出行。</p>`
	for _, tt := range []struct {
		name, page, want string
	}{
		{"meta author printed with a full-width space between its characters",
			`<html><head><title>城市交通建设取得新进展</title><meta name="author" content="王芳"></head><body>` +
				`<h1>城市交通建设取得新进展</h1><div class="info"><span>2024-05-06 10:20</span> <span>来源：本报</span></div>` + zhBody + `<p>（王　芳）</p></body></html>`,
			"王芳"},
		{"a real four-character reporter name",
			`<html><head><title>城市交通建设取得新进展</title></head><body>` +
				`<h1>城市交通建设取得新进展</h1><div class="info">2024-05-06 10:20 本报记者 司马相如</div>` + zhBody + `</body></html>`,
			"司马相如"},
	} {
		a, err := Extract([]byte(tt.page), "https://example.cn/a", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(a.Authors, "|"); got != tt.want {
			t.Errorf("%s: authors %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A meta author printed with a blank between its characters is printed.
func TestReviewUnprintedHanNameBlanks(t *testing.T) {
	w, _ := allBlocks(t, `<html><body><p>城市交通建设取得新进展，市民出行更方便。</p><p>文　王　芳</p></body></html>`)
	if unprintedHanName(w, "王芳") {
		t.Error(`unprintedHanName("王芳") = true on a page printing "王　芳"`)
	}
	if !unprintedHanName(w, "马娟") {
		t.Error(`unprintedHanName("马娟") = false on a page never printing it`)
	}
}
