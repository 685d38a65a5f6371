package extract

import "testing"

// TestReviewTitlesAdversarial: ordinary pages that today's title rules
// must title right.
func TestReviewTitlesAdversarial(t *testing.T) {
	const zhBody = `<p>本报讯 昨日，市政府召开新闻发布会，介绍今年城市交通建设的最新进展和下一步工作安排，多个部门负责人出席并回答记者提问。</p>
<p>据介绍，今年全市共新建公交专用道四十公里，改造路口一百多个，市民出行时间平均缩短了百分之十五，得到了广泛好评。</p>
<p>下一步，有关部门将继续推进地铁建设，力争明年年底前开通两条新线路，进一步缓解城市交通拥堵问题，方便市民出行。</p>`
	for _, tt := range []struct {
		name, page, url, want string
	}{
		{"site-wide og:title with a logo heading",
			`<html><head><title>Budget approved after long debate | Acme News</title><meta property="og:title" content="Acme News"></head><body>` +
				`<header><div class="logo"><h2>Acme News</h2></div></header><article><h1>Budget approved after long debate</h1>` + rvArticle + `</article></body></html>`,
			"https://acmenews.com/a", "Budget approved after long debate"},
		{"full-width space the page prints",
			`<html><head><title>市政府发布会　介绍城市交通建设新进展_新华网</title></head><body>` +
				`<h1>市政府发布会　介绍城市交通建设新进展</h1>` + zhBody + `</body></html>`,
			"https://example.com/a", "市政府发布会 介绍城市交通建设新进展"}, // spaces are normalised,
		{"headline with a dash and a subtitle, no site name",
			`<html><head><title>The Long Road Home - A Story of Two Rivers</title></head><body>` +
				`<article><h1>The Long Road Home - A Story of Two Rivers</h1>` + rvArticle + `</article></body></html>`,
			"https://example.com/a", "The Long Road Home - A Story of Two Rivers"},
	} {
		a, err := Extract([]byte(tt.page), tt.url, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, a.Title, tt.want)
		}
	}
}
