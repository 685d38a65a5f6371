package extract

import (
	"reflect"
	"testing"
)

func TestInfoRow(t *testing.T) {
	tests := []struct {
		in      string
		ok      bool
		authors []string
		source  string
	}{
		{"发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)", true, nil, ""},
		{`作者： size="20" 来源： size="20" 发布日期： 9/17/2004 5:54:13 AM`, true, nil, ""},
		{"作者：张三 来源：某某日报 2020-01-02 10:00", true, []string{"张三"}, "某某日报"},
		{"2005-01-06 08:13更新 来源：新华网", true, nil, "新华网"},
		{"2020年1月1日 上午九时", false, nil, ""},               // a date alone is no credit row
		{"发表于北京大学学报。", false, nil, ""},                   // sentence, no date
		{"时间：2020年1月1日上午9时 地点：市政府三楼会议室", false, nil, ""}, // a notice's own text
		{"2020年1月1日，发表于报纸的文章引起了关注。", false, nil, ""},
		// A forum post's footer: the board, then the posting label and time.
		{"〓 网易娱乐 明星话题 发布时间 2005/03/15 22:36:13", true, nil, ""},
		{"体育论坛 发表于：2021-05-06 08:09", true, nil, ""},
		// A label before a date inside a clause is no footer.
		{"会议的发布时间 2020年1月1日 10:00 已经确定，请大家准时参加。", false, nil, ""},
	}
	for _, tt := range tests {
		lf, ok := infoRow(tt.in)
		if ok != tt.ok || ok && (!reflect.DeepEqual(lf.Authors, tt.authors) && len(lf.Authors)+len(tt.authors) > 0 || lf.Source != tt.source) {
			t.Errorf("infoRow(%q) = %+q %v; want %q %q %v", tt.in, lf, ok, tt.authors, tt.source, tt.ok)
		}
	}
	body, bc := edgeCredits([]string{para, para, para, "发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)"})
	if len(body) != 3 || len(bc.authors) != 0 || bc.source != "" {
		t.Errorf("edgeCredits: body %q credits %+v", body, bc)
	}
}
