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
