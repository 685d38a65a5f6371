package extract

import (
	"errors"
	"io"
	"net/http"
	"time"
)

// Errors returned by Extract for pages that cannot yield a record.
var (
	ErrEmpty   = errors.New("empty page")
	ErrNotHTML = errors.New("not an HTML page")
)

// Options tune one extraction. The zero value is ready to use.
type Options struct {
	// Charset, when set, overrides encoding detection (a WHATWG label such as "gbk").
	Charset string
	// Now is the fetch time: relative dates such as "3小时前" are read against
	// it, and dates more than a day after it are ignored. Zero disables both.
	Now time.Time
	// CollectLinks fills Article.Links (used by the crawler for discovery).
	CollectLinks bool
	// Rules are per-site selectors tried before the general rules (see
	// CompileRules); nil means none.
	Rules *Rules
	// Trace, when set, receives a line per text block telling how it was
	// classified and whether it went into the body (for debugging rules).
	Trace io.Writer
}

// Extract decodes, parses and extracts one page. pageURL is the page's
// address (used to resolve links and infer dates); header holds the HTTP
// response headers, or nil, of which only Content-Type is read (for the
// charset). opts may be nil.
//
// It returns ErrEmpty for a page without text, ErrNotHTML for a body that is
// not HTML, an error wrapping ErrUnknownCharset for an unknown
// Options.Charset, and otherwise an Article, whose fields are empty where the
// page does not say.
func Extract(raw []byte, pageURL string, header http.Header, opts *Options) (*Article, error) {
	if opts == nil {
		opts = &Options{}
	}
	return extract(raw, pageURL, header, opts)
}
