package extract

import (
	"net/http"

	"golang.org/x/net/html"
)

// pageRun carries one page through the stages of extract. Each stage reads
// what the earlier ones left here and adds its own part; none goes back.
type pageRun struct {
	opts *Options
	url  string
	art  *Article

	dec *Decoded      // decode: the page as UTF-8
	doc *document     // parse: the tree and what one walk over it found
	ov  siteOverrides // parse: what the user's per-site selectors picked

	title, site string     // metadata: the headline and the site's name
	headNode    *html.Node // metadata: the element printing the headline, if known

	w          *blockWalker // blocks: the text blocks of the page's body
	aggressive bool         // blocks: the page carries toned pinyin readings
	pinyin     bool         // a pinyin reading was removed somewhere

	best    int32 // candidates: the chosen body element (a span), -1 for none
	forced  bool  // candidates: chosen by a per-site selector
	headIdx int   // candidates: the block holding the headline, -1 for none
	idx     []int // candidates: the blocks of the body, in order

	row   bodyCredits // credits: writers and outlet named in an editor row
	edge  bodyCredits // credits: those credited at the body's edges
	cr    credits     // credits: source, authors and editor
	lines []string    // credits: the body's lines, credit lines taken out
	lang  string      // fields: the page's language
}

// extract runs the stages in order: decode → parse → metadata → blocks →
// candidates (with the arbiter) → credits → fields → record.
func extract(raw []byte, pageURL string, header http.Header, opts *Options) (*Article, error) {
	r := &pageRun{opts: opts, url: pageURL, art: &Article{URL: pageURL}}
	if err := r.decode(raw, header); err != nil { // decode.go
		return nil, err
	}
	if err := r.parse(); err != nil { // parse.go
		return nil, err
	}
	r.metadata()                       // headline.go
	if err := r.blocks(); err != nil { // segment.go
		return nil, err
	}
	r.candidates()             // candidates.go, arbiter.go
	r.assemble(r.creditRows()) // candidates.go, attribution.go
	r.credits()                // attribution.go
	r.fields()                 // fields.go
	return r.record(), nil     // record.go
}
