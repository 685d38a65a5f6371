package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file holds the last resort for a headline: when nothing in the
// page's metadata names the article (no <title>, a placeholder, or one
// that holds only the site's and a section's names) the headline is the
// line printed just above the text, and a line the page sets apart
// (a heading, bold or large type, an element classed as a title) is
// preferred to a plain one.

// printedHeadline returns the headline printed above the body when the
// chosen title is weak, with its block index; "" when the title stands.
// headNode is the element the title came from (nil for metadata).
func (p *document) printedHeadline(w *blockWalker, title, site string, headNode *html.Node, headIdx, firstBody int) (string, int) {
	weak := headIdx < 0 && p.weakTitle(title, site)
	if !weak && headNode == nil && p.siteOnlyTitle() {
		weak = true
	}
	if !weak && headNode != nil && p.noTitleMeta() && isLinkOnly(headNode) {
		// Nothing confirms a heading that only links elsewhere: the
		// blog's name over every post ("<h1><a href="index.html">…").
		weak = true
	}
	if !weak {
		return "", -1
	}
	t, i := styledHeadlineBefore(w, firstBody)
	if t == "" {
		t, i = headlineBefore(w, firstBody)
	}
	if t == "" {
		return "", -1
	}
	return trimHeadlineLabel(t), i
}

// noTitleMeta reports a page whose metadata names no headline: no
// <title> (or a placeholder), no og:title, no JSON-LD headline.
func (p *document) noTitleMeta() bool {
	tag := collapseSpace(p.meta.titleTag)
	return (tag == "" || isPlaceholderTitle(tag)) && p.meta.metas["og:title"] == "" && p.meta.ld.headline == ""
}

// siteSuffixes end the names of sites, portals and blogs.
var siteSuffixes = [...]string{"网", "網", "网站", "網站", "官网", "官網", "首页", "首頁", "博客", "blog", "Blog", "BLOG", "论坛", "論壇", "频道", "頻道"}

// siteOnlyTitle reports a <title> made of a site's name and at most short
// names beside it (a section, a blog owner's name): "新闻动态--中国地理学会官网",
// "北医新闻网_(新闻)", "世艺网>艺术教育". It names no article, so the printed
// headline decides. Metadata naming a headline overrules it.
func (p *document) siteOnlyTitle() bool {
	if p.meta.metas["og:title"] != "" || p.meta.ld.headline != "" {
		return false
	}
	tag := strings.ReplaceAll(collapseSpace(p.meta.titleTag), ">", " | ")
	parts := splitTitle(tag)
	if len(parts) == 0 || len(parts) > 3 {
		return false
	}
	named := false
	for _, part := range parts {
		n := utf8.RuneCountInString(part)
		if !named && n <= 20 && hasSiteSuffix(part) {
			named = true
			continue
		}
		if n > 6 || !hasCJK(part) {
			return false // long enough to be a headline
		}
	}
	return named
}

func hasSiteSuffix(s string) bool {
	s = strings.TrimSpace(s)
	for _, suf := range siteSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// isLinkOnly reports an element whose whole text is one link.
func isLinkOnly(h *html.Node) bool {
	var link *html.Node
	for n := h; n != nil; {
		var only *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" || c.Type == html.CommentNode {
				continue
			}
			if only != nil {
				return false
			}
			only = c
		}
		if only == nil || only.Type != html.ElementNode {
			break
		}
		if only.DataAtom == atom.A {
			link = only
			break
		}
		n = only
	}
	return link != nil && strings.TrimSpace(attr(link, "href")) != ""
}

// styledHeadlineBefore finds the nearest line above the body (or the
// body's first line) that the page sets apart as a headline: short, not a
// sentence, not a credit or date line, and printed as a heading or in an
// element classed as a title, else in bold or large type (an author's or
// organisation's line under a headline is often bold too).
func styledHeadlineBefore(w *blockWalker, firstBody int) (string, int) {
	for pass := 0; pass < 2; pass++ {
		for i := min(firstBody, len(w.blocks)-1); i >= 0 && i >= firstBody-6; i-- {
			b := &w.blocks[i]
			if b.runes < 4 || b.runes > 60 || b.class == blockBad && b.why != "links" || !readsAsHeadline(b.text) {
				continue
			}
			if b.why == "links" && b.linkRunes < b.runes-2 {
				continue
			}
			if isCreditLine(b.text) {
				continue
			}
			if _, _, _, _, ok := findDate(b.text, time.UTC); ok {
				continue
			}
			if pass == 0 && (b.heading || isTitleElement(b.node)) || pass == 1 && isBoldLine(b.node, b.text) {
				return b.text, i
			}
		}
	}
	return "", -1
}

// isTitleElement reports block element n classed as a title or heading
// (itself or its parent), or a heading element.
func isTitleElement(n *html.Node) bool {
	for a, up := n, 0; a != nil && up < 2; a, up = a.Parent, up+1 {
		if classSaysTitle(a) {
			return true
		}
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// isBoldLine reports block element n whose whole text (text) sits inside
// one bold or large-type element.
func isBoldLine(n *html.Node, text string) bool {
	want := stripSpace(text)
	found := false
	var walk func(*html.Node, int)
	walk = func(c *html.Node, depth int) {
		if found || depth > 4 {
			return
		}
		for k := c.FirstChild; k != nil && !found; k = k.NextSibling {
			if k.Type != html.ElementNode {
				continue
			}
			if isEmphasis(k) && stripSpace(textOf(k)) == want {
				found = true
				return
			}
			walk(k, depth+1)
		}
	}
	walk(n, 0)
	return found
}

func classSaysTitle(n *html.Node) bool {
	for _, k := range [...]string{"class", "id"} {
		v := strings.ToLower(attr(n, k))
		if strings.Contains(v, "title") || strings.Contains(v, "heading") || strings.Contains(v, "headline") {
			return true
		}
	}
	return false
}

// isEmphasis reports bold, heading or enlarged type (<font size="3"> and
// up, the default being 3 only where nothing else is set).
func isEmphasis(n *html.Node) bool {
	switch n.DataAtom {
	case atom.B, atom.Strong, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Big:
		return true
	case atom.Font:
		s := strings.TrimSpace(attr(n, "size"))
		return s == "4" || s == "5" || s == "6" || s == "7" || s == "+1" || s == "+2" || s == "+3"
	}
	return false
}

// readsAsHeadline reports a line that can be a headline: no full stop
// inside, not a clause ending in a comma, not mostly digits (a date like
// "2003年5月" or a count).
func readsAsHeadline(t string) bool {
	if strings.ContainsAny(t, "。") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if strings.ContainsRune("，,；;：:、", last) {
		return false
	}
	digits, n := 0, 0
	for _, r := range t {
		if r >= '0' && r <= '9' {
			digits++
		}
		if r != ' ' {
			n++
		}
	}
	return 2*digits < n
}
