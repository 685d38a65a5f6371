package extract

import (
	"strings"
	"testing"
	"time"
)

var (
	tzCN  = time.FixedZone("", 8*3600)
	rfcNs = "2006-01-02T15:04:05.999999999Z07:00"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		loc     *time.Location // nil means tzCN
		want    string         // RFC 3339 (with fraction when printed); "" means not ok
		hasTime bool
	}{
		// ISO 8601 / RFC 3339.
		{"2021-01-21T13:15:00+08:00", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021-01-21T05:15:00Z", nil, "2021-01-21T05:15:00Z", true},
		{"2021-01-21T13:15:00+09:00", nil, "2021-01-21T13:15:00+09:00", true},
		{"2021-01-21T13:15:00+0800", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021-01-21T13:15:00.123+08:00", nil, "2021-01-21T13:15:00.123+08:00", true},
		{"2021-01-21T13:15:00.5Z", nil, "2021-01-21T13:15:00.5Z", true},
		{"2021-01-21T13:15:00", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021-01-21T13:15:00", time.UTC, "2021-01-21T13:15:00Z", true},
		{"2021-01-21T13:15-05:00", nil, "2021-01-21T13:15:00-05:00", true},
		{"2021-01-21", nil, "2021-01-21T00:00:00+08:00", false},
		{"2021-01-21 13:15:00 +0800 CST", nil, "2021-01-21T13:15:00+08:00", true},
		// RFC 1123 and friends.
		{"Thu, 21 Jan 2021 05:15:00 GMT", nil, "2021-01-21T05:15:00Z", true},
		{"Thu, 21 Jan 2021 13:15:00 +0800", time.UTC, "2021-01-21T13:15:00+08:00", true},
		{"Thursday, 21-Jan-21 05:15:00 GMT", nil, "2021-01-21T05:15:00Z", true},
		// Chinese numeric forms.
		{"2021-01-21 13:15:00", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021-01-21 13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021/1/21", nil, "2021-01-21T00:00:00+08:00", false},
		{"2020/07/02 18:05", nil, "2020-07-02T18:05:00+08:00", true},
		{"2021.01.21", nil, "2021-01-21T00:00:00+08:00", false},
		{"2021年01月21日13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"2022年3月8日 09:30", nil, "2022-03-08T09:30:00+08:00", true},
		{"2021年01月21日 13时15分", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021年01月21日 13时15分30秒", nil, "2021-01-21T13:15:30+08:00", true},
		{"2021年1月21日 下午3:15", nil, "2021-01-21T15:15:00+08:00", true},
		{"2021年1月21日 上午9点", nil, "2021-01-21T09:00:00+08:00", true},
		{"2021年1月21号", nil, "2021-01-21T00:00:00+08:00", false},
		{"２０２１年１月２１日　１３：１５", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021－01－21", nil, "2021-01-21T00:00:00+08:00", false},
		{"21-01-21", nil, "2021-01-21T00:00:00+08:00", false},
		// Weekday noise.
		{"2021年01月21日 星期四 13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021年1月21日（周四）13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021-01-21 週四 13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"星期四 2021年1月21日", nil, "2021-01-21T00:00:00+08:00", false},
		// ROC calendar.
		{"民國110年1月21日", nil, "2021-01-21T00:00:00+08:00", false},
		{"民国110年1月21日 13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"110/01/21", nil, "2021-01-21T00:00:00+08:00", false},
		// English.
		{"January 21, 2021 1:15 PM EST", time.UTC, "2021-01-21T13:15:00-05:00", true},
		{"January 21, 2021 1:15 p.m.", time.UTC, "2021-01-21T13:15:00Z", true},
		{"January 21, 2021 12:05 AM", time.UTC, "2021-01-21T00:05:00Z", true},
		{"21 Jan 2021", time.UTC, "2021-01-21T00:00:00Z", false},
		{"21 January, 2021", time.UTC, "2021-01-21T00:00:00Z", false},
		{"Jan. 21, 2021", time.UTC, "2021-01-21T00:00:00Z", false},
		{"Sept. 3, 2021", time.UTC, "2021-09-03T00:00:00Z", false},
		{"Thursday, January 21, 2021", time.UTC, "2021-01-21T00:00:00Z", false},
		{"January 21st, 2021 at 9:30 am", time.UTC, "2021-01-21T09:30:00Z", true},
		{"Jan 21 2021 10:00 UTC+8", time.UTC, "2021-01-21T10:00:00+08:00", true},
		{"21.01.2021", time.UTC, "2021-01-21T00:00:00Z", false},
		{"01/21/2021", time.UTC, "2021-01-21T00:00:00Z", false},
		{"21/01/2021", time.UTC, "2021-01-21T00:00:00Z", false},
		// Labels around the date.
		{"发布时间：2021-01-21 13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"发布时间: 2019-05-18", nil, "2019-05-18T00:00:00+08:00", false},
		{"Published: Jan. 21, 2021 5:15 a.m. GMT", time.UTC, "2021-01-21T05:15:00Z", true},
		{"Updated January 21, 2021 1:15 PM EST", time.UTC, "2021-01-21T13:15:00-05:00", true},
		{"2021-01-21 13:15 北京时间", time.UTC, "2021-01-21T13:15:00+08:00", true},
		// Split across elements and concatenated by the caller.
		{"2021 01/21 13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021年 1月21日 13:15", nil, "2021-01-21T13:15:00+08:00", true},
		{"2021 1月21日 13:15", nil, "2021-01-21T13:15:00+08:00", true},
		// Metadata-only forms.
		{"20210121", nil, "2021-01-21T00:00:00+08:00", false},
		{"20210121131500", nil, "2021-01-21T13:15:00+08:00", true},
		{"20210121T051500Z", nil, "2021-01-21T05:15:00Z", true},
		{"1611206100", nil, "2021-01-21T13:15:00+08:00", true},
		{"1611206100000", time.UTC, "2021-01-21T05:15:00Z", true},
		// Impossible or implausible values.
		{"2021-13-01", nil, "", false},
		{"2021-01-32", nil, "", false},
		{"2021-02-29", nil, "", false},
		{"2020-02-29", nil, "2020-02-29T00:00:00+08:00", false},
		{"2021-01-21 25:00", nil, "", false},
		{"2021-01-21 13:61", nil, "", false},
		{"1989-06-01", nil, "", false},
		{"2099-01-01", nil, "", false},
		{"2021年13月1日", nil, "", false},
		{"01-21 13:15", nil, "", false}, // no year
		{"1月21日", nil, "", false},
		{"2004年3月底", nil, "", false},
		{"12345678", nil, "", false},
		{"2021-01-215", nil, "", false},
		{"tel 2021-0121", nil, "", false},
		{"阅读 1234 评论 56", nil, "", false},
		{"", nil, "", false},
		{"Sources say", nil, "", false},
	}
	for _, tt := range tests {
		loc := tt.loc
		if loc == nil {
			loc = tzCN
		}
		checkParseDate(t, tt.in, loc, tt.want, tt.hasTime)
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339; "" means not ok
		span string // the matched text
	}{
		{"2021-01-21 13:15 来源：新华网 作者：张三", "2021-01-21T13:15:00+08:00", "2021-01-21 13:15"},
		{"2019-09-07 13:43:45\u3000来源:", "2019-09-07T13:43:45+08:00", "2019-09-07 13:43:45"},
		{"来源：人民网 2021年01月21日 星期四 13:15 字号：大 中 小", "2021-01-21T13:15:00+08:00", "2021年01月21日 星期四 13:15"},
		{"| 发布时间: 2018-05-17 | 浏览次数:", "2018-05-17T00:00:00+08:00", "2018-05-17"},
		{"第3版 阅读量 12345 2020/07/02 18:05", "2020-07-02T18:05:00+08:00", "2020/07/02 18:05"},
		{"© 1999 Example 2021-01-21", "2021-01-21T00:00:00+08:00", "2021-01-21"},
		{"Posted by Jane on January 21, 2021 at 1:15 PM", "2021-01-21T13:15:00+08:00", "January 21, 2021 at 1:15 PM"},
		{"Von Deutscher Tennis Bund 4. 2. 2022.", "2022-02-04T00:00:00+08:00", "4. 2. 2022"},
		{"Matthias Zeiler | 28.09.19", "2019-09-28T00:00:00+08:00", "28.09.19"},
		{"28.01.22 / 0 Kommentare", "2022-01-28T00:00:00+08:00", "28.01.22"},
		{"11.03.17 in Gadgetry", "2017-03-11T00:00:00+08:00", "11.03.17"}, // day first unless another date confirms month first
		{"( Pescasseroli, 14 Gennaio 20 )", "2020-01-14T00:00:00+08:00", "14 Gennaio 20"},
		{"On 3 March 20 people were arrested", "", ""},
		{"North Korea 09:31 August 20, 2019", "2019-08-20T09:31:00+08:00", "09:31 August 20, 2019"},
		{"14 Gennaio 20 - Comunicato", "2020-01-14T00:00:00+08:00", "14 Gennaio 20"},
		// Elements' texts run together: a month name after a small letter.
		{"Mental HealthDECEMBER 22, 2022Updated: JANUARY 02, 2026", "2022-12-22T00:00:00+08:00", "DECEMBER 22, 2022"},
		{"Jane DoeMarch 5, 2020", "2020-03-05T00:00:00+08:00", "March 5, 2020"},
		{"Remembering 22, 2022", "", ""},
		// A hidden machine date glued to the visible one by the block's text.
		{"Isabell Angele2022-12-07T10:10:52+01:0025. Dezember 2022|", "2022-12-07T10:10:52+01:00", "2022-12-07T10:10:52+01:00"},
		{"Version 1.2.19 released", "", ""},
		{"Adresse 10.10.20.5 erreichbar", "", ""},
		{"Build v10.10.20", "", ""},
		{"4. 2.2022", "", ""},
		{"时间：2004年3月底、4月初", "", ""},
		{"共有 3000 名工程师", "", ""},
		{"no digits at all 来源：新华网", "", ""},
	}
	for _, tt := range tests {
		got, _, start, end, ok := findDate(tt.in, tzCN)
		if tt.want == "" {
			if ok {
				t.Errorf("findDate(%q) = %s at %q, want not ok", tt.in, got.Format(time.RFC3339), tt.in[start:end])
			}
			continue
		}
		if !ok {
			t.Errorf("findDate(%q) not ok, want %s", tt.in, tt.want)
			continue
		}
		if s := got.Format(time.RFC3339); s != tt.want || tt.in[start:end] != tt.span {
			t.Errorf("findDate(%q) = %s %q, want %s %q", tt.in, s, tt.in[start:end], tt.want, tt.span)
		}
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://www.xinhuanet.com/politics/2021-01/21/c_1126999.htm", "2021-01-21"},
		{"https://www.example.cn/news/20210121/abc.html", "2021-01-21"},
		{"http://www.gov.cn/xinwen/2021-01/21/content_5581.htm", "2021-01-21"},
		{"http://www.example.gov.cn/art/t20210121_123.html", "2021-01-21"},
		{"https://www.nytimes.com/2021/01/21/us/politics/story.html", "2021-01-21"},
		{"http://politics.people.com.cn/n1/2021/0121/c1001-32007.html", "2021-01-21"},
		{"http://news.example.com/202101/21/t_1.html", "2021-01-21"},
		{"https://example.com/2021/1/5/slug", "2021-01-05"},
		{"https://example.com/news/2021-01-21-some-title.html", "2021-01-21"},
		{"https://example.com/a?id=20210121093000", "2021-01-21"},
		{"https://example.org/media-news/meldungen/29-10-2021", "2021-10-29"},
		{"https://example.org/news/5_1_2021_title", "2021-01-05"},
		{"https://example.org/p/12-345-2021", ""},
		{"https://news2021.example.com/story/20211301.html", ""},
		{"https://example.com/doc-ihexfcvk1234567.shtml", ""},
		{"http://www.xinhuanet.com/c_1124871201.htm", ""},
		{"https://example.com/2021/", ""},
		{"https://example.com/1989/06/01/x", ""},
		{"not a url", ""},
		// Web archives: the capture stamp is not the publication day, the
		// archived address's own date is.
		{"https://web.archive.org/web/20110106023242/http://dzs-clan.de/index.php?site=news_comments&newsID=111", ""},
		{"https://web.archive.org/web/20160218174457/http://bewegliche-lettern.de/2010/05/", ""},
		{"https://web.archive.org/web/20120611024252/http://www.he.xinhuanet.com/news/2012-06/04/content_1.htm", "2012-06-04"},
		{"https://web.archive.org/web/20140109030403/http://nesselsetzer.wordpress.com/2013/12/09/post/", "2013-12-09"},
	}
	for _, tt := range tests {
		got, ok := dateFromURL(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("dateFromURL(%q) = %s, want not ok", tt.in, got.Format("2006-01-02"))
			}
			continue
		}
		if !ok || got.Format("2006-01-02") != tt.want || got.Location() != time.UTC {
			t.Errorf("dateFromURL(%q) = %v, %v; want %s UTC", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseRelativeDate(t *testing.T) {
	now := time.Date(2021, 1, 21, 13, 15, 0, 0, tzCN)
	tests := []struct{ in, want string }{
		{"刚刚", "2021-01-21T13:15:00+08:00"},
		{"5分钟前", "2021-01-21T13:10:00+08:00"},
		{"发布于 3小时前", "2021-01-21T10:15:00+08:00"},
		{"3个小时前", "2021-01-21T10:15:00+08:00"},
		{"半小时前", "2021-01-21T12:45:00+08:00"},
		{"三天前", "2021-01-18T13:15:00+08:00"},
		{"2天前", "2021-01-19T13:15:00+08:00"},
		{"十五分钟前", "2021-01-21T13:00:00+08:00"},
		{"昨天 13:15", "2021-01-20T13:15:00+08:00"},
		{"昨天", "2021-01-20T00:00:00+08:00"},
		{"前天 08:30", "2021-01-19T08:30:00+08:00"},
		{"今天 09:00", "2021-01-21T09:00:00+08:00"},
		{"3 hours ago", "2021-01-21T10:15:00+08:00"},
		{"Updated an hour ago", "2021-01-21T12:15:00+08:00"},
		{"2 days ago", "2021-01-19T13:15:00+08:00"},
		{"just now", "2021-01-21T13:15:00+08:00"},
		{"1个月前", "2020-12-21T13:15:00+08:00"},
		{"爱否科技 昨天", "2021-01-20T00:00:00+08:00"}, // an account name before the word
		{"回到昨天", ""},
		{"据介绍，昨天", ""},
		{"2021-01-21 13:15", ""},
		{"十分重要", ""},
		{"3 hours", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parseRelativeDate(tt.in, now, tzCN)
		if tt.want == "" {
			if ok {
				t.Errorf("parseRelativeDate(%q) = %s, want not ok", tt.in, got.Format(time.RFC3339))
			}
			continue
		}
		if !ok || got.Format(time.RFC3339) != tt.want {
			t.Errorf("parseRelativeDate(%q) = %s, %v; want %s", tt.in, got.Format(time.RFC3339), ok, tt.want)
		}
	}
	if _, ok := parseRelativeDate("3小时前", time.Time{}, tzCN); ok {
		t.Error("parseRelativeDate with zero now: want not ok")
	}
}

func BenchmarkParseDate(b *testing.B) {
	inputs := []string{
		"2021-01-21T13:15:00+08:00",
		"发布时间：2021年01月21日 13:15",
		"January 21, 2021 1:15 PM EST",
		"这是一段没有日期的普通正文，用来测量最常见的情况。",
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		parseDate(inputs[i%len(inputs)], tzCN)
	}
}

func TestParseDateLanguages(t *testing.T) {
	tests := []struct {
		in      string
		want    string // RFC 3339 in UTC unless the text states an offset; "" means not ok
		hasTime bool
	}{
		{"21. Januar 2022", "2022-01-21T00:00:00Z", false},
		{"Samstag, 19. Juli 2014", "2014-07-19T00:00:00Z", false},
		{"Mittwoch, 20. Februar 2019, 14:45 Uhr bis 15:45 Uhr", "2019-02-20T14:45:00Z", true},
		{"am 3. März 2020 um 9:30 Uhr", "2020-03-03T09:30:00Z", true},
		{"3. Mrz 2020", "2020-03-03T00:00:00Z", false},
		{"12. Jänner 2021", "2021-01-12T00:00:00Z", false},
		{"Mär 12, 2018 um 12:30 PM", "2018-03-12T12:30:00Z", true},
		{"9 oktober 2020", "2020-10-09T00:00:00Z", false},
		{"jeudi 13 juin 2019", "2019-06-13T00:00:00Z", false},
		{"1er août 2020 à 14h30", "2020-08-01T14:30:00Z", true},
		{"Publié le 3 févr. 2021 à 0 h 23", "2021-02-03T00:23:00Z", true},
		{"martes 17 de marzo de 2020", "2020-03-17T00:00:00Z", false},
		{"17 de marzo de 2020 a las 14:45", "2020-03-17T14:45:00Z", true},
		{"3 ottobre 2020 alle 10:05", "2020-10-03T10:05:00Z", true},
		{"1º de março de 2020", "2020-03-01T00:00:00Z", false},
		{"12 sierpnia 2020", "2020-08-12T00:00:00Z", false},
		{"5 Ağustos 2020", "2020-08-05T00:00:00Z", false},
		{"24 серпня 2020, 18:05", "2020-08-24T18:05:00Z", true},
		{"3 марта 2020 г.", "2020-03-03T00:00:00Z", false},
		{"21st of January, 2021", "2021-01-21T00:00:00Z", false},
		{"2020. március 17.", "2020-03-17T00:00:00Z", false},
		{"2020년 3월 4일 오후 4:52", "2020-03-04T16:52:00Z", true},
		{"2020. 3. 4. 16:52", "2020-03-04T16:52:00Z", true},
		{"21 Jan 2020 | 14:05", "2020-01-21T14:05:00Z", true},
		{"3 Mayor 2020", "", false},
		{"10 de 2020", "", false},
		{"5 out of 2020", "", false},
	}
	for _, tt := range tests {
		checkParseDate(t, tt.in, time.UTC, tt.want, tt.hasTime)
	}
}

func TestMonthWord(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"January", 1}, {"jan", 1}, {"Sept", 9}, {"März", 3}, {"MÄRZ", 3}, {"mrz", 3}, {"août", 8}, {"aout", 8},
		{"févr", 2}, {"dic", 12}, {"Dezember", 12}, {"maggio", 5}, {"mei", 5}, {"października", 10},
		{"марта", 3}, {"листопада", 11}, {"ju", 0}, {"ma", 0}, {"Mayor", 0}, {"novel", 0}, {"", 0},
	}
	for _, tt := range tests {
		if got := monthWord(tt.in); got != tt.want {
			t.Errorf("monthWord(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestTimeBeforeDate(t *testing.T) {
	est := time.FixedZone("", -5*3600)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"Published 5:42 PM EST Jan 3, 2024", time.Date(2024, 1, 3, 17, 42, 0, 0, est)},
		{"10:20 2023-05-06", time.Date(2023, 5, 6, 10, 20, 0, 0, time.UTC)},
		{"a 12:30 b Jan 3, 2024", time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)}, // a word between: not this date's time
	}
	for _, tt := range tests {
		got, _, _, _, ok := findDate(tt.in, time.UTC)
		if !ok || !got.Equal(tt.want) || got.Format(time.RFC3339) != tt.want.Format(time.RFC3339) {
			t.Errorf("findDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestTimeRangeIsNotAnOffset(t *testing.T) {
	for in, want := range map[string]string{
		"2023-05-06 10:00-12:00":        "2023-05-06T10:00:00+08:00",
		"发布时间：2023-05-06 09:30-11:00":   "2023-05-06T09:30:00+08:00",
		"2023-05-06T10:00:05-05:00":     "2023-05-06T10:00:05-05:00",
		"2023-05-06T10:00:05+09:00":     "2023-05-06T10:00:05+09:00",
		"2023-11-07T02:00:00.000-05:00": "2023-11-07T02:00:00-05:00",
		"2021-01-21T13:15-05:00":        "2021-01-21T13:15:00-05:00",
	} {
		got, _, _, _, ok := findDate(in, cst8)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("findDate(%q) = %v, want %s", in, got.Format(time.RFC3339), want)
		}
	}
}

func TestRelativeDateIsNotProse(t *testing.T) {
	now := time.Date(2024, 3, 5, 12, 0, 0, 0, cst8)
	for _, s := range []string{"2020年前三季度经济数据", "今日头条", "今天，记者从市政府获悉，新政策将出台", "今日推荐 热门文章"} {
		if got, ok := parseRelativeDate(s, now, cst8); ok {
			t.Errorf("parseRelativeDate(%q) = %v, want no date", s, got)
		}
	}
	for s, want := range map[string]string{
		"发布时间：今天 09:30": "2024-03-05T09:30:00+08:00",
		"昨天 13:15":      "2024-03-04T13:15:00+08:00",
		"3小时前":          "2024-03-05T09:00:00+08:00",
		"今天":            "2024-03-05T00:00:00+08:00",
	} {
		got, ok := parseRelativeDate(s, now, cst8)
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("parseRelativeDate(%q) = %v %v, want %s", s, got.Format(time.RFC3339), ok, want)
		}
	}
}

func TestYearThenFigureIsNotADate(t *testing.T) {
	if got, _, _, _, ok := findDate("China's GDP in 2021 8.1% higher than a year before", time.UTC); ok && got.Month() == 8 {
		t.Errorf("findDate read a figure as a date: %v", got)
	}
	if got, _, _, _, ok := findDate("2021 01/21 13:15", cst8); !ok || got.Format(time.RFC3339) != "2021-01-21T13:15:00+08:00" {
		t.Errorf("split year: %v %v", got, ok)
	}
}

// checkParseDate asserts parseDate's result; want "" means not ok.
func checkParseDate(t *testing.T, in string, loc *time.Location, want string, wantTime bool) {
	t.Helper()
	got, hasTime, ok := parseDate(in, loc)
	switch {
	case want == "" && ok:
		t.Errorf("parseDate(%q) = %s, want not ok", in, got.Format(rfcNs))
	case want == "":
	case !ok:
		t.Errorf("parseDate(%q) not ok, want %s", in, want)
	case got.Format(rfcNs) != want || hasTime != wantTime:
		t.Errorf("parseDate(%q) = %s, %v; want %s, %v", in, got.Format(rfcNs), hasTime, want, wantTime)
	}
}

// TestGluedDates checks that a date glued to the one before it (inline
// elements' texts run together in a block) is still found after it.
func TestGluedDates(t *testing.T) {
	tests := []struct {
		in   string
		want []string // days found in order
	}{
		{"Isabell Angele2022-12-07T10:10:52+01:0025. Dezember 2022|", []string{"2022-12-07", "2022-12-25"}},
		{"2021-03-01T08:00:00-05:0012 March 2021", []string{"2021-03-01", "2021-03-12"}},
		{"2021-03-01T08:00:00+0100 12 March 2021", []string{"2021-03-01", "2021-03-12"}},
	}
	for _, tt := range tests {
		var got []string
		for off := 0; off < len(tt.in) && len(got) < 3; {
			m, ok := findDateMatch(tt.in[off:])
			if !ok {
				break
			}
			got = append(got, m.time(time.UTC).Format("2006-01-02"))
			off += m.end
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("dates in %q = %v, want %v", tt.in, got, tt.want)
		}
	}
}
