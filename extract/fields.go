package extract

import (
	"strings"
	"time"
)

// jst is used for Japanese and Korean pages that print no zone.
var jst = time.FixedZone("", 9*3600)

// fields is the seventh stage: the page's language, which decides the zone
// naive dates are read in, and the publish date (published.go); a per-site
// date selector wins when it parses.
func (r *pageRun) fields() {
	p := r.doc
	r.lang = detectLangLines(p.meta.lang, p.meta.metas["content-language"], r.title, r.lines)
	loc := time.UTC
	switch {
	case strings.HasPrefix(r.lang, "zh"):
		loc = cst8 // mainland China, Hong Kong, Macau and Taiwan
	case strings.HasPrefix(r.lang, "ja"), strings.HasPrefix(r.lang, "ko"):
		loc = jst
	}
	r.art.PublishedAt = choosePublished(&publishedInput{doc: p, w: r.w, head: r.headIdx, body: r.idx, url: r.url, loc: loc, lang: r.lang, now: r.opts.Now, trace: r.opts.Trace})
	if r.ov.date != "" {
		if t, _, ok := parseDate(r.ov.date, loc); ok {
			r.art.PublishedAt = t
		} else if t, _, _, _, ok := findDate(r.ov.date, loc); ok {
			r.art.PublishedAt = t
		}
	}
}
