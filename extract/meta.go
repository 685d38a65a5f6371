package extract

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// metadata is what a page states about itself outside its visible text:
// <title>, <meta> tags, <link rel=canonical>, JSON-LD and microdata.
type metadata struct {
	titleTag  string
	lang      string
	canonical string
	metas     map[string]string // lower-cased name/property/itemprop → first non-empty content
	ld        ldArticle
	ldAnyDate string            // datePublished of any JSON-LD object, when no article object has one
	ldPeople  map[string]string // JSON-LD Person @id → name, for authors given by reference
	otherDate string            // content of the first other meta whose name says published/uploaded
	timeAttrs []string          // datetime attributes of <time> and itemprop=datePublished, in document order
	modified  string            // the page's stated modification time: a last resort for the publish date
}

// ldArticle holds the JSON-LD fields newspipe uses, from the first object
// whose @type is an article type.
type ldArticle struct {
	found     bool
	headline  string
	published string
	authors   []string
	authorIDs []string // authors given only as {"@id": …}, resolved against ldPeople
	// refAuthors are the names authorIDs resolve to: weaker than named
	// authors, since plugins point them at the CMS account that posted
	// the story ("admin") as often as at its writer.
	refAuthors []string
	publisher  string
	url        string
}

// metaKeys are the <meta> names kept; everything else is skipped without allocation.
var metaKeys = func() map[string]bool {
	m := map[string]bool{
		"og:title": true, "twitter:title": true, "og:site_name": true, "og:url": true, "og:locale": true,
		"application-name": true, "author": true, "article:author": true, "byl": true, "dc.creator": true,
		"parsely-author": true, "sailthru.author": true, "citation_author": true, "content-language": true,
		"language": true, "source": true, "publisher": true, "contentsource": true,
		"description": true, "og:type": true, "headline": true,
		// Yoast's reading-card pairs: label1 "Written by", data1 the writer.
		"twitter:label1": true, "twitter:data1": true, "twitter:label2": true, "twitter:data2": true,
	}
	for _, k := range dateMetaKeys {
		m[k] = true
	}
	for _, k := range modifiedMetaKeys {
		m[k] = true
	}
	return m
}()

// modifiedMetaKeys name a page's modification time, in order of trust.
var modifiedMetaKeys = []string{
	"article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "dc.date.modified", "last-modified",
}

// dateMetaKeys lists publish-date metas in order of trust.
var dateMetaKeys = []string{
	"article:published_time", "og:article:published_time", "article:published", "datepublished",
	"publishdate", "publish-date", "publish_date", "published-date", "published_date", "og:publish_date", "pub_date", "pubdate", "publication_date", "publishtime", "pubtime", "_pubtime",
	"apub:time", "weibo: article:create_at", "og:release_date", "release_date", "sailthru.date", "parsely-pub-date",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "dcterms.date", "citation_publication_date",
	"prism.publicationdate", "citation_date",
	"article.published", "originalpublicationdate", "article_date_original", "date", "firstpublishedtime",
	"datecreated", "og:published_time", "created",
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// addMeta records a <meta> (or itemprop) element's content.
func (m *metadata) addMeta(n *html.Node) {
	content := ""
	hasContent := false
	var keys [4]string
	nk := 0
	for _, a := range n.Attr {
		switch a.Key {
		case "name", "property", "itemprop", "http-equiv":
			if nk < len(keys) {
				keys[nk] = a.Val
				nk++
			}
		case "content":
			content, hasContent = a.Val, true
		}
	}
	if !hasContent || strings.TrimSpace(content) == "" {
		return
	}
	for _, k := range keys[:nk] {
		k = strings.ToLower(strings.TrimSpace(k))
		if k == ldMetaKey {
			m.addJSONLD(content)
			continue
		}
		if !metaKeys[k] {
			// Site vocabularies name the same thing their own way
			// ("five_hundred_pixels:uploaded", "sailthru.pubdate_gmt"):
			// a publication-looking key is kept as a weaker date.
			if m.otherDate == "" && isPublishKey(k) {
				m.otherDate = content
			}
			continue
		}
		if m.metas == nil {
			m.metas = make(map[string]string, 16)
		}
		if _, dup := m.metas[k]; !dup {
			m.metas[k] = content
		}
	}
}

// ldMetaKey names a <meta> whose content is a JSON-LD object: Remix and
// React Router take a {"script:ld+json": …} meta descriptor for a script,
// and frameworks that do not know the convention (Next.js metadata
// "other" entries) print it as <meta name="script:ld+json" content="{…}">.
const ldMetaKey = "script:ld+json"

var ldArticleTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true, "blogposting": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true, "backgroundnewsarticle": true,
	"scholarlyarticle": true, "techarticle": true, "liveblogposting": true, "posting": true, "socialmediaposting": true,
}

// addJSONLD parses one ld+json script; malformed JSON is ignored, as browsers do.
func (m *metadata) addJSONLD(text string) {
	if m.ld.found && m.ld.published != "" {
		return
	}
	var v any
	if err := json.Unmarshal([]byte(unwrapCDATA(text)), &v); err != nil {
		return
	}
	m.findLD(v, 0)
	m.resolveLDAuthors()
}

// resolveLDAuthors names the article's authors given only by reference:
// SEO plugins write "author": {"@id": "…#/schema/person/…"} and the Person
// with that @id and its name elsewhere in the graph, or in a later script.
func (m *metadata) resolveLDAuthors() {
	if len(m.ld.refAuthors) > 0 || len(m.ld.authorIDs) == 0 || len(m.ldPeople) == 0 {
		return
	}
	for _, id := range m.ld.authorIDs {
		if n := strings.TrimSpace(m.ldPeople[id]); n != "" && !notAName(n) {
			m.ld.refAuthors = append(m.ld.refAuthors, n)
		}
	}
}

// unwrapCDATA returns a script's text without the CDATA section (and the
// comment markers hiding it from old parsers) that XHTML-minded templates
// wrap JSON-LD in: "//<![CDATA[ {...} //]]>".
func unwrapCDATA(text string) string {
	t := strings.TrimSpace(text)
	t = strings.TrimPrefix(t, "//")
	if rest, ok := strings.CutPrefix(strings.TrimSpace(t), "<![CDATA["); ok {
		rest = strings.TrimSpace(rest)
		rest = strings.TrimSuffix(rest, "]]>")
		rest = strings.TrimSpace(rest)
		rest = strings.TrimSuffix(rest, "//")
		return strings.TrimSpace(rest)
	}
	return strings.TrimSpace(text)
}

func (m *metadata) findLD(v any, depth int) {
	if depth > 6 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			m.findLD(e, depth+1)
		}
	case map[string]any:
		if m.ldAnyDate == "" {
			m.ldAnyDate = ldString(t["datePublished"])
		}
		if id, ok := t["@id"].(string); ok && id != "" && isLDType(t["@type"], "person") {
			if name := ldString(t["name"]); name != "" {
				if m.ldPeople == nil {
					m.ldPeople = make(map[string]string, 2)
				}
				m.ldPeople[id] = name
			}
		}
		if isLDArticle(t["@type"]) && !m.ld.found {
			m.ld = ldArticle{
				found:     true,
				headline:  ldString(t["headline"]),
				published: ldString(t["datePublished"]),
				authors:   ldNames(t["author"]),
				authorIDs: ldRefs(t["author"]),
				publisher: ldName(t["publisher"]),
				url:       ldString(t["url"]),
			}
			if m.ld.published == "" {
				m.ld.published = ldString(t["dateCreated"])
			}
			if m.modified == "" {
				m.modified = ldString(t["dateModified"])
			}
			return
		}
		if g, ok := t["@graph"]; ok {
			m.findLD(g, depth+1)
		}
		if e, ok := t["mainEntity"]; ok {
			m.findLD(e, depth+1)
		}
	}
}

// isLDType reports whether a JSON-LD @type (a string or a list) is want,
// compared in lower case.
func isLDType(t any, want string) bool {
	switch v := t.(type) {
	case string:
		return strings.EqualFold(v, want)
	case []any:
		for _, e := range v {
			if isLDType(e, want) {
				return true
			}
		}
	}
	return false
}

// ldRefs returns the @id of each author given only by reference (no name).
func ldRefs(v any) []string {
	var out []string
	add := func(e any) {
		if m, ok := e.(map[string]any); ok && ldString(m["name"]) == "" {
			if id, ok := m["@id"].(string); ok && id != "" {
				out = append(out, id)
			}
		}
	}
	if l, ok := v.([]any); ok {
		for _, e := range l {
			add(e)
		}
	} else {
		add(v)
	}
	return out
}

func isLDArticle(t any) bool {
	switch v := t.(type) {
	case string:
		return ldArticleTypes[strings.ToLower(v)]
	case []any:
		for _, e := range v {
			if isLDArticle(e) {
				return true
			}
		}
	}
	return false
}

func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		if len(t) > 0 {
			return ldString(t[0])
		}
	case map[string]any:
		if s, ok := t["@value"].(string); ok {
			return s
		}
	}
	return ""
}

func ldName(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		return ldString(t["name"])
	case []any:
		if len(t) > 0 {
			return ldName(t[0])
		}
	}
	return ""
}

func ldNames(v any) []string {
	var out []string
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			if n := ldName(e); n != "" {
				out = append(out, n)
			}
		}
	default:
		if n := ldName(t); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// textOf returns the concatenated text below n.
func textOf(n *html.Node) string {
	t, _ := textOfMax(n, -1)
	return t
}

// textOfMax is textOf that gives up (ok false) once the text passes max
// bytes, so probing big wrappers for a short byline or title stays cheap.
// A negative max means no limit.
func textOfMax(n *html.Node, max int) (string, bool) {
	if n.Type == html.TextNode {
		return n.Data, max < 0 || len(n.Data) <= max
	}
	return renderedText(n, max, false)
}

// renderedText collects n's text up to max bytes (negative: no limit),
// leaving out scripts and ruby readings. A <br> separates words, and with
// blockGaps so does every child that renders as a block of its own
// (rendersAsBlock); CJK text runs on across lines without a space.
func renderedText(n *html.Node, max int, blockGaps bool) (string, bool) {
	if c := n.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		// One text node, most links, titles and headings: its text as it
		// is, without a copy.
		if max >= 0 && len(c.Data) > max {
			return "", false
		}
		return c.Data, true
	}
	var b strings.Builder
	over := false
	gap := func() {
		if r, _ := utf8.DecodeLastRuneInString(b.String()); r != utf8.RuneError && !isCJK(r) {
			b.WriteByte(' ')
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !over; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if max >= 0 && b.Len()+len(c.Data) > max {
					over = true // stop before copying a big text node
					return
				}
				b.WriteString(c.Data)
			case html.ElementNode:
				switch {
				case c.DataAtom == atom.Script || c.DataAtom == atom.Style || c.DataAtom == atom.Rt || c.DataAtom == atom.Rp:
				case c.DataAtom == atom.Br:
					gap() // "WEEKEND<br>CODING"
				case blockGaps && rendersAsBlock(c):
					gap()
					walk(c)
					gap()
				default:
					walk(c)
				}
			}
		}
	}
	walk(n)
	return b.String(), !over
}

// isPublishKey reports a meta name that says it holds a publication time
// but is not one of the known names; modification times are left out.
func isPublishKey(k string) bool {
	if strings.Contains(k, "modif") || strings.Contains(k, "updat") || strings.Contains(k, "expir") {
		return false
	}
	for _, w := range [...]string{"publish", "pubdate", "uploaded", "created", "release"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}
