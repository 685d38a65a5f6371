package extract

import (
	"testing"
	"time"
)

// TestPartialDatePages runs pages that print their date without a year,
// or as a relative word, through Extract.
func TestPartialDatePages(t *testing.T) {
	const body = `<p>国家统计局今天发布数据显示，前三季度全国规模以上工业增加值同比增长百分之五点六，增速比上半年加快零点三个百分点，其中制造业增长更快。</p>
<p>统计局新闻发言人表示，从主要指标看，国民经济运行总体平稳、稳中有进，发展质量稳步提升，市场预期持续改善，就业形势保持稳定。</p>`
	tests := []struct {
		name, url, html string
		now             time.Time
		want            string // RFC 3339, "" for none
	}{
		{"year from an update itemprop of the same day", "https://example.cn/s?id=1",
			`<html><head><meta itemprop="dateUpdate" content="2019-09-30 22:46:13"></head><body>
<h1>前三季度工业生产稳中有升</h1>
<div class="info"><span class="date">发布时间：09-30</span><span class="time">22:46</span><span>某某科技有限公司</span></div>` + body + `</body></html>`,
			time.Time{}, "2019-09-30T22:46:00+08:00"},
		{"year from a script epoch of the same minute", "https://example.cn/a/1",
			`<html><head><script>var ct = "1570000000";</script></head><body>
<h1>前三季度工业生产稳中有升</h1>
<p class="meta">10-02 15:06</p>` + body + `</body></html>`,
			time.Time{}, "2019-10-02T15:06:00+08:00"},
		{"year from the URL", "https://example.cn/news/2021-01-21/77.html",
			`<html><body><h1>前三季度工业生产稳中有升</h1>
<p>发布时间：1月21日 13:15</p>` + body + `</body></html>`,
			time.Time{}, "2021-01-21T13:15:00+08:00"},
		{"year from the fetch time, across New Year", "https://example.cn/a/2",
			`<html><body><h1>前三季度工业生产稳中有升</h1>
<p>12-31 23:50</p>` + body + `</body></html>`,
			time.Date(2021, 1, 1, 9, 0, 0, 0, tzCN), "2020-12-31T23:50:00+08:00"},
		{"a day that names a topic is not a date line", "https://example.jp/a/7",
			`<html lang="ja"><body><h1>欲張りなイヌ</h1>
<table><tr><td>1月 1日の豆知識</td></tr></table>` + body + `</body></html>`,
			time.Date(2021, 3, 1, 9, 0, 0, 0, tzCN), ""},
		{"no evidence for the year: no date", "https://example.cn/a/3",
			`<html><body><h1>前三季度工业生产稳中有升</h1>
<p>发布时间：09-30 22:46</p>` + body + `</body></html>`,
			time.Time{}, ""},
		{"two-digit year and the time in the next element", "https://example.cn/a/4",
			`<html><body><h1>前三季度工业生产稳中有升</h1>
<div class="info"><div>发布时间：18-03-08</div><div>23:16</div></div>` + body + `</body></html>`,
			time.Time{}, "2018-03-08T23:16:00+08:00"},
		{"year, day and time in three elements", "https://example.cn/a/5",
			`<html><body><h1>前三季度工业生产稳中有升</h1>
<div class="left"><div>2019</div><div>09/07</div><div>19:02</div></div>` + body + `</body></html>`,
			time.Time{}, "2019-09-07T19:02:00+08:00"},
		{"yesterday: the script's time of that day", "https://example.cn/s?__biz=1",
			`<html><body><h1>前三季度工业生产稳中有升</h1>
<div>某某科技 <em id="publish_time">昨天</em></div>` + body + `
<script>var ct = "1581517074";</script></body></html>`,
			time.Date(2020, 2, 13, 22, 37, 0, 0, tzCN), "2020-02-12T22:17:54+08:00"},
		{"the day before yesterday without evidence: its midnight", "https://example.cn/a/6",
			`<html><body><h1>前三季度工业生产稳中有升</h1>
<div>某某科技 前天</div>` + body + `</body></html>`,
			time.Date(2020, 2, 13, 22, 37, 0, 0, tzCN), "2020-02-11T00:00:00+08:00"},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(tt.html), tt.url, nil, &Options{Now: tt.now})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := ""
		if !a.PublishedAt.IsZero() {
			got = a.PublishedAt.Format(time.RFC3339)
		}
		if got != tt.want {
			t.Errorf("%s: PublishedAt = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNextBlockTime(t *testing.T) {
	w := &blockWalker{blocks: []block{{text: "发布时间：2018-03-08"}, {text: " 23:16 "}, {text: "来源：新华社"}}}
	m, _ := findDateMatch(w.blocks[0].text)
	if got := nextBlockTime(w, 0, m); !got.hasTime || got.hour != 23 || got.min != 16 || got.day != 8 {
		t.Errorf("time in the next block: got %+v", got)
	}
	if got := nextBlockTime(w, 1, m); got.hasTime {
		t.Errorf("a block that is not only a time: got %+v", got)
	}
	if got := nextBlockTime(w, 2, m); got.hasTime {
		t.Errorf("last block: got %+v", got)
	}
}
