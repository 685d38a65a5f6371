package extract

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestTrimBodyBlocks(t *testing.T) {
	p := func(s string) string {
		return "<p>" + s + "记者在现场看到，许多市民排队等候办理业务，工作人员耐心解答各种问题，现场秩序井然。</p>\n"
	}
	article := p("第一段。") + p("第二段。") + p("第三段。") + p("第四段。")
	en := "<p>The river rose through the night, and by morning the water had reached the first houses of the valley, where residents had spent hours moving furniture upstairs.</p>\n"
	tests := []struct {
		name       string
		html       string
		want, lost []string
	}{
		{
			// An ad table splits the first paragraph; its opening clause
			// stays with the text.
			name: "split first paragraph",
			html: `<html><body><h1>调查报告</h1><div class="Content"><p>为了贯彻落实发展规划，<table><tr><td><script>showAd()</script></td></tr></table>进一步了解全市儿童目前的心理发展现状，课题组开展了本次调查和研究，收回问卷三千份。</p>` +
				article + `</div></body></html>`,
			want: []string{"为了贯彻落实发展规划，", "第四段。"},
		},
		{
			// The info line opens the chosen cell: it leaves the body.
			name: "info line above the text",
			html: `<html><body><table><tr><td>` + `<p>某某市召开座谈会</p><div>作者：某某 来源：某网 发布日期：2004-09-17 05:54:13 点击：35</div>` + article +
				`</td></tr></table></body></html>`,
			want: []string{"第一段。"},
			lost: []string{"发布日期", "点击"},
		},
		{
			// A schedule: timestamps on consecutive lines are text.
			name: "schedule is not a thread",
			html: `<html><body><h1>标题</h1><div>` + article + article +
				`<p>2005年3月15日 09:00 开幕式</p><p>2005年3月15日 14:00 分组讨论</p><p>2005年3月16日 09:00 闭幕式</p></div></body></html>`,
			want: []string{"闭幕式"},
		},
		{
			// A notice ends by announcing a table set outside its cell.
			name: "announced table",
			html: `<html><body><h1>招生简章</h1><table><tr><td>` + article + `<p>附：招生专业及考试科目</p></td></tr></table>` +
				`<table><tr><td>专业名称</td><td>导师</td></tr><tr><td>01艺术学原理</td><td>刘某</td></tr><tr><td>02音乐学</td><td>田某</td></tr></table>` +
				`<div class="footer"><a href="/">首页</a> Copyright © 2000-2006 某网</div></body></html>`,
			want: []string{"附：招生专业及考试科目", "01艺术学原理", "田某"},
			lost: []string{"Copyright"},
		},
		{
			// A web-source note and the signature below it end the text.
			name: "web-source note and signature",
			html: `<html><body><h1>标题</h1><div class="rich_media_content">` + article + `<p>信息来源于网络</p><p>经过某某重新编排</p></div></body></html>`,
			want: []string{"第四段。"},
			lost: []string{"来源于网络", "重新编排"},
		},
		{
			// Comments in another table cell after a comments heading.
			name: "comments after the heading",
			html: `<html><body><h1>标题</h1><table><tr><td>` + article + `</td></tr><tr><td>热门评论</td></tr>` +
				`<tr><td>赞同楼上所说的，其实外国好多东西其实也是中国制造的，只不过转了个圈，被贴上别人的标签而已。</td></tr></table></body></html>`,
			want: []string{"第四段。"},
			lost: []string{"赞同楼上"},
		},
		{
			// A forum thread: the headers of the replies end the first post.
			name: "forum replies",
			html: `<html><body><h1>标题</h1><div>` + article + article +
				`<p>------------------------------</p><p>〓 论坛 发布时间 2005/03/15 22:36:13 by 甲 〓</p><p>楼主说得对，我也这么认为，支持一下！</p>` +
				`<p>〓 论坛 发布时间 2005/03/16 01:08:28 by 乙 〓</p><p>我真的有点无语，不知道说什么好。</p>` +
				`<p>〓 论坛 发布时间 2005/03/16 21:10:00 by 丙 〓</p><p>我赞成，悲哀啊。</p></div></body></html>`,
			want: []string{"第四段。"},
			lost: []string{"发布时间", "楼主", "-----"},
		},
		{
			// A reply quoting the post it answers prints two headers in a
			// row; the replies still end the first post.
			name: "forum replies with a quoted header",
			html: `<html><body><h1>标题</h1><div>` + article + article +
				`<p>乙 发表于 2005-3-16 01:08:28</p><p>甲 发表于 2005-3-15 22:36:13</p><p>楼主说得对，我也这么认为，支持一下！</p>` +
				`<p>丙 发表于 2005-3-16 21:10:00</p><p>我赞成，悲哀啊。</p>` +
				`<p>丁 发表于 2005-3-17 08:00:00</p><p>顶一下。</p></div></body></html>`,
			want: []string{"第四段。"},
			lost: []string{"发表于", "楼主", "悲哀"},
		},
		{
			// An English story's timeline is text, not a thread of posts.
			name: "timeline of an English story",
			html: `<html><body><h1>Storm report</h1><div>` + en + en + en + `<p>How the storm unfolded:</p>` +
				`<p>May 3, 2024, 9:15 a.m. – Flood warning issued for the valley</p><p>May 3, 2024, 2:40 p.m. – First evacuations ordered</p>` +
				`<p>May 4, 2024, 6:05 a.m. – River crests at 31 feet</p><p>May 4, 2024, 5:30 p.m. – Evacuation orders lifted</p></div></body></html>`,
			want: []string{"River crests at 31 feet", "Evacuation orders lifted"},
		},
		{
			// What follows an announcement as plain paragraphs is not its table.
			name: "announcement followed by paragraphs",
			html: `<html><body><h1>招生简章</h1><table><tr><td>` + article + `<p>附：报名须知</p></td></tr></table>` +
				`<div><p>网友甲 顶一个</p><p>网友乙 路过看看</p></div>` +
				`<div class="footer"><a href="/">首页</a> Copyright © 2000-2006 某网</div></body></html>`,
			want: []string{"附：报名须知"},
			lost: []string{"网友甲", "路过"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkBody(t, tt.html, tt.want, tt.lost) })
	}
}

func TestSqueezeCJKLabel(t *testing.T) {
	for in, want := range map[string]string{"延伸 · 推荐": "延伸推荐", "相关 推荐": "相关推荐", "read more": "read more", "评论": "评论"} {
		if got := squeezeCJKLabel(in); got != want {
			t.Errorf("squeezeCJKLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCreditUnderEndMarker: a credit printed below an end marker is read
// before the end matter leaves the body.
func TestCreditUnderEndMarker(t *testing.T) {
	p := "<p>记者在现场看到，许多市民排队等候办理业务，工作人员耐心解答各种问题，现场秩序井然。</p>"
	for _, credit := range []string{"记者 张三", "作者：张三", "文/张三"} {
		page := `<html><body><h1>市民排队办理业务</h1><div>` + p + p + p + `<p>（完）</p><p>` + credit + `</p></div></body></html>`
		a, err := Extract([]byte(page), "https://example.com/a", nil, &Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Authors) != 1 || a.Authors[0] != "张三" {
			t.Errorf("%q under （完）: authors %q, want [张三]", credit, a.Authors)
		}
		if strings.Contains(a.Body, "（完）") || strings.Contains(a.Body, "张三") {
			t.Errorf("%q under （完）: body keeps the end matter:\n%s", credit, a.Body)
		}
	}
}

// TestDropRepeatedParagraphs: a run of paragraphs repeated in another
// element is a second copy of the article (a site builder's variant per
// screen size); a lone repeat or repeats beside each other stay.
func TestDropRepeatedParagraphs(t *testing.T) {
	p := func(n int) string {
		return strings.Repeat("Paragraph "+string(rune('A'+n))+" of the article, long enough to be prose. ", 3)
	}
	type para struct {
		box  int // which element holds it
		text string
	}
	tests := []struct {
		name  string
		paras []para
		want  []int // kept positions
	}{
		{"the article twice, in two variants",
			[]para{{0, p(0)}, {0, p(1)}, {0, p(2)}, {1, p(0)}, {1, p(1)}, {1, p(2)}}, []int{0, 1, 2}},
		{"a short line between the copies' paragraphs goes with them",
			[]para{{0, p(0)}, {0, p(1)}, {0, p(2)}, {1, p(0)}, {1, "Share"}, {1, p(1)}, {1, p(2)}}, []int{0, 1, 2}},
		{"a pull quote repeats one paragraph",
			[]para{{0, p(0)}, {0, p(1)}, {1, p(1)}, {0, p(2)}}, []int{0, 1, 2, 3}},
		{"two repeated paragraphs are no copy",
			[]para{{0, p(0)}, {0, p(1)}, {1, p(0)}, {1, p(1)}}, []int{0, 1, 2, 3}},
		{"repeats in the same element stay",
			[]para{{0, p(0)}, {0, p(1)}, {0, p(2)}, {0, p(0)}, {0, p(1)}, {0, p(2)}}, []int{0, 1, 2, 3, 4, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			boxes := []*html.Node{{Type: html.ElementNode, Data: "div"}, {Type: html.ElementNode, Data: "div"}}
			w := &blockWalker{}
			var idx []int
			for k, pa := range tt.paras {
				n := &html.Node{Type: html.ElementNode, Data: "p"}
				boxes[pa.box].AppendChild(n)
				w.blocks = append(w.blocks, block{text: pa.text, runes: len(pa.text), node: n})
				idx = append(idx, k)
			}
			got := dropRepeatedParagraphs(w, idx)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("kept %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDropDoubledLines: a line repeated right below itself from another
// element is a card's second copy; a refrain in the same element, a short
// label and a repeat further down stay.
func TestDropDoubledLines(t *testing.T) {
	type line struct {
		box  int // which element holds it
		text string
	}
	card := "Branding a beer on a mission to benefit a museum."
	other := "Another card, with a different line of text."
	tests := []struct {
		name  string
		lines []line
		want  []int // kept positions
	}{
		{"card text twice", []line{{0, card}, {1, card}, {2, other}}, []int{0, 2}},
		{"refrain in one element", []line{{0, card}, {0, card}}, []int{0, 1}},
		{"short label twice", []line{{0, "Read the case study"}, {1, "Read the case study"}}, []int{0, 1}},
		{"repeat further down", []line{{0, card}, {1, other}, {2, card}}, []int{0, 1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var boxes [3]*html.Node
			for k := range boxes {
				boxes[k] = &html.Node{Type: html.ElementNode, Data: "div"}
			}
			w := &blockWalker{}
			var idx []int
			for k, l := range tt.lines {
				n := &html.Node{Type: html.ElementNode, Data: "p"}
				boxes[l.box].AppendChild(n)
				w.blocks = append(w.blocks, block{text: l.text, runes: len(l.text), node: n})
				idx = append(idx, k)
			}
			if got := dropDoubledLines(w, idx); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("kept %v, want %v", got, tt.want)
			}
		})
	}
}
