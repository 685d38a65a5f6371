package extract

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// firstBlockCuts segments a snippet and returns its first block's text
// and element edges.
func firstBlockCuts(t *testing.T, snippet string) (string, []int32) {
	t.Helper()
	page := "<html><body>" + snippet + "</body></html>"
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	w := segmentBlocks(root, len(page), "")
	if len(w.blocks) == 0 {
		t.Fatalf("%s: no block", snippet)
	}
	return w.blocks[0].text, w.blockCuts(0)
}

// TestBlockCuts checks where the walker records inline element edges: at
// the first byte kept after each edge, a collapsed blank counting as after it.
func TestBlockCuts(t *testing.T) {
	tests := []struct {
		in   string
		want []string // the block's text split at its cuts
	}{
		{`<p>来源：<a href="/">甲</a> <span>乙</span>丙</p>`, []string{"来源：", "甲", " 乙", "丙"}},
		{"<p>来源：\n\n<a href=\"/\">人民日报海外版</a>\n\n</p>", []string{"来源：", " 人民日报海外版"}},
		{`<p><b>来源</b>：新华社</p>`, []string{"来源", "：新华社"}},
		{`<p>来源：新华社 作者：张三</p>`, []string{"来源：新华社 作者：张三"}},
	}
	for _, tt := range tests {
		text, cuts := firstBlockCuts(t, tt.in)
		var got []string
		from := 0
		for _, c := range cuts {
			got = append(got, text[from:c])
			from = int(c)
		}
		got = append(got, text[from:])
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: pieces %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSourceEndsWithElement checks that a source value read from an info
// line stops where the element holding it ends, and that values printed as
// plain text read as before.
func TestSourceEndsWithElement(t *testing.T) {
	tests := []struct {
		in      string
		source  string
		authors []string
		glued   bool // flattened text alone runs the value on (the old reading)
	}{
		// The site's own name link in the next span (youth.cn).
		{`<div>发稿时间：<span>2017-03-10 08:42:00</span> <span>来源：<a href="/a">人民日报海外版</a></span><span><a href="/">中国青年网</a></span></div>`,
			"人民日报海外版", nil, true},
		// A comments link glued to the label's own text (chinanews.com).
		{`<div>2020年07月04日 12:10　来源：求是网<a href="#zw_cyhd"><img src="c.jpg" alt="参与互动">参与互动</a></div>`,
			"求是网", nil, true},
		{`<div>来源：<a href="/">光明日报</a><a href="/bbs">进入论坛</a></div>`, "光明日报", nil, true},
		{`<div><span>来源：</span><span>中国证券报·中证网</span><span>2021-01-21</span></div>`, "中国证券报·中证网", nil, false},
		// Negative cases: one text node, a single link, a date after the value.
		{`<div>来源：新华社 作者：张三</div>`, "新华社", []string{"张三"}, false},
		{`<div>来源：<a href="http://www.xinhuanet.com/">新华网</a></div>`, "新华网", nil, false},
		{`<div>来源：新华网 2021-01-21 13:15</div>`, "新华网", nil, false},
		{`<div><b>来源：</b>经济日报 作者：<a href="/a">张三</a> <a href="/b">李四</a></div>`, "经济日报", []string{"张三", "李四"}, false},
		{`<div>来源：人民网-人民日报  2021年01月21日07:25</div>`, "人民网-人民日报", nil, false},
		// An outlet printed as one link per part runs across them, up to
		// the next label, the chrome or the line's end.
		{`<div><span>来源：<a href="/a">人民网</a>-<a href="/b">人民日报</a></span> <span>字号：大 中 小</span></div>`,
			"人民网-人民日报", nil, false},
		{`<div>来源：<a href="/a">中国证券报</a> · <a href="/b">中证网</a> 作者：<a href="/c">张三</a></div>`,
			"中国证券报 · 中证网", []string{"张三"}, false},
		{`<div>来源：<a href="/a">人民网</a>-人民日报 2021-01-21 07:25</div>`, "人民网-人民日报", nil, false},
		{`<div>来源: <a href="/a">新京报</a> <a href="/r">举报</a></div>`, "新京报", nil, false},
		{`<div>来源：<a href="/a">新华网</a> - <span>2021-01-21</span></div>`, "新华网", nil, false},
		// A dash before the site's chrome or a time joins nothing: the
		// joined part must read as an outlet.
		{`<div>来源：<a href="/a">某某网</a> - <a href="/m">手机版</a></div>`, "某某网", nil, true},
		{`<div><span>来源：<a href="/a">人民网</a>·<span>3分钟前</span></span></div>`, "人民网", nil, true},
		{`<div>来源：<a href="/a">新华网</a> - <a href="#">分享到</a><a href="#">微博</a></div>`, "新华网", nil, true},
		{`<div>来源：<a href="/a">新华网</a>·<a href="/b">客户端</a></div>`, "新华网", nil, true},
	}
	for _, tt := range tests {
		text, cuts := firstBlockCuts(t, tt.in)
		got := labelFieldsCut(text, cuts)
		if got.Source != tt.source || !reflect.DeepEqual(got.Authors, tt.authors) {
			t.Errorf("%q: source %q authors %q, want %q %q", text, got.Source, got.Authors, tt.source, tt.authors)
		}
		if old := labelFields(text).Source; (old != tt.source) != tt.glued {
			t.Errorf("%q: flat reading gives %q: glued = %v, want %v", text, old, old != tt.source, tt.glued)
		}
	}
}

// TestInfoLineSourceEndsWithElement runs the two patterns through Extract:
// the info line is read with its element edges, the joined info lines too.
func TestInfoLineSourceEndsWithElement(t *testing.T) {
	body := strings.Repeat(`<p>内需包括国内的消费需求和投资需求。消费需求体现了人民对物质文化和美好生活的需要，投资需求孕育着未来经济发展的后劲和潜力，内需是中国经济的基本盘。</p>`, 4)
	page := func(info string) string {
		return `<html><head><meta charset="utf-8"><title>坚定实施扩大内需战略</title></head><body><div class="content">` +
			`<h1>坚定实施扩大内需战略</h1>` + info + `<div class="left_zw">` + body + `</div></div></body></html>`
	}
	tests := []struct {
		info, want string
	}{
		{`<div class="left-t">2020年07月04日 12:10　来源：求是网<a href="#zw_cyhd" target="_self"><img src="c.jpg" alt="参与互动">参与互动</a></div>`, "求是网"},
		{`<div class="l_time">发稿时间：<span>2017-03-10 08:42:00</span><span>来源：<a href="http://lx.huanqiu.com/a.html">人民日报海外版</a></span>` +
			`<span><a href="http://www.youth.cn" target="_blank">中国青年网</a></span></div>`, "人民日报海外版"},
		{`<div class="info">2021-01-21 13:15</div><div class="info">来源：新华社 作者：张三</div>`, "新华社"},
		{`<div class="info"><span>2021-03-05 10:20</span> <span>来源：<a href="http://www.people.com.cn">人民网</a>-<a href="http://paper.people.com.cn">人民日报</a></span> <span>字号：大 中 小</span></div>`, "人民网-人民日报"},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(page(tt.info)), "https://news.example.cn/2020/07-04/1.shtml", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Source != tt.want {
			t.Errorf("%s: source %q, want %q", tt.info, a.Source, tt.want)
		}
	}
}

// TestSiblingJoin checks which text after an element edge joins the next
// sibling to a source value.
func TestSiblingJoin(t *testing.T) {
	tests := []struct {
		seg  string
		more bool
		want int
	}{
		{"-", true, joinElement},    // <a>人民网</a>-<a>人民日报</a>
		{" · ", true, joinElement},  // <a>中国证券报</a> · <a>中证网</a>
		{" 中国青年网", false, joinNone}, // a layout gap: </span> <span><a>中国青年网</a>
		{"", true, joinNone},        // <a>人民日报海外版</a><a>中国青年网</a>
		{"-人民日报", false, joinText},  // <a>人民网</a>-人民日报
		{" - ", false, joinNone},    // a joiner ending the value
		{" ", false, joinNone},
		{"参与互动", false, joinNone}, // 求是网<a>参与互动</a>
		{"--", true, joinNone},
	}
	for _, tt := range tests {
		if got := siblingJoin(tt.seg, tt.more); got != tt.want {
			t.Errorf("siblingJoin(%q, %v) = %d, want %d", tt.seg, tt.more, got, tt.want)
		}
	}
}
