package extract

import (
	"strings"
	"testing"
	"time"
)

const rulesPage = `<html><head><title>Wrong title | Site</title></head><body>
<div class="hd"><span class="kicker">Kicker</span><div class="big">真正的标题在这里</div></div>
<div class="when" data-x="1">发布于 2023年4月5日 08:09</div>
<div class="txt"><p>第一段很短。</p><div class="inline-ad">广告：买一送一，点击这里</div><p>第二段也不长。</p></div>
<div class="who"><span>张三</span></div><div class="who"><span>李四</span></div>
</body></html>`

func TestRules(t *testing.T) {
	r, err := CompileRules(Selectors{Title: ".big", Body: ".txt", Date: ".when", Authors: ".who", Remove: ".inline-ad"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Extract([]byte(rulesPage), "http://x.test/a.html", nil, &Options{Rules: r})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "真正的标题在这里" {
		t.Errorf("title = %q", a.Title)
	}
	if a.Body != "第一段很短。\n第二段也不长。" {
		t.Errorf("body = %q", a.Body)
	}
	want := time.Date(2023, 4, 5, 8, 9, 0, 0, cst8)
	if !a.PublishedAt.Equal(want) || a.PublishedAt.Format(time.RFC3339) != "2023-04-05T08:09:00+08:00" {
		t.Errorf("published = %v", a.PublishedAt)
	}
	if strings.Join(a.Authors, ",") != "张三,李四" {
		t.Errorf("authors = %v", a.Authors)
	}
}

func TestCompileRulesRejectsBadSelector(t *testing.T) {
	if _, err := CompileRules(Selectors{Body: "div[["}); err == nil || !strings.Contains(err.Error(), "body") {
		t.Errorf("err = %v, want a body selector error", err)
	}
	var none *Rules
	if o := none.apply(nil); o.body != nil || o.title != "" {
		t.Errorf("nil rules must do nothing")
	}
}

func TestRulesRemoveBeforeScan(t *testing.T) {
	r, err := CompileRules(Selectors{Remove: ".promo"})
	if err != nil {
		t.Fatal(err)
	}
	page := `<html><head><title>Real Headline - Site</title></head><body><h1>Real Headline</h1>
<div class="promo"><span class="byline">By Promo Person</span></div><p class="byline">By Jane Doe</p>
<p>A paragraph long enough to be taken for the article body, with a comma, and a full stop at the end.</p></body></html>`
	a, err := Extract([]byte(page), "http://x.test/a.html", nil, &Options{Rules: r})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Authors) != 1 || a.Authors[0] != "Jane Doe" {
		t.Errorf("authors = %v, want [Jane Doe]", a.Authors)
	}
}
