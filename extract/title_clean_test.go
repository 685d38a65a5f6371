package extract

import "testing"

func TestTitleCleanRules(t *testing.T) {
	quotes := []struct {
		t, head string
		want    bool
	}{
		{"《播客热潮迅速蔓延》已有1件评论", "播客热潮迅速蔓延", true},
		{"12 Responses to “Storm Hits Coast”", "Storm Hits Coast", true},
		{"播客热潮迅速蔓延", "播客热潮迅速蔓延", false},
		{"Storm Hits Coast again", "Storm Hits Coast", false},
	}
	for _, q := range quotes {
		if got := quotesHeadline(q.t, q.head); got != q.want {
			t.Errorf("quotesHeadline(%q) = %v", q.t, got)
		}
	}
	numbered := map[string]bool{
		"3. 淘宝网物流配送存在的问题": true, "2.1 Methods": true, "一、培养目标": true, "（二）招生专业": true,
		"5 things to know": false, "2019年中国人文地理学术年会": false, "3.5-inch drives compared": false,
	}
	for in, want := range numbered {
		if got := isNumberedSection(in); got != want {
			t.Errorf("isNumberedSection(%q) = %v", in, got)
		}
	}
	labels := map[string]string{
		"主题: 【太行山上】 【DVDSCR-RMVB】": "【太行山上】 【DVDSCR-RMVB】",
		"标题：某某通知":                  "某某通知",
		"谁来为无序拆房“埋单”？- -":          "谁来为无序拆房“埋单”？",
		"主题公园开放":                   "主题公园开放",
		"A - B":                    "A - B",
	}
	for in, want := range labels {
		if got := trimHeadlineLabel(in); got != want {
			t.Errorf("trimHeadlineLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSiteNameLinkInHeadline covers the site's logo link printed inside the
// headline element, and a second headline line that only repeats the name.
func TestSiteNameLinkInHeadline(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"logo link glued after the headline",
			`<title>Anticorrupción decidirá si recurre » Local » Ultima Hora Mallorca</title></head><body><h1><span>Anticorrupción decidirá si recurre</span><a href="/mallorca.html">Ultima Hora Mallorca</a></h1>`,
			"Anticorrupción decidirá si recurre"},
		{"declared site name after a dash",
			`<title>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst - Artlyst</title><meta property="og:site_name" content="Artlyst"></head><body><h1>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst</h1>`,
			"Critics’ Choice: Best UK Art Exhibitions 2025"},
		{"a subtitle after a bar stays",
			`<title>How to Grow a Lemon Tree from Seed | Step-by-Step Guide</title></head><body><h1>How to Grow a Lemon Tree from Seed | Step-by-Step Guide</h1>`,
			"How to Grow a Lemon Tree from Seed | Step-by-Step Guide"},
		{"second line repeating the name stays",
			`<title>RealtyMogul.com™ | Real Estate 101</title><meta property="og:title" content="Real Estate Investing for Beginners Real Estate 101"></head><body><h1>Real Estate Investing for Beginners <br>Real Estate 101</h1>`,
			"Real Estate Investing for Beginners Real Estate 101"},
	}
	for _, tt := range tests {
		checkTitle(t, tt.name, "<html><head>"+tt.page, tt.want)
	}
}

// TestLineBreakInHeadline covers <br> inside a headline: a space between
// words, nothing between CJK lines.
func TestLineBreakInHeadline(t *testing.T) {
	for page, want := range map[string]string{
		`<h1>WEEKEND<br>CODING<br> <span>AGENT</span></h1>`: "WEEKEND CODING AGENT",
		`<h1>内蒙古延续部分到期税收优惠政策助企纾困<br>预计4年为纳税人减负180亿元</h1>`:   "内蒙古延续部分到期税收优惠政策助企纾困预计4年为纳税人减负180亿元",
	} {
		checkTitle(t, page, "<html><body>"+page, want)
	}
}

// TestMarkedHeadlineParts covers a kicker or subtitle that the headline
// element marks by class.
func TestMarkedHeadlineParts(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"dachzeile above", `<title>Interne Unterlagen im Netz: Daten von Rheinmetall gehackt | tagesschau.de</title></head><body><h1> <span class="dachzeile">Interne Unterlagen im Netz</span> <span class="headline">Daten von Rheinmetall gehackt</span> </h1>`,
			"Daten von Rheinmetall gehackt"},
		{"subtitle below", `<title>Tagesschau unterschlägt Hass-Demo in Essen - example.de</title></head><body><h1><span class="entry-title-primary">Tagesschau unterschlägt Hass-Demo in Essen</span> <span class="entry-subtitle">Gebührenfinanzierte Verharmlosung</span></h1>`,
			"Tagesschau unterschlägt Hass-Demo in Essen"},
		{"unmarked kicker stays", `<title>Firefox – neue Version erschienen</title></head><body><h1><span>Firefox</span> – neue Version erschienen</h1>`,
			"Firefox – neue Version erschienen"},
	}
	for _, tt := range tests {
		checkTitle(t, tt.name, "<html><head>"+tt.page, tt.want)
	}
}

func TestHeadlinePart(t *testing.T) {
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"工业生产稳中有升", "中华人民共和国国家统计局官方网站"}, "工业生产稳中有升"},
		{[]string{"中华人民共和国国家统计局官方网站", "工业生产稳中有升"}, "工业生产稳中有升"},
		{[]string{"5G时代到来，谁来建设物联网", "某某网"}, "5G时代到来，谁来建设物联网"},
		{[]string{"某某省人民政府门户网站", "通知"}, "某某省人民政府门户网站"},
		{[]string{"Storm Hits Coast", "Example News"}, "Storm Hits Coast"},
	}
	for _, tt := range tests {
		if got := headlinePart(tt.parts); got != tt.want {
			t.Errorf("headlinePart(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}

func TestHeadlinePartKeepsHeadlinesEndingInSiteWords(t *testing.T) {
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"工业生产稳中有升", "中华人民共和国国家统计局官方网站"}, "工业生产稳中有升"},
		{[]string{"我国加快建设工业互联网", "财经", "南方日报"}, "我国加快建设工业互联网"},
		{[]string{"国家电网加快建设特高压电网", "南方网"}, "国家电网加快建设特高压电网"},
	}
	for _, tt := range tests {
		if got := headlinePart(tt.parts); got != tt.want {
			t.Errorf("headlinePart(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}

// checkTitle extracts page (its head and the start of its body) followed
// by one paragraph of text, and checks the title.
func checkTitle(t *testing.T, name, page, want string) {
	t.Helper()
	a, err := Extract([]byte(page+"<p>The council met on Tuesday evening and agreed, after a long debate, that the work would start in spring.</p></body></html>"), "", nil, nil)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if a.Title != want {
		t.Errorf("%s: title %q, want %q", name, a.Title, want)
	}
}

func TestNamesHost(t *testing.T) {
	tests := []struct {
		name, host string
		want       bool
	}{
		{"UC Davis Children's Hospital", "health.ucdavis.edu", true},
		{"Bridgestone Tires", "tires.bridgestone.com", true},
		{"Eawag", "www.eawag.ch", true},
		{"Step-by-Step Guide", "youhadmeatgardening.com", false},
		{"AlphaTauri: Das können Gasly & Tsunoda", "www.motorsport-magazin.com", false},
		{"Com", "example.com", false},
		{"Example", "example", false},
	}
	for _, tt := range tests {
		if got := namesHost(tt.name, tt.host); got != tt.want {
			t.Errorf("namesHost(%q, %q) = %v, want %v", tt.name, tt.host, got, tt.want)
		}
	}
}

// TestHeadingCopyingTitle: a heading filled from document.title (a share
// widget, a screen-reader heading) gives <title>'s headline part when the
// last part is proven to be the site's name, and stays whole otherwise.
func TestHeadingCopyingTitle(t *testing.T) {
	const para = `<p>The council met on Tuesday evening and agreed, after a long debate, that the work would start in spring and end before the first storms of the autumn.</p>`
	tests := []struct{ name, url, head, body, want string }{
		{"screen-reader heading, site in host", "https://health.ucdavis.edu/children/sleep",
			`<title>How to help babies sleep through the night | Patient Education | UC Davis Children's Hospital</title>`,
			`<h1 class="sr-only">How to help babies sleep through the night | Patient Education | UC Davis Children's Hospital</h1>`,
			"How to help babies sleep through the night"},
		{"share widget, CJK site name", "http://www.xinhuanet.com/local/c_1.htm",
			`<title>武汉的声音：有英勇的你，才有英雄的城！-新华网</title>`,
			`<div style="display:none"><div class="share-title">武汉的声音：有英勇的你，才有英雄的城！-新华网</div></div>`,
			"武汉的声音：有英勇的你，才有英雄的城！"},
		{"declared site name", "https://news.example.org/a/1",
			`<title>Storm Hits Northern Coast Overnight | The Daily Post</title><meta property="og:site_name" content="The Daily Post">`,
			`<h1>Storm Hits Northern Coast Overnight | The Daily Post</h1>`, "Storm Hits Northern Coast Overnight"},
		{"subtitle, not a site", "https://www.youhadmeatgardening.com/lemon/",
			`<title>How to Grow a Lemon Tree from Seed | Step-by-Step Guide</title>`,
			`<h1>How to Grow a Lemon Tree from Seed | Step-by-Step Guide</h1>`, "How to Grow a Lemon Tree from Seed | Step-by-Step Guide"},
	}
	for _, tt := range tests {
		page := "<html><head>" + tt.head + "</head><body>" + tt.body + para + para + "</body></html>"
		a, err := Extract([]byte(page), tt.url, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if a.Title != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, a.Title, tt.want)
		}
	}
}
