package warcfile

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"
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

// BenchmarkCompress compresses the records of pages (the 3 KB and 40 KB
// pages of BenchmarkWrite, and the corpus pages of the real-pages
// benchmark's portal when shared/corpus is there) with the Writer's
// encoder and with klauspost/compress's gzip at BestSpeed, the encoder it
// replaced, and reports the compressed bytes per page of each.
func BenchmarkCompress(b *testing.B) {
	sets := []struct {
		name  string
		pages func() [][]byte
	}{
		{"3KB", func() [][]byte { return [][]byte{benchExchange(3 << 10).Body} }},
		{"40KB", func() [][]byte { return [][]byte{benchExchange(40 << 10).Body} }},
		{"corpus-gbk", func() [][]byte { return corpusPages(b, "cwced-chinese-web-content/original/*.html") }},
		{"corpus-zh", func() [][]byte {
			return corpusPages(b, "gne-testpages/tests/*/*.html", "gne-testpages/visiable_test/*/*.html")
		}},
		{"corpus-en", func() [][]byte { return corpusPages(b, "scrapinghub-aeb/html/*.html.gz") }},
	}
	for _, set := range sets {
		b.Run(set.name, func(b *testing.B) {
			pages := set.pages()
			var exs []Exchange
			for i, body := range pages {
				exs = append(exs, pageExchange(i, body))
			}
			recs := rawRecords(b, exs)
			for _, enc := range []string{"static", "klauspost-1"} {
				b.Run(enc, func(b *testing.B) {
					var d deflater
					var out bytes.Buffer
					zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
					var dst []byte
					n, size := 0, 0
					for b.Loop() {
						r := recs[n%len(recs)]
						if enc == "static" {
							dst = d.appendGzip(dst[:0], r)
							size += len(dst)
						} else {
							out.Reset()
							zw.Reset(&out)
							zw.Write(r)
							zw.Close()
							size += out.Len()
						}
						n++
					}
					b.ReportMetric(float64(size)/float64(n)*2, "bytes/page")
				})
			}
		})
	}
}
