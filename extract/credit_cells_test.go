package extract

import "testing"

func TestGluedCellLabels(t *testing.T) {
	tests := []struct {
		in   string
		want labels
	}{
		{"发表于2014-08-24 21:30| 1164次阅读| 来源CSDN| 0 条评论| 作者魏星", labels{Source: "CSDN", Authors: []string{"魏星"}}},
		{"来源新华网 | 2020-01-01", labels{Source: "新华网"}},
		{"作者魏星", labels{}},                                                   // no cell: no bar on the line
		{"作者认为这个问题值得讨论 | 评论", labels{}},                                      // too long for a cell value
		{"阅读 | 作者认为，这是对的 | 评论", labels{}},                                    // punctuation: prose
		{"2020-01-01 作者张三 | 评论", labels{}},                                   // the label does not open the cell
		{"| 来源：人民网 | 作者：李四", labels{Source: "人民网", Authors: []string{"李四"}}}, // colons as before
		{"版权声明 来源CSDN", labels{Source: "CSDN"}},                              // a Latin value glued to a Han label
		{"作者Tom 2020-01-01", labels{Authors: []string{"Tom"}}},
		{"美联社记者David报道", labels{}},                  // glued to the text before it
		{"来源：某某日报 转载请注明出处", labels{Source: "某某日报"}}, // a notice ends the value
		{"来源：转载", labels{Source: "转载"}},             // the placeholder itself stays
		{"信息来源于网络", labels{Source: "网络"}},
		{"本文来源于新华网", labels{Source: "新华网"}},
		{"来源于生活，高于生活", labels{}}, // prose
		{"艺术来源于生活", labels{}},    // the label is the tail of a sentence
	}
	for _, tt := range tests {
		got := labelFields(tt.in)
		if got.Source != tt.want.Source || got.Editor != tt.want.Editor || !sameNames(got.Authors, tt.want.Authors) {
			t.Errorf("labelFields(%q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}
