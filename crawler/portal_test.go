package crawler

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// portal is a small news site for integration tests. It serves UTF-8, GBK
// and Big5 articles, a paginated listing, an RSS feed, a sitemap index with
// a gzipped news sitemap, a robots.txt with a disallowed directory, and the
// usual trouble: a 404, a 301, a slow page, a 503 with Retry-After, an
// endless calendar and a large PDF. It supports ETag revalidation.
type portal struct {
	srv *httptest.Server
	t   testing.TB

	mu       sync.Mutex
	hits     map[string]int // path?query -> requests
	times    map[string][]time.Time
	pdfBytes int64
	extra    []article         // published after the first crawl
	edits    map[string]string // path -> paragraph added after the first crawl
	// onRequest, if set, is called for every request (after counting).
	onRequest func(path string)
}

// article is one story of the portal.
type article struct {
	path    string // URL path served
	title   string
	date    string // as printed on the page
	pubISO  string // expected published_at
	paras   []string
	charset string // "utf-8", "gbk", "big5"
	lang    string
}

func (a article) phrase() string { return a.paras[1][:30] }

var portalArticles = []article{
	{path: "/2026/01/05/economy-20260105001.html", title: "城市更新计划带动老旧小区改造提速", date: "2026-01-05 08:30:00", pubISO: "2026-01-05T08:30:00+08:00", charset: "utf-8", lang: "zh",
		paras: paras("城市更新", "老旧小区")},
	{path: "/2026/01/06/society-20260106002.html", title: "山区学校开通远程课堂让孩子们听到名师授课", date: "2026年01月06日 09:15", pubISO: "2026-01-06T09:15:00+08:00", charset: "gbk", lang: "zh",
		paras: paras("远程课堂", "山区学校")},
	{path: "/2026/01/07/taiwan-20260107003.html", title: "臺北舉辦燈會吸引大批民眾參觀", date: "2026-01-07 19:45", pubISO: "2026-01-07T19:45:00+08:00", charset: "big5", lang: "zh-Hant",
		paras: parasHant()},
	{path: "/2026/01/08/moved-article-20260108004.html", title: "港口吞吐量创下历史新高", date: "2026-01-08 10:00:00", pubISO: "2026-01-08T10:00:00+08:00", charset: "utf-8", lang: "zh",
		paras: paras("港口吞吐量", "集装箱")},
	{path: "/2026/01/09/slow-20260109005.html", title: "冬季供暖保障工作全面展开", date: "2026-01-09 07:20:00", pubISO: "2026-01-09T07:20:00+08:00", charset: "utf-8", lang: "zh",
		paras: paras("冬季供暖", "供热管网")},
	{path: "/2026/01/10/flaky-20260110006.html", title: "新能源汽车下乡活动启动", date: "2026-01-10 14:05:00", pubISO: "2026-01-10T14:05:00+08:00", charset: "utf-8", lang: "zh",
		paras: paras("新能源汽车", "充电桩")},
	{path: "/2026/01/11/feed-only-20260111007.html", title: "春运火车票今起开售", date: "2026-01-11 06:00:00", pubISO: "2026-01-11T06:00:00+08:00", charset: "utf-8", lang: "zh",
		paras: paras("春运", "火车票")},
	{path: "/2026/01/12/sitemap-only-20260112008.html", title: "Harbour city opens new ferry line to the islands", date: "January 12, 2026 11:00", pubISO: "2026-01-12T11:00:00+08:00", charset: "utf-8", lang: "en",
		paras: parasEn()},
}

// newArticle is published between runs.
var newArticle = article{path: "/2026/01/13/fresh-20260113009.html", title: "元宵节灯谜活动精彩纷呈", date: "2026-01-13 20:00:00", pubISO: "2026-01-13T20:00:00+08:00", charset: "utf-8", lang: "zh",
	paras: paras("元宵节", "灯谜")}

func paras(topic, detail string) []string {
	return []string{
		fmt.Sprintf("本报讯 记者近日从有关部门获悉，%s工作今年以来取得明显进展，各地结合实际情况制定了具体实施方案，%s相关项目陆续落地见效，群众反映良好。", topic, detail),
		fmt.Sprintf("据介绍，%s涉及面广、任务重，相关部门坚持统筹规划、分步实施的原则，把%s作为重点内容，推动资金、人员和政策向基层倾斜，确保各项措施落到实处。", topic, detail),
		fmt.Sprintf("业内专家表示，%s不仅关系到群众的切身利益，也是提升城市治理水平的重要抓手。下一步还需要在%s的长效管理机制上下功夫，形成可复制、可推广的经验。", topic, detail),
		fmt.Sprintf("记者在现场看到，不少居民对%s的变化赞不绝口。一位市民告诉记者，过去%s问题困扰大家多年，如今终于得到解决，生活更加方便舒心了。", topic, detail),
		fmt.Sprintf("有关负责人表示，下一步将继续加大%s投入力度，完善%s配套设施建设，并加强督促检查，确保年底前完成全部既定目标任务。", topic, detail),
	}
}

func parasHant() []string {
	return []string{
		"本報訊 臺北市政府今年在市中心舉辦大型燈會，主燈以傳統工藝結合現代科技打造，開幕首日便吸引大批民眾前往參觀，現場人潮絡繹不絕。",
		"主辦單位表示，今年燈會共展出三百多組花燈，分布在四個展區，並規劃多條參觀路線，方便民眾依照自己的時間安排行程，避免人潮過度集中。",
		"不少家長帶著孩子一同前來，一位民眾說，每年都期待燈會登場，今年的作品更加精緻，也融入了許多在地文化元素，讓人印象深刻。",
		"交通部門提醒，燈會期間周邊道路將實施交通管制，建議民眾多加利用大眾運輸工具前往，並留意現場工作人員的引導，注意自身安全。",
		"市府官員指出，燈會不僅帶動觀光人潮，也為周邊商圈創造可觀的經濟效益，未來將持續擴大辦理，打造具有國際知名度的節慶活動。",
	}
}

func parasEn() []string {
	return []string{
		"The harbour authority opened a new ferry line on Monday that links the city centre with three outlying islands, cutting the journey time for thousands of daily commuters.",
		"Officials said the service would run every thirty minutes during peak hours and every hour in the evening, with two new vessels built at the local shipyard last year.",
		"Residents of the islands have campaigned for a faster connection for more than a decade, arguing that the old route left them isolated from jobs, schools and hospitals.",
		"The operator expects about six thousand passengers a day in the first year and plans to add a night service in the summer if demand keeps growing as forecast.",
		"Tickets can be bought at the pier or through the city transport card, and fares for students and pensioners will be cut by half until the end of the year.",
	}
}

func newPortal(t testing.TB) *portal {
	p := &portal{t: t, hits: map[string]int{}, times: map[string][]time.Time{}}
	p.srv = httptest.NewUnstartedServer(http.HandlerFunc(p.serve))
	p.srv.Start()
	t.Cleanup(p.srv.Close)
	return p
}

func (p *portal) url(path string) string { return p.srv.URL + path }

func (p *portal) hitCount(prefix string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for k, v := range p.hits {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

func (p *portal) publish(a article) {
	p.mu.Lock()
	p.extra = append(p.extra, a)
	p.mu.Unlock()
}

func (p *portal) edit(path, para string) {
	p.mu.Lock()
	if p.edits == nil {
		p.edits = map[string]string{}
	}
	p.edits[path] = para
	p.mu.Unlock()
}

func (p *portal) articles() []article {
	p.mu.Lock()
	defer p.mu.Unlock()
	arts := append(append([]article(nil), portalArticles...), p.extra...)
	for i, a := range arts {
		if e, ok := p.edits[a.path]; ok {
			arts[i].paras = append(append([]string(nil), a.paras...), e)
		}
	}
	return arts
}

func (p *portal) serve(w http.ResponseWriter, r *http.Request) {
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	p.mu.Lock()
	p.hits[key]++
	n := p.hits[key]
	p.times[r.URL.Path] = append(p.times[r.URL.Path], time.Now())
	hook := p.onRequest
	p.mu.Unlock()
	if hook != nil {
		hook(r.URL.Path)
	}
	arts := p.articles()
	switch path := r.URL.Path; {
	case path == "/robots.txt":
		fmt.Fprintf(w, "User-agent: *\nDisallow: /private/\n\nSitemap: %s/sitemap_index.xml\n", p.srv.URL)
	case path == "/":
		p.page(w, r, "utf-8", home(p.srv.URL))
	case path == "/news/":
		pg := r.URL.Query().Get("page")
		p.page(w, r, "utf-8", listing(pg, arts))
	case path == "/calendar":
		p.page(w, r, "utf-8", calendar(r.URL.Query().Get("d")))
	case path == "/rss.xml":
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		p.write(w, r, []byte(rss(p.srv.URL, arts)))
	case path == "/sitemap_index.xml":
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>%s/sitemap-news.xml.gz</loc></sitemap></sitemapindex>`, p.srv.URL)
	case path == "/sitemap-news.xml.gz":
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		fmt.Fprintf(zw, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
		for _, a := range []article{arts[0], arts[7]} {
			fmt.Fprintf(zw, `<url><loc>%s%s</loc><news:news><news:publication><news:name>Example</news:name><news:language>zh</news:language></news:publication><news:publication_date>2026-01-12</news:publication_date><news:title>%s</news:title></news:news></url>`, p.srv.URL, a.path, a.title)
		}
		fmt.Fprint(zw, `</urlset>`)
		zw.Close()
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(buf.Bytes())
	case path == "/download/annual-report":
		p.servePDF(w)
	case strings.HasPrefix(path, "/old/"):
		http.Redirect(w, r, "/2026/01/08/moved-article-20260108004.html", http.StatusMovedPermanently)
	case strings.HasPrefix(path, "/2026/01/09/slow-") && n == 1:
		// First request: slower than the crawler's timeout.
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
			return
		}
		p.serveArticle(w, r, arts, path)
	case strings.HasPrefix(path, "/2026/01/10/flaky-") && n == 1:
		w.Header().Set("Retry-After", "1")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	case strings.HasPrefix(path, "/amp/"):
		p.serveArticle(w, r, arts, strings.TrimPrefix(path, "/amp"))
	default:
		p.serveArticle(w, r, arts, path)
	}
}

func (p *portal) serveArticle(w http.ResponseWriter, r *http.Request, arts []article, path string) {
	for _, a := range arts {
		if a.path == path {
			p.page(w, r, a.charset, a.html(p.srv.URL))
			return
		}
	}
	http.NotFound(w, r)
}

// pdfSize is large enough that reading it whole would show.
const pdfSize = 32 << 20

func (p *portal) servePDF(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Length", fmt.Sprint(pdfSize))
	chunk := bytes.Repeat([]byte("%PDF-1.7 junk "), 4096)
	for sent := 0; sent < pdfSize; {
		n, err := w.Write(chunk[:min(len(chunk), pdfSize-sent)])
		sent += n
		p.mu.Lock()
		p.pdfBytes += int64(n)
		p.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// page writes body in the given charset with an ETag, answering 304 when
// the client's validator matches.
func (p *portal) page(w http.ResponseWriter, r *http.Request, cs, body string) {
	var raw []byte
	switch cs {
	case "gbk":
		s, err := simplifiedchinese.GBK.NewEncoder().String(body)
		if err != nil {
			p.t.Errorf("gbk encode: %v", err)
		}
		raw = []byte(s)
		w.Header().Set("Content-Type", "text/html") // charset only in <meta>, as many portals do
	case "big5":
		s, err := traditionalchinese.Big5.NewEncoder().String(body)
		if err != nil {
			p.t.Errorf("big5 encode: %v", err)
		}
		raw = []byte(s)
		w.Header().Set("Content-Type", "text/html; charset=big5")
	default:
		raw = []byte(body)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	p.write(w, r, raw)
}

func (p *portal) write(w http.ResponseWriter, r *http.Request, raw []byte) {
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(raw))[:18] + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(raw)
}

func (a article) html(base string) string {
	meta := `<meta charset="utf-8">`
	site, home, news, cal, src, foot := "示例新闻网", "首页", "新闻", "日历", "来源", "关于我们 | 联系我们 | 版权所有"
	switch a.charset {
	case "gbk":
		meta = `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`
	case "big5":
		meta = `<meta charset="big5">`
		site, home, news, cal, src, foot = "示例新聞網", "首頁", "新聞", "日曆", "來源", "關於我們 | 聯絡我們 | 版權所有"
	}
	if a.lang == "en" {
		meta += `<meta property="article:published_time" content="` + a.pubISO + `">`
		site, home, news, cal, src, foot = "Example News", "Home", "News", "Calendar", "Source", "About us | Contact | Copyright"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="%s"><head>%s<title>%s_%s</title>
<link rel="canonical" href="%s%s"></head><body>
<div class="nav"><a href="/">%s</a> | <a href="/news/">%s</a> | <a href="/calendar?d=2026-01-10">%s</a></div>
<div class="article"><h1>%s</h1><div class="info">%s　%s：%s</div>`, a.lang, meta, a.title, site, base, a.path, home, news, cal, a.title, a.date, src, site)
	for _, p := range a.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	fmt.Fprintf(&b, `</div><div class="footer">%s %s</div></body></html>`, foot, site)
	return b.String()
}

func home(base string) string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>示例新闻网</title>
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml"></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/calendar?d=2026-01-10">日历</a></div>
<ul><li><a href="/news/">最新新闻</a></li>
<li><a href="/private/secret-20260101.html">内部资料</a></li>
<li><a href="/download/annual-report">年度报告下载</a></li>
<li><a href="/2026/01/01/missing-20260101000.html">已删除的文章</a></li>
<li><a href="/2026/01/05/economy-20260105001.html?utm_source=home&amp;utm_medium=web#top">城市更新计划带动老旧小区改造提速</a></li>
<li><a href="/amp/2026/01/05/economy-20260105001.html">城市更新（移动版）</a></li>
<li><a href="` + base + `/2026/01/05/economy-20260105001.html;jsessionid=ABC123">城市更新计划</a></li>
</ul><div class="footer">版权所有 示例新闻网</div></body></html>`
}

func listing(pg string, arts []article) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻列表_示例新闻网</title></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/news/">新闻</a></div><ul class="list">`)
	item := func(href, title, date string) {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span>%s</span></li>`+"\n", href, title, date)
	}
	switch pg {
	case "", "1":
		for _, a := range arts[8:] { // newly published ones come first
			item(a.path, a.title, a.date[:10])
		}
		item(arts[0].path+"?utm_campaign=list&fbclid=XYZ", arts[0].title, arts[0].date[:10])
		item(arts[1].path, arts[1].title, arts[1].date[:10])
		item(arts[2].path, arts[2].title, arts[2].date[:10])
		b.WriteString(`</ul><div class="pages"><a href="/news/?page=2" rel="next">下一页</a></div>`)
	case "2":
		item("/old/port-record", arts[3].title, arts[3].date[:10])
		item(arts[4].path, arts[4].title, arts[4].date[:10])
		item(arts[5].path, arts[5].title, arts[5].date[:10])
		b.WriteString(`</ul><div class="pages"><a href="/news/?page=1">上一页</a></div>`)
	default:
		b.WriteString(`</ul>`)
	}
	b.WriteString(`<div class="footer">版权所有 示例新闻网</div></body></html>`)
	return b.String()
}

// calendar is an endless day-by-day archive: every day links to the next
// and the previous one.
func calendar(d string) string {
	day, err := time.Parse("2006-01-02", d)
	if err != nil {
		day = time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)
	}
	return fmt.Sprintf(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s 新闻回顾</title></head><body>
<h2>%s</h2><p>当日没有新闻。</p><a href="/calendar?d=%s">前一天</a> <a href="/calendar?d=%s">后一天</a></body></html>`,
		d, d, day.AddDate(0, 0, -1).Format("2006-01-02"), day.AddDate(0, 0, 1).Format("2006-01-02"))
}

func rss(base string, arts []article) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>示例新闻网</title><link>%s/</link>`, base)
	items := []article{arts[6], arts[1]}
	items = append(items, arts[8:]...)
	for _, a := range items {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s%s?utm_source=rss</link></item>`, a.title, base, a.path)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// expectedURLs are the record URLs of arts on p.
func (p *portal) expectedURLs(arts []article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, p.url(a.path))
	}
	sort.Strings(out)
	return out
}
