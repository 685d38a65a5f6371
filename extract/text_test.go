package extract

import "testing"

func TestRemovePinyin(t *testing.T) {
	tests := []struct {
		in, want   string
		aggressive bool
	}{
		{"中國(guó)臺(tái)灣網(wǎng)", "中國臺灣網", false},
		{"金山區(qū)委書記", "金山區委書記", false},
		{"各鎮(工業區)與區政府", "各鎮(工業區)與區政府", false},
		{"美聯社(AP)報導", "美聯社(AP)報導", false},
		{"年產20萬噸PET(滌綸)成套", "年產20萬噸PET(滌綸)成套", false},
		{"(李榮 王巧月)上海金山", "(李榮 王巧月)上海金山", false},
		{"我們(men)的", "我們(men)的", false},
		{"我們(men)的", "我們的", true},
		{"全角國（guó）家", "全角國家", false},
		{"version(beta)", "version(beta)", true},
		{"使用(api)接口", "使用(api)接口", true},
		{"這個(ge)好", "這個好", true},
	}
	for _, tt := range tests {
		got, _ := removePinyin(tt.in, tt.aggressive)
		if got != tt.want {
			t.Errorf("removePinyin(%q, %v) = %q, want %q", tt.in, tt.aggressive, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  a  b ", "a b"},
		{"\u3000\u3000新華網上海", "新華網上海"},
		{"a\u00a0\u00a0b", "a b"},
		{"e\u0301", "é"},
		{"plain", "plain"},
		// Invisible characters go without leaving a space, at line starts
		// (indentation) and inside words; the joiners stay.
		{"\ufeff\u200b正文开始", "正文开始"},
		{"B\u200best tools", "Best tools"},
		{"Bundes\u00adregierung und Not\u00adfall", "Bundesregierung und Notfall"},
		{"a \u200b b", "a b"},
		{"word\u2060joined", "wordjoined"},
		{"می\u200cخواهم", "می\u200cخواهم"},
		{"👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRubyReadingsDropped(t *testing.T) {
	page := `<html><head><title>子どもの法律 | NEWS</title></head><body><h1><ruby>子<rt>こ</rt></ruby>どもの<ruby>法律<rp>(</rp><rt>ほうりつ</rt><rp>)</rp></ruby></h1>
<p><ruby>親<rt>おや</rt></ruby>が<ruby>子<rt>こ</rt></ruby>どもを<ruby>教育<rt>きょういく</rt></ruby>するために、たたいたりする体罰を禁止することになりました。</p></body></html>`
	a, err := Extract([]byte(page), "http://x.test/", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "子どもの法律" || a.Body != "親が子どもを教育するために、たたいたりする体罰を禁止することになりました。" {
		t.Errorf("title %q body %q", a.Title, a.Body)
	}
}

func TestDetectLangTaiwan(t *testing.T) {
	if got := detectLang("", "", "台北市政府今天表示，台灣北部地區明天將有大雨，台中與台南也有陣雨，民眾出門請注意安全。"); got != "zh-Hant" {
		t.Errorf("detectLang = %q, want zh-Hant", got)
	}
	if got := detectLang("", "", "国务院新闻办公室今天举行发布会，介绍了这个地区的经济发展情况，会后记者进行了采访。"); got != "zh-Hans" {
		t.Errorf("detectLang = %q, want zh-Hans", got)
	}
}

func TestHiddenStyleAnyCase(t *testing.T) {
	for s, want := range map[string]bool{"DISPLAY: NONE": true, "display:none": true, "visibility: hidden": true, "color: red": false} {
		if got := isHiddenStyle(s); got != want {
			t.Errorf("isHiddenStyle(%q) = %v", s, got)
		}
	}
}

// TestHiddenClass: a site builder's "turned off" class hides an element at
// every width; responsive hiding classes and look-alike tokens do not.
func TestHiddenClass(t *testing.T) {
	for _, tt := range []struct {
		class string
		want  bool
	}{
		{"w-condition-invisible", true},
		{"layout__gated w-condition-invisible", true},
		{"rich-text w-condition-invisible w-richtext", true},
		{"w-condition-invisible-x", false},
		{"hidden-xs", false},
		{"hidden md:block", false},
		{"w-richtext", false},
	} {
		if got := isHiddenClass(tt.class); got != tt.want {
			t.Errorf("isHiddenClass(%q) = %v, want %v", tt.class, got, tt.want)
		}
	}
	// The hidden copy of a gated article is not read twice.
	para := "<p>The council met on Tuesday, and members argued for hours about the budget, the roads and the new school.</p>"
	doc := `<html><body><h1>Budget approved</h1><div class="post">` + para + `</div><div class="post w-condition-invisible">` +
		`<p>Members only: the full text of the budget decision with all the council's votes, tables and appendices.</p></div></body></html>`
	checkBody(t, doc, []string{"The council met"}, []string{"Members only"})
}
