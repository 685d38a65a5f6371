package extract

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file holds the checks that let the page itself say which part of
// <title> is the headline: a heading that links to the site's home page
// names the site, a printed headline confirmed by <title> loses the kicker
// or subtitle glued to it, and a <title> that is a placeholder or a
// greeting never wins over a printed headline.

// namesSite reports whether heading h is the site's name rather than the
// article's headline: it is marked as the logo, or its text is a link to
// the site's home page (the blog header "<h1><a href="/">Site</a></h1>").
// home reports the latter, which also names the site wherever else the
// same text is printed; a class alone is too loosely used for that.
func (p *document) namesSite(h *html.Node) (site, home bool) {
	if a := h.Parent; a != nil && a.DataAtom == atom.A {
		home = p.isHomeLink(attr(a, "href"))
		return home || hasLogoClass(h) || hasLogoClass(a), home
	}
	if hasLogoClass(h) {
		return true, false
	}
	// The link inside the heading: it must carry the whole text, so that a
	// headline holding a home link somewhere in it is not mistaken. The
	// heading's text is read only once a link is found: headline
	// candidates nest, and reading each one's whole text is quadratic.
	ht, read := "", false
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return false, false
		}
		if c.Type != html.ElementNode {
			continue
		}
		a := c
		if a.DataAtom != atom.A && a.FirstChild != nil && a.FirstChild == a.LastChild && a.FirstChild.DataAtom == atom.A {
			a = a.FirstChild // <h1><span><a href="/">Site</a></span></h1>
		}
		if a.DataAtom != atom.A {
			continue
		}
		if !read {
			ht, read = collapseSpace(textOf(h)), true
		}
		if collapseSpace(textOf(a)) != ht {
			continue
		}
		home = p.isHomeLink(attr(a, "href"))
		return home || hasLogoClass(a), home
	}
	return false, false
}

// hasLogoClass reports an element whose class or id says it holds the
// site's logo or name.
func hasLogoClass(n *html.Node) bool {
	for _, k := range [...]string{"class", "id"} {
		v := strings.ToLower(attr(n, k))
		if strings.Contains(v, "logo") || strings.Contains(v, "site-title") || strings.Contains(v, "site-name") {
			return true
		}
	}
	return false
}

// isHomeLink reports whether href leads to the root of the page's own site
// (or of any site when the page's address is unknown). On the home page
// itself a link home proves nothing.
func (p *document) isHomeLink(href string) bool {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") {
		return false
	}
	u, err := url.Parse(href)
	if err != nil || u.RawQuery != "" {
		return false
	}
	if p.base != nil {
		if isRootPath(p.base.Path) {
			return false
		}
		u = p.base.ResolveReference(u)
		if !strings.EqualFold(strings.TrimPrefix(u.Host, "www."), strings.TrimPrefix(p.base.Host, "www.")) {
			return false
		}
	} else if u.Host == "" && !strings.HasPrefix(u.Path, "/") {
		return false // relative to an unknown page
	}
	return isRootPath(u.Path)
}

func isRootPath(path string) bool {
	switch strings.ToLower(path) {
	case "", "/", "/index.html", "/index.htm", "/index.php", "/index.shtml", "/default.aspx", "/default.asp":
		return true
	}
	return false
}

// trimToConfirmed cuts what printed headline t (the text of element h)
// carries beyond a headline that the page's metadata states whole: a kicker
// above it ("Tunesien" + headline), a label ("Headline: …"), a subtitle
// cell or an info line glued on after it. The cut must fall where the
// page itself separates the parts, at an element boundary or a separator,
// so that a <title> shortened mid-phrase never cuts the printed headline;
// and the extra part must be small beside the headline (an info line with
// a date excepted), so a section name never stands for a headline.
func trimToConfirmed(t string, h *html.Node, refs []string) string {
	for _, r := range refs {
		if strings.Contains(r, t) {
			return t // the metadata states all of it
		}
	}
	n := utf8.RuneCountInString(t)
	best := ""
	var chunks []string
	for _, r := range refs {
		m := utf8.RuneCountInString(r)
		if m < 6 || m >= n || m <= utf8.RuneCountInString(best) {
			continue
		}
		i := strings.Index(t, r)
		if i < 0 {
			continue
		}
		if !strings.Contains(r, " ") && !hasCJK(r) {
			continue // one word: more likely a section than a headline
		}
		before, after := t[:i], t[i+len(r):]
		extra := n - m
		if _, _, _, _, ok := findDate(after, time.UTC); ok && extra <= 80 {
			// An info line ("发布时间：…") printed inside the headline element.
		} else if extra > 60 || 2*extra > m {
			continue
		}
		if chunks == nil {
			chunks = textChunks(h)
		}
		// A kicker or label in front must be an element of its own: the
		// same text node holding "Kicker: headline" is one headline.
		if before != "" && !atChunkBoundary(chunks, before) {
			continue
		}
		if after != "" && !startsAtSeparator(after) && !atChunkBoundary(chunks, before+r) {
			continue
		}
		best = r
	}
	if best == "" {
		return t
	}
	return best
}

// titleForms returns the forms of a title line that state a headline
// whole: the line itself and the line without its last part (the site's
// name). The line without its first part is not one: a kicker in front
// ("Firefox – …") is part of the headline the page prints.
func titleForms(s string) []string {
	if s == "" {
		return nil
	}
	forms := []string{s}
	last := -1
	for i := 0; i < len(s); {
		n := titleSepAt(s, i)
		if n == 0 {
			_, sz := utf8.DecodeRuneInString(s[i:])
			i += sz
			continue
		}
		last = i
		i += n
	}
	if last > 0 {
		forms = append(forms, strings.TrimSpace(s[:last]))
	}
	return forms
}

// textChunks returns the text of h's text nodes, whitespace removed, in
// order: where one chunk ends the page itself separates two pieces.
func textChunks(h *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if t := stripSpace(c.Data); t != "" {
					out = append(out, t)
				}
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Script, atom.Style, atom.Rt, atom.Rp:
				default:
					walk(c)
				}
			}
		}
	}
	walk(h)
	return out
}

// atChunkBoundary reports whether prefix (of the element's text) ends
// where one of its text nodes ends.
func atChunkBoundary(chunks []string, prefix string) bool {
	p := stripSpace(prefix)
	acc := 0
	for _, c := range chunks {
		if acc == len(p) {
			return true
		}
		acc += len(c)
		if acc > len(p) {
			return false
		}
	}
	return acc == len(p)
}

func stripSpace(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// startsAtSeparator reports text that opens with the punctuation pages put
// between a headline and what follows it.
func startsAtSeparator(s string) bool {
	s = strings.TrimSpace(s)
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("|｜-–—/»·_([（【", r)
}

func hasCJK(s string) bool {
	for _, r := range s {
		if isCJK(r) {
			return true
		}
	}
	return false
}

// dropPrivateUse removes Private Use Area characters: icon-font glyphs
// ("投身外交(3)\ue004") that render as pictures, not words.
func dropPrivateUse(s string) string {
	if !strings.ContainsFunc(s, isPrivateUse) {
		return s
	}
	return collapseSpace(strings.Map(func(r rune) rune {
		if isPrivateUse(r) {
			return -1
		}
		return r
	}, s))
}

func isPrivateUse(r rune) bool {
	return r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000
}

// isPlaceholderTitle reports a <title> that is a template default (what
// authoring tools put there when nobody writes one) or a greeting
// welcoming visitors to the site ("欢迎访问某某网", "谢谢您访问〖…〗"): it
// names no page, so the headline printed on the page decides instead.
func isPlaceholderTitle(t string) bool {
	lt := strings.ToLower(strings.TrimSpace(t))
	switch lt {
	case "显示", "無標題文件", "无标题文档", "无标题", "未命名", "新建网页", "新建网页 1", "标题",
		"untitled", "untitled document", "document", "new page", "new page 1", "index", "default":
		return true
	}
	for _, g := range [...]string{"欢迎访问", "欢迎光临", "欢迎来到", "歡迎訪問", "歡迎光臨", "谢谢您访问", "谢谢访问", "感谢您访问", "感谢访问", "welcome to "} {
		if strings.HasPrefix(lt, g) {
			return true
		}
	}
	return false
}

// trimSiteName cuts the site's name (one of names, lower case) from either
// end of printed headline t when the page prints it as a link of its own
// inside the headline element h, a logo link glued to the headline
// ("<h1><span>Headline</span><a href="/">Site</a></h1>"), or after a
// spaced dash or bar ("Headline – Site") when the page's metadata declares
// that name (og:site_name, the JSON-LD publisher): the last part of
// <title> is as often a subtitle. A second line that only repeats the
// name is part of the headline.
func trimSiteName(t string, h *html.Node, names []string, declared string) string {
	if len(names) == 0 {
		return t
	}
	lt := strings.ToLower(t)
	if len(lt) != len(t) {
		return t // offsets in lt would not fit t
	}
	var chunks []string
	for _, name := range names {
		if name == "" || len(name) >= len(lt) {
			continue
		}
		var rest, before string
		switch {
		case strings.HasSuffix(lt, name):
			rest = t[:len(t)-len(name)]
			before = rest
		case strings.HasPrefix(lt, name):
			rest = t[len(name):]
			before = t[:len(name)]
		default:
			continue
		}
		if utf8.RuneCountInString(strings.TrimSpace(rest)) < 8 {
			continue
		}
		if rest == before && name == declared && endsWithSeparator(rest) {
			// "Headline – Site": the template echoes the site's name.
			return strings.Trim(rest, " -–—|:·»")
		}
		if chunks == nil {
			chunks = textChunks(h)
		}
		if atChunkBoundary(chunks, before) && hasLinkText(h, name) {
			return strings.Trim(rest, " -–—|:·»")
		}
	}
	return t
}

// endsWithSeparator reports text ending in a spaced dash or bar, the way
// titles set a site's name apart: "Headline – ", "Headline | ".
func endsWithSeparator(s string) bool {
	for _, sep := range [...]string{" - ", " – ", " — ", " | ", " ｜ "} {
		if strings.HasSuffix(s, sep) {
			return true
		}
	}
	return false
}

// hasLinkText reports a link inside h whose whole text is lower-case text.
func hasLinkText(h *html.Node, text string) bool {
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A {
			if strings.ToLower(collapseSpace(textOf(c))) == text {
				return true
			}
			continue
		}
		if hasLinkText(c, text) {
			return true
		}
	}
	return false
}

// headlinePartMarkers name, in class or id, the parts a headline element
// holds beside the headline itself: a kicker or topic line above it
// ("dachzeile", "eyebrow", "overline") and a subtitle below it.
var headlinePartMarkers = [...]string{"kicker", "dachzeile", "topline", "overline", "eyebrow", "subtitle", "subline", "topic-label", "unterzeile"}

// trimMarkedParts cuts from printed headline t (the text of element h) a
// leading or trailing part that h marks by class as a kicker or subtitle.
func trimMarkedParts(t string, h *html.Node) string {
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if hasPartMarker(c) {
				part := collapseSpace(textOf(c))
				if part == "" {
					continue
				}
				rest := ""
				switch {
				case strings.HasPrefix(t, part):
					rest = t[len(part):]
				case strings.HasSuffix(t, part):
					rest = t[:len(t)-len(part)]
				default:
					continue
				}
				rest = strings.Trim(rest, " -–—|:·/")
				if utf8.RuneCountInString(rest) >= 8 {
					t = rest
				}
				continue
			}
			if depth < 3 {
				walk(c, depth+1)
			}
		}
	}
	walk(h, 0)
	return t
}

func hasPartMarker(n *html.Node) bool {
	for _, k := range [...]string{"class", "id"} {
		v := strings.ToLower(attr(n, k))
		if v == "" {
			continue
		}
		for _, m := range headlinePartMarkers {
			if strings.Contains(v, m) {
				return true
			}
		}
	}
	return false
}
