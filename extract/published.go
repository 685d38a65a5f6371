package extract

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dateSource says where a publish-date candidate was found.
type dateSource uint8

const (
	srcLD       dateSource = iota // datePublished of the article's JSON-LD
	srcMeta                       // a publish-date <meta>
	srcTimeAttr                   // <time datetime> or itemprop=datePublished
	srcText                       // a visible text block
	srcTitle                      // the <title>
	srcURL                        // the URL path
	srcLDAny                      // datePublished of a non-article JSON-LD object
	srcImage                      // the path of the page's share image or an image in it
)

var dateSourceNames = [...]string{"ld", "meta", "time", "text", "title", "url", "ld-any", "image"}

// dateCandidate is one piece of evidence for the publish date.
type dateCandidate struct {
	t        time.Time
	hasTime  bool
	src      dateSource
	block    int       // text block index, for srcText
	dist     int       // blocks from the headline (or the body's start), for srcText
	updated  bool      // labelled as an update or modification time
	label    bool      // labelled as a publication time, or in a date/byline element
	inBody   bool      // inside the extracted body
	bad      bool      // in a block classified as boilerplate
	rel      bool      // relative ("3 hours ago")
	alt      time.Time // day and month swapped, when the text could be read either way
	dayFirst bool      // t reads alt's day first whatever the language ("02.12.19")
	near     bool      // a short line, not a caption: may be the article's date line
	listed   bool      // among other articles' dates: a related-links box or a listing
	line     bool      // the date is most of its block: a date line, even inside the body
	partial  bool      // printed without its year, which other evidence supplied
}

func (c *dateCandidate) String() string {
	s := fmt.Sprintf("%-6s %s", dateSourceNames[c.src], c.t.Format(time.RFC3339))
	if !c.hasTime {
		s += " (day)"
	}
	if c.src == srcText {
		s += fmt.Sprintf(" block=%d dist=%d", c.block, c.dist)
		for _, f := range [...]struct {
			on   bool
			name string
		}{{c.updated, "updated"}, {c.label, "label"}, {c.inBody, "body"}, {c.bad, "bad"}, {c.rel, "rel"}, {c.near, "near"}, {c.listed, "listed"}, {c.line, "line"}, {c.partial, "partial"}} {
			if f.on {
				s += " " + f.name
			}
		}
	}
	return s
}

// publishedInput is the evidence choosePublished weighs.
type publishedInput struct {
	doc   *document
	w     *blockWalker
	head  int   // headline block, -1 when none was found
	body  []int // body blocks in document order
	url   string
	loc   *time.Location // zone for dates that print none
	lang  string         // page language; decides "03/04/2020" when nothing else does
	now   time.Time      // resolves relative dates; zero when unknown
	trace io.Writer      // receives the candidates when set
}

// choosePublished weighs the date evidence: structured data, the visible
// dates near the headline (as a reader sees them), the URL. A day-only
// value is completed by a candidate of the same day that prints a time.
func choosePublished(in *publishedInput) time.Time {
	cands := in.collect()
	t := pickPublished(cands, in.lang, in.url)
	if in.trace != nil {
		for i := range cands {
			fmt.Fprintf(in.trace, "date candidate: %s\n", &cands[i])
		}
		fmt.Fprintf(in.trace, "date chosen: %s\n", t.Format(time.RFC3339))
	}
	return t
}

// collect gathers every candidate in a fixed order: structured first, then
// text blocks in document order, then title and URL.
func (in *publishedInput) collect() []dateCandidate {
	var cands []dateCandidate
	p := in.doc
	add := func(s string, src dateSource) {
		if s == "" {
			return
		}
		if t, hasTime, ok := parseDate(s, in.loc); ok {
			cands = append(cands, dateCandidate{t: t, hasTime: hasTime, src: src, block: -1})
		}
	}
	add(p.meta.ld.published, srcLD)
	for _, k := range dateMetaKeys {
		add(p.meta.metas[k], srcMeta)
	}
	for _, s := range p.meta.timeAttrs {
		add(s, srcTimeAttr)
	}
	if p.meta.ld.published == "" {
		add(p.meta.ldAnyDate, srcLDAny)
	}
	add(p.meta.otherDate, srcLDAny)
	cands = in.textCandidates(cands)
	if t, hasTime, _, _, ok := findDate(p.meta.titleTag, in.loc); ok {
		cands = append(cands, dateCandidate{t: t, hasTime: hasTime, src: srcTitle, block: -1})
	}
	if t, ok := dateFromURL(in.url); ok {
		cands = append(cands, dateCandidate{t: t, src: srcURL, block: -1})
	}
	if len(cands) == 0 && p.root != nil {
		if t, ok := imageURLDate(p.root); ok {
			cands = append(cands, dateCandidate{t: t, src: srcImage, block: -1})
		}
	}
	if !in.now.IsZero() {
		// A date after the crawl is a schedule or a typo, not a publish date.
		limit := in.now.Add(26 * time.Hour)
		kept := cands[:0]
		for _, c := range cands {
			if !c.t.After(limit) {
				kept = append(kept, c)
			}
		}
		cands = kept
	}
	return cands
}

// imageURLDate reads the upload date from the path of the page's share
// image (og:image, twitter:image, image_src) or else of its first image
// stored under a dated path (/files/2016/05/04/…). Media libraries file
// uploads by day, so with no other evidence that day is the article's.
// It walks the whole tree, so it runs only when nothing else was found.
func imageURLDate(root *html.Node) (time.Time, bool) {
	var share, img time.Time
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				switch strings.ToLower(attr(n, "property") + attr(n, "name")) {
				case "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src":
					if t, ok := dateFromURL(attr(n, "content")); ok {
						share = t
						return true
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "image_src") {
					if t, ok := dateFromURL(attr(n, "href")); ok {
						share = t
						return true
					}
				}
			case atom.Img:
				if img.IsZero() {
					img, _ = dateFromURL(attr(n, "src"))
				}
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	if !share.IsZero() {
		return share, true
	}
	return img, !img.IsZero()
}

// maxDateBlockRunes bounds the text blocks searched for a date: publish
// dates sit in short lines, while long prose mentions other dates.
const maxDateBlockRunes = 160

// textCandidates appends the dates printed in short text blocks.
func (in *publishedInput) textCandidates(cands []dateCandidate) []dateCandidate {
	w := in.w
	if w == nil {
		return cands
	}
	anchor := in.head
	if anchor < 0 && len(in.body) > 0 {
		anchor = in.body[0]
	}
	if anchor < 0 {
		anchor = 0
	}
	inBody := make(map[int]bool, len(in.body))
	for _, i := range in.body {
		inBody[i] = true
	}
	partials := partialDates{in: in}
	for i := range w.blocks {
		b := &w.blocks[i]
		if i == in.head || !hasDateDigit(b.text) && in.now.IsZero() && !relativeSlot(b, i, anchor) {
			continue
		}
		text, most := b.text, 3
		if b.runes > maxDateBlockRunes {
			// A long block is prose, unless it is a post's meta line
			// ("This entry was posted on Saturday, December 3rd, 2011
			// and is filed under …"): then its opening holds the date.
			if !dateElementWithin(b.node, 2) && !startsWithDateline(text) {
				continue
			}
			text, most = runePrefix(text, longDatePrefix), 1
		}
		dist := i - anchor
		if dist < 0 {
			dist = -dist
		}
		off := 0
		found := false
		for n := 0; n < most && off < len(text); n++ {
			m, ok := findDateMatch(text[off:])
			if !ok {
				break
			}
			found = true
			if !m.hasTime && len(text) == len(b.text) && strings.TrimSpace(text[off+m.end:]) == "" {
				m = nextBlockTime(w, i, m)
			}
			c := dateCandidate{t: m.time(in.loc), hasTime: m.hasTime, src: srcText, block: i, dist: dist,
				inBody: inBody[i], bad: b.class == blockBad, near: b.eff() <= 150 && !b.caption,
				listed: b.why == "section" || b.why == "teaser"}
			if m.ambiguous || m.dayFirst {
				if sw, ok := m.swapped(); ok {
					c.alt, c.dayFirst = sw.time(in.loc), m.dayFirst
				}
			}
			c.line = len(strings.TrimSpace(text))-(m.end-m.start) <= 24
			before := text[:off+m.start]
			end := m.end
			if n == 0 && strings.TrimSpace(before) == "" && i > 0 && w.blocks[i-1].runes <= 20 {
				before = w.blocks[i-1].text // "Datum:" in its own element
			}
			c.updated, c.label = dateLabel(before)
			if !c.label && !c.updated && dateElement(b.node) {
				c.label = true
			}
			cands = append(cands, c)
			off += end
		}
		if n := len(cands); found && cands[n-1].block == i && (n < 2 || cands[n-2].block != i) && !cands[n-1].updated && !cands[n-1].label {
			// "November 28, 2013 -- Updated 0203 GMT": a lone date followed
			// by an update label is that update's day.
			if u, _ := dateLabel(text); u {
				cands[n-1].updated = true
			}
		}
		if !found && dist <= nearDist && b.eff() <= 150 {
			if c, ok := partials.candidate(i, dist, inBody[i]); ok {
				cands = append(cands, c)
				found = true
			}
		}
		if !found && in.now.IsZero() && relativeSlot(b, i, anchor) {
			if c, ok := partials.relativeCandidate(i, dist, inBody[i]); ok {
				cands = append(cands, c)
				found = true
			}
		}
		if !found && !in.now.IsZero() && dist <= 12 {
			if t, ok := parseRelativeDate(text, in.now, in.loc); ok {
				t = partials.dayTime(t)
				cands = append(cands, dateCandidate{t: t, hasTime: true, src: srcText, block: i, dist: dist,
					inBody: inBody[i], bad: b.class == blockBad, rel: true})
			}
		}
	}
	markListings(cands)
	return cands
}

// markListings flags text dates that sit among other dates a few blocks
// apart: teaser lists, archives and comment threads print one per entry.
// Text candidates are in block order, so only neighbours are compared.
func markListings(cands []dateCandidate) {
	for i := range cands {
		c := &cands[i]
		if c.src != srcText || c.inBody {
			continue
		}
		others := 0
		count := func(o *dateCandidate) {
			if o.src == srcText && !o.inBody && o.block != c.block && !sameDay(o.t, c.t) {
				others++
			}
		}
		for j := i - 1; j >= 0 && cands[j].src == srcText && c.block-cands[j].block <= 8; j-- {
			count(&cands[j])
		}
		for j := i + 1; j < len(cands) && cands[j].src == srcText && cands[j].block-c.block <= 8; j++ {
			count(&cands[j])
		}
		if others >= 2 {
			c.listed = true
		}
	}
}

// updateLabels and publishLabels are matched in lower case against the
// text just before a date.
var (
	updateLabels = [...]string{"update", "modified", "edited", "revised", "aktualisiert", "geändert", "mis à jour",
		"actualizado", "actualización", "aggiornato", "atualizado", "bijgewerkt", "zaktualizowano", "обновлено",
		"оновлено", "更新", "修改", "最后编辑", "最終更新", "수정"}
	publishLabels = [...]string{"publi", "posted", "veröffentlicht", "erschienen", "datum", "date", "fecha", "data",
		"发布", "發布", "发表", "發表", "时间", "時間", "日期", "입력", "등록", "опубликовано", "опубліковано", "written"}
)

// dateLabel reads the label closest before a date: an update label or a
// publication label, whichever comes last.
func dateLabel(before string) (updated, published bool) {
	// Only the words just before the date label it ("Published on
	// Monday, "), not an earlier sentence.
	if len(before) > 32 {
		before = before[len(before)-32:]
	}
	if before == "" {
		return false, false
	}
	low := strings.ToLower(before)
	u, uEnd, p := -1, -1, -1
	for _, l := range updateLabels {
		if k := strings.LastIndex(low, l); k > u {
			u, uEnd = k, k+len(l)
		}
	}
	for _, l := range publishLabels {
		k := strings.LastIndex(low, l)
		if k >= u && k < uEnd { // "date" inside "updated"
			k = strings.LastIndex(low[:u], l)
		}
		if k > p {
			p = k
		}
	}
	return u > p, p > u
}

// startsWithDateline reports whether a paragraph opens with a date and a
// dash, as a news item's first paragraph does: "27.1.2022 - Bei der …".
func startsWithDateline(text string) bool {
	m, ok := findDateMatch(runePrefix(text, 40))
	if !ok || m.start != 0 {
		return false
	}
	rest := strings.TrimLeft(text[m.end:], " \u00a0")
	return strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "– ") || strings.HasPrefix(rest, "— ")
}

// longDatePrefix is how many bytes of a long meta block are searched for
// its date.
const longDatePrefix = 120

// runePrefix returns s cut to at most n bytes on a rune boundary.
func runePrefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// dateElement reports whether n or a close ancestor is marked as holding
// a date or the article's byline by its class or id.
func dateElement(n *html.Node) bool { return dateElementWithin(n, 4) }

// dateElementWithin is dateElement looking at most depth levels up.
func dateElementWithin(n *html.Node, depth int) bool {
	for d := 0; n != nil && d < depth; d, n = d+1, n.Parent {
		for _, a := range n.Attr {
			if a.Key != "class" && a.Key != "id" {
				continue
			}
			v := strings.ToLower(a.Val)
			for _, k := range [...]string{"date", "time", "publish", "posted", "byline", "meta", "info", "author"} {
				if strings.Contains(v, k) {
					return true
				}
			}
		}
	}
	return false
}

// farDist bounds the fallback search when nothing is near the headline:
// further away, dates belong to archives, comments and other articles.
const farDist = 200

// nearDist is how many blocks from the headline a printed date still
// counts as the article's own (its info line, byline or dateline).
const nearDist = 8

// pickPublished chooses among the candidates: the structured date, unless
// the date printed beside the headline says otherwise (pages republish,
// and metadata often carries a first-draft, modified or UTC date).
func pickPublished(cands []dateCandidate, lang, pageURL string) time.Time {
	if len(cands) == 0 {
		return time.Time{}
	}
	resolveAmbiguous(cands, lang)
	var structured, attrs, near, nearUpd []int
	head, headUpd, far, url, title, upd, img := -1, -1, -1, -1, -1, -1, -1
	for i := range cands {
		c := &cands[i]
		switch c.src {
		case srcLD, srcMeta:
			structured = append(structured, i)
		case srcTimeAttr:
			attrs = append(attrs, i)
		case srcURL:
			url = i
		case srcTitle:
			title = i
		case srcImage:
			img = i
		case srcText:
			isNear := c.dist <= nearDist && c.near
			if c.updated {
				if isNear && (headUpd < 0 || c.dist < cands[headUpd].dist) {
					headUpd = i
				}
				if isNear {
					nearUpd = append(nearUpd, i)
				}
				if upd < 0 || c.dist < cands[upd].dist {
					upd = i
				}
				continue
			}
			if isNear && !c.listed {
				near = append(near, i)
			}
			if isNear && !c.listed && (!c.inBody || c.label || c.line) && (head < 0 || nearKey(c) < nearKey(&cands[head])) {
				head = i
			}
			if c.dist <= farDist && (far < 0 || c.dist < cands[far].dist) {
				far = i
			}
		}
	}
	if len(structured) == 0 {
		structured = attrs
	}
	for i := range cands {
		if cands[i].src == srcLDAny {
			structured = append(structured, i)
		}
	}
	if len(structured) == 0 && url >= 0 {
		structured = []int{url}
	}
	if len(structured) == 0 && head < 0 && far >= 0 && cands[far].listed && listingURL(pageURL) {
		// A front or section page is as new as its newest entry.
		for i := range cands {
			c := &cands[i]
			if c.src == srcText && !c.inBody && !c.updated && c.dist <= farDist && c.t.After(cands[far].t) {
				far = i
			}
		}
	}
	if len(structured) == 0 {
		// With nothing better, an update time beats an unrelated date.
		for _, i := range [...]int{head, headUpd, title, far, upd, img} {
			if i >= 0 {
				return complete(cands, i)
			}
		}
		return time.Time{}
	}
	s := localStructured(cands, zoneSlip(cands, structured))
	sc := &cands[s]
	sc.t = localMidnight(sc.t)
	if head < 0 {
		if len(attrs) > 0 && sc.src != srcTimeAttr && utcShifted(sc, &cands[attrs[0]]) {
			return complete(cands, attrs[0])
		}
		return complete(cands, s)
	}
	h := &cands[head]
	if t, ok := printedClock(sc, h); ok {
		return t
	}
	for _, i := range near {
		if sameDay(sc.t, cands[i].t) {
			return complete(cands, s)
		}
	}
	if utcShifted(sc, h) {
		// Metadata in UTC, the page in local time: keep the page's day, and
		// its offset when the printed time tells it.
		wall := time.Date(h.t.Year(), h.t.Month(), h.t.Day(), h.t.Hour(), h.t.Minute(), h.t.Second(), 0, time.UTC)
		if d := wall.Sub(sc.t); h.hasTime && d%(15*time.Minute) == 0 && d >= -14*time.Hour && d <= 14*time.Hour {
			return sc.t.In(fixedZone(int(d / time.Second)))
		}
		return complete(cands, head)
	}
	// Metadata matching the printed "Updated …" time is the modification
	// date; the page's publication line is the other one.
	for _, i := range nearUpd {
		if sameDay(sc.t, cands[i].t) && (h.label || h.block == cands[i].block) {
			return complete(cands, head)
		}
	}
	// A <time> element agreeing with only one side settles it.
	sAttr, hAttr := false, false
	for _, i := range attrs {
		if sc.src == srcTimeAttr {
			break
		}
		sAttr = sAttr || sameDay(cands[i].t, sc.t)
		hAttr = hAttr || sameDay(cands[i].t, h.t)
	}
	if sAttr != hAttr {
		if sAttr {
			return complete(cands, s)
		}
		return complete(cands, head)
	}
	if url >= 0 && sc.src != srcURL {
		// The URL was fixed at first publication.
		switch {
		case sameDay(cands[url].t, sc.t):
			return complete(cands, s)
		case sameDay(cands[url].t, h.t):
			return complete(cands, head)
		}
	}
	if h.label || h.dist <= 2 {
		return complete(cands, head)
	}
	return complete(cands, s)
}

// listingURL reports whether u looks like a front or section page: a path
// of at most one short word, where articles have slugs, ids or files.
func listingURL(u string) bool {
	if k := strings.Index(u, "://"); k >= 0 {
		u = u[k+3:]
		if slash := strings.IndexByte(u, '/'); slash >= 0 {
			u = u[slash:]
		} else {
			u = ""
		}
	}
	if k := strings.IndexByte(u, '#'); k >= 0 {
		u = u[:k]
	}
	if k := strings.IndexByte(u, '?'); k >= 0 {
		if strings.ContainsAny(u[k:], "0123456789") { // "?p=959", "?id=12"
			return false
		}
		u = u[:k]
	}
	u = strings.Trim(u, "/")
	if len(u) > 24 || strings.ContainsAny(u, "/-_.0123456789") {
		return false
	}
	return true
}

// utcShifted reports whether s, a UTC time, and v, a date as the page
// prints it, can be the same moment in some zone while printing different
// days.
func utcShifted(s, v *dateCandidate) bool {
	if _, off := s.t.Zone(); off != 0 || !s.hasTime || sameDay(s.t, v.t) {
		return false
	}
	wall := time.Date(v.t.Year(), v.t.Month(), v.t.Day(), v.t.Hour(), v.t.Minute(), v.t.Second(), 0, time.UTC)
	d := wall.Sub(s.t)
	if v.hasTime {
		return d >= -12*time.Hour && d <= 14*time.Hour
	}
	// A printed day spans 24 hours of wall time.
	return d+24*time.Hour > -12*time.Hour && d <= 14*time.Hour
}

// localMidnight reads a UTC time of exactly 20:00 to 23:00 as midnight of
// the next day east of Greenwich: CMSs store a date picked without a time
// that way.
func localMidnight(t time.Time) time.Time {
	if _, off := t.Zone(); off != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 || t.Hour() < 20 {
		return t
	}
	return t.In(fixedZone((24 - t.Hour()) * 3600))
}

// nearKey ranks dates near the headline: closer first, labelled ones
// count as two blocks closer.
func nearKey(c *dateCandidate) int {
	k := 2 * c.dist
	if c.label {
		k -= 4
	}
	return k
}

// resolveAmbiguous settles "03/04/2020" dates: the reading another
// candidate confirms, else month first on English pages and day first on
// the others. Dotted short dates ("02.12.19") stay day first unless
// confirmed otherwise.
func resolveAmbiguous(cands []dateCandidate, lang string) {
	// The days the unambiguous candidates name, looked up in constant time
	// so pages full of "03/04/2020" stay linear.
	var days map[[3]int]bool
	for i := range cands {
		if !cands[i].alt.IsZero() {
			continue
		}
		if days == nil {
			days = make(map[[3]int]bool, len(cands))
		}
		days[dayKey(cands[i].t)] = true
	}
	for i := range cands {
		c := &cands[i]
		if c.alt.IsZero() {
			continue
		}
		asIs, swapped := days[dayKey(c.t)], days[dayKey(c.alt)]
		if swapped && !asIs || !swapped && !asIs && !c.dayFirst && !strings.HasPrefix(lang, "en") {
			c.t = c.alt
		}
		c.alt = time.Time{}
	}
}

func dayKey(t time.Time) [3]int {
	y, m, d := t.Date()
	return [3]int{y, int(m), d}
}

// zoneSlip returns the structured candidate to start from: the first,
// unless another states the same minute and second a whole number of
// hours earlier on another day. One of the two is then a local wall time
// stamped with the wrong zone, and the earlier reading is the one that
// agrees with the first publication.
func zoneSlip(cands []dateCandidate, structured []int) int {
	s := structured[0]
	a := &cands[s]
	if !a.hasTime || a.src > srcMeta {
		return s
	}
	for _, i := range structured[1:] {
		b := &cands[i]
		if b.src > srcMeta || !b.hasTime || sameDay(a.t, b.t) {
			continue
		}
		d := a.t.Sub(b.t)
		if d > 0 && d <= 14*time.Hour && d%time.Hour == 0 {
			return i
		}
	}
	return s
}

// localStructured returns the candidate stating the same instant as
// cands[i] with the page's own offset, when cands[i] is in UTC.
func localStructured(cands []dateCandidate, i int) int {
	if _, off := cands[i].t.Zone(); off != 0 || !cands[i].hasTime {
		return i
	}
	for j := range cands {
		if cands[j].src > srcTimeAttr || !cands[j].hasTime || !cands[j].t.Equal(cands[i].t) {
			continue
		}
		if _, off := cands[j].t.Zone(); off != 0 {
			return j
		}
	}
	return i
}

// complete returns cands[i]'s time, or when it prints only a day, the time
// of another candidate on that day.
func complete(cands []dateCandidate, i int) time.Time {
	c := &cands[i]
	if c.hasTime {
		return c.t
	}
	for j := range cands {
		if cands[j].hasTime && !cands[j].updated && !cands[j].rel && sameDay(c.t, cands[j].t) {
			return cands[j].t
		}
	}
	return c.t
}

// sameDay reports whether a and b print the same calendar day, each in its
// own zone.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}
