package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Many templates print the byline word and the name in separate elements
// and mark neither as an author ("<p>Written by</p><p>Edzel Tabing</p>",
// "<span>by </span><a>Shannon Grilli</a>", "Posted on <time>…</time> by
// <a>X</a>"), or print "Written by Cassidy Horton" in a plain heading, so
// the class-based byline scan (scan.go) never sees them. A short text node
// opening with a byline word is such a lead; the name is the rest of that
// text or, when the word stands alone, the next thing printed after it.

// leadWords open a lead text node, longest first. Only English words that
// introduce a writer: "von", "par" and the like also open place and
// partner phrases in running text.
var leadWords = []string{"written by", "article by", "posted by", "reported by", "story by", "words by", "authored by", "author", "by"}

// maxLeadBylines bounds the leads kept per page: the article's own comes
// before the cards of related posts.
const maxLeadBylines = 4

// maxLeadText is the longest text node read as a lead; longer ones are
// prose ("By the end of the year, …").
const maxLeadText = 60

// addLeadByline records the byline a short text node opens, if any, as
// "word | value" for leadNames.
func (p *document) addLeadByline(t *html.Node) {
	leads := &p.leadBylines
	if !p.sawH1 {
		leads = &p.earlyLeads
	}
	if len(*leads) >= maxLeadBylines || len(t.Data) > 2*maxLeadText || !opensLeadWord(t.Data) {
		return
	}
	s := collapseSpace(t.Data)
	if s == "" || len(s) > maxLeadText {
		return
	}
	word, rest, ok := cutLeadWord(s)
	if !ok || otherCredit(t) || headsList(t) || inComments(t) {
		return
	}
	if rest == "" {
		rest = nextPrinted(t)
	}
	if rest == "" {
		return
	}
	*leads = append(*leads, word+" | "+rest)
}

// pageLeads returns the leads that may name the page's writer: those at
// or below the first h1 when the page has one, else all of them.
func (p *document) pageLeads() []string {
	if p.sawH1 {
		return p.leadBylines
	}
	return p.earlyLeads
}

// inComments reports a text inside a comment section (an element whose
// class or id speaks of comments): "Posted by Dave" there is a reader.
func inComments(t *html.Node) bool {
	for n := t.Parent; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if (a.Key == "class" || a.Key == "id") && strings.Contains(strings.ToLower(a.Val), "comment") {
				return true
			}
		}
	}
	return false
}

// opensLeadWord reports whether s, past leading blanks, starts with the
// first word of a lead word in any case. It runs on every short text node
// of the page, so it allocates nothing: most nodes fail it at their first
// letter, before collapseSpace and ToLower copy them.
func opensLeadWord(s string) bool {
	s = trimLeadingBlanks(s)
	if s == "" || !strings.ContainsRune("abprswABPRSW", rune(s[0])) {
		return false // the first letters of leadWords, in either case
	}
	for _, w := range leadWords {
		first, _, _ := strings.Cut(w, " ")
		if hasPrefixFoldASCII(s, first) {
			return true
		}
	}
	return false
}

// trimLeadingBlanks drops ASCII blanks and no-break spaces from the start
// of s (strings.TrimLeft with a non-ASCII cutset is several times slower).
func trimLeadingBlanks(s string) string {
	for s != "" {
		switch {
		case s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r':
			s = s[1:]
		case strings.HasPrefix(s, "\u00a0"):
			s = s[len("\u00a0"):]
		default:
			return s
		}
	}
	return s
}

// cutLeadWord splits a lead word off s ("Written by Jane Doe" → "written
// by", "Jane Doe"); rest is "" when the word stands alone ("By", "Author:").
func cutLeadWord(s string) (word, rest string, ok bool) {
	lower := strings.ToLower(s)
	for _, w := range leadWords {
		if !strings.HasPrefix(lower, w) {
			continue
		}
		after := s[len(w):]
		if after != "" && !strings.ContainsRune(" :", rune(after[0])) {
			return "", "", false // "Byron", "Authority"
		}
		return w, strings.TrimSpace(strings.TrimLeft(after, " :")), true
	}
	return "", "", false
}

// nextPrinted returns the text of the first non-blank node after t in
// document order, looking past the ends of at most two enclosing elements
// ("<div><small>WRITTEN BY</small></div><p>NAME</p>"), or "" when that text
// is too long to be a name.
func nextPrinted(t *html.Node) string {
	n := t
	for up := 0; up <= 2 && n != nil; up++ {
		for c := n.NextSibling; c != nil; c = c.NextSibling {
			var s string
			switch c.Type {
			case html.TextNode:
				s = collapseSpace(c.Data)
			case html.ElementNode:
				raw, ok := textOfMax(c, 200)
				if !ok {
					return ""
				}
				s = collapseSpace(raw)
			}
			if s != "" {
				if len(s) > maxLeadText {
					return ""
				}
				return s
			}
		}
		n = n.Parent
	}
	return ""
}

// leadNames reads the writer of a lead recorded by addLeadByline: a full
// name or names, or a team ("The Meetingnotes Team"); never a lone word,
// which after "by" is as often a means ("by hand") as a handle. A lead is
// any short text, no element marked as a byline, so a team must end in a
// desk's word: capitalised words after "By" are as often a heading ("By
// the Numbers", "By Popular Demand").
func leadNames(lead string) []string {
	_, value, _ := strings.Cut(lead, " | ")
	value = cutLeadValue(value)
	if value == "" || strings.ContainsFunc(value, isHanRune) || isFacet(value) {
		return nil
	}
	if names := latinNames(value); len(names) > 0 && !opensWithArticle(value) {
		return names
	}
	if isTeamName(value) && isDeskWord(lastWord(value)) {
		return []string{value}
	}
	return nil
}

// lastWord returns the last word of s.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// opensWithArticle reports a value whose first word is an article: a name
// never opens with one ("By the Numbers" is a heading).
func opensWithArticle(v string) bool {
	first, _, _ := strings.Cut(strings.ToLower(v), " ")
	return first == "the" || first == "a" || first == "an"
}

// cutLeadValue cuts a lead's value where the name ends, as a byline's,
// but keeps the degrees after it ("Jillian Kubala, MS, RD — Updated on …"):
// labels print them as part of the name.
func cutLeadValue(s string) string {
	head, tail, _ := strings.Cut(s, ",")
	name := cutBylineValue(head)
	if name != strings.TrimSpace(head) {
		return name // the name ended before the comma
	}
	for _, part := range strings.Split(tail, ",") {
		part = cutBylineValue(part)
		if !isCredential(part) {
			break
		}
		name += ", " + part
	}
	return name
}

// otherCredits end the text printed just before a "by" that credits
// someone other than the writer ("Medically reviewed by", "Photo by").
var otherCredits = map[string]bool{
	"reviewed": true, "edited": true, "checked": true, "photo": true, "photos": true, "photograph": true,
	"photography": true, "image": true, "images": true, "illustration": true, "illustrations": true,
	"illustrated": true, "translated": true, "produced": true, "video": true, "designed": true,
	"sponsored": true, "powered": true, "presented": true, "hosted": true, "narrated": true, "verified": true,
}

// otherCredit reports a lead that ends another credit: the last word of
// the text printed just before t, in the same element, is a reviewer's
// or photographer's label ("<a>Medically reviewed</a> by <a>KIM</a>").
func otherCredit(t *html.Node) bool {
	for c := t.PrevSibling; c != nil; c = c.PrevSibling {
		var s string
		switch c.Type {
		case html.TextNode:
			s = c.Data
		case html.ElementNode:
			raw, ok := textOfMax(c, 200)
			if !ok {
				return false
			}
			s = raw
		}
		words := strings.Fields(strings.ToLower(s))
		if len(words) == 0 {
			continue
		}
		return otherCredits[strings.Trim(words[len(words)-1], ".,:;-–—")]
	}
	return false
}

// headsList reports a lead heading a list of links, a menu's facet
// heading ("<h4>By Event Type</h4><ul>…").
func headsList(t *html.Node) bool {
	if t.Parent == nil {
		return false
	}
	for c := t.Parent.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c.DataAtom == atom.Ul || c.DataAtom == atom.Ol
		}
	}
	return false
}

// facets end the headings menus sort their links under ("By Company
// Size", "BY COMPANY TYPE"), which read like a capitalised name.
var facets = map[string]bool{
	"type": true, "types": true, "size": true, "industry": true, "industries": true, "role": true,
	"roles": true, "topic": true, "topics": true, "category": true, "categories": true, "function": true,
	"case": true, "cases": true, "product": true, "products": true, "region": true, "location": true,
	"need": true, "needs": true, "stage": true, "platform": true, "department": true, "interest": true,
	"solution": true, "solutions": true, "date": true, "popularity": true, "relevance": true,
}

// isFacet reports a menu facet heading's value: its last word is a facet.
func isFacet(value string) bool {
	words := strings.Fields(strings.ToLower(value))
	return len(words) > 0 && facets[words[len(words)-1]]
}
