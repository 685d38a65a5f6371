package crawler

import (
	"net/url"
	"path"
	"regexp"
	"testing"
)

// The regexps the URL scanners of classify.go replaced or guard; the two
// must agree on every input.
var (
	calendarDirRef   = regexp.MustCompile(`(?i)/(calendar|cal|archive|archives|date)/?$`)
	calendarQueryRef = regexp.MustCompile(`(?i)(^|&)(date|day|month|year|d|ym|ymd|cal)=[0-9-]+`)
)

// isCalendarRef is isCalendar as it was, all regexps.
func isCalendarRef(u *url.URL) bool {
	if calendarQueryRef.MatchString(u.RawQuery) || calendarDirRef.MatchString(u.Path) {
		return true
	}
	m := datePath.FindStringSubmatch(u.Path)
	return m != nil && !articleLeaf.MatchString(path.Base(m[1]))
}

var urlScanSamples = []string{
	"", "/", "//", "/calendar", "/calendar/", "/calendar//", "/CALENDAR", "/x/Archives/", "/archiveſ", "/archiveſ/",
	"calendar", "/cal", "/ca", "/date", "/dates", "/update", "/news/archive/2024", "/2024", "/2024/", "/2024//",
	"/1989", "/1990/13", "/2024/05/12", "/2024-05-12/", "/archive/202405", "/artikel/900368", "/1927",
	"/some-long-story-slug/2025/11", "/a/b/2025/1", "/2026/02/03/story-0000123.html", "/news/page/2/",
	"/news/page/2", "/page/x", "/list_3.shtml", "/index_12", "/more_4.HTML", "/default_1.", "/tag_5/x",
	"/2013/11/27/travel/weather-thanksgiving/index.html", "/p_1/2024", "/story-12345", "/12345678",
	"/2024_05_12_abc", "/a-b-c-d", "/a-b-c", "/ſ-k-K-x", "/\xff2024", "/2024\xff", "/新闻/2024/05",
}

var querySamples = []string{
	"", "date=2024-05-12", "DATE=1", "day=", "day=-", "day=x1", "&ym=202405", "a=1&ymd=20240512", "xdate=1",
	"date", "date&d=1", "d=1", "D=1&", "ym=", "cal=3", "month=1=2", "a=b=date=1", "page=2", "p=959", "yearx=1",
	"mont=1", "&&&year=2024", "q=date=1", "ymd=abc&day=5", "dаte=1", // Cyrillic а
}

func TestURLScannersMatchRegexps(t *testing.T) {
	for _, p := range urlScanSamples {
		for _, q := range querySamples {
			u := &url.URL{Path: p, RawQuery: q}
			if got, want := isCalendar(u), isCalendarRef(u); got != want {
				t.Errorf("isCalendar(%q?%q) = %v, want %v", p, q, got, want)
			}
		}
		checkURLScanners(t, p)
	}
	for _, q := range querySamples {
		checkURLScanners(t, q)
	}
}

func checkURLScanners(t *testing.T, s string) {
	t.Helper()
	if got, want := isCalendarQuery(s), calendarQueryRef.MatchString(s); got != want {
		t.Errorf("isCalendarQuery(%q) = %v, want %v", s, got, want)
	}
	if got, want := isCalendarDir(s), calendarDirRef.MatchString(s); got != want {
		t.Errorf("isCalendarDir(%q) = %v, want %v", s, got, want)
	}
	if got, want := isArticleLeaf(s), articleLeaf.MatchString(s); got != want {
		t.Errorf("isArticleLeaf(%q) = %v, want %v", s, got, want)
	}
	if got, want := isPagedPath(s), pagedPath.MatchString(s); got != want {
		t.Errorf("isPagedPath(%q) = %v, want %v", s, got, want)
	}
	if datePath.MatchString(s) && !endsInDigit(s) {
		t.Errorf("datePath matches %q, which does not end in a digit", s)
	}
}

func FuzzURLScanners(f *testing.F) {
	for _, s := range urlScanSamples {
		f.Add(s)
	}
	for _, s := range querySamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkURLScanners(t, s)
		u := &url.URL{Path: s, RawQuery: s}
		if got, want := isCalendar(u), isCalendarRef(u); got != want {
			t.Errorf("isCalendar(%q?%q) = %v, want %v", s, s, got, want)
		}
	})
}
