package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestLineSlotSource(t *testing.T) {
	tests := []struct{ line, want string }{
		{"2019年09月07日 04:04 北京日报", "北京日报"},
		{"中国网 2019-11-25 10:37:31", "中国网"},
		{"原创 南方都市报 2019-09-09 16:01:46", "南方都市报"},
		{"http://news.example.com 2005年03月31日03:18 某某晨报", "某某晨报"},
		{"NEWS.EXAMPLE.COM 2003年11月12日16:36 金羊网—新快报", "金羊网—新快报"},
		{"2022-02-13 09:57 光明网", "光明网"},
		{"2020-01-02 10:00 张三/中国青年报", "中国青年报"},
		{"2020-01-02 10:00 新华社", "新华社"},
		{"2020-01-02 | 某某市电视台", "某某市电视台"},
		{"2020-01-02 10:00 某某新闻客户端", "某某新闻客户端"},
		// Not an outlet beside the date: a channel, a person, a counter, no date.
		{"2019-09-23 07:48 金融市场", ""},
		{"2020-01-02 10:00 张三", ""},
		{"2020-01-02 阅读 1234", ""},
		{"北京日报 评论 转发", ""},
		{"2020-01-02 10:00 作者：某某报", ""},
		{"2020-01-02 10:00 日报", ""},
	}
	for _, tt := range tests {
		if got := lineSlotSource(tt.line); got != tt.want {
			t.Errorf("lineSlotSource(%q) = %q; want %q", tt.line, got, tt.want)
		}
	}
}

// The outlet in the info line's source slot becomes the source and never an
// author; a labelled source still wins.
func TestSlotSourceExtract(t *testing.T) {
	tests := []struct {
		name, head, info, source string
		authors                  []string
	}{
		{"outlet after the date", "", `<div class="info">2019年09月07日 04:04 北京日报</div>`, "北京日报", nil},
		{"outlet in a span beside the date", "", `<div class="info"><span class="date">2020-01-02 10:00</span> <span class="source">某某晚报</span></div>`, "某某晚报", nil},
		{"account before the date with a badge", "", `<div class="info">原创 南方都市报 2019-09-09 16:01:46</div>`, "南方都市报", nil},
		{"writer and outlet in the byline slot", "", `<div class="info">2020-01-02 10:00 张三/中国青年报</div>`, "中国青年报", nil},
		{"bare wire agency", "", `<div class="info">2020-01-02 10:00 新华社</div>`, "新华社", nil},
		{"labelled source wins", "", `<div class="info">2020-01-02 10:00 某某网 来源：新华社</div>`, "新华社", nil},
		{"channel is no outlet", "", `<div class="info">2019-09-23 07:48 金融市场</div>`, "", nil},
		{"outlet in article:author", `<meta property="article:author" content="某某日报">`, `<div class="info">2020-01-02 10:00</div>`, "某某日报", nil},
	}
	for _, tt := range tests {
		page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>一条新闻的标题</title>%s</head><body>
<h1>一条新闻的标题</h1>%s<div class="content"><p>%s</p><p>%s</p><p>%s</p></div></body></html>`, tt.head, tt.info, para, para, para)
		art, err := Extract([]byte(page), "https://example.com/a/1.html", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if art.Source != tt.source || !slices.Equal(art.Authors, tt.authors) {
			t.Errorf("%s: source %q authors %q; want %q %q", tt.name, art.Source, art.Authors, tt.source, tt.authors)
		}
	}
}

func TestInfoSourceLine(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2003-7-24 钱江晚报", "钱江晚报", true},
		{"中国网 2019-11-25 10:37:31", "中国网", true},
		{"2003-7-24 钱江晚报 记者调查", "", false}, // more than date and outlet
		{"2003-7-24", "", false},
		{"钱江晚报", "", false}, // no date: a heading or a name
	}
	for _, tt := range tests {
		got, ok := infoSourceLine(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("infoSourceLine(%q) = %q %v; want %q %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	lines := []string{"本报记者 王燕平", "2003-7-24 钱江晚报", para, para}
	if body, bc := edgeCredits(lines); bc.source != "钱江晚报" || len(body) != 2 {
		t.Errorf("info line under the byline: source %q body %q", bc.source, body)
	}
	lines = []string{para, para, para, "2003-7-24 钱江晚报", para, para, para, para}
	if body, bc := edgeCredits(lines); bc.source != "" || len(body) != len(lines) {
		t.Errorf("info line inside the text stays: source %q body %q", bc.source, body)
	}
}

func TestAppendSlotTokens(t *testing.T) {
	split := func(r rune) bool {
		return unicode.IsSpace(r) || r == '|' || r == '｜' || r == '\u00a0' || r == '\u3000'
	}
	for _, line := range []string{"", " ", "a", " a ", "2019年09月07日 04:04 北京日报", "中国网 | 2019-11-25｜10:37:31 ",
		"a\u00a0b\u3000c", "\xff 12:00 \xfe", "x||y", "  原创  南方都市报  2019-09-09  "} {
		got := appendSlotTokens(nil, line)
		want := strings.FieldsFunc(line, split)
		if !slices.Equal(got, want) {
			t.Errorf("appendSlotTokens(%q) = %q, want %q", line, got, want)
		}
	}
}
