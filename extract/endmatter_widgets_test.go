package extract

import (
	"slices"
	"testing"
)

func TestDropTrailingWidgets(t *testing.T) {
	const last = "正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）"
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		// Captions and promos ending the body go (kept by the old code).
		{"gallery caption", []string{"第一段。", last, "图集"}, []string{"第一段。", last}},
		{"video box caption", []string{"第一段。", "……发表在科学刊物《自然》上。（编译/林靖东）", "精彩视频推荐"},
			[]string{"第一段。", "……发表在科学刊物《自然》上。（编译/林靖东）"}},
		{"app promo", []string{"第一段。", "兌獎期限5月5日，呼籲民眾勿錯過期限。", "不用抽 不用搶 現在用APP看新聞 保證天天中獎 點我下載APP 按我看活動辦法"},
			[]string{"第一段。", "兌獎期限5月5日，呼籲民眾勿錯過期限。"}},
		{"two captions", []string{"第一段。", "第二段。", "相关阅读", "熱門影音"}, []string{"第一段。", "第二段。"}},
		{"client download", []string{"第一段。", "第二段。", "下载新闻客户端"}, []string{"第一段。", "第二段。"}},
		// Everything else stays.
		{"caption followed by prose", []string{"第一段。", "图集", "第二段。"}, []string{"第一段。", "图集", "第二段。"}},
		{"short last paragraph", []string{"第一段。", "愿大家都能", "平安出行，安全到家。"}, []string{"第一段。", "愿大家都能", "平安出行，安全到家。"}},
		{"end marker", []string{"第一段。", "第二段。", "（完）"}, []string{"第一段。", "第二段。", "（完）"}},
		{"bracket credit", []string{"第一段。", "第二段。", "（记者 张三）"}, []string{"第一段。", "第二段。", "（记者 张三）"}},
		{"editor credit", []string{"第一段。", "第二段。", "责任编辑：李四"}, []string{"第一段。", "第二段。", "责任编辑：李四"}},
		{"bare name signature", []string{"第一段。", "第二段。", "羅森"}, []string{"第一段。", "第二段。", "羅森"}},
		{"signature under caption", []string{"第一段。", "第二段。", "羅森", "图集"}, []string{"第一段。", "第二段。", "羅森"}},
		{"issuer and date", []string{"第一段。", "吉林省人民政府", "2022年1月27日"}, []string{"第一段。", "吉林省人民政府", "2022年1月27日"}},
		{"list item", []string{"3、舞蹈理论", "4、当代舞蹈文化"}, []string{"3、舞蹈理论", "4、当代舞蹈文化"}},
		{"sentence about an app", []string{"第一段。", "市民可下载APP预约，也可到现场办理。"}, []string{"第一段。", "市民可下载APP预约，也可到现场办理。"}},
		{"english short last line", []string{"First paragraph.", "Related"}, []string{"First paragraph.", "Related"}},
		{"caption alone", []string{"图集"}, []string{"图集"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dropTrailingWidgets(slices.Clone(tt.lines))
			if !slices.Equal(got, tt.want) {
				t.Errorf("dropTrailingWidgets(%q) = %q, want %q", tt.lines, got, tt.want)
			}
		})
	}
}

// TestDropEndMatterWidgets checks the captions leave with the end matter.
func TestDropEndMatterWidgets(t *testing.T) {
	in := []string{"武汉的声音。", "正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）", "图集"}
	want := []string{"武汉的声音。", "正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）"}
	if got := dropEndMatter(slices.Clone(in)); !slices.Equal(got, want) {
		t.Errorf("dropEndMatter(%q) = %q, want %q", in, got, want)
	}
}
