package extract

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// partialDates completes the year-less dates printed near the headline
// ("发布时间：09-30 22:46"). The page's date evidence is gathered on the
// first such date only: most pages print their year and never pay for the
// walk over metadata and scripts.
type partialDates struct {
	in     *publishedInput
	ev     []dayEvidence
	loaded bool
}

// candidate reads a year-less date in block i and returns it as a text
// candidate once a year is found for it. A date without a time must be
// labelled, in a date element, or the whole line, and not run on into
// words: "1月21日" in prose is about something else.
func (pd *partialDates) candidate(i, dist int, inBody bool) (dateCandidate, bool) {
	in := pd.in
	b := &in.w.blocks[i]
	text := b.text
	m, ok := findPartialDate(text)
	if !ok {
		return dateCandidate{}, false
	}
	before := text[:m.start]
	if strings.TrimSpace(before) == "" && i > 0 && in.w.blocks[i-1].runes <= 20 {
		before = in.w.blocks[i-1].text // "发布时间：" in its own element
	}
	updated, label := dateLabel(before)
	if !label && !updated && dateElement(b.node) {
		label = true
	}
	line := len(strings.TrimSpace(text))-(m.end-m.start) <= 24
	if !m.hasTime && strings.TrimSpace(text[m.end:]) == "" {
		m = nextBlockTime(in.w, i, m)
	}
	if !m.hasTime && (!label && !updated && !line || letterAfter(text, m.end)) {
		return dateCandidate{}, false
	}
	var t time.Time
	if y, ok := yearBlock(in.w, i); ok && strings.TrimSpace(text[:m.start]) == "" {
		m.year = y
		if !validYMD(y, m.month, m.day, time.Now().Year()+1) {
			return dateCandidate{}, false
		}
		t = m.time(in.loc)
	} else {
		urlDay, _ := dateFromURL(in.url)
		if t, ok = partialYear(m, pd.evidence(), urlDay, in.now, in.loc); !ok {
			return dateCandidate{}, false
		}
	}
	return dateCandidate{t: t, hasTime: m.hasTime, src: srcText, block: i, dist: dist, inBody: inBody,
		bad: b.class == blockBad, near: !b.caption, listed: b.why == "section" || b.why == "teaser",
		line: line, updated: updated, label: label, partial: true}, true
}

// letterAfter reports whether a letter follows s[i:] directly: a day
// without a time that runs on into words ("1月1日の豆知識", "1月21日电")
// names a topic or a dateline, not the page's publish date.
func letterAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// evidence returns the page's date evidence, gathering it on first use.
func (pd *partialDates) evidence() []dayEvidence {
	if !pd.loaded {
		pd.loaded = true
		if in := pd.in; in.doc != nil && in.doc.root != nil {
			pd.ev = dateEvidence(in.doc.root, in.loc)
		}
	}
	return pd.ev
}

// dayTime completes t, a relative date word resolved to its day's
// midnight ("昨天", "yesterday"), with the time a full date of that day in
// the metadata or scripts states: the page renders the word from that
// value. Other times are returned unchanged.
func (pd *partialDates) dayTime(t time.Time) time.Time {
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return t
	}
	for _, epoch := range [...]bool{false, true} {
		for _, e := range pd.evidence() {
			if e.epoch != epoch || !e.hasTime {
				continue
			}
			if u := e.t.In(t.Location()); sameDay(u, t) {
				return u
			}
		}
	}
	return t
}

// yearBlock returns the year printed alone in the block before block i:
// "2019" "09/07" "19:02" set in three elements.
func yearBlock(w *blockWalker, i int) (int, bool) {
	if i == 0 {
		return 0, false
	}
	s := strings.TrimSuffix(strings.TrimSpace(w.blocks[i-1].text), "年")
	if len(s) != 4 || !allDigits(s) {
		return 0, false
	}
	y := atoi(s)
	return y, y >= minDateYear && y <= time.Now().Year()+1
}

// dateEvidence gathers the full dates a page states outside its visible
// text, in document order: <meta> and itemprop values whose name says date
// or time (modification times included: they fall on the publish day more
// often than not, and only a same-day value is used), <time datetime>, and
// the dates and epoch numbers in scripts ("var ct = \"1581517074\"").
func dateEvidence(root *html.Node, loc *time.Location) []dayEvidence {
	var ev []dayEvidence
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" || len(s) > 64 {
			return
		}
		if t, hasTime, ok := parseDate(s, loc); ok {
			ev = append(ev, dayEvidence{t: t, hasTime: hasTime})
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				for _, a := range n.Attr {
					switch a.Key {
					case "name", "property", "itemprop", "http-equiv":
						if dateKey(a.Val) {
							add(attr(n, "content"))
							return
						}
					}
				}
				return
			case atom.Time:
				add(attr(n, "datetime"))
			case atom.Script:
				if c := n.FirstChild; c != nil && c.Type == html.TextNode {
					ev = scriptDates(c.Data, loc, ev)
				}
				return
			case atom.Style, atom.Template:
				return
			}
			if ip := attr(n, "itemprop"); ip != "" && dateKey(ip) {
				add(attr(n, "datetime"))
				add(attr(n, "content"))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return ev
}

// dateKey reports a meta or itemprop name that says it holds a date.
func dateKey(k string) bool {
	k = strings.ToLower(k)
	for _, w := range [...]string{"date", "time", "pub", "modif", "updat", "creat"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// maxScriptDates bounds the dates taken from one script: a data blob of
// thousands of entries says nothing more about the article's day.
const maxScriptDates = 64

// scriptDates appends the full dates printed in a script and its epoch
// numbers: runs of exactly 10 (seconds) or 13 (milliseconds) digits that
// are not part of a longer word or number.
func scriptDates(s string, loc *time.Location, ev []dayEvidence) []dayEvidence {
	n := 0
	for off := 0; off < len(s) && n < maxScriptDates; n++ {
		m, ok := findDateMatch(s[off:])
		if !ok {
			break
		}
		ev = append(ev, dayEvidence{t: m.time(loc), hasTime: m.hasTime})
		off += m.end
	}
	maxYear := time.Now().Year() + 1
	for i := 0; i < len(s) && n < maxScriptDates; i++ {
		if !isASCIIDigit(s, i) || i > 0 && wordByte(s[i-1]) {
			continue
		}
		k := digitRun(s, i)
		if (k == 10 || k == 13) && (i+k == len(s) || !wordByte(s[i+k])) {
			if t, ok := epochDate(s[i:i+k], maxYear, loc); ok {
				ev = append(ev, dayEvidence{t: t, hasTime: true, epoch: true})
				n++
			}
		}
		i += k
	}
	return ev
}

// wordByte reports a byte that continues an identifier or a number.
func wordByte(c byte) bool {
	return c >= '0' && c <= '9' || isASCIILetter(rune(c)) || c == '_' || c == '.' || c == '$'
}

// maxTimeBlockBytes bounds a block that holds only a time of day.
const maxTimeBlockBytes = 24

// nextBlockTime completes m, a date without a time that ends block i,
// with the time printed alone in the next block: portals set date and
// time in separate elements ("发布时间：18-03-08" "23:16").
func nextBlockTime(w *blockWalker, i int, m dateMatch) dateMatch {
	if w == nil || i+1 >= len(w.blocks) {
		return m
	}
	text := strings.TrimSpace(w.blocks[i+1].text)
	if text == "" || len(text) > maxTimeBlockBytes || !hasDateDigit(text) {
		return m
	}
	t := m
	q := &dscan{s: text}
	if !q.timeOfDay(&t) || !t.hasTime || strings.TrimSpace(text[q.i:]) != "" {
		return m
	}
	t.start, t.end = m.start, m.end
	return t
}
