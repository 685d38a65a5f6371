package extract

import (
	"reflect"
	"strings"
	"testing"
)

func TestTailCreditNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"作者：刘建国", []string{"刘建国"}},
		{"作者： 记者王敬照", []string{"王敬照"}},
		{"作者:zboygirl 阅读(1660) 评论(5) 编辑 发表于:2005-07-31 12:30", []string{"zboygirl"}},
		{"【作者：张三 来源：某某日报】", []string{"张三"}},
		{"来源：某某日报 作者：张三", []string{"张三"}},
		// Not a credit line: prose, an editor alone, an English byline.
		{"本文作者张三认为，改革还需深化。", nil},
		{"责任编辑：王华军", nil},
		{"By Jane Doe", nil},
	}
	for _, tt := range tests {
		if got := tailCreditNames(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tailCreditNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTailAuthorCell runs a table page whose writer is printed in a row of
// its own below the text through Extract.
func TestTailAuthorCell(t *testing.T) {
	body := strings.Repeat(`<p>会议要求，各级各部门要切实加强组织领导，落实好各项强农惠农政策，加大农业投入，抓好农资供应和市场监管，确保春耕生产顺利进行，为全年农业丰收打下坚实基础。</p>`, 3)
	page := func(tail string) string {
		return `<html><head><meta charset="utf-8"><title>市政府召开常务会议研究部署春耕生产工作</title></head><body><table>` +
			`<tr><td>市政府召开常务会议研究部署春耕生产工作</td></tr><tr><td>发布时间：2008-03-12　来源：市政府办公室</td></tr>` +
			`<tr><td class="content">` + body + `</td></tr>` + tail +
			`<tr><td><a href="#">打印本页</a> <a href="#">关闭窗口</a></td></tr></table></body></html>`
	}
	tests := []struct {
		tail string
		want []string
	}{
		{`<tr><td align="right">作者：刘建国</td></tr>`, []string{"刘建国"}},
		{`<tr><td align="right">作者： 记者王敬照</td></tr><tr><td>编辑： 王华军</td></tr>`, []string{"王敬照"}},
		{`<tr><td align="right">（完）</td></tr>`, nil},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(page(tt.tail)), "http://www.example.gov.cn/news/2008/0312/1.html", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Authors) != len(tt.want) || len(tt.want) > 0 && !reflect.DeepEqual(a.Authors, tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.tail, a.Authors, tt.want)
		}
	}
}

// TestTailAuthorSection checks that a credit under another section's
// heading below the text (related reading, comments) adds no writer.
func TestTailAuthorSection(t *testing.T) {
	body := strings.Repeat(`<p>会议要求，各级各部门要切实加强组织领导，落实好各项强农惠农政策，加大农业投入，抓好农资供应和市场监管，确保春耕生产顺利进行，为全年农业丰收打下坚实基础。</p>`, 3)
	page := func(tail string) string {
		return `<html><head><meta charset="utf-8"><title>市政府召开常务会议研究部署春耕生产工作_新闻中心</title></head><body>` +
			`<div class="main"><h1>市政府召开常务会议研究部署春耕生产工作</h1><div class="info">2026-03-12 10:20 来源：某某日报 作者：张三</div>` +
			`<div class="content">` + body + `</div>` + tail + `</div><div class="footer">版权所有 某某网</div></body></html>`
	}
	tests := []struct {
		tail string
		want []string
	}{
		{`<div class="related"><h3>相关阅读</h3><ul><li>作者：李四 | <a href="/n/2.html">全市春播进度过半</a></li>` +
			`<li>作者：王五 | <a href="/n/3.html">农资市场运行平稳</a></li></ul></div>`, []string{"张三"}},
		{`<div class="comments"><h3>网友评论</h3><div class="c">作者：网友小明 2026-03-12 11:02</div><div class="c">说得好，支持！</div></div>`, []string{"张三"}},
		{`<div class="box"><div>推荐阅读</div><div>作者：赵六</div><div><a href="/n/9.html">春耕时节话农事</a></div></div>`, []string{"张三"}},
		{`<div>作者：李四 发表于 2026-03-12 11:02</div>`, []string{"张三", "李四"}},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(page(tt.tail)), "http://www.example.gov.cn/news/2026/0312/1.html", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Authors, tt.want) {
			t.Errorf("%s: authors %q, want %q", tt.tail, a.Authors, tt.want)
		}
	}
}
