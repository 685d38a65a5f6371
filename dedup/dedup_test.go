package dedup

import (
	"strings"
	"testing"
)

func TestGrouper(t *testing.T) {
	other := "本报讯 昨天下午，市气象台发布寒潮蓝色预警信号，预计未来三天我市将出现明显降温，" +
		"最低气温可降至零下五摄氏度，请市民注意防寒保暖，出行注意交通安全。气象专家提醒，" +
		"老人和儿童应减少外出，农业部门要做好大棚蔬菜的防冻工作。"
	english := "The city council voted on Tuesday to approve a new budget that raises spending on " +
		"public transport by ten percent, after a debate that lasted more than six hours."
	third := "据中央气象台消息，今年第五号台风预计明天上午在沿海地区登陆，登陆时中心附近最大风力可达十二级，" +
		"有关部门已启动防台风应急响应，渔船全部回港避风，沿线景区暂停开放，学校停课一天。"
	var g Grouper
	for _, tc := range []struct{ key, body, want string }{
		{"a", sampleZH, ""},
		{"b", "首页 > 新闻中心\n" + sampleZH + "\n（责任编辑：王晓明）\n版权所有 未经授权禁止转载", "a"},
		{"c", other, ""},
		{"d", "编者按：本文转自新华社。\n" + sampleZH, "a"},
		{"e", "", ""},        // no body: never grouped
		{"f", "图片来源：网络", ""}, // too short: never grouped
		{"g", "图片来源：网络", ""}, // ... even when repeated
		{"h", english, ""},
		{"i", strings.ToUpper(english) + "\nEdited by John Smith", "h"},
		{"j", other + "\n（责任编辑：李华）", "c"},
		// A reprint in Traditional characters, and the reverse: a story
		// first seen in Taiwan's characters, then reprinted in Simplified.
		{"k", "首頁 > 新聞中心\n" + sampleZHTraditional + "\n（責任編輯：陳文韜）", "a"},
		{"l", convert("s2tw", third), ""},
		{"m", third + "\n（责任编辑：王晓明）", "l"},
	} {
		if got := g.Add(tc.key, tc.body); got != tc.want {
			t.Errorf("Add(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
	if n := g.Stories(); n != 4 {
		t.Errorf("Stories = %d, want 4 (a, c, h, l)", n)
	}
}

// TestGrouperThreshold checks that Threshold overrides the default.
func TestGrouperThreshold(t *testing.T) {
	noted := "编者按：近日，这一消息引发社会各界广泛关注，本网今日全文转载，供读者参考，文中观点不代表本网立场。\n" + sampleZH
	for _, tc := range []struct {
		threshold float64
		want      string
	}{{0, "a"}, {0.95, ""}} {
		g := Grouper{Threshold: tc.threshold}
		g.Add("a", sampleZH)
		if got := g.Add("b", noted); got != tc.want {
			t.Errorf("threshold %.2f: copy with an 编者按 grouped with %q, want %q", tc.threshold, got, tc.want)
		}
		if got := g.Add("c", sampleZH); got != "a" {
			t.Errorf("threshold %.2f: identical copy grouped with %q, want a", tc.threshold, got)
		}
	}
}
