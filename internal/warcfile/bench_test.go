package warcfile

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// benchExchange is a news page of about size bytes, with a real response's
// headers, like the big crawl's.
func benchExchange(size int) Exchange {
	var body bytes.Buffer
	body.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>某市召开会议部署工作 - 新闻网</title></head><body><div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/news/\">新闻</a></div><div class=\"article\"><h1>某市召开会议部署工作</h1><p class=\"info\">2024-05-06 10:22 来源：新闻网</p>")
	for i := 0; body.Len() < size; i++ {
		fmt.Fprintf(&body, "<p>第%d段，会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局。The council met on Monday to discuss item %d.</p>\n", i, i*7)
	}
	body.WriteString("</div></body></html>")
	h := http.Header{}
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Date", "Mon, 06 May 2024 02:22:00 GMT")
	h.Set("Last-Modified", "Mon, 06 May 2024 02:20:00 GMT")
	h.Set("ETag", `"5f3a-61d2"`)
	rh := http.Header{}
	rh.Set("User-Agent", "newspipe/1.0 (+https://github.com/newspipe/newspipe)")
	rh.Set("Accept", "text/html,application/xhtml+xml")
	return Exchange{URL: "http://news.example.com/2024/05/06/article-12345.html", Method: "GET", RequestHeader: rh,
		Status: 200, Header: h, Body: body.Bytes(), FetchedAt: time.Date(2024, 5, 6, 2, 22, 0, 0, time.UTC)}
}

// BenchmarkWrite archives one exchange per op: the WARC cost a crawl pays
// per page, for a small page and a page of a real portal's size.
func BenchmarkWrite(b *testing.B) {
	for _, size := range []int{3 << 10, 40 << 10} {
		b.Run(strings.TrimSpace(fmt.Sprintf("%dKB", size>>10)), func(b *testing.B) {
			w, err := Open(Options{Dir: b.TempDir(), Start: time.Now(), Software: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			ex := benchExchange(size)
			b.SetBytes(int64(len(ex.Body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := w.Write(ex); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(w.size)/float64(b.N), "bytes/op")
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
		})
	}
}
