package extract

import (
	"net/url"
	"strings"
	"testing"
)

func TestTitle(t *testing.T) {
	tests := []struct{ name, page, want, site string }{
		{"h1 matches title", `<title>“上海灣區”吹響新年招商引資_中國臺灣網</title><h1>“上海灣區”吹響新年招商引資</h1>`, "“上海灣區”吹響新年招商引資", "中國臺灣網"},
		{"section and site suffix", `<title>老街换新颜--社会--南岭新闻网</title><h2>老街换新颜</h2>`, "老街换新颜", "南岭新闻网"},
		{"bare hyphen between CJK", `<title>北方商报网-冬储菜上市 白菜每斤不到一元</title>`, "冬储菜上市 白菜每斤不到一元", "北方商报网"},
		{"english pipe", `<title>Council Approves Flood Wall | The Daily Example</title><h1>Council Approves Flood Wall</h1>`, "Council Approves Flood Wall", "The Daily Example"},
		{"blog h1 is the site name", `<title>Interning of Small Integers | Four Years Remaining</title><h1>Four Years Remaining</h1><h2 class="entry-title">Interning of Small Integers</h2>`, "Interning of Small Integers", "Four Years Remaining"},
		{"date inside the headline element", `<title>MineralölINFO November 2021</title><h1><span>27.01.2022</span>MineralölINFO November 2021</h1>`, "MineralölINFO November 2021", ""},
		{"JSON-LD headline escaped, site suffix dropped", `<title>x</title><meta property="og:site_name" content="Homely"><script type="application/ld+json">{"@type":"Article","headline":"Ten Renovations That Pay &#038; Why | Homely"}</script>`, "Ten Renovations That Pay & Why", "Homely"},
		{"JSON-LD headline keeps a dash that is no site", `<script type="application/ld+json">{"@type":"Article","headline":"Interview mit Rainer Teuber – #OutInChurch"}</script>`, "Interview mit Rainer Teuber – #OutInChurch", ""},
		{"typed em dash is no separator", `<title>Cells Solve Problems--Simple Cells Can Do It | Example Science</title><h1>Cells Solve Problems—Simple Cells Can Do It</h1>`, "Cells Solve Problems—Simple Cells Can Do It", "Example Science"},
		{"spaced double hyphen separates", `<title>Cells Solve Problems -- Example Science</title>`, "Cells Solve Problems", "Example Science"},
		{"og title without h1", `<title>x</title><meta property="og:title" content="Storm Hits Coast - Example News"><meta property="og:site_name" content="Example News">`, "Storm Hits Coast", "Example News"},
	}
	for _, tt := range tests {
		a, err := Extract([]byte("<html><head>"+tt.page+"</head><body><p>text</p></body></html>"), "http://x.test/", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if a.Title != tt.want || a.SiteName != tt.site {
			t.Errorf("%s: title %q site %q, want %q %q", tt.name, a.Title, a.SiteName, tt.want, tt.site)
		}
	}
}

func TestWeakTitleFallsBackToHeadlineLine(t *testing.T) {
	page := `<html><head><title>北医新闻网</title></head><body><table><tr><td><a href="/">首页</a>&gt;&gt;<a href="/p">人物聚焦</a></td></tr>
<tr><td>李简——新外科运动向我们走来</td></tr></table>
<div class="bt_content"><p>美国临床肿瘤学会第40届年会今年6月8日落下帷幕，来自世界各地的专家在会上交流了最新的研究成果，引起广泛关注。</p>
<p>会议期间，多位学者介绍了外科治疗的新进展，认为微创手术正在改变传统外科的面貌，患者恢复更快。</p></div></body></html>`
	a, err := Extract([]byte(page), "http://x.test/a.html", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "李简——新外科运动向我们走来" {
		t.Errorf("title = %q", a.Title)
	}
}

func TestTrimChromeCutsAtThePhrase(t *testing.T) {
	for in, want := range map[string]string{"新華網 字號大中小": "新華網", "新华网": "新华网", "人民网 分享到": "人民网"} {
		if got := trimChrome(in); got != want {
			t.Errorf("trimChrome(%q) = %q, want %q", in, got, want)
		}
	}
	if !isMarkupLeak(`size="20"`) || isMarkupLeak(`Amanda "Tania Mae" Tan`) {
		t.Error("isMarkupLeak misjudges")
	}
}

// TestTitleCheckedAgainstPage covers the printed headline deciding which
// part of <title> is the title, and placeholders, site names and glued-on
// parts never winning.
func TestTitleCheckedAgainstPage(t *testing.T) {
	const para = `<p>The council met on Tuesday evening and agreed, after a long debate, that the work would start in spring and end before the first storms of the autumn.</p>`
	tests := []struct{ name, head, body, want string }{
		{"blog header links home", `<title>Four Years Remaining » Blog Archive » Interning of Small Integers</title>`,
			`<h1><a href="http://x.test/">Four Years Remaining</a></h1><h2>Interning of Small Integers</h2>`, "Interning of Small Integers"},
		{"relative home link", `<title>seelenradio » Nummer zwei: Leo</title>`,
			`<h1><a href="/" title="seelenradio">seelenradio</a></h1><h2 class="posttitle">Nummer zwei: Leo</h2>`, "Nummer zwei: Leo"},
		{"logo heading", `<title>Pour le néolibéralisme, la retraite est un archaïsme | AOC media</title>`,
			`<h1 class="logo"><a href="/opinion/">Opinion</a></h1><h2 class="title">Pour le néolibéralisme, la retraite est un archaïsme</h2>`, "Pour le néolibéralisme, la retraite est un archaïsme"},
		{"a word inside the title is no headline", `<title>Storm Hits Northern Coast Overnight | Analyse Opinion Critique</title>`,
			`<h1>Opinion</h1><h2 class="entry-title">Storm Hits Northern Coast Overnight</h2>`, "Storm Hits Northern Coast Overnight"},
		{"kicker element above the headline", `<title>Große Aufgaben für die neue Regierung</title>`,
			`<h1><span class="kicker">Tunesien</span> Große Aufgaben für die neue Regierung</h1>`, "Große Aufgaben für die neue Regierung"},
		{"label element before the headline", `<title>Energiewende und gesellschaftlicher Wandel | Institut</title>`,
			`<h1><span class="label">Headline:</span> Energiewende und gesellschaftlicher Wandel</h1>`, "Energiewende und gesellschaftlicher Wandel"},
		{"subtitle cell glued after", `<title>Tagesschau unterschlägt Hass-Demo in Essen - example.de</title>`,
			`<h1>Tagesschau unterschlägt Hass-Demo in Essen <small>Ein Kommentar</small></h1>`, "Tagesschau unterschlägt Hass-Demo in Essen"},
		{"kicker in the same text stays", `<title>Marita Kramer verpasst Olympische Spiele in Peking - skispringen.example</title>`,
			`<h1>"Pure Leere": Marita Kramer verpasst Olympische Spiele in Peking</h1>`, `"Pure Leere": Marita Kramer verpasst Olympische Spiele in Peking`},
		{"printed column kicker stays", `<title>棱镜|数据业大整顿：爬虫与现金贷共生共荣_财经_某某网</title>`,
			`<h1>棱镜|数据业大整顿：爬虫与现金贷共生共荣</h1>`, "棱镜|数据业大整顿：爬虫与现金贷共生共荣"},
		{"kicker the metadata states stays", `<title>Lupita's Pearl Oscar Dress -- STOLEN!!! | TMZ</title><meta property="og:title" content="Lupita's Pearl Oscar Dress -- STOLEN!!!">`,
			`<h1>Lupita's Pearl Oscar Dress -- STOLEN!!!</h1>`, "Lupita's Pearl Oscar Dress -- STOLEN!!!"},
		{"shortened title does not cut the headline", `<title>2025 Software Development Price Guide &amp; Hourly Rate | Blog</title>`,
			`<h1>2025 Software Development Price Guide &amp; Hourly Rate Comparison</h1>`, "2025 Software Development Price Guide & Hourly Rate Comparison"},
		{"site name in front, headline last", `<title>明日股市预测--最新出炉联合国贸发报告：全球经济增长率降至2.3%</title>`,
			`<div class="art_title"><div class="title-text">最新出炉联合国贸发报告：全球经济增长率降至2.3%</div><div class="title-meta">发布时间：2019-09-26 10:09:11</div></div>`, "最新出炉联合国贸发报告：全球经济增长率降至2.3%"},
		{"site and section in front", `<title>Zoll online - Fachmeldungen - Verkündung des Tabaksteuermodernisierungsgesetzes</title>`,
			`<h2 class="title">Verkündung des Tabaksteuermodernisierungsgesetzes</h2>`, "Verkündung des Tabaksteuermodernisierungsgesetzes"},
		{"icon glyph dropped", "<title>投身外交(3)\ue004_读书频道_某某网</title>",
			"<h1>投身外交(3)\ue004</h1>", "投身外交(3)"},
		{"og:title names the heading, <title> a section", `<title>News - Eawag</title><meta property="og:title" content="Auf das erste Elektron kommt es an">`,
			`<h1 class="pagetitle">News</h1><h1>Auf das erste Elektron kommt es an</h1>`, "Auf das erste Elektron kommt es an"},
		{"JSON-LD names the heading, <title> an SEO line", `<title>Digital Marketing Service Charges: Top 5 Proven 2025 Secrets</title><script type="application/ld+json">{"@type":"BlogPosting","headline":"Digital Marketing Costs Demystified: What Should You Really Pay?"}</script>`,
			`<h1>Digital Marketing Costs Demystified: What Should You Really Pay?</h1><h2>Digital Marketing Service Charges: 2025 Price Benchmarks</h2>`, "Digital Marketing Costs Demystified: What Should You Really Pay?"},
		{"site name the longer part of <title>", `<title>Filing Your Taxes in 2024 | National Consumer Protection Bureau</title>`,
			`<h1>Filing Your Taxes in 2025</h1><h2>Tax deadlines</h2>`, "Filing Your Taxes in 2025"},
		{"headline rewords the shorter part", `<title>Quiet Electric Kettles - Our Long-Term Kitchen Test Results</title>`,
			`<h1>The Best Quiet Electric Kettles, Tested at Home</h1>`, "The Best Quiet Electric Kettles, Tested at Home"},
		{"section heading rewording the headline", `<title>How to Open a Bakery in Ohio</title>`,
			`<h1>Start your bakery today</h1><h2>Steps to open a bakery in Ohio</h2>`, "How to Open a Bakery in Ohio"},
		{"section heading holding a shortened <title> whole", `<title>Report on the 2020 budget and the draft budget for…</title>`,
			`<h2>Report on the 2020 budget and the draft budget for 2021</h2>`, "Report on the 2020 budget and the draft budget for 2021"},
		{"heading classed as the title rewording <title>", `<title>How to Open a Bakery in Ohio</title>`,
			`<h2 class="entry-title">Steps to open a bakery in Ohio</h2>`, "Steps to open a bakery in Ohio"},
		{"og:title repeating <title> adds nothing", `<title>Storm Hits Coast | Example</title><meta property="og:title" content="Storm Hits Coast | Example">`,
			`<h1>Storm Hits Coast</h1><h2>Storm Hits Coast | Example</h2>`, "Storm Hits Coast"},
	}
	for _, tt := range tests {
		page := "<html><head>" + tt.head + "</head><body>" + tt.body + para + para + "</body></html>"
		a, err := Extract([]byte(page), "http://x.test/2024/05/post.html", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if a.Title != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, a.Title, tt.want)
		}
	}
}

// TestPlaceholderTitleLosesToPrintedHeadline: a template's default <title>
// or a greeting names no page, so the headline line above the body wins.
func TestPlaceholderTitleLosesToPrintedHeadline(t *testing.T) {
	for _, title := range []string{"显示", "无标题文档", "Untitled Document", "欢迎访问某某新闻网", "谢谢您访问〖某某中心〗"} {
		page := `<html><head><title>` + title + `</title></head><body><table><tr><td><a href="/">首页</a>&gt;&gt;<a href="/p">文章</a></td></tr>
<tr><td align="center"><b>路是人走出来的(下)</b></td></tr></table>
<div><p>美国临床肿瘤学会第40届年会今年6月8日落下帷幕，来自世界各地的专家在会上交流了最新的研究成果，引起广泛关注。</p>
<p>会议期间，多位学者介绍了外科治疗的新进展，认为微创手术正在改变传统外科的面貌，患者恢复更快。</p></div></body></html>`
		a, err := Extract([]byte(page), "http://x.test/a/1.html", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "路是人走出来的(下)" {
			t.Errorf("<title>%s</title>: title = %q", title, a.Title)
		}
	}
	// A real one-part <title> still wins when no headline is printed.
	page := `<html><head><title>显示器选购指南</title></head><body><p>美国临床肿瘤学会第40届年会今年6月8日落下帷幕，来自世界各地的专家在会上交流了最新的研究成果，引起广泛关注。</p></body></html>`
	if a, err := Extract([]byte(page), "http://x.test/a/1.html", nil, nil); err != nil || a.Title != "显示器选购指南" {
		t.Errorf("real title: %v %q", err, a.Title)
	}
}

func TestIsHomeLink(t *testing.T) {
	base, _ := url.Parse("http://www.x.test/2024/post.html")
	p := &document{base: base}
	for href, want := range map[string]bool{
		"/": true, "http://x.test": true, "https://www.x.test/index.html": true, "../": true,
		"/news/": false, "http://other.test/": false, "/?p=1": false, "#top": false, "javascript:void(0)": false,
	} {
		if got := p.isHomeLink(href); got != want {
			t.Errorf("isHomeLink(%q) = %v, want %v", href, got, want)
		}
	}
	home, _ := url.Parse("http://x.test/")
	if (&document{base: home}).isHomeLink("/") {
		t.Error("a link home on the home page counted")
	}
}

// TestTitleSepAtFilters checks titleSepAt's byte filters against trying
// every separator at every byte.
func TestTitleSepAtFilters(t *testing.T) {
	ref := func(s string, i int) int {
		for _, sep := range titleSeparators {
			if strings.HasPrefix(s[i:], sep) {
				if sep == "--" && isTypedDash(s, i) {
					return 0
				}
				return len(sep)
			}
		}
		return 0
	}
	for _, s := range []string{"Story 1 - Big Portal", "a | b :: c » d · e — f – g", "x｜y_z--w|v－u —— t", "Problems--Simple Cells",
		"ends with a space ", " ", "a —", "a —— b", "a \xc2", "a \xe2\x80", "明日股市预测--headline", " :: ", " : : "} {
		for i := range len(s) {
			if got, want := titleSepAt(s, i), ref(s, i); got != want {
				t.Errorf("titleSepAt(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}
