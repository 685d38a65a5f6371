package extract

import (
	"strings"
	"testing"
)

func TestCleanAuthor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"von Peter Addor", "Peter Addor"},
		{"Par Barbara Stiegler", "Barbara Stiegler"},
		{"Eingestellt von der Michel", "der Michel"},
		{"Christoph Hein Chefredakteur", "Christoph Hein"},
		{"Tatyana Turner.", "Tatyana Turner"},
		{"Raphael Felice'", "Raphael Felice"},
		{"李榮", "李榮"},
		{"Byron Lee", "Byron Lee"},
		{"Vonda Shepard", "Vonda Shepard"},
		{"Von Jessie", "Jessie"},
		{"Di Maria", "Di Maria"},
		{"Von Peter Addor", "Peter Addor"},
		{"by Jane Doe", "Jane Doe"},
		{"Written By: Tom May", "Tom May"},
		{"Author Isaiah Shelton", "Isaiah Shelton"},
		{"BySummer Swann", "Summer Swann"},
		{"Matteo Laratta| Author", "Matteo Laratta"},
		{"Byron Lee", "Byron Lee"}, // a name that starts with By
		{"AuthorAndreas Kalt", "Andreas Kalt"},
		{"Erstellt von Andri Bryner", "Andri Bryner"},
		{"Authority", "Authority"}, // no glued word
		{"Perry Bacon Jr.", "Perry Bacon Jr."},
		{"Juan Carlos Muñoz C.", "Juan Carlos Muñoz C."},
		{"Genevieve Carlton, Ph.D.", "Genevieve Carlton, Ph.D."},
		{"Interview: Julia Lauter", "Julia Lauter"},
		{"About Alexa", "Alexa"},
		{"Über Steffi", "Steffi"},
	}
	for _, tt := range tests {
		if got := cleanAuthor(tt.in); got != tt.want {
			t.Errorf("cleanAuthor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTailEditor(t *testing.T) {
	rest, ed := tailEditor("今年全区工业性投入确保达百亿元。（责任编辑：张三）")
	if rest != "今年全区工业性投入确保达百亿元。" || ed != "张三" {
		t.Errorf("tailEditor = %q, %q", rest, ed)
	}
	rest, ed = tailEditor("（松花江网编辑 孙桂芳）")
	if rest != "" || ed != "孙桂芳" {
		t.Errorf("desk editor with outlet: %q, %q", rest, ed)
	}
	rest, ed = tailEditor("今年全区工业性投入确保达百亿元。（松花江网编辑 孙桂芳）")
	if rest != "今年全区工业性投入确保达百亿元。" || ed != "孙桂芳" {
		t.Errorf("desk editor with outlet closing a paragraph: %q, %q", rest, ed)
	}
	rest, ed = tailEditor("他是一名编辑，也是作家。")
	if ed != "" || rest != "他是一名编辑，也是作家。" {
		t.Errorf("prose mentioning 编辑 changed: %q, %q", rest, ed)
	}
}

func TestNotAName(t *testing.T) {
	for _, n := range []string{"相关文章", "我已授权", "name", "email@example.com", "新华网", "参考消息", "IT之家", "Popular Demand", "the numbers"} {
		if !notAName(n) {
			t.Errorf("notAName(%q) = false, want true", n)
		}
	}
	for _, n := range []string{"李榮", "Maria Lopez", "日本経済新聞社", "王巧月", "Dennis Kochinky"} {
		if notAName(n) {
			t.Errorf("notAName(%q) = true, want false", n)
		}
	}
}

func TestOutletAuthorBecomesSource(t *testing.T) {
	page := `<html><head><title>标题</title><meta name="author" content="参考消息"></head><body><h1>标题</h1>
<p>这是一段足够长的正文内容，用来确认页面被当作文章处理，并且作者字段被正确地识别出来。</p></body></html>`
	a, err := Extract([]byte(page), "http://x.test/a.html", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "参考消息" || len(a.Authors) != 0 {
		t.Errorf("source %q authors %v", a.Source, a.Authors)
	}
}

func TestOutletInAuthorLabelBecomesSource(t *testing.T) {
	page := `<html><head><title>标题</title></head><body><h1>标题</h1><div>2023-05-06 10:20 作者：新华网</div>
<p>这是一段足够长的正文内容，用来确认页面被当作文章处理，并且作者字段被正确地识别出来，不会被丢弃。</p>
<p>第二段正文同样足够长，确保正文选择稳定可靠，读者可以看到完整的内容与细节描述。</p></body></html>`
	a, err := Extract([]byte(page), "http://x.test/a.html", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "新华网" || len(a.Authors) != 0 {
		t.Errorf("source %q authors %v, want 新华网 and none", a.Source, a.Authors)
	}
}

func TestLooksLikeNamesCleansValues(t *testing.T) {
	got := looksLikeNames([]string{"Maria &amp; Katerina", "Written By", "Lindsey O&#039;Donnell"}, "", "")
	want := []string{"Maria & Katerina", "Lindsey O'Donnell"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("looksLikeNames = %q, want %q", got, want)
	}
}

// A Latin-script site named after its writer or company credits itself; a
// Chinese portal's brand in the author slot is not a writer.
func TestLooksLikeNamesSiteNamed(t *testing.T) {
	for _, c := range []struct {
		names      []string
		site, want string
	}{
		{[]string{"Russell Miller"}, "Russell Miller", "Russell Miller"},
		{[]string{"Dan Davies"}, `Dan Davies - "Back of Mind"`, "Dan Davies"},
		{[]string{"Swoogo"}, "Swoogo", "Swoogo"},
		{[]string{"网易"}, "网易", ""},
		{[]string{"网易"}, "网易新闻", ""},
		{[]string{"张三"}, "网易新闻", "张三"},
	} {
		got := strings.Join(looksLikeNames(c.names, c.site, ""), "|")
		if got != c.want {
			t.Errorf("looksLikeNames(%q, site %q) = %q, want %q", c.names, c.site, got, c.want)
		}
	}
}

func TestSelfCredit(t *testing.T) {
	r := &pageRun{site: "L'Opinion"}
	for _, c := range []struct {
		authors   []string
		publisher string
		want      bool
	}{
		{[]string{"L'Opinion"}, "", true},
		{[]string{"l'opinion "}, "", true},
		{[]string{"Corti"}, "Corti", true},
		{[]string{"Emmanuelle Ducros"}, "L'Opinion", false},
		{[]string{"L'Opinion", "Emmanuelle Ducros"}, "", false},
	} {
		if got := r.selfCredit(c.authors, c.publisher); got != c.want {
			t.Errorf("selfCredit(%q, %q) = %v, want %v", c.authors, c.publisher, got, c.want)
		}
	}
}

// JSON-LD crediting the outlet yields to a byline naming a writer, and is
// kept when the page names nobody.
func TestOutletLDAuthorYieldsToByline(t *testing.T) {
	const head = `<html><head><title>Glyphosate</title><meta property="og:site_name" content="Acme Daily">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Glyphosate","author":{"@type":"Organization","name":"Acme Daily"}}</script></head>
<body><h1>Glyphosate</h1>`
	const body = `<p>A long enough paragraph of body text to make this page an article, with several words in it and more to follow.</p>
<p>A second paragraph keeps the body choice stable, with more words about the subject of the story and its details.</p></body></html>`
	for _, c := range []struct{ byline, want string }{
		{`<div class="author-name">Emmanuelle Ducros</div>`, "Emmanuelle Ducros"},
		{``, "Acme Daily"},
	} {
		a, err := Extract([]byte(head+c.byline+body), "https://acme.test/a", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(a.Authors, "|"); got != c.want {
			t.Errorf("byline %q: authors %q, want %q", c.byline, got, c.want)
		}
	}
}
