package extract

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestPathologicalInputsStayFast guards against quadratic behaviour on
// hostile pages: each case must finish far below the generous limit.
func TestPathologicalInputsStayFast(t *testing.T) {
	cases := map[string]string{
		"parens":     "<p>" + strings.Repeat("國(", 20000) + "</p>",
		"links":      "<p>" + strings.Repeat("<a href=x>县</a>|", 5000) + "</p>",
		"divs":       strings.Repeat("<div>", 3000) + "x" + strings.Repeat("</div>", 3000),
		"lis":        "<ul>" + strings.Repeat("<li><a href=/a>headline text here</a> summary</li>", 5000) + "</ul>",
		"h3s":        strings.Repeat("<div><h3>相关新闻</h3><p>x</p></div>", 3000),
		"digits":     "<p>" + strings.Repeat("2021-01-21 ", 5000) + "</p>",
		"editor":     strings.Repeat("<p>责任编辑：张三</p>", 5000),
		"labels":     "<p>" + strings.Repeat("来源：新华社 ", 5000) + "</p>",
		"bigtext":    "<p>" + strings.Repeat("这是很长的一段文字，", 50000) + "</p>",
		"brs":        strings.Repeat("文字<br>", 20000),
		"spans":      strings.Repeat("<div><span>2021</span><span>年</span></div>", 5000),
		"title":      "<title>" + strings.Repeat("a - ", 5000) + "</title><h1>" + strings.Repeat("a ", 5000) + "</h1>",
		"bang":       strings.Repeat("!\xb1\xd0", 20000),
		"authorwrap": strings.Repeat(`<div class="author">`, 480) + strings.Repeat("长文本内容，", 30000) + strings.Repeat("</div>", 480),
		"titlewrap":  strings.Repeat(`<div class="title">`, 480) + strings.Repeat("长文本内容，", 30000) + strings.Repeat("</div>", 480),
		"slashdates": strings.Repeat("<p>03/04/2020</p>", 16000),
		"comments":   strings.Repeat("<div><h3>Comments</h3><p>"+strings.Repeat("word ", 30)+".</p></div>", 2000),
	}
	for name, page := range cases {
		start := time.Now()
		a, err := Extract([]byte(page), "http://x.test/", nil, nil)
		if name == "divs" && (err != nil || a.Body != "x") {
			t.Errorf("divs: a page nested 3000 deep must still give its text: %v", err)
		}
		if d := time.Since(start); testing.Verbose() {
			t.Logf("%s: %v", name, d)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %v for %d bytes", name, d, len(page))
		}
	}
}

func TestContentTypes(t *testing.T) {
	page := []byte("<html><body><h1>Title</h1><p>Some text, long enough to count as a paragraph of an article.</p></body></html>")
	for ct, ok := range map[string]bool{
		"text/html; charset=utf-8": true, "application/octet-stream": true, "": true, "text/plain": true,
		"application/pdf": false, "image/png": false, "application/json": false,
	} {
		h := http.Header{}
		if ct != "" {
			h.Set("Content-Type", ct)
		}
		_, err := Extract(page, "http://x.test/", h, nil)
		if (err == nil) != ok {
			t.Errorf("Content-Type %q: err = %v", ct, err)
		}
	}
}
