package extract

import (
	"fmt"
	"testing"
)

func TestMarkedSource(t *testing.T) {
	tests := []struct {
		name, info, tail, source string
	}{
		{"marked outlet glued to channel and date", `<div class="a_Info"><span class="a_catalog">金融市场</span><span class="a_source">棱镜</span><span class="a_time">2019-09-23 07:48</span></div>`, "", "棱镜"},
		{"marked container with a date descends to the outlet", `<div class="sourceDate"><span>2019-09-23 07:48</span><span id="article_source">某某周刊</span></div>`, "", "某某周刊"},
		{"labelled value inside the mark", `<div><span class="time">2019-09-23</span><span class="source">来源：某某日报</span></div>`, "", "某某日报"},
		{"placeholder is no outlet", `<div><span class="time">2019-09-23</span><span class="source">网络</span></div>`, "", ""},
		{"a related list under the body does not count", `<div class="info">2019-09-23 07:48</div>`, `<ul><li>另一条新闻<span class="post_recommend_source">某某晚报</span></li></ul>`, ""},
		{"latin text in the mark is left alone", `<div><span class="time">2019-09-23</span><span class="source">View source</span></div>`, "", ""},
	}
	for _, tt := range tests {
		page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>一条新闻的标题</title></head><body>
<h1>一条新闻的标题</h1>%s<div class="content"><p>%s</p><p>%s</p><p>%s</p></div>%s</body></html>`, tt.info, para, para, para, tt.tail)
		art, err := Extract([]byte(page), "https://example.com/a/1.html", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if art.Source != tt.source {
			t.Errorf("%s: source %q; want %q", tt.name, art.Source, tt.source)
		}
	}
}
