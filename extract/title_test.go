package extract

import "testing"

func TestTitle(t *testing.T) {
	tests := []struct{ name, page, want, site string }{
		{"h1 matches title", `<title>“上海灣區”吹響新年招商引資_中國臺灣網</title><h1>“上海灣區”吹響新年招商引資</h1>`, "“上海灣區”吹響新年招商引資", "中國臺灣網"},
		{"section and site suffix", `<title>老街换新颜--社会--南岭新闻网</title><h2>老街换新颜</h2>`, "老街换新颜", "南岭新闻网"},
		{"bare hyphen between CJK", `<title>北方商报网-冬储菜上市 白菜每斤不到一元</title>`, "冬储菜上市 白菜每斤不到一元", "北方商报网"},
		{"english pipe", `<title>Council Approves Flood Wall | The Daily Example</title><h1>Council Approves Flood Wall</h1>`, "Council Approves Flood Wall", "The Daily Example"},
		{"blog h1 is the site name", `<title>Interning of Small Integers | Four Years Remaining</title><h1>Four Years Remaining</h1><h2 class="entry-title">Interning of Small Integers</h2>`, "Interning of Small Integers", "Four Years Remaining"},
		{"date inside the headline element", `<title>MineralölINFO November 2021</title><h1><span>27.01.2022</span>MineralölINFO November 2021</h1>`, "MineralölINFO November 2021", ""},
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
