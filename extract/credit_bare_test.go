package extract

import (
	"reflect"
	"testing"
)

func TestInfoBareName(t *testing.T) {
	tests := []struct {
		info []string
		want []string
	}{
		{[]string{"胡平"}, []string{"胡平"}},
		{[]string{"2020-01-02", "张小明"}, []string{"张小明"}},
		{[]string{"财经"}, nil},            // a channel
		{[]string{"金融市场"}, nil},          // four characters: a channel, not a name
		{[]string{"王者荣耀攻略"}, nil},        // too long
		{[]string{"胡平 2020-01-02"}, nil}, // not alone on the line
		{[]string{"BUSINESS.SOHU.COM 2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]"}, []string{"黄宇"}},
		{[]string{"[ 黄宇 ] 来源：国际金融报"}, nil},           // no date on the line
		{[]string{"2004年7月16日08:19 [ 国际金融报 ]"}, nil}, // an outlet, not a name
		{[]string{"武汉"}, nil}, // a region tag opening with a surname character
		{[]string{"2024-05-01 10:00 [江西] 来源：新华网"}, nil}, // a province in brackets
		{[]string{"高新区"}, nil},                          // a district
		{[]string{"江海"}, []string{"江海"}},                // a name that opens like a place stays a name
		{[]string{"赵本山"}, []string{"赵本山"}},              // a given name ending in a landscape word
		{[]string{"ggjjzhzz 发表于 2005-9-15 11:46:00"}, []string{"ggjjzhzz"}},
		{[]string{"新华网 发表于 2005-9-15"}, nil},          // an outlet
		{[]string{"论文发表于核心期刊"}, nil},                  // prose, no date
		{[]string{"他的文章 发表于 2005-9-15"}, nil},         // no single name token
		{[]string{"这篇论文发表于2023年12月20日"}, nil},         // a sentence: no time, a subject not a user
		{[]string{"本文发表于 2024-03-05 10:00"}, nil},     // 本文 is no poster
		{[]string{"【导读】此文发表于 2024-03-05 10:00"}, nil}, // brackets
	}
	for _, tt := range tests {
		if got := infoBareName(tt.info); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("infoBareName(%q) = %q, want %q", tt.info, got, tt.want)
		}
	}
}

func TestHeadlineName(t *testing.T) {
	tests := []struct {
		title string
		info  []string
		want  []string
	}{
		{"茉莉：我是怎样卷入八九民运的", []string{"我是怎样卷入八九民运的", "茉莉"}, []string{"茉莉"}},
		{"胡平:论言论自由", []string{"2005-01-02", " 胡平 "}, []string{"胡平"}},
		{"王毅：中方坚决反对", []string{"2024-05-01 来源：新华网"}, nil},  // a quoted speaker
		{"茉莉：我是怎样卷入八九民运的", []string{"茉莉 2005-07-05"}, nil}, // not alone on its line
		{"江西：多地迎来降雨", []string{"江西"}, nil},                 // a province tag
		{"新华网：今日要闻", []string{"新华网"}, nil},                 // an outlet
		{"新华社：今日要闻", []string{"新华社"}, nil},                 // an agency
		{"央视新闻：今日要闻", []string{"央视新闻"}, nil},               // a known outlet
		{"我是怎样卷入八九民运的", []string{"茉莉"}, nil},               // no prefix
		{"ABC：headline", []string{"ABC"}, nil},             // Han names only
	}
	for _, tt := range tests {
		if got := headlineName(tt.title, tt.info); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("headlineName(%q, %q) = %q, want %q", tt.title, tt.info, got, tt.want)
		}
	}
}
