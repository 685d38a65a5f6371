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
	quoted := []string{"外交部长王毅5日表示，中方坚决反对。"}
	essay := []string{"29日下午，中国民主党法国党部在华侨文化中心举办座谈会。", "讨论在热烈的气氛中结束。"}
	tests := []struct {
		title string
		info  []string
		body  []string
		want  []string
	}{
		{"茉莉：我是怎样卷入八九民运的", []string{"我是怎样卷入八九民运的", "茉莉"}, nil, []string{"茉莉"}},
		{"胡平:论言论自由", []string{"2005-01-02", " 胡平 "}, nil, []string{"胡平"}},
		{"王毅：中方坚决反对", []string{"2024-05-01 来源：新华网"}, quoted, nil}, // a quoted speaker, named in the text
		{"王毅：中方坚决反对", []string{"2024-05-01 来源：新华网"}, nil, nil},    // no text to check against
		{"茉莉：我是怎样卷入八九民运的", []string{"茉莉 2005-07-05"}, nil, nil},   // not alone on its line
		{"江西：多地迎来降雨", []string{"江西"}, nil, nil},                   // a province tag
		{"新华网：今日要闻", []string{"新华网"}, nil, nil},                   // an outlet
		{"新华社：今日要闻", []string{"新华社"}, nil, nil},                   // an agency
		{"央视新闻：今日要闻", []string{"央视新闻"}, nil, nil},                 // a known outlet
		{"我是怎样卷入八九民运的", []string{"茉莉"}, nil, nil},                 // no prefix
		{"ABC：headline", []string{"ABC"}, nil, nil},               // Han names only
		// A commentary headed by its writer, who the text never names.
		{"孙丰：巴黎举行座谈会", []string{"作者： 来源： 发布日期： 9/17/2004"}, essay, []string{"孙丰"}},
		{"孙丰：巴黎举行座谈会", []string{"作者： 来源："}, append(essay, "孙丰在会上发言。"), nil}, // a speaker in the text
		{"茉莉：我的八九", nil, essay, nil},   // a pen name needs the lone line
		{"江西：多地迎来降雨", nil, essay, nil}, // a place
		{"武汉：樱花盛开", nil, essay, nil},   // a city opening with a surname
		{"张三：张三谈改革", nil, essay, nil},  // named again in the headline: a subject
		{"中国：经济稳步增长", nil, essay, nil}, // no common surname
		{"王者荣耀：新赛季", nil, essay, nil},  // four characters
	}
	for _, tt := range tests {
		if got := headlineName(tt.title, tt.info, tt.body, false); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("headlineName(%q, %q, %q) = %q, want %q", tt.title, tt.info, tt.body, got, tt.want)
		}
	}
	// A blog post headed by a topic word opening with a surname (周末), on a
	// page with no author slot: no author. With an empty 作者 slot (or one
	// holding leaked markup), the name heading a commentary is its writer.
	if got := headlineName("周末：一个人的旅行", []string{"2024-05-06 10:22"}, essay, false); got != nil {
		t.Errorf("headlineName without an author slot = %q, want none", got)
	}
	if got := headlineName("孙丰：巴黎举行座谈会", []string{`作者： size="20" 来源： size="20"`}, essay, false); !reflect.DeepEqual(got, []string{"孙丰"}) {
		t.Errorf("headlineName with a slot holding leaked markup = %q, want 孙丰", got)
	}
	// A news page crediting its outlet quotes a speaker its text calls by
	// office only ("国务院总理…表示"): no author from the headline.
	if got := headlineName("李强：今年经济增长目标5%左右", nil, essay, true); got != nil {
		t.Errorf("headlineName on a credited page = %q, want none", got)
	}
}
