package extract

import "testing"

// TestPrintedHeadlineWhenTitleNamesOnlyTheSite covers the headline printed
// above the text winning over a <title> that names only the site (and a
// section), a greeting, or a blog header that only links home.
func TestPrintedHeadlineWhenTitleNamesOnlyTheSite(t *testing.T) {
	const body = `<div><p>美国临床肿瘤学会第40届年会今年6月8日落下帷幕，来自世界各地的专家在会上交流了最新的研究成果，引起广泛关注。</p>
<p>会议期间，多位学者介绍了外科治疗的新进展，认为微创手术正在改变传统外科的面貌，患者恢复更快。</p></div>`
	tests := []struct{ name, head, top, want string }{
		{"section and site", `<title>新闻动态--中国地理学会官网</title>`,
			`<h3>首页 - 新闻动态</h3><h5>2019年人文地理学术年会成功举行！</h5><div>发布时间：2019-05-18 来源：中国地理学会</div>`,
			"2019年人文地理学术年会成功举行！"},
		{"breadcrumb title, bold headline over a plain line", `<title>世艺网>艺术教育</title>`,
			`<p><strong>中国艺术研究院博士生招生简章</strong></p><p>一、培养目标</p>`,
			"中国艺术研究院博士生招生简章"},
		{"greeting, bold centred headline over a repeat", `<title>谢谢您访问〖关注中国中心〗</title>`,
			`<table><tr><td align="center"><b><font size="3">茉莉：我是怎样卷入八九民运的</font></b></td></tr></table><div>发布日期： 2005-07-05</div><p>我是怎样卷入八九民运的</p>`,
			"茉莉：我是怎样卷入八九民运的"},
		{"title class beats a bold credit line and a date", ``,
			`<div class="Heading">儿童心理素质发展现状调查研究报告</div><p align="center"><strong>儿童心理调研课题组</strong></p><p><strong>2003年5月</strong></p>`,
			"儿童心理素质发展现状调查研究报告"},
		{"blog header links home", ``,
			`<h1 class="title"><a href="index.html">bjreader的博客</a></h1><h2 class="diaryTitle">谁来为无序拆房“埋单”？- -</h2>`,
			"谁来为无序拆房“埋单”？"},
		{"a real title stands", `<title>冬储菜上市 白菜每斤不到一元_北方商报网</title>`,
			`<p><strong>冬储菜上市</strong></p>`,
			"冬储菜上市 白菜每斤不到一元"},
	}
	for _, tt := range tests {
		page := "<html><head>" + tt.head + "</head><body>" + tt.top + body + "</body></html>"
		a, err := Extract([]byte(page), "", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if a.Title != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, a.Title, tt.want)
		}
	}
}

func TestReadsAsHeadline(t *testing.T) {
	for in, want := range map[string]bool{
		"谁来为无序拆房“埋单”？": true, "2003年5月": false, "为了贯彻落实北京市儿童发展规划，": false,
		"会议开幕。代表发言": false, "Storm Hits Coast": true,
	} {
		if got := readsAsHeadline(in); got != want {
			t.Errorf("readsAsHeadline(%q) = %v", in, got)
		}
	}
	for in, want := range map[string]bool{
		"新闻动态--中国地理学会官网": true, "北医新闻网_(新闻)": true, "世艺网>艺术教育": true, "China-Pub blog--洞庭一叶": true,
		"冬储菜上市 白菜每斤不到一元_北方商报网": false, "网易娱乐": false, "Storm Hits Coast | Example Blog": false,
	} {
		p := &document{}
		p.meta.titleTag = in
		if got := p.siteOnlyTitle(); got != want {
			t.Errorf("siteOnlyTitle(%q) = %v", in, got)
		}
	}
}
