package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// metadata is the third stage: the headline and the site's name, from
// <title>, metadata and headline elements checked against each other
// (title.go, title_page.go); a per-site title selector wins.
func (r *pageRun) metadata() {
	r.title, r.headNode, r.site = r.doc.chooseTitle()
	if r.ov.title != "" {
		r.title, r.headNode = r.ov.title, nil
	}
}

// headlineAboveBody takes the headline printed above the body when
// metadata names no article: no or a placeholder <title>, one holding only
// the site's name, a heading that only links home (title_fallback.go); and
// a Chinese headline loses the gaps the page does not print.
func (r *pageRun) headlineAboveBody() {
	if t, i := r.doc.printedHeadline(r.w, r.title, r.site, r.headNode, r.headIdx, r.firstBody()); t != "" {
		r.title, r.headIdx = t, i
	}
	r.title = printedGaps(r.w, r.title, r.headIdx, len(r.w.blocks)) // title_gaps.go
}

// findHeadline returns the index of the block holding the headline, or -1.
func findHeadline(w *blockWalker, node *html.Node, title string, best int32) int {
	if node != nil {
		for i := range w.blocks {
			for n := w.blocks[i].node; n != nil; n = n.Parent {
				if n == node {
					return i
				}
				if n.Parent == nil {
					break
				}
			}
		}
	}
	if title == "" {
		return -1
	}
	limit := len(w.blocks)
	if best >= 0 {
		limit = int(w.spans[best].end)
	}
	for i := 0; i < limit; i++ {
		if w.blocks[i].text == title {
			return i
		}
	}
	return -1
}

// weakTitle reports a headline that came from a <title> holding nothing but
// the site's name, with no headline element to confirm it.
func (p *document) weakTitle(title, site string) bool {
	if title == "" || title == site {
		return true
	}
	if p.meta.ld.headline != "" || p.meta.metas["og:title"] != "" || p.titleParts != 1 {
		return false
	}
	// A lone <title> that reads like a site's name ("松花江网", "某某的博客").
	n := utf8.RuneCountInString(title)
	for _, suffix := range []string{"网", "網", "博客", "Blog", "blog", "首页", "首頁", "官网", "官網"} {
		if n <= 12 && strings.HasSuffix(title, suffix) {
			return true
		}
	}
	return false
}

// headlineBefore finds a headline-like line just above the body: short,
// not a sentence, not a credit or date line.
func headlineBefore(w *blockWalker, firstBody int) (string, int) {
	for i := firstBody - 1; i >= 0 && i >= firstBody-6; i-- {
		b := &w.blocks[i]
		if b.runes < 4 || b.runes > 60 || b.class == blockBad && b.why != "links" || strings.ContainsAny(b.text, "。！？") {
			continue
		}
		if b.why == "links" && b.linkRunes < b.runes-2 {
			continue // a self-link headline is a single link, not a menu
		}
		if isCreditLine(b.text) {
			continue
		}
		if _, _, _, _, ok := findDate(b.text, time.UTC); ok {
			continue
		}
		return b.text, i
	}
	return "", -1
}
