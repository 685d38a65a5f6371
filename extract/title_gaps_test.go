package extract

import (
	"testing"
	"unicode/utf8"
)

func TestPrintedGaps(t *testing.T) {
	walker := func(texts ...string) *blockWalker {
		w := &blockWalker{}
		for _, s := range texts {
			w.blocks = append(w.blocks, block{text: s, runes: utf8.RuneCountInString(s)})
		}
		return w
	}
	tests := []struct {
		name, title string
		blocks      []string
		head        int
		want        string
	}{
		{"wrapped headline over three lines", "关于批准发行特别国债及调整2007\u3000年末国债余额的决议",
			[]string{"首页 > 公报", "关于批准发行特别国债及", "调整2007年末国债余额的决议", "（2007年6月29日通过）"}, -1,
			"关于批准发行特别国债及调整2007年末国债余额的决议"},
		{"printed in one block", "调整2007 年末国债余额", []string{"调整2007年末国债余额 （通过）"}, 0, "调整2007年末国债余额"},
		{"the page prints the gap", "习近平 李克强出席大会", []string{"习近平　李克强出席大会"}, 0, "习近平 李克强出席大会"},
		{"a line break is a printed gap", "习近平 李克强出席大会", []string{"习近平", "李克强出席大会"}, 0, "习近平 李克强出席大会"},
		{"headline not printed", "调整2007 年末国债余额", []string{"正文第一段。"}, -1, "调整2007 年末国债余额"},
		{"Latin gaps stay", "Apple iPhone 发布", []string{"AppleiPhone发布"}, 0, "Apple iPhone发布"},
		{"the headline's block over a related link", "冬储菜上市 白菜每斤不到一元",
			[]string{"相关：冬储菜上市白菜每斤不到一元", "冬储菜上市 白菜每斤不到一元"}, 1, "冬储菜上市 白菜每斤不到一元"},
		{"no Han gap", "调整2007年末国债余额", []string{"调整2007年末国债余额"}, 0, "调整2007年末国债余额"},
	}
	for _, tt := range tests {
		if got := printedGaps(walker(tt.blocks...), tt.title, tt.head, 100); got != tt.want {
			t.Errorf("%s: printedGaps(%q) = %q, want %q", tt.name, tt.title, got, tt.want)
		}
	}
}
