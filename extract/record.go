package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// record is the last stage: every text field normalized (whitespace, NFC,
// pinyin readings that content farms add), names checked, the canonical
// address resolved, the content hash and the article verdict.
func (r *pageRun) record() *Article {
	art, p := r.art, r.doc
	strip := func(s string) string {
		s = cleanText(s)
		out, removed := removePinyin(s, r.aggressive)
		r.pinyin = r.pinyin || removed
		return out
	}
	art.Title = strip(r.title)
	art.SiteName = strip(r.site)
	for k, l := range r.lines {
		r.lines[k] = strip(l)
	}
	art.Body = strings.Join(r.lines, "\n")
	art.Source = strip(r.cr.source)
	art.Editor = strip(r.cr.editor)
	for _, a := range looksLikeNames(r.cr.authors, r.site, r.cr.source) {
		// "编辑：李楠" read as a credit line is the editor, not a second author.
		if a = strip(a); a != art.Editor {
			art.Authors = append(art.Authors, a)
		}
	}
	if r.pinyin {
		art.Warnings = append(art.Warnings, "pinyin_removed")
	}
	art.Lang = r.lang
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
		sum := sha256.Sum256(unsafeBytes(art.Body))  // no copy of the body
		var buf [len("sha256:") + 2*sha256.Size]byte // one allocation: the string
		copy(buf[:], "sha256:")
		hex.Encode(buf[len("sha256:"):], sum[:])
		art.ContentHash = string(buf[:])
	}
	art.IsArticle = art.Title != "" && bodyEff(r.w, r.idx) >= 250
	if len(p.links) > 0 { // nil without links, as append left it before room was made
		art.Links = p.links
	}
	return art
}

// bodyEff is the body's effective length (a CJK character weighs like a
// short word).
func bodyEff(w *blockWalker, idx []int) int {
	n := 0
	for _, i := range idx {
		n += w.blocks[i].eff()
	}
	return n
}
