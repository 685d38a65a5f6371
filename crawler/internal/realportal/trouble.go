package realportal

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// serveTrouble answers the trouble paths of host h (redirects, errors,
// hanging and huge pages, traps) and reports whether path was one of them
// with its kind of trouble on.
func (p *Portal) serveTrouble(w http.ResponseWriter, r *http.Request, h *host) bool {
	path := r.URL.Path
	if n, ok := numbered(path, "/old/"); ok && p.quirk(h, n) == QuirkMoved {
		http.Redirect(w, r, newsPath(n), http.StatusMovedPermanently)
		return true
	}
	if n, ok := numbered(path, "/go/"); ok && p.quirk(h, n) == QuirkFound {
		http.Redirect(w, r, newsPath(n), http.StatusFound)
		return true
	}
	if n, ok := numbered(path, "/out/"); ok && p.on(Redirects) {
		http.Redirect(w, r, "/private/"+strconv.Itoa(n)+".html", http.StatusFound)
		return true
	}
	if n, ok := numbered(path, "/loop/"); ok && n <= 2 && p.on(Redirects) {
		http.Redirect(w, r, "/loop/"+strconv.Itoa(3-n)+".html", http.StatusFound)
		return true
	}
	if n, ok := numbered(path, "/gone/"); ok && (p.on(Errors) || p.on(DeadLinks)) {
		code := http.StatusNotFound
		if n%2 == 0 {
			code = http.StatusGone
		}
		p.errorPage(w, code)
		return true
	}
	if _, ok := numbered(path, "/broken/"); ok && p.on(Errors) {
		p.errorPage(w, http.StatusInternalServerError)
		return true
	}
	switch {
	case (path == "/download/report.html" || path == "/download/archive.html") && p.on(Huge):
		p.serveHuge(w, r, path == "/download/report.html")
	case path == "/live/hang.html" && p.on(Hang):
		p.wait(r, -1)
	case path == "/live/stall.html" && p.on(Hang):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>图文直播</title></head><body>\n<h1>图文直播</h1>\n<p>直播即将开始")
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		p.wait(r, -1)
	case strings.HasPrefix(path, "/calendar/") || strings.HasPrefix(path, "/archive/") || strings.HasPrefix(path, "/gallery/"):
		return p.on(Traps) && p.serveTrap(w, r, h)
	default:
		return false
	}
	return true
}

// quirk returns the quirk of article n of h, "" if there is none.
func (p *Portal) quirk(h *host, n int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n > len(h.stories) {
		return ""
	}
	return h.stories[n-1].quirk
}

// articleTrouble plays an article's quirk for its hits-th request and
// reports whether the article should still be served.
func (p *Portal) articleTrouble(w http.ResponseWriter, r *http.Request, quirk string, hits int) bool {
	switch quirk {
	case QuirkFlaky:
		if hits <= p.opts.FlakyFailures {
			p.errorPage(w, http.StatusInternalServerError)
			return false
		}
	case QuirkUnavailable:
		if hits == 1 {
			w.Header().Set("Retry-After", strconv.Itoa(p.opts.RetryAfter))
			p.errorPage(w, http.StatusServiceUnavailable)
			return false
		}
	case QuirkSlow:
		return p.wait(r, p.opts.SlowDelay)
	}
	return true
}

// wait waits d (forever if d < 0) and reports whether it did, rather than
// being cut short by the client leaving or the portal closing.
func (p *Portal) wait(r *http.Request, d time.Duration) bool {
	var timeout <-chan time.Time
	if d >= 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-timeout:
		return true
	case <-r.Context().Done():
	case <-p.done:
	}
	return false
}

// serveHuge streams Options.HugeSize bytes of HTML, announced in
// Content-Length when withLength, chunked otherwise, and stops as soon as
// the client leaves.
func (p *Portal) serveHuge(w http.ResponseWriter, r *http.Request, withLength bool) {
	const head = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>年度报告全文</title></head><body>\n"
	const tail = "</body></html>\n"
	size := p.opts.HugeSize
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if withLength {
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
	}
	if r.Method == http.MethodHead {
		return
	}
	line := "<p>本报告共分十二章，详细介绍了本年度各项工作的进展情况、存在的问题和下一步的工作安排。</p>\n"
	chunk := []byte(strings.Repeat(line, 64<<10/len(line)))
	cw := &capWriter{w: w, left: size}
	io.WriteString(cw, head)
	for cw.left > int64(len(tail)) {
		if r.Context().Err() != nil {
			return
		}
		if _, err := cw.Write(chunk[:min(int64(len(chunk)), cw.left-int64(len(tail)))]); err != nil {
			return
		}
	}
	io.WriteString(cw, tail)
}

// capWriter writes at most left bytes to w and drops the rest.
type capWriter struct {
	w    io.Writer
	left int64
}

func (c *capWriter) Write(b []byte) (int, error) {
	n := len(b)
	if int64(len(b)) > c.left {
		b = b[:c.left]
	}
	m, err := c.w.Write(b)
	c.left -= int64(m)
	if err != nil {
		return m, err
	}
	return n, nil
}

// trapDay is the day the traps' entry links show.
func trapDay() time.Time { return time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC) }

// serveTrap answers the endless pages: a calendar selected by ?date=, a
// dated archive, and a picture gallery whose numbers never end (and whose
// URLs do not look like dates, so only depth or page caps stop a crawler).
func (p *Portal) serveTrap(w http.ResponseWriter, r *http.Request, h *host) bool {
	path := r.URL.Path
	var b strings.Builder
	var title string
	switch {
	case path == "/calendar/":
		day := trapDay()
		if d := r.URL.Query().Get("date"); d != "" {
			var err error
			if day, err = time.Parse("2006-01-02", d); err != nil {
				return false
			}
		}
		title = day.Format("2006年01月02日") + " 新闻回顾"
		fmt.Fprintf(&b, "<h1>%s</h1>\n<p>当日暂无新闻。</p>\n", title)
		fmt.Fprintf(&b, "<p><a href=\"/calendar/?date=%s\">前一天</a> <a href=\"/calendar/?date=%s\">后一天</a> <a href=\"/archive/%s/\">当日档案</a></p>\n",
			day.AddDate(0, 0, -1).Format("2006-01-02"), day.AddDate(0, 0, 1).Format("2006-01-02"), day.Format("2006/01/02"))
	case strings.HasPrefix(path, "/archive/"):
		rest := strings.TrimPrefix(path, "/archive/")
		day, err := time.Parse("2006/01/02/", rest)
		if err != nil || day.Format("2006/01/02/") != rest {
			return false
		}
		title = day.Format("2006年01月02日") + " 新闻档案"
		fmt.Fprintf(&b, "<h1>%s</h1>\n<p>本日档案整理中。</p>\n<p><a href=\"/archive/%s/\">前一天</a> <a href=\"/archive/%s/\">后一天</a></p>\n",
			title, day.AddDate(0, 0, -1).Format("2006/01/02"), day.AddDate(0, 0, 1).Format("2006/01/02"))
	default:
		n, ok := numbered(path, "/gallery/")
		if !ok {
			return false
		}
		title = fmt.Sprintf("图集 第%d张", n)
		fmt.Fprintf(&b, "<h1>%s</h1>\n<p><img src=\"/img/%d.jpg\" alt=\"图片%d\"></p>\n<p>图为城市街景。</p>\n<p>", title, n, n)
		if n > 1 {
			fmt.Fprintf(&b, "<a href=\"/gallery/%d.html\">上一张</a> ", n-1)
		}
		fmt.Fprintf(&b, "<a href=\"/gallery/%d.html\">下一张</a></p>\n", n+1)
	}
	p.sendPage(w, r, h, title, b.String(), trapDay())
	return true
}
