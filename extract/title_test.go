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
