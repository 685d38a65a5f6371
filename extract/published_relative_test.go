package extract

import (
	"testing"
	"time"
)

// TestRelativeDateWithoutClock covers a relative word in the date slot of a
// page extracted without the crawl time: the date the page's scripts or
// metadata state stands for it, never the server's clock epoch.
func TestRelativeDateWithoutClock(t *testing.T) {
	const body = `<p>国家统计局今天发布数据显示，前三季度全国规模以上工业增加值同比增长百分之五点六，增速比上半年加快零点三个百分点，其中制造业增长更快。</p>
<p>统计局新闻发言人表示，从主要指标看，国民经济运行总体平稳、稳中有进，发展质量稳步提升，市场预期持续改善，就业形势保持稳定。</p>`
	tests := []struct{ name, html, want string }{
		{"script date completed by the same day's epoch",
			`<html><body><h1>前三季度工业生产稳中有升</h1><div>某某科技 <em id="publish_time">昨天</em></div>` + body +
				`<script>var t="1581604666",n="1581517074",s="2020-02-12";var ct = "1581517074";</script></body></html>`,
			"2020-02-12T22:17:54+08:00"},
		{"only epochs: no date",
			`<html><body><h1>前三季度工业生产稳中有升</h1><div>某某科技 <em>昨天</em></div>` + body +
				`<script>var t="1581604666";</script></body></html>`,
			""},
		{"no relative word: no date",
			`<html><body><h1>前三季度工业生产稳中有升</h1><div>某某科技</div>` + body +
				`<script>var s="2020-02-12";</script></body></html>`,
			""},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(tt.html), "", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := ""
		if !a.PublishedAt.IsZero() {
			got = a.PublishedAt.Format(time.RFC3339)
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
