package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// jst is used for Japanese and Korean pages that print no zone.
var jst = time.FixedZone("", 9*3600)

func extract(raw []byte, pageURL string, header http.Header, opts *Options) (*Article, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, ErrEmpty
	}
	contentType := ""
	if header != nil {
		contentType = header.Get("Content-Type")
	}
	if !looksLikeHTML(raw, contentType) {
		return nil, ErrNotHTML
	}
	dec, err := Decode(raw, contentType, opts.Charset)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(bytes.NewReader(dec.Text))
	if err != nil {
		// x/net/html gives up on trees deeper than 512 elements (legacy
		// pages with unclosed tags in loops); keep the text, drop the depth.
		root, err = html.Parse(bytes.NewReader(flattenDeep(dec.Text, 256)))
		if err != nil {
			return nil, fmt.Errorf("parse html: %w", err)
		}
	}
	p := &document{root: root, collect: opts.CollectLinks}
	if u, err := url.Parse(pageURL); err == nil && u.Scheme != "" {
		p.base = u
	}
	// Site rules run first: what they remove must not feed the scan either.
	ov := opts.Rules.apply(root)
	p.scan(root)
	if p.body == nil {
		p.body = root
	}

	art := &Article{URL: pageURL, Encoding: dec.Encoding}
	art.Warnings = append(art.Warnings, dec.Warnings...)

	title, headNode, site := p.chooseTitle()
	if ov.title != "" {
		title, headNode = ov.title, nil
	}

	w := segmentBlocks(p.body, len(dec.Text), pageHost(p.base))
	if len(w.blocks) == 0 && title == "" {
		return nil, ErrEmpty
	}
	if w.spam > 0 {
		art.Warnings = append(art.Warnings, "link_spam_removed")
	}
	// Reading annotations break labels ("責(zé)任編輯"), so they go before any
	// block is read.
	toned := pinyinScan(p.meta.titleTag)
	for i := range w.blocks {
		if toned >= 3 {
			break
		}
		toned += pinyinScan(w.blocks[i].text)
	}
	aggressive := toned >= 3
	pinyin := false
	if toned > 0 { // without a toned reading there is nothing to remove
		for i := range w.blocks {
			b := &w.blocks[i]
			if t, removed := removePinyin(b.text, aggressive); removed {
				b.text, pinyin = t, true
				b.runes, b.cjk = countRunes(t)
				b.linkRunes = min(b.linkRunes, b.runes)
			}
		}
	}

	if headNode != nil && ov.title == "" {
		w.head = int32(findHeadline(w, headNode, "", -1))
	}
	classify(w)
	best := chooseBody(w, opts.Trace)
	forced := false
	if ov.body != nil {
		for i := range w.spans {
			if w.spans[i].node == ov.body {
				best, forced = int32(i), true
				break
			}
		}
	}
	headIdx := findHeadline(w, headNode, title, best)

	// Editor and source lines are credits, not body.
	isCredit := make([]bool, len(w.blocks))
	var cr credits
	bodyStart := 0
	if best >= 0 {
		bodyStart = int(w.spans[best].start)
	}
	edAfter, edAny, edResp := "", "", ""
	// An editor row may name the writers and the outlet too
	// ("编辑：甲 | 来源：某某报 | 作者：乙 丙"); the row leaves the body whole.
	var row bodyCredits
	for i := range w.blocks {
		// Every editor label contains 编/編; skip the rest cheaply.
		if w.blocks[i].runes > 80 || !mayHoldEditor(w.blocks[i].text) {
			continue
		}
		if ed, ok := parseEditor(w.blocks[i].text); ok {
			isCredit[i] = true
			if edAny == "" {
				edAny = ed
			}
			if edAfter == "" && i >= bodyStart {
				edAfter = ed
			}
			if edResp == "" && isResponsibleEditor(w.blocks[i].text) {
				edResp = ed
			}
			if lf := labelFields(w.blocks[i].text); len(row.authors) == 0 && len(lf.Authors) > 0 || row.source == "" && lf.Source != "" {
				if len(row.authors) == 0 {
					row.authors = lf.Authors
				}
				if row.source == "" {
					row.source = lf.Source
				}
			}
		}
	}
	cr.editor = edAfter
	if edResp != "" {
		cr.editor = edResp // the 责任编辑 over a reposted story's desk editor
	}
	if cr.editor == "" {
		cr.editor = edAny
	}
	skip := func(i int) bool { return isCredit[i] || i == headIdx }
	var idx []int
	if forced {
		// The site's own body selector: keep all but chrome.
		for i := w.spans[best].start; i < w.spans[best].end; i++ {
			if w.blocks[i].class != blockBad && !skip(int(i)) {
				idx = append(idx, int(i))
			}
		}
	} else if best >= 0 {
		idx = trimTailCalls(w, assemble(w, best, skip))
	} else {
		// No prose anywhere (a stub or a tiny page): keep whatever text is
		// not boilerplate, so nothing real is lost.
		for i := range w.blocks {
			if w.blocks[i].class != blockBad && !skip(i) {
				idx = append(idx, i)
			}
		}
	}
	if opts.Trace != nil {
		traceBlocks(opts.Trace, w, best, idx, headIdx)
	}

	// The info region: the short lines between the headline and the body.
	firstBody := len(w.blocks)
	if len(idx) > 0 {
		firstBody = idx[0]
	}
	info := infoLines(w, headIdx, firstBody)
	if headIdx < 0 && p.weakTitle(title, site) {
		if t, i := headlineBefore(w, firstBody); t != "" {
			title, headIdx = t, i
		}
	}
	// Structured authors are the most reliable when a page has them.
	if len(p.meta.ld.authors) > 0 {
		cr.authors = p.meta.ld.authors
	}
	if len(ov.authors) > 0 {
		var names []string
		for _, a := range ov.authors {
			if n := parseByline(a); len(n) > 0 {
				names = append(names, n...)
			} else {
				names = append(names, splitNames(a)...)
			}
		}
		if len(names) > 0 {
			cr.authors = names
		}
	}
	for _, line := range info {
		lf := labelFields(line)
		if v := trimChrome(lf.Source); betterSource(cr.source, v) && !isMarkupLeak(v) || cr.source == "" && v != "" && !isMarkupLeak(v) {
			cr.source = v
		}
		if agency := bylineAgency(line); agency != "" {
			if cr.source == "" {
				cr.source = agency
			}
			if len(lf.Authors) == 0 {
				// "By JOHN DOE Associated Press": the names come before the agency.
				if i := strings.LastIndex(line, agency); i > 0 {
					lf.Authors = parseByline(strings.TrimRight(line[:i], " ,|-–—"))
				}
			}
		}
		if len(cr.authors) == 0 && (len(lf.Authors) == 0 || !isMarkupLeak(lf.Authors[0])) {
			cr.authors = lf.Authors
		}
		if cr.editor == "" && !isMarkupLeak(lf.Editor) {
			cr.editor = lf.Editor
		}
	}
	// An outlet printed beside the date without a label is the source when no
	// labelled one is (source_slot.go).
	if cr.source == "" || isPlaceholderSource(cr.source) {
		if v := slotSource(info); v != "" {
			cr.source = v
		}
	}

	// Body text: drop label lines at its edges and an editor credit at its end.
	lines := make([]string, 0, len(idx))
	for k, i := range idx {
		t := w.blocks[i].text
		if (k == 0 || k >= len(idx)-2) && w.blocks[i].runes <= 60 {
			lf := labelFields(t)
			if lf.Source != "" && len([]rune(t)) <= 40 && (strings.HasPrefix(t, "来源") || strings.HasPrefix(t, "來源") || strings.HasPrefix(t, "稿源") || strings.HasPrefix(t, "Source")) {
				if betterSource(cr.source, lf.Source) || cr.source == "" {
					cr.source = lf.Source
				}
				continue
			}
		}
		if k >= len(idx)-2 {
			if rest, ed := tailEditor(t); ed != "" {
				if cr.editor == "" {
					cr.editor = ed
				}
				t = rest
				if t == "" {
					continue
				}
			}
		}
		lines = append(lines, t)
	}
	// Credit lines at the body's edges leave it (credit_edges.go).
	lines, edge := edgeCredits(lines)
	if betterSource(cr.source, edge.source) {
		cr.source = edge.source
	}
	if betterSource(cr.source, row.source) {
		cr.source = row.source
	}
	// Tail source lines after the body ("来源：新华社").
	if (cr.source == "" || isPlaceholderSource(cr.source)) && len(idx) > 0 {
		for i := idx[len(idx)-1] + 1; i < len(w.blocks) && i <= idx[len(idx)-1]+4; i++ {
			if w.blocks[i].runes <= 40 {
				if lf := labelFields(w.blocks[i].text); lf.Source != "" && !isPlaceholderSource(lf.Source) {
					cr.source = lf.Source
					break
				}
			}
		}
	}

	// The wire dateline opens the text, after an "原标题：…" line at most.
	for k := 0; k < len(lines) && k < 2 && len(cr.authors) == 0; k++ {
		if _, authors, ok := parseDateline(lines[k]); ok {
			cr.authors = authors
			break
		}
	}
	// Writers credited at the body's edges or in an editor row.
	if len(cr.authors) == 0 {
		cr.authors = edge.authors
	}
	if len(cr.authors) == 0 {
		cr.authors = row.authors
	}
	// An outlet credited as author ("作者：新华网") is the source; the other
	// author evidence below still gets its turn.
	if len(cr.authors) > 0 {
		kept := cr.authors[:0:0]
		for _, a := range cr.authors {
			if !isOutletName(cleanText(a)) {
				kept = append(kept, a)
			} else if cr.source == "" {
				cr.source = a
			}
		}
		cr.authors = kept
	}
	if len(cr.authors) == 0 {
		for _, b := range p.bylines {
			if names := parseByline(b); len(names) > 0 {
				cr.authors = names
				break
			}
		}
	}
	if len(cr.authors) == 0 {
		for _, k := range []string{"author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"} {
			if v := p.meta.metas[k]; v != "" {
				if isOutletName(cleanText(v)) {
					if cr.source == "" {
						cr.source = v
					}
					break
				}
				if names := parseByline(v); len(names) > 0 {
					cr.authors = names
				} else {
					cr.authors = splitNames(v)
				}
				break
			}
		}
	}

	// Language and zone decide how naive dates are read.
	body := strings.Join(lines, "\n")
	lang := detectLang(p.meta.lang, p.meta.metas["content-language"], title, body)
	loc := time.UTC
	switch {
	case strings.HasPrefix(lang, "zh"):
		loc = cst8 // mainland China, Hong Kong, Macau and Taiwan
	case strings.HasPrefix(lang, "ja"), strings.HasPrefix(lang, "ko"):
		loc = jst
	}
	art.PublishedAt = choosePublished(&publishedInput{doc: p, w: w, head: headIdx, body: idx, url: pageURL, loc: loc, lang: lang, now: opts.Now, trace: opts.Trace})
	if ov.date != "" {
		if t, _, ok := parseDate(ov.date, loc); ok {
			art.PublishedAt = t
		} else if t, _, _, _, ok := findDate(ov.date, loc); ok {
			art.PublishedAt = t
		}
	}

	// Content farms annotate characters with pinyin; strip it everywhere.
	strip := func(s string) string {
		s = cleanText(s)
		out, removed := removePinyin(s, aggressive)
		pinyin = pinyin || removed
		return out
	}
	art.Title = strip(title)
	art.SiteName = strip(site)
	for k, l := range lines {
		lines[k] = strip(l)
	}
	art.Body = strings.Join(lines, "\n")
	art.Source = strip(cr.source)
	art.Editor = strip(cr.editor)
	for _, a := range looksLikeNames(cr.authors, site, cr.source) {
		// "编辑：李楠" read as a credit line is the editor, not a second author.
		if a = strip(a); a != art.Editor {
			art.Authors = append(art.Authors, a)
		}
	}
	if pinyin {
		art.Warnings = append(art.Warnings, "pinyin_removed")
	}
	art.Lang = lang
	if c := p.meta.canonical; c != "" {
		if u, ok := p.resolve(c); ok {
			art.CanonicalURL = u
		}
	} else if c := p.meta.metas["og:url"]; c != "" {
		if u, ok := p.resolve(c); ok {
			art.CanonicalURL = u
		}
	}
	if art.Body != "" {
		sum := sha256.Sum256([]byte(art.Body))
		art.ContentHash = "sha256:" + hex.EncodeToString(sum[:])
	}
	art.IsArticle = art.Title != "" && bodyEff(w, idx) >= 250
	art.Links = p.links
	return art, nil
}

func bodyEff(w *blockWalker, idx []int) int {
	n := 0
	for _, i := range idx {
		n += w.blocks[i].eff()
	}
	return n
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

// infoLines returns the text of the short lines between the headline and
// the first body paragraph, where portals print date, source and author,
// and the same lines joined, for dates split across elements.
func infoLines(w *blockWalker, head, firstBody int) []string {
	start := head + 1
	if head < 0 {
		start = firstBody - 4
	}
	if start < 0 {
		start = 0
	}
	end := firstBody
	if end > start+8 {
		end = start + 8
	}
	if end > len(w.blocks) {
		end = len(w.blocks)
	}
	var lines []string
	for i := start; i < end; i++ {
		if w.blocks[i].runes <= 200 {
			lines = append(lines, w.blocks[i].text)
		}
	}
	if len(lines) > 1 {
		lines = append(lines, strings.Join(lines, " "))
	}
	// Some pages print the date above the headline.
	if head > 0 {
		for i := max(0, head-2); i < head; i++ {
			if w.blocks[i].runes <= 80 {
				lines = append(lines, w.blocks[i].text)
			}
		}
	}
	// When the headline is far above the body, the byline sits right
	// before the first paragraph ("光明日报记者 王建宏 张文攀").
	for i := max(end, firstBody-3); i < firstBody && i < len(w.blocks); i++ {
		if w.blocks[i].runes <= 80 {
			lines = append(lines, w.blocks[i].text)
		}
	}
	return lines
}

// looksLikeHTML rejects bodies that are clearly not HTML: a non-HTML
// Content-Type or binary content.
func looksLikeHTML(raw []byte, contentType string) bool {
	// Only types that are clearly something else are refused outright;
	// misconfigured servers label HTML application/octet-stream or worse,
	// so anything else is sniffed.
	ct := strings.ToLower(contentType)
	for _, t := range [...]string{"image/", "audio/", "video/", "font/", "application/pdf", "application/json",
		"application/zip", "application/gzip", "application/x-gzip", "application/msword", "application/vnd."} {
		if strings.HasPrefix(ct, t) {
			return false
		}
	}
	head := raw
	if len(head) > 512 {
		head = head[:512]
	}
	sniffed := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(sniffed, "text/html"), strings.HasPrefix(sniffed, "text/xml"), strings.Contains(sniffed, "utf-16"):
		return true
	case strings.HasPrefix(sniffed, "image/"), strings.HasPrefix(sniffed, "audio/"), strings.HasPrefix(sniffed, "video/"),
		strings.HasPrefix(sniffed, "font/"), strings.HasPrefix(sniffed, "application/pdf"), strings.HasPrefix(sniffed, "application/zip"),
		strings.HasPrefix(sniffed, "application/x-gzip"), strings.HasPrefix(sniffed, "application/wasm"), bytes.IndexByte(head, 0) >= 0:
		return false
	}
	// Legacy pages may open with any tag (or none); look for markup.
	probe := raw[:min(len(raw), 8192)]
	for i := 0; i+1 < len(probe); i++ {
		if probe[i] == '<' && (probe[i+1]|0x20 >= 'a' && probe[i+1]|0x20 <= 'z' || probe[i+1] == '!') {
			return true
		}
	}
	return false
}

// traceBlocks writes the block table that Options.Trace asks for.
func traceBlocks(out io.Writer, w *blockWalker, best int32, idx []int, head int) {
	in := make(map[int]bool, len(idx))
	for _, i := range idx {
		in[i] = true
	}
	var lo, hi int32 = -1, -1
	if best >= 0 {
		lo, hi = w.spans[best].start, w.spans[best].end
		fmt.Fprintf(out, "chosen element: <%s class=%q id=%q> blocks %d..%d\n", w.spans[best].node.Data, attr(w.spans[best].node, "class"), attr(w.spans[best].node, "id"), lo, hi)
	}
	names := [...]string{"short", "GOOD", "bad"}
	for i := range w.blocks {
		b := &w.blocks[i]
		mark := " "
		switch {
		case in[i]:
			mark = "+"
		case i == head:
			mark = "H"
		case int32(i) >= lo && int32(i) < hi:
			mark = "."
		}
		t := b.text
		if r := []rune(t); len(r) > 70 {
			t = string(r[:70]) + "…"
		}
		fmt.Fprintf(out, "%s %4d %-5s %-8s eff=%-5d ld=%.2f p=%-3d <%s> %s\n", mark, i, names[b.class], b.why, b.eff(), b.linkDensity(), b.punct, b.node.Data, t)
	}
}

func mayHoldEditor(s string) bool {
	return strings.Contains(s, "编") || strings.Contains(s, "編")
}

// trimChrome cuts a label value where page furniture starts
// ("新華網 字號大中小" → "新華網").
func trimChrome(v string) string {
	for i, r := range v {
		if chromeSet.hasPrefixAny(v[i:], r) {
			return strings.TrimSpace(v[:i])
		}
	}
	return v
}

// isMarkupLeak reports label values that are really broken markup
// (`size="20"` printed by a page whose tags lost their brackets). Quotes
// alone are fine: `Amanda "Tania Mae" Tan`.
func isMarkupLeak(v string) bool {
	return strings.ContainsAny(v, "=<>")
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

// flattenDeep rewrites a page so that no element nests deeper than limit:
// start and end tags below that depth are dropped, their text is kept.
func flattenDeep(page []byte, limit int) []byte {
	z := html.NewTokenizer(bytes.NewReader(page))
	out := make([]byte, 0, len(page))
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if isVoidElement(string(name)) {
				break
			}
			depth++
			if depth > limit {
				continue
			}
		case html.EndTagToken:
			depth--
			if depth >= limit {
				continue
			}
		}
		out = append(out, z.Raw()...)
	}
}

func isVoidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}
