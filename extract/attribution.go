package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// creditRows finds the editor rows anywhere in the page ("责任编辑：某某",
// "编辑：甲 | 来源：某某报 | 作者：乙 丙"): they give the editor, and the
// writers and outlet a row names, and they never join the body. It returns
// which blocks are such rows.
func (r *pageRun) creditRows() []bool {
	w := r.w
	isCredit := make([]bool, len(w.blocks))
	bodyStart := 0
	if r.best >= 0 {
		bodyStart = int(w.spans[r.best].start)
	}
	edAfter, edAny, edResp := "", "", ""
	for i := range w.blocks {
		// Every editor label contains 编/編; skip the rest cheaply.
		if w.blocks[i].runes > 80 || !mayHoldEditor(w.blocks[i].text) {
			continue
		}
		ed, ok := parseEditor(w.blocks[i].text)
		if !ok {
			continue
		}
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
		if lf := labelFields(w.blocks[i].text); len(r.row.authors) == 0 && len(lf.Authors) > 0 || r.row.source == "" && lf.Source != "" {
			if len(r.row.authors) == 0 {
				r.row.authors = lf.Authors
			}
			if r.row.source == "" {
				r.row.source = lf.Source
			}
		}
	}
	r.cr.editor = edAfter
	if edResp != "" {
		r.cr.editor = edResp // the 责任编辑 over a reposted story's desk editor
	}
	if r.cr.editor == "" {
		r.cr.editor = edAny
	}
	return isCredit
}

// credits is the sixth stage: source, authors and editor from every place a
// page prints them, in order of trust, and the body's lines with the credit
// lines taken out.
func (r *pageRun) credits() {
	info, cuts := infoLines(r.w, r.headIdx, r.firstBody())
	r.headlineAboveBody()
	r.structuredAuthors()
	r.infoCredits(info, cuts)
	r.bodyLines()
	r.tailSource()
	r.authorFallbacks()
	if len(r.cr.authors) == 0 {
		r.cr.authors = infoBareName(info) // credit_bare.go
	}
	if len(r.cr.authors) == 0 {
		r.cr.authors = headlineName(r.title, info, r.lines, r.cr.source != "" || r.cr.editor != "") // credit_bare.go
	}
	r.lines = dropEndMatter(r.lines) // end markers, promos, repeated headline (endmatter.go)
}

// structuredAuthors takes JSON-LD authors, the most reliable when a page has
// them, and a per-site authors selector over everything.
func (r *pageRun) structuredAuthors() {
	if ld := &r.doc.meta.ld; len(ld.authors) > 0 && !r.selfCredit(ld.authors, ld.publisher) {
		r.cr.authors = ld.authors
	}
	if len(r.ov.authors) == 0 {
		return
	}
	var names []string
	for _, a := range r.ov.authors {
		if n := parseByline(a); len(n) > 0 {
			names = append(names, n...)
		} else {
			names = append(names, splitNames(a)...)
		}
	}
	if len(names) > 0 {
		r.cr.authors = names
	}
}

// infoCredits reads the labelled lines of the info region (between the
// headline and the body), agency bylines, and an unlabelled outlet printed
// beside the date (source_slot.go).
func (r *pageRun) infoCredits(info []string, cuts [][]int32) {
	cr := &r.cr
	for k, line := range info {
		lf := labelFieldsCut(line, cuts[k])
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
	if cr.source == "" || isPlaceholderSource(cr.source) {
		if v := slotSource(info); v != "" {
			cr.source = v
		} else if v := markedSource(r.w, r.headIdx, r.firstBody()); v != "" {
			cr.source = v // source_marked.go
		}
	}
}

// bodyLines turns the body's blocks into its lines: a source label line at
// either edge and an editor credit closing the last lines become fields, and
// credit lines at the edges leave the body (credit_edges.go).
func (r *pageRun) bodyLines() {
	w, cr := r.w, &r.cr
	lines := make([]string, 0, len(r.idx))
	for k, i := range r.idx {
		t := w.blocks[i].text
		if (k == 0 || k >= len(r.idx)-2) && w.blocks[i].runes <= 60 {
			lf := labelFields(t)
			if lf.Source != "" && len([]rune(t)) <= 40 && (strings.HasPrefix(t, "来源") || strings.HasPrefix(t, "來源") || strings.HasPrefix(t, "稿源") || strings.HasPrefix(t, "Source")) {
				if betterSource(cr.source, lf.Source) || cr.source == "" {
					cr.source = lf.Source
				}
				continue
			}
		}
		if k >= len(r.idx)-2 {
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
	r.lines, r.edge = edgeCredits(lines)
	if betterSource(cr.source, r.edge.source) {
		cr.source = r.edge.source
	}
	if betterSource(cr.source, r.row.source) {
		cr.source = r.row.source
	}
}

// tailSource reads a source line printed just after the body ("来源：新华社")
// when nothing better named the source.
func (r *pageRun) tailSource() {
	w, cr := r.w, &r.cr
	if cr.source != "" && !isPlaceholderSource(cr.source) || len(r.idx) == 0 {
		return
	}
	last := r.idx[len(r.idx)-1]
	for i := last + 1; i < len(w.blocks) && i <= last+4; i++ {
		if w.blocks[i].runes <= 40 {
			if lf := labelFields(w.blocks[i].text); lf.Source != "" && !isPlaceholderSource(lf.Source) {
				cr.source = lf.Source
				return
			}
		}
	}
}

// authorFallbacks fills authors from weaker evidence, in order: a wire
// dateline opening the text (after an "原标题：…" line at most), credits at
// the body's edges, an editor row, byline elements, then author metadata;
// a credit line just after the body adds its names to any of the first.
// An outlet credited as author ("作者：新华网") becomes the source instead.
func (r *pageRun) authorFallbacks() {
	cr := &r.cr
	for k := 0; k < len(r.lines) && k < 2 && len(cr.authors) == 0; k++ {
		if _, authors, ok := parseDateline(r.lines[k]); ok {
			cr.authors = authors
			break
		}
	}
	if len(cr.authors) == 0 {
		cr.authors = r.edge.authors
	}
	if len(cr.authors) == 0 {
		cr.authors = r.tailCompiler()
	}
	if len(cr.authors) == 0 {
		cr.authors = r.row.authors
	}
	// A credit line after the body adds its writers to those found above
	// (credit_tail.go).
	if tail := r.tailAuthors(); len(tail) > 0 {
		authors := slices.Clip(cr.authors) // never append into a slice shared with r.edge or r.row
		for _, a := range tail {
			if !slices.Contains(authors, a) {
				authors = append(authors, a)
			}
		}
		cr.authors = authors
	}
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
		for k, b := range r.doc.bylines {
			if names := bylineNames(b, r.doc.bylineParted[k]); len(names) > 0 {
				cr.authors = names
				break
			}
		}
	}
	if len(cr.authors) == 0 {
		for _, lead := range r.doc.pageLeads() {
			if names := leadNames(lead); len(names) > 0 {
				cr.authors = names // byline_lead.go
				break
			}
		}
	}
	if len(cr.authors) == 0 {
		r.metaAuthors()
	}
	if len(cr.authors) == 0 {
		cr.authors = r.doc.meta.ld.refAuthors // a JSON-LD Person the article points to
	}
	if len(cr.authors) == 0 {
		if v := writtenByMeta(r.doc.meta.metas); v != "" && !notAName(v) {
			cr.authors = latinNames(v) // a Twitter card's "Written by" pair
			if len(cr.authors) == 0 {
				cr.authors = []string{v} // a handle or first name: the label says it is the writer
			}
		}
	}
	if len(cr.authors) == 0 {
		cr.authors = r.doc.meta.ld.authors // the outlet credits itself
	}
}

// selfCredit reports JSON-LD authors that are all the site or its
// publisher ("L'Opinion" on lopinion.fr): templates fill the author with the
// outlet when the writer is printed only in the byline, so they yield to
// any other credit and are taken only when the page names nobody else.
func (r *pageRun) selfCredit(authors []string, publisher string) bool {
	for _, a := range authors {
		a = strings.TrimSpace(a)
		if !strings.EqualFold(a, strings.TrimSpace(r.site)) && !strings.EqualFold(a, strings.TrimSpace(publisher)) {
			return false
		}
	}
	return true
}

// metaAuthors reads the first author meta tag present; an outlet there is
// the source, not an author. citation_author and dc.creator come first:
// "author" often names the publisher.
func (r *pageRun) metaAuthors() {
	cr := &r.cr
	for _, k := range []string{"citation_author", "dc.creator", "author", "article:author", "byl", "parsely-author", "sailthru.author"} {
		v := r.doc.meta.metas[k]
		if v == "" {
			continue
		}
		if isOutletName(cleanText(v)) {
			if cr.source == "" {
				cr.source = v
			}
			return
		}
		if k == "author" && unprintedHanName(r.w, cleanText(v)) {
			return // a CMS uploader; citation_author and dc.creator name writers
		}
		if names := parseByline(v); len(names) > 0 {
			cr.authors = names
		} else {
			cr.authors = splitNames(v)
		}
		return
	}
}

// writtenByMeta returns the value of a Twitter card label/data pair whose
// label credits a writer (twitter:label1 "Written by", twitter:data1 "Jane
// Doe"): SEO plugins print it when the page has no author meta. Other
// pairs ("Est. reading time") are skipped.
func writtenByMeta(metas map[string]string) string {
	for _, k := range [...][2]string{{"twitter:label1", "twitter:data1"}, {"twitter:label2", "twitter:data2"}} {
		switch strings.ToLower(strings.TrimSpace(metas[k[0]])) {
		case "written by", "author", "by", "posted by":
			return strings.TrimSpace(metas[k[1]])
		}
	}
	return ""
}

// infoLines returns the text of the short lines between the headline and
// the first body paragraph, where portals print date, source and author,
// and the same lines joined, for dates split across elements. cuts holds,
// per line, the offsets where an inline element opens or closes (and, in
// the joined line, where one block ends), for labelFieldsCut.
func infoLines(w *blockWalker, head, firstBody int) (lines []string, cuts [][]int32) {
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
	add := func(i int) {
		if lines == nil { // room for a few lines, not append's doublings from one
			lines, cuts = make([]string, 0, 4), make([][]int32, 0, 4)
		}
		lines = append(lines, w.blocks[i].text)
		cuts = append(cuts, w.blockCuts(i))
	}
	for i := start; i < end; i++ {
		if w.blocks[i].runes <= 200 {
			add(i)
		}
	}
	if len(lines) > 1 {
		var joined []int32
		n := 0
		for k, l := range lines {
			if k > 0 {
				joined = append(joined, int32(n))
				n++ // the blank joining them
			}
			for _, c := range cuts[k] {
				joined = append(joined, int32(n)+c)
			}
			n += len(l)
		}
		lines = append(lines, strings.Join(lines, " "))
		cuts = append(cuts, joined)
	}
	// Some pages print the date above the headline.
	if head > 0 {
		for i := max(0, head-2); i < head; i++ {
			if w.blocks[i].runes <= 80 {
				add(i)
			}
		}
	}
	// When the headline is far above the body, the byline sits right
	// before the first paragraph ("光明日报记者 王建宏 张文攀").
	for i := max(end, firstBody-3); i < firstBody && i < len(w.blocks); i++ {
		if w.blocks[i].runes <= 80 {
			add(i)
		}
	}
	return lines, cuts
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

// unprintedHanName reports a Chinese author meta value that is one plain
// personal name the page never prints: Chinese CMSs fill the author tag
// with the staff member who uploaded the story ("马娟" on a government
// gazette page), while the writers a Chinese page credits stand in its
// text. A name the page prints anywhere (a byline the body left out) still
// counts, printed with blanks between its characters too, and so does a
// value that is more than a name ("青网校园崔宁宁":
// a desk's tag, left as it is).
func unprintedHanName(w *blockWalker, v string) bool {
	if !looksLikeHanName(v) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(v)
	for i := range w.blocks {
		t := w.blocks[i].text
		if !strings.ContainsRune(t, first) {
			continue // most blocks: no copy made below
		}
		// Portals pad a two-character name to align it with three-character
		// ones ("王　芳"): the name is printed there too.
		if strings.Contains(t, v) || strings.ContainsAny(t, " \u3000") && strings.Contains(stripBlanks(t), v) {
			return false
		}
	}
	return true
}
