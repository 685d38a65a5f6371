package extract

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A block is one run of text between block-level boundaries: a paragraph,
// a list item, a heading, a line ended by <br>. The body is chosen and
// assembled from blocks, so each carries the features the choice needs.
type block struct {
	text      string
	node      *html.Node // innermost block-level element holding the text
	runes     int
	cjk       int
	linkRunes int
	extRunes  int   // link text leading to another site (part of linkRunes)
	punct     int   // sentence punctuation marks
	heading   bool  // inside h1–h6
	caption   bool  // inside figure/figcaption
	noise     bool  // inside an element marked as chrome by tag, class or id
	span      int32 // innermost enclosing span, -1 at the top
	// cuts[cutLo:cutHi] of the walker are the offsets in text where an
	// inline element opens or closes (short blocks only: maxCutBytes).
	cutLo, cutHi int32
	class        blockClass
	// ownClass is class as the block's text alone sets it (classifyText),
	// kept for the arbiter where structure overruled it.
	ownClass blockClass
	why      string // what made the block boilerplate, for Options.Trace
}

type blockClass uint8

const (
	blockShort blockClass = iota // neither content nor boilerplate on its own
	blockGood                    // reads like article prose
	blockBad                     // boilerplate
)

// eff is the block's length in latin-equivalent characters: a CJK character
// carries about as much as a short latin word.
func (b *block) eff() int { return b.runes + 2*b.cjk }

func (b *block) linkDensity() float64 {
	if b.runes == 0 {
		return 0
	}
	return float64(b.linkRunes) / float64(b.runes)
}

// span records the blocks [start, end) that lie below a block-level element.
type span struct {
	node       *html.Node
	start, end int32
	parent     int32 // index of the enclosing span, -1 at the top
	noise      bool  // the element itself is marked as chrome
}

// segment is a piece of a block's text, kept apart until the block is
// flushed so that runs of short links (region link spam) can be cut out.
type segment struct {
	start, end int   // byte offsets into the walker's buffer
	link       int32 // id of the enclosing <a>, 0 outside links
}

type blockWalker struct {
	blocks   []block
	spans    []span
	buf      []byte
	text     []byte // the chunk block texts are written to (collapsedText)
	segs     []segment
	edges    []int32 // offsets in buf where an inline element opens or closes
	cuts     []int32 // edges of the flushed blocks, as offsets in their text
	stack    []int32 // open spans
	inLink   int32   // id of the open <a> (negative when it leads off-site), 0 when none
	host     string  // the page's site (siteOf), "" when unknown
	onSite   int     // absolute links to the page's own site
	links    int32   // <a> elements seen
	inHead   int
	inFigure int
	spam     int // link-spam runs removed
	// head is the block holding the page's headline element, -1 when none
	// was found; chrome and off-article words never apply to the elements
	// around it (see holdsHead).
	head int32
	// dates remembers the last date scans of block texts (findDateMatch).
	dates    [2]dateMemo
	nextDate int
	maxYear  int // the latest year a date may name, 0 until a date is read
	// First room for segs and stack, in the walker's own allocation: a
	// page's blocks hold a few segments and its elements nest a few deep.
	segsRoom  [8]segment
	stackRoom [16]int32
}

func isBlockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Td, atom.Th, atom.Tr, atom.Table,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre, atom.Figure,
		atom.Figcaption, atom.Header, atom.Footer, atom.Hr, atom.Form, atom.Center, atom.Address,
		atom.Aside, atom.Nav, atom.Body, atom.Caption, atom.Details, atom.Summary, atom.Fieldset, atom.Html:
		return true
	}
	return false
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// segmentCounted walks the (cleaned) tree below root and returns its
// blocks and the spans of the block-level elements, with the slices sized
// from the tree's element counts (document.scan's): one span per
// block-level element, and about a block for each of those and each <br>
// (a guess from the page's byte length was far off for pages light or
// heavy on scripts). host is the page's host name, "" when unknown; links
// to other sites are counted apart (block.extRunes).
func segmentCounted(root *html.Node, blockElems, breaks int, host string) *blockWalker {
	nb := min(blockElems+breaks+1, 4096)
	return newBlockWalker(root, nb, min(blockElems+1, 8192), host)
}

// newBlockWalker walks root into blocks, with room for nb blocks and ns
// spans before append grows them.
func newBlockWalker(root *html.Node, nb, ns int, host string) *blockWalker {
	offsets := make([]int32, 64+nb) // edges and cuts share one allocation
	w := &blockWalker{
		blocks: make([]block, 0, nb),
		spans:  make([]span, 0, ns),
		buf:    make([]byte, 0, 1024),
		edges:  offsets[:0:64],
		cuts:   offsets[64:64],
		head:   -1,
		host:   siteOf(host),
	}
	w.segs, w.stack = w.segsRoom[:0], w.stackRoom[:0]
	if root.Type == html.ElementNode {
		w.element(root)
	} else {
		w.walk(root)
	}
	w.flush(root)
	return w
}

func (w *blockWalker) top() int32 {
	if len(w.stack) == 0 {
		return -1
	}
	return w.stack[len(w.stack)-1]
}

func (w *blockWalker) current() *html.Node {
	if len(w.stack) == 0 {
		return nil
	}
	return w.spans[w.stack[len(w.stack)-1]].node
}

func (w *blockWalker) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.addText(c.Data)
		case html.ElementNode:
			w.element(c)
		}
	}
}

func (w *blockWalker) element(n *html.Node) {
	a := n.DataAtom
	switch a {
	case atom.Br:
		w.flush(w.current())
		return
	}
	if isJunkElement(n) && !isStreamedContent(n) && !isCollapsedPanel(n) {
		return
	}
	if !isBlockElement(a) {
		// Inline element: text flows into the current block, but its edges
		// are kept: a credit value ends where the element holding it ends.
		w.edge()
		if a == atom.A && w.inLink == 0 && isNavigatingLink(n) {
			w.links++
			w.inLink = w.links
			if w.host != "" {
				switch off, abs := isOffSite(attr(n, "href"), w.host); {
				case off:
					w.inLink = -w.links
				case abs:
					w.onSite++
				}
			}
			w.walk(n)
			w.inLink = 0
			w.edge()
			return
		}
		w.walk(n)
		w.edge()
		return
	}
	w.flush(w.current())
	parent := int32(-1)
	if len(w.stack) > 0 {
		parent = w.stack[len(w.stack)-1]
	}
	idx := int32(len(w.spans))
	w.spans = append(w.spans, span{node: n, start: int32(len(w.blocks)), parent: parent})
	w.stack = append(w.stack, idx)
	head := isHeading(a)
	fig := a == atom.Figure || a == atom.Figcaption
	// A table set in a <figure> (WordPress's wp-block-table, most block
	// editors) is data, not a caption: its cells are read as text.
	figDepth := w.inFigure
	if a == atom.Table {
		w.inFigure = 0
	}
	w.spans[idx].noise = isNoiseElement(n)
	if head {
		w.inHead++
	}
	if fig {
		w.inFigure++
	}
	w.walk(n)
	w.flush(n)
	if head {
		w.inHead--
	}
	if fig {
		w.inFigure--
	}
	w.inFigure = figDepth
	w.stack = w.stack[:len(w.stack)-1]
	w.spans[idx].end = int32(len(w.blocks))
}

// edge records that an inline element opens or closes at the end of the
// buffered text.
func (w *blockWalker) edge() {
	if k := len(w.edges); len(w.buf) > 0 && (k == 0 || w.edges[k-1] != int32(len(w.buf))) {
		w.edges = append(w.edges, int32(len(w.buf)))
	}
}

func (w *blockWalker) addText(s string) {
	start := len(w.buf)
	w.buf = append(w.buf, s...)
	link := w.inLink
	if k := len(w.segs); k > 0 && w.segs[k-1].link == link && w.segs[k-1].end == start {
		w.segs[k-1].end = len(w.buf)
		return
	}
	w.segs = append(w.segs, segment{start: start, end: len(w.buf), link: link})
}

// flush turns the buffered text into a block owned by container.
func (w *blockWalker) flush(container *html.Node) {
	if len(w.segs) == 0 {
		w.buf = w.buf[:0]
		w.edges = w.edges[:0]
		return
	}
	if w.countLinks() >= spamMinLinks {
		w.cutLinkSpam()
	}
	linkRunes, extRunes := 0, 0
	hasText := false
	for _, s := range w.segs {
		seg := w.buf[s.start:s.end]
		if !hasText && !onlySpace(seg) {
			hasText = true
		}
		if s.link != 0 {
			// A "link" running over a whole paragraph is an unclosed <a> in
			// old markup, not navigation.
			if n := visibleRunes(seg); n <= 120 {
				linkRunes += n
				if s.link < 0 {
					extRunes += n
				}
			}
		}
	}
	if hasText {
		lo := int32(len(w.cuts))
		edges := w.edges
		if len(w.buf) > maxCutBytes {
			edges = nil // a long block is never an info line
		}
		text, st, valid := w.collapsedText(edges)
		for k := len(w.cuts); k > int(lo) && int(w.cuts[k-1]) >= len(text); k-- {
			w.cuts = w.cuts[:k-1] // an edge after trailing blanks ends nothing
		}
		if text != "" {
			n, cjk, punct := st.n, st.cjk, st.punct
			if !valid {
				// An invalid byte may run into the bytes after a dropped
				// rune and read as another rune: count the text as it is.
				n, cjk, punct = textStats(text)
			}
			if linkRunes > n {
				linkRunes = n
			}
			if extRunes > linkRunes {
				extRunes = linkRunes
			}
			w.blocks = append(w.blocks, block{
				text: text, node: container, runes: n, cjk: cjk, linkRunes: linkRunes, extRunes: extRunes,
				punct: punct, heading: w.inHead > 0, caption: w.inFigure > 0, span: w.top(),
				cutLo: lo, cutHi: int32(len(w.cuts)),
			})
		} else {
			w.cuts = w.cuts[:lo]
		}
	}
	w.buf = w.buf[:0]
	w.segs = w.segs[:0]
	w.edges = w.edges[:0]
}

// maxCutBytes bounds the buffered text whose element edges are kept: info
// lines are short, and a body paragraph full of links needs none.
const maxCutBytes = 2048

// blockCuts returns the offsets in block i's text where an inline element
// opens or closes.
func (w *blockWalker) blockCuts(i int) []int32 {
	return w.cuts[w.blocks[i].cutLo:w.blocks[i].cutHi]
}

// unsafeString avoids copying a byte slice that is never written again.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// unsafeBytes views s as bytes without copying it, for a reader that never
// writes (a hash).
func unsafeBytes(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func onlySpace(b []byte) bool {
	for i := 0; i < len(b); {
		r, sz := utf8.DecodeRune(b[i:])
		if !showsNothing(r) {
			return false
		}
		i += sz
	}
	return true
}

func visibleRunes(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		r, sz := utf8.DecodeRune(b[i:])
		if !showsNothing(r) {
			n++
		}
		i += sz
	}
	return n
}

func (w *blockWalker) countLinks() int {
	n := 0
	for _, s := range w.segs {
		if s.link != 0 {
			n++
		}
	}
	return n
}

// spamMinLinks is the shortest run of short, separator-joined links treated
// as region link spam ("两当县 | 墨脱县 | 花垣县 …").
const spamMinLinks = 5

// isSeparatorText reports text made only of list separators.
func isSeparatorText(b []byte) bool {
	for i := 0; i < len(b); {
		r, sz := utf8.DecodeRune(b[i:])
		i += sz
		if showsNothing(r) {
			continue
		}
		switch r {
		case '|', '｜', '·', '•', '、', '/', '-', ',', '，', '丨', '[', ']', '【', '】', '>', '»':
			continue
		}
		return false
	}
	return true
}

// cutLinkSpam removes runs of at least spamMinLinks short links that are
// joined only by separators. Real prose links are longer or joined by words.
func (w *blockWalker) cutLinkSpam() {
	segs := w.segs
	out := segs[:0:0]
	i := 0
	for i < len(segs) {
		if segs[i].link == 0 || visibleRunes(w.buf[segs[i].start:segs[i].end]) > 8 {
			out = append(out, segs[i])
			i++
			continue
		}
		// Extend a run of short links separated by separator-only text.
		j, links, last := i, 0, i
		for j < len(segs) {
			s := segs[j]
			if s.link != 0 {
				if visibleRunes(w.buf[s.start:s.end]) > 8 {
					break
				}
				links++
				last = j
			} else if !isSeparatorText(w.buf[s.start:s.end]) {
				break
			}
			j++
		}
		if links >= spamMinLinks {
			if w.placeLinks(segs[i:last+1])*2 >= links {
				w.spam++
			}
			// Keep a trailing non-separator segment; drop the run through its last link
			// and the separators after it.
			i = last + 1
			for i < len(segs) && segs[i].link == 0 && isSeparatorText(w.buf[segs[i].start:segs[i].end]) {
				i++
			}
			continue
		}
		out = append(out, segs[i])
		i++
	}
	w.segs = out
}

// placeLinks counts links whose text ends like a place name (两当县, 武汉市):
// runs of those are SEO region spam, worth a warning; other runs are menus.
func (w *blockWalker) placeLinks(segs []segment) int {
	n := 0
	for _, s := range segs {
		if s.link == 0 {
			continue
		}
		t := w.buf[s.start:s.end]
		for len(t) > 0 && (t[len(t)-1] == ' ' || t[len(t)-1] == '\n' || t[len(t)-1] == '\t') {
			t = t[:len(t)-1]
		}
		r, _ := utf8.DecodeLastRune(t)
		switch r {
		case '县', '縣', '市', '区', '區', '省', '州', '镇', '鎮', '旗', '乡', '鄉':
			n++
		}
	}
	return n
}

// textStats counts runes, CJK runes and sentence punctuation (the
// strongest sign of prose) in one pass.
func textStats(s string) (n, cjk, punct int) {
	var st textCount
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			st.addByte(c)
			i++
			continue
		}
		r, sz := utf8.DecodeRuneInString(s[i:])
		i += sz
		st.addRune(r)
	}
	return st.n, st.cjk, st.punct
}

// isNavigatingLink reports an <a> that leads somewhere. Script "links"
// (href="javascript:…") are buttons around text, so they do not count
// toward link density.
func isNavigatingLink(n *html.Node) bool {
	href := strings.TrimSpace(attr(n, "href"))
	return href != "" && !strings.HasPrefix(strings.ToLower(href), "javascript:")
}

// holdsHead reports whether span s holds the headline. Sidebars, footers,
// comment lists and widgets never hold the article's own headline, so an
// element that does is a page wrapper, whatever its class says
// ("content-sidebar-wrap", "page-header-footer").
func (w *blockWalker) holdsHead(s int32) bool {
	return w.head >= 0 && w.spans[s].start <= w.head && w.head < w.spans[s].end
}
