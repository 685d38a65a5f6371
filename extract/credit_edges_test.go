package extract

import (
	"reflect"
	"strings"
	"testing"
)

// para is a prose paragraph long enough for the body to be chosen.
const para = "这是一段足够长的正文内容，用来确认页面被当作文章处理，并且署名与来源被正确地识别出来，不会留在正文里。"

func TestEdgeCredits(t *testing.T) {
	tests := []struct {
		name    string
		lines   []string
		authors []string
		source  string
		body    []string
	}{
		{"reporter line last", []string{para, para, "记者 刘涛"}, []string{"刘涛"}, "", []string{para, para}},
		{"bracketed reporter line", []string{para, para, "（记者 张三）"}, []string{"张三"}, "", []string{para, para}},
		{"bracket closing the last paragraph", []string{para, para + "（记者 张三 李四）"}, []string{"张三", "李四"}, "", []string{para, para}},
		{"place and 报道 in a closing bracket", []string{para, para + "（李四 上海报道）"}, []string{"李四"}, "", []string{para, para}},
		{"文/图 in a closing bracket", []string{para, para + "(文/图 王五 赵六)"}, []string{"王五", "赵六"}, "", []string{para, para}},
		{"box mark and 本报记者", []string{para, para, "□ 本报记者 王小明"}, []string{"王小明"}, "", []string{para, para}},
		{"采写 with outlet and trainee", []string{para, para, "采写：南都见习记者 林子沛"}, []string{"林子沛"}, "", []string{para, para}},
		{"整合 with outlet and client", []string{para, para, "整合 新京报·贝壳财经客户端记者 张三"}, []string{"张三"}, "", []string{para, para}},
		{"outlet reporter with place", []string{para, para, "新京报记者 彭冲 山东冠县报道"}, []string{"彭冲"}, "", []string{para, para}},
		{"执笔人", []string{para, para, "执笔人：闵乐夫 赵兰波 刘韬"}, []string{"闵乐夫", "赵兰波", "刘韬"}, "", []string{para, para}},
		{"column writer role", []string{para, para, "某网专栏作者 王大可"}, []string{"王大可"}, "", []string{para, para}},
		{"byline under the deck", []string{"一句导语", "本报记者 罗科 发自北京", para}, []string{"罗科"}, "", []string{"一句导语", para}},
		{"signature alone as the last line", []string{para, para, "（袁源）"}, []string{"袁源"}, "", []string{para, para}},
		{"source line before furniture", []string{para, para, "来源：新闻晨报", "热词回顾：", "本周推荐", "更多"}, nil, "新闻晨报", []string{para, para, "热词回顾：", "本周推荐", "更多"}},
		{"bracket credit above a gallery caption", []string{para, para + "（评论员 罗博 萧海川）", "图集"}, []string{"罗博", "萧海川"}, "", []string{para, para + "（评论员 罗博 萧海川）", "图集"}},
		{"编译 bracket above two widget captions", []string{para, para + "（编译/林靖东）", "精彩视频推荐", "+1"}, []string{"林靖东"}, "", []string{para, para + "（编译/林靖东）", "精彩视频推荐", "+1"}},
		{"编译 bracket closing the text", []string{para, para + "（编译/林靖东）"}, []string{"林靖东"}, "", []string{para, para}},
		{"two bare names closing the text stay in it", []string{para, para + "（常书香 马丹阳 ）"}, []string{"常书香", "马丹阳"}, "", []string{para, para + "（常书香 马丹阳 ）"}},
		{"byline lines in a row", []string{"本报实习生 刘国栋 周炜", "本报记者 王燕平", para, para}, []string{"刘国栋", "周炜", "王燕平"}, "", []string{para, para}},
		{"bylines apart credit the first", []string{"本报记者 王燕平", para, para, para, "本报实习生 刘国栋"}, []string{"王燕平"}, "", []string{para, para, para}},
		{"byline under a summary box", []string{para, para, para, "《棱镜》作者 周纯", para, para, para, para}, []string{"周纯"}, "", []string{para, para, para, para, para, para, para}},
		{"closing byline above furniture", []string{para, para, para, "扬子晚报记者 张楠", "相关推荐", "换一换", "广告", "更多"}, []string{"张楠"}, "", []string{para, para, para, "相关推荐", "换一换", "广告", "更多"}},
		{"转自 with title marks", []string{para, para, "转自《北京科技报》"}, nil, "北京科技报", []string{para, para}},
		{"a book's 作者 inside a review stays", []string{para, para, "书名：《活着》", "作者：余华", "出版社：作家出版社", para, para, para, para},
			nil, "", []string{para, para, "书名：《活着》", "作者：余华", "出版社：作家出版社", para, para, para, para}},
		{"a book's 原著作者 inside a review stays", []string{para, para, "原著作者：余华", para, para, para, para},
			nil, "", []string{para, para, "原著作者：余华", para, para, para, para}},
	}
	for _, tt := range tests {
		body, bc := edgeCredits(tt.lines)
		if !reflect.DeepEqual(bc.authors, tt.authors) || bc.source != tt.source || !reflect.DeepEqual(body, tt.body) {
			t.Errorf("%s: authors %q source %q body %q; want %q %q %q", tt.name, bc.authors, bc.source, body, tt.authors, tt.source, tt.body)
		}
	}
}

// Lines that only look like credits stay in the body.
func TestEdgeCreditsKeepProse(t *testing.T) {
	for _, lines := range [][]string{
		{para, "他说：“记者是一个需要勇气的职业，我们一直这样认为。”"},
		{para, para + "（张三）"}, // a bare name closing a paragraph may be an attribution
		{para, "（张三）", para},  // not the last line
		{para, "他在会上说（记者 张三 李四 王五 赵六 孙七 周八 吴九 郑十 冯十一 陈十二）"}, // not after a sentence
		{para, "作者简介"},
		{para, "上海报道"}, // a place, no name
		{"（张三）", para},
		{para, para, "记者：你怎么看这件事？", para, para, para},         // an interview question
		{para, para, "张三 李四", para, para, para},               // bare names inside the text
		{para, para + "（张三）", "图集"},                           // one bare name above a caption is still an attribution
		{para, para + "（记者 张三 李四）", "小标题", "图集", "视频"},        // three captions: that bracket is not the text's end
		{para, "他在会上说（记者 张三 李四）", "下一段落的内容没有任何标点所以这不是挂件说明文字"}, // a long line is text, not a caption
		{para, "小标题（记者 张三 李四）", "图集"},                         // no sentence before the caption's paragraph end
	} {
		body, bc := edgeCredits(lines)
		if !reflect.DeepEqual(body, lines) || len(bc.authors) != 0 || bc.source != "" {
			t.Errorf("edgeCredits(%q) = %q, %+v; want unchanged", lines, body, bc)
		}
	}
}

func TestBracketValue(t *testing.T) {
	if lf := labelFields("2004年7月16日08:19 来源：[ 国际金融报 ]  作者：黄宇"); lf.Source != "国际金融报" || !reflect.DeepEqual(lf.Authors, []string{"黄宇"}) {
		t.Errorf("bracketed source: %+v", lf)
	}
	if lf := labelFields("来源：[]"); lf.Source != "" {
		t.Errorf("empty brackets gave source %q", lf.Source)
	}
}

func TestPlaceholderSource(t *testing.T) {
	for _, v := range []string{"网络", "转载文章", "互联网"} {
		if !isPlaceholderSource(v) || betterSource("新华网", v) || !betterSource(v, "新华网") {
			t.Errorf("placeholder %q not treated as one", v)
		}
	}
	// Real sources shaped like a person's name stay sources.
	for _, v := range []string{"丁香园", "金融界", "高盛"} {
		if isPlaceholderSource(v) || betterSource(v, "示例新闻网") {
			t.Errorf("%q is a real source, not a placeholder", v)
		}
	}
	if isPlaceholderSource("金羊网") || isPlaceholderSource("新华社") {
		t.Error("an outlet is not a placeholder")
	}
	if !betterSource("", "新华网") || betterSource("人民网", "新华网") {
		t.Error("betterSource must only replace nothing or a placeholder")
	}
}

func TestDatelineSiteNews(t *testing.T) {
	agency, authors, ok := parseDateline("本站讯（通讯员 李明 王芳）近日，学校举行了开学典礼。")
	if !ok || agency != "本站" || !reflect.DeepEqual(authors, []string{"李明", "王芳"}) {
		t.Errorf("parseDateline = %q %q %v", agency, authors, ok)
	}
}

func TestResponsibleEditor(t *testing.T) {
	for line, want := range map[string]bool{"责任编辑：陈梦莹": true, "【责编：赵明】": true, "编辑 刘晓阳 校对 李铭": false, "编辑：甲": false, "本文来源：新京报 责任编辑：姚立伟_NT6056": true} {
		if got := isResponsibleEditor(line); got != want {
			t.Errorf("isResponsibleEditor(%q) = %v", line, got)
		}
	}
}

// The credits a page prints around its body become fields and leave it.
func TestCreditsAroundBody(t *testing.T) {
	page := func(head, tail string) string {
		return `<html><head><title>标题</title></head><body><h1>标题</h1><div>2023-05-06 10:20 ` + head + `</div>
<div class="content"><p>` + para + `</p><p>` + para + `</p><p>` + para + tail + `</p></div></body></html>`
	}
	tests := []struct {
		name, head, tail    string
		authors             []string
		source, editor, out string
	}{
		{"reporter bracket closing the text", "来源：某某日报", "（记者 张三）", []string{"张三"}, "某某日报", "", "（记者 张三）"},
		{"placeholder source loses to the source under the text", "来源：转载文章", "</p><p>来源：新闻晨报", nil, "新闻晨报", "", "来源：新闻晨报"},
		{"a name-shaped outlet after 来源 stays the source", "来源：丁香园", "</p><p>来源：新闻晨报", nil, "丁香园", "", "来源：新闻晨报"},
		{"network placeholder", "来源：网络", "</p><p>来源：某某晚报", nil, "某某晚报", "", "来源："},
		{"editor row names writers and outlet", "", "</p><p>编辑：甲乙 | 来源：某某报 | 作者：丙丁 戊己", []string{"丙丁", "戊己"}, "某某报", "甲乙", "编辑："},
		{"responsible editor over desk editor", "", "</p><p>编辑 刘晓阳 校对 李铭</p><p>责任编辑：姚立伟", nil, "", "姚立伟", "刘晓阳"},
		{"closing byline with outlet", "来源：某某日报", "</p><p>扬子晚报记者 张楠", []string{"张楠"}, "某某日报", "", "张楠"},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(page(tt.head, tt.tail)), "http://x.test/a.html", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Authors, tt.authors) && !(len(a.Authors) == 0 && len(tt.authors) == 0) || a.Source != tt.source || a.Editor != tt.editor {
			t.Errorf("%s: authors %q source %q editor %q", tt.name, a.Authors, a.Source, a.Editor)
		}
		if strings.Contains(a.Body, tt.out) || !strings.Contains(a.Body, para) {
			t.Errorf("%s: body %q", tt.name, a.Body)
		}
	}
}
