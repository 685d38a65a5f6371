package extract

import (
	"fmt"
	"slices"
	"testing"
)

// Scholarly and Dublin Core creator metas name the writer; a site's
// "author" meta often names the publisher instead.
func TestCreatorMetasFirst(t *testing.T) {
	tests := []struct {
		name, head string
		authors    []string
	}{
		{"citation_author over a publisher in author", `<meta name="Author" content="某某出版社"><meta name="citation_author" content="赵培">`, []string{"赵培"}},
		{"dc.creator over author", `<meta name="author" content="某某学术期刊"><meta name="dc.creator" content="赵培">`, []string{"赵培"}},
		{"author alone still counts", `<meta name="author" content="张三 李四">`, []string{"张三", "李四"}},
		{"one plain name the page never prints is a CMS uploader", `<meta name="author" content="张三">`, nil},
		{"an unprinted citation_author counts", `<meta name="citation_author" content="赵培">`, []string{"赵培"}},
	}
	for _, tt := range tests {
		page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>一篇论文的标题</title>%s</head><body>
<h1>一篇论文的标题</h1><div class="content"><p>%s</p><p>%s</p><p>%s</p></div></body></html>`, tt.head, para, para, para)
		art, err := Extract([]byte(page), "https://example.com/a/1.html", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(art.Authors, tt.authors) {
			t.Errorf("%s: authors %q; want %q", tt.name, art.Authors, tt.authors)
		}
	}
}
