package extract

import "testing"

func TestArchivedURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://web.archive.org/web/20160218174457/http://bewegliche-lettern.de/2010/05/", "http://bewegliche-lettern.de/2010/05/"},
		{"https://web.archive.org/web/20131110121040im_/http://www.example.de/wp-content/uploads/2013/04/a.jpg", "http://www.example.de/wp-content/uploads/2013/04/a.jpg"},
		{"https://web.archive.org/web/20130307194448/the-pain.net/2008/05/silkroad", "http://the-pain.net/2008/05/silkroad"},
		{"https://wayback.archive-it.org/1234/20160101000000/https://example.org/news/x", "https://example.org/news/x"},
		{"https://arquivo.pt/wayback/20160101000000/http://example.pt/", "http://example.pt/"},
		// Not archive addresses: the stamp is the page's own.
		{"https://example.com/a?id=20210121093000", "https://example.com/a?id=20210121093000"},
		{"https://example.com/news/20210121093000/story.html", "https://example.com/news/20210121093000/story.html"},
		{"https://example.com/20210121093000/", "https://example.com/20210121093000/"},
		{"https://example.com/p/2021012109300/x.y/z", "https://example.com/p/2021012109300/x.y/z"},
	}
	for _, tt := range tests {
		if got := archivedURL(tt.in); got != tt.want {
			t.Errorf("archivedURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDateFromArchivedURL(t *testing.T) {
	tests := []struct{ in, want string }{
		// The capture stamp is not the publication day ...
		{"https://web.archive.org/web/20110106023242/http://dzs-clan.de/index.php?site=news_comments&newsID=111", ""},
		{"https://web.archive.org/web/20160218174457/http://bewegliche-lettern.de/2010/05/", ""},
		// ... but the archived address's own date is.
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
		if !ok || got.Format("2006-01-02") != tt.want {
			t.Errorf("dateFromURL(%q) = %v, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
}
