package realportal

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Charset header modes; with Charsets on, article N gets mode N%4.
const (
	charsetRight = iota
	charsetMissing
	charsetWrong
	charsetOdd
)

func (p *Portal) charsetMode(id int) int {
	if !p.on(Charsets) {
		return charsetRight
	}
	return id % 4
}

// contentType is the header pg is served with in a charset mode. The wrong
// ones are those real servers send: a site-wide default that does not fit
// the page.
func (pg *page) contentType(mode int) string {
	switch mode {
	case charsetMissing:
		return "text/html"
	case charsetWrong:
		switch pg.kind {
		case kindGBK:
			return "text/html; charset=utf-8"
		case kindZH:
			return "text/html; charset=gbk"
		}
		return "text/html; charset=iso-8859-1"
	case charsetOdd:
		if pg.kind == kindGBK {
			return `text/html; charset="GB2312"`
		}
		return "text/html; charset=utf8"
	}
	return "text/html; charset=" + pg.encoding
}

// markerText is the sentence that makes article id of host h unique.
func markerText(kind string, h, id int) string {
	if kind == kindEN {
		return fmt.Sprintf("(Story NP-%d-%04d.)", h, id)
	}
	return fmt.Sprintf("（稿件编号NP-%d-%04d）", h, id)
}

// editText is the paragraph that edit k adds to article id of host h.
func editText(kind string, h, id, k int) string {
	if kind == kindEN {
		return fmt.Sprintf("Update %d: this story was revised with new details (NP-%d-%04d-%d).", k, h, id, k)
	}
	return fmt.Sprintf("【更新%d】本文第%d次修订，补充了最新进展。（NP-%d-%04d-%d）", k, k, h, id, k)
}

// relatedBlock is the block of same-host links put before </body> of
// article id: related articles a and b (0 for none), their tracking
// duplicates, a dead link and a link into the disallowed directory. Links
// are absolute because the page may carry its own <base href>.
func relatedBlock(kind, base string, id, a, b int, on Trouble) string {
	words := []string{"相关阅读", "相关新闻", "分享", "延伸阅读", "评论", "往期回顾", "内部资料"}
	if kind == kindEN {
		words = []string{"Related", "Related story", "Share", "Further reading", "Comments", "From the archive", "Staff only"}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n<div class=\"np-related\"><h3>%s</h3><ul>\n", words[0])
	li := func(path, text string) { fmt.Fprintf(&sb, "<li><a href=\"%s%s\">%s</a></li>\n", base, path, text) }
	if a > 0 {
		li(newsPath(a), words[1])
		if on&Tracking != 0 {
			li(newsPath(a)+"?from=timeline&amp;isappinstalled=0", words[2])
		}
	}
	if b > 0 {
		li(newsPath(b), words[3])
		if on&Tracking != 0 {
			li(newsPath(b)+"?utm_source=related&amp;utm_medium=article#comments", words[4])
		}
	}
	if on&DeadLinks != 0 {
		li("/gone/"+strconv.Itoa(id)+".html", words[5])
	}
	li("/private/"+strconv.Itoa(id)+".html", words[6])
	sb.WriteString("</ul></div>\n")
	return sb.String()
}

// offsiteBase is the <base href> given to pages when DeadLinks is off:
// their relative links then leave the portal (.invalid never resolves).
const offsiteBase = `<base href="http://offsite.invalid/">`

// render returns pg's bytes with the marker and edit paragraphs after the
// phrase's text, the related block before </body>, and, if baseHref, a
// <base> in <head>. Inserted text is in the page's own encoding; the
// page's bytes are otherwise untouched.
func (pg *page) render(marker string, edits []string, related string, baseHref bool) []byte {
	enc := func(s string) []byte { return encodeLoose(pg.encoding, s) }
	var b bytes.Buffer
	b.Grow(len(pg.raw) + len(related) + 256)
	b.Write(pg.raw[:pg.headAt])
	if baseHref {
		b.WriteString(offsiteBase)
	}
	b.Write(pg.raw[pg.headAt:pg.markAt])
	if pg.kind == kindEN {
		b.WriteByte(' ')
	}
	b.Write(enc(marker))
	for _, e := range edits {
		b.WriteString("<br>")
		b.Write(enc(e))
	}
	b.Write(pg.raw[pg.markAt:pg.bodyAt])
	b.Write(enc(related))
	b.Write(pg.raw[pg.bodyAt:])
	return b.Bytes()
}

// encodeText encodes s in enc ("gbk" or "utf-8"), failing on characters
// GBK lacks.
func encodeText(enc, s string) ([]byte, error) {
	if enc != "gbk" {
		return []byte(s), nil
	}
	return simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
}

// encodeLoose is encodeText with '?' for characters GBK lacks (titles of
// English and UTF-8 pages on the GBK host's listings).
func encodeLoose(enc, s string) []byte {
	if enc != "gbk" {
		return []byte(s)
	}
	b, _ := encoding.ReplaceUnsupported(simplifiedchinese.GBK.NewEncoder()).Bytes([]byte(s))
	return b
}

// serve answers one request of host h.
func (p *Portal) serve(w http.ResponseWriter, r *http.Request, h *host) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		p.errorPage(w, http.StatusMethodNotAllowed)
		return
	}
	path := r.URL.Path
	switch path {
	case "/":
		p.serveHome(w, r, h)
		return
	case "/robots.txt":
		p.serveRobots(w, r, h)
		return
	case "/rss.xml":
		p.serveRSS(w, r, h)
		return
	case "/sitemap_index.xml":
		p.serveSitemapIndex(w, r, h)
		return
	case "/sitemap-news.xml.gz":
		p.serveSitemap(w, r, h)
		return
	}
	if Disallowed(path) {
		p.serveDisallowed(w, r, h)
		return
	}
	if n, ok := numbered(path, "/news/"); ok {
		p.serveArticle(w, r, h, n)
		return
	}
	if n, ok := numbered(path, "/list/"); ok {
		p.serveList(w, r, h, n)
		return
	}
	if p.serveTrouble(w, r, h) {
		return
	}
	p.errorPage(w, http.StatusNotFound)
}

// numbered parses prefix + N + ".html" with N > 0 written plainly, so that
// /news/07.html is not a second URL of article 7.
func numbered(path, prefix string) (int, bool) {
	s, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return 0, false
	}
	s, ok = strings.CutSuffix(s, ".html")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || strconv.Itoa(n) != s {
		return 0, false
	}
	return n, true
}

// reservedPath reports whether a page's own relative link would name an
// article of the portal, and so change how articles can be discovered.
func reservedPath(path string) bool {
	for _, prefix := range []string{"/news/", "/old/", "/go/"} {
		if _, ok := numbered(path, prefix); ok {
			return true
		}
	}
	return false
}

// Disallowed reports whether robots.txt disallows path for every crawler;
// the portal links such paths, and a polite crawler never requests them.
func Disallowed(path string) bool {
	return strings.HasPrefix(path, "/private/") || strings.HasPrefix(path, "/search")
}

// siteName is host h's name on its pages.
func siteName(h int) string { return fmt.Sprintf("环回新闻网%d", h+1) }

// gbkSite reports whether host h writes its own pages in GBK, as many
// Chinese portals still do; even hosts use UTF-8.
func gbkSite(h int) bool { return h%2 == 1 }

// listed returns the stories the listing pages link, newest first; p.mu
// is held.
func listed(h *host) []story {
	var out []story
	for i := len(h.stories) - 1; i >= 0; i-- {
		if s := h.stories[i]; s.onlyIn == "" || s.onlyIn == InListing || s.onlyIn == InRedirect {
			out = append(out, *s)
		}
	}
	return out
}

// lastModified is the newest modification among h's stories; p.mu is held.
func lastModified(h *host) time.Time {
	var t time.Time
	for _, s := range h.stories {
		if s.modified.After(t) {
			t = s.modified
		}
	}
	return t
}

// listHref is the link a listing gives to s.
func listHref(s story) string {
	switch s.quirk {
	case QuirkMoved:
		return "/old/" + strconv.Itoa(s.id) + ".html"
	case QuirkFound:
		return "/go/" + strconv.Itoa(s.id) + ".html"
	}
	return newsPath(s.id)
}

func (p *Portal) serveHome(w http.ResponseWriter, r *http.Request, h *host) {
	p.mu.Lock()
	items, mod := listed(h), lastModified(h)
	p.mu.Unlock()
	pages := (len(items) + p.opts.PerPage - 1) / p.opts.PerPage
	var b strings.Builder
	b.WriteString("<h2>滚动新闻</h2>\n<ul>\n")
	for n := 1; n <= min(pages, 5); n++ {
		fmt.Fprintf(&b, "<li><a href=\"/list/%d.html\">第%d页</a></li>\n", n, n)
	}
	b.WriteString("</ul>\n")
	if p.on(Tracking) {
		b.WriteString("<h2>热点</h2>\n<ul>\n")
		hot := 0
		for _, s := range items {
			if s.onlyIn != "" || s.quirk != "" || hot == 3 {
				continue
			}
			hot++
			fmt.Fprintf(&b, "<li><a href=\"%s?utm_source=home&amp;utm_medium=hot\">%s</a> <a href=\"%s?from=timeline&amp;isappinstalled=0\">分享</a></li>\n",
				newsPath(s.id), html.EscapeString(s.page.title), newsPath(s.id))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("<h2>专题</h2>\n<ul>\n")
	link := func(href, text string) { fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", href, text) }
	link("/private/notice.html", "内部通知")
	if p.on(Redirects) {
		link("/out/1.html", "通知公告")
		link("/loop/1.html", "专题页面")
	}
	if p.on(Errors) {
		link("/gone/1.html", "已删除的稿件")
		link("/gone/2.html", "已撤回的稿件")
		link("/broken/1.html", "互动平台")
	}
	if p.on(Huge) {
		link("/download/report.html", "年度报告全文")
		link("/download/archive.html", "历史资料汇编")
	}
	if p.on(Hang) {
		link("/live/hang.html", "直播")
		link("/live/stall.html", "图文直播")
	}
	if p.on(Traps) {
		link("/archive/2026/01/10/", "新闻档案")
	}
	b.WriteString("</ul>\n")
	p.sendPage(w, r, h, siteName(h.index), b.String(), mod)
}

func (p *Portal) serveList(w http.ResponseWriter, r *http.Request, h *host, n int) {
	p.mu.Lock()
	items, mod := listed(h), lastModified(h)
	p.mu.Unlock()
	per := p.opts.PerPage
	pages := (len(items) + per - 1) / per
	if n > pages {
		p.errorPage(w, http.StatusNotFound)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<h1>滚动新闻 第%d页</h1>\n<ul class=\"list\">\n", n)
	for i, s := range items[(n-1)*per : min(n*per, len(items))] {
		href := listHref(s)
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a> <span>%s</span>", href, html.EscapeString(s.page.title), s.published.Format("2006-01-02 15:04"))
		if p.on(Tracking) && href == newsPath(s.id) && s.onlyIn == "" {
			switch i % 4 {
			case 1:
				fmt.Fprintf(&b, " <a href=\"%s?from=timeline&amp;isappinstalled=0\">分享</a>", href)
			case 3:
				fmt.Fprintf(&b, " <a href=\"%s?utm_source=list&amp;utm_medium=web#comments\">评论</a>", href)
			}
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n<div class=\"pages\">")
	if n > 1 {
		fmt.Fprintf(&b, "<a href=\"/list/%d.html\" rel=\"prev\">上一页</a> ", n-1)
	}
	for k := max(1, n-2); k <= min(pages, n+2); k++ {
		fmt.Fprintf(&b, "<a href=\"/list/%d.html\">%d</a> ", k, k)
	}
	if n < pages {
		fmt.Fprintf(&b, "<a href=\"/list/%d.html\" rel=\"next\">下一页</a> <a href=\"/list/%d.html\">末页</a>", n+1, pages)
	}
	b.WriteString("</div>\n")
	p.sendPage(w, r, h, fmt.Sprintf("滚动新闻 第%d页", n), b.String(), mod)
}

// serveDisallowed answers a robots-disallowed path with an ordinary page,
// so a crawler that ignores robots.txt gets something to take.
func (p *Portal) serveDisallowed(w http.ResponseWriter, r *http.Request, h *host) {
	main := "<h1>内部资料</h1>\n<p>本栏目内容仅供内部人员查阅，请勿转载。</p>\n"
	p.sendPage(w, r, h, "内部资料", main, publishedAt(0))
}

func (p *Portal) serveArticle(w http.ResponseWriter, r *http.Request, h *host, id int) {
	p.mu.Lock()
	if id > len(h.stories) {
		p.mu.Unlock()
		p.errorPage(w, http.StatusNotFound)
		return
	}
	s := *h.stories[id-1]
	a, b := related(h, id)
	h.hits[r.URL.Path]++
	hits := h.hits[r.URL.Path]
	p.mu.Unlock()

	if !p.articleTrouble(w, r, s.quirk, hits) {
		return
	}
	kind := s.page.kind
	var edits []string
	for k := 1; k <= s.edits; k++ {
		edits = append(edits, editText(kind, h.index, id, k))
	}
	body := s.page.render(markerText(kind, h.index, id), edits, relatedBlock(kind, h.base, id, a, b, AllTrouble&^p.opts.Without), !p.on(DeadLinks))
	etag := fmt.Sprintf(`"a%x"`, hash64(fmt.Sprintf("%s|%d|%d|%d|%d|%d", s.page.source, h.index, id, s.edits, a, b)))
	p.send(w, r, s.page.contentType(p.charsetMode(id)), etag, s.modified, body)
}

// related picks the articles that article id links: the nearest newer and
// older ones that can be found in several ways, so that linking them
// changes no article's OnlyIn. p.mu is held.
func related(h *host, id int) (newer, older int) {
	normal := func(n int) bool { return h.stories[n-1].onlyIn == "" }
	for n := id + 1; n <= min(id+10, len(h.stories)); n++ {
		if normal(n) {
			newer = n
			break
		}
	}
	for n := id - 1; n >= max(id-10, 1); n-- {
		if normal(n) {
			older = n
			break
		}
	}
	return newer, older
}

// sendPage wraps main in host h's page frame, in the host's encoding.
func (p *Portal) sendPage(w http.ResponseWriter, r *http.Request, h *host, title, main string, mod time.Time) {
	meta, ctype := `<meta charset="utf-8">`, "text/html; charset=utf-8"
	if gbkSite(h.index) {
		// GBK portals often declare the charset in <meta> only.
		meta, ctype = `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, "text/html"
		if !p.on(Charsets) {
			ctype = "text/html; charset=gbk"
		}
	}
	site := siteName(h.index)
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>\n%s\n<title>%s - %s</title>\n", meta, html.EscapeString(title), site)
	fmt.Fprintf(&b, "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"%s\" href=\"/rss.xml\">\n</head><body>\n", site)
	b.WriteString("<div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/list/1.html\">滚动新闻</a>")
	if p.on(Traps) {
		b.WriteString(" | <a href=\"/calendar/?date=2026-01-10\">往日回顾</a> | <a href=\"/gallery/1.html\">图集</a>")
	}
	b.WriteString(" | <a href=\"/search?q=%E6%96%B0%E9%97%BB\">搜索</a> | <a href=\"/private/index.html\">内部</a></div>\n")
	b.WriteString(main)
	fmt.Fprintf(&b, "<div class=\"footer\"><a href=\"/rss.xml\">RSS</a> | 关于我们 | 联系我们 | 版权所有 %s</div>\n</body></html>\n", site)
	enc := "utf-8"
	if gbkSite(h.index) {
		enc = "gbk"
	}
	body := encodeLoose(enc, b.String())
	p.send(w, r, ctype, fmt.Sprintf(`"p%x"`, hash64(string(body))), mod, body)
}

// send answers with body and its validators; http.ServeContent answers
// conditional requests with 304 (If-None-Match first, then
// If-Modified-Since) and HEAD without a body.
func (p *Portal) send(w http.ResponseWriter, r *http.Request, ctype, etag string, mod time.Time, body []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", etag)
	http.ServeContent(w, r, "", mod, bytes.NewReader(body))
}

// errorPage answers with an HTML error page, as portals do.
func (p *Portal) errorPage(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%d %s</title></head><body>\n<h1>%d %s</h1>\n<p>您访问的页面不存在或暂时无法访问。</p>\n<p><a href=\"/\">返回首页</a></p>\n</body></html>\n",
		code, http.StatusText(code), code, http.StatusText(code))
}

func hash64(s string) uint64 {
	f := fnv.New64a()
	f.Write([]byte(s))
	return f.Sum64()
}
