package extract

import (
	"encoding/json"
	"fmt"
	"time"
)

// Article is one extracted page. Its JSON form is the newspipe record: every
// key is always present, and an unknown value is null (or [] for lists).
type Article struct {
	URL          string    // page address; file:// for local files without a known URL
	CanonicalURL string    // rel=canonical / og:url, resolved against URL
	SiteName     string    // publisher's site name (og:site_name, title suffix)
	Title        string    // headline without the site suffix
	PublishedAt  time.Time // zero when unknown
	Source       string    // originating outlet (来源)
	Authors      []string  // reporters / writers
	Editor       string    // responsible editor(s), as printed (责任编辑)
	Body         string    // article text, paragraphs joined by "\n"
	Lang         string    // BCP 47 language tag, e.g. "zh-Hant", "en"
	Encoding     string    // charset used to decode the bytes, e.g. "gbk"
	FetchedAt    time.Time // set by the caller for fetched pages
	ContentHash  string    // "sha256:<hex>" of Body; empty when Body is empty
	Warnings     []string  // repairs and doubts, e.g. "pinyin_removed"
	// DuplicateOf, when set, is written as the record's optional
	// duplicate_of key: the url of the first copy of the same story, or ""
	// (null) for a first copy. Nil leaves the key out (Extract never sets
	// it; the crawl and newspipe dedup do).
	DuplicateOf *string

	// IsArticle reports whether the page looks like a single article rather
	// than a home, channel, listing or error page. Not part of the record.
	IsArticle bool
	// Links holds the absolute http(s) links found on the page, in document
	// order, when Options.CollectLinks is set. Not part of the record.
	Links []Link
}

// Link is a hyperlink found on a page.
type Link struct {
	URL  string // absolute URL, fragment removed
	Text string // anchor text, whitespace collapsed
	Rel  string // rel attribute, e.g. "alternate", "next", "canonical"
	Type string // type attribute, e.g. "application/rss+xml"
}

// record is the JSON shape of an Article; field order is the schema's order.
type record struct {
	URL          string          `json:"url"`
	CanonicalURL *string         `json:"canonical_url"`
	SiteName     *string         `json:"site_name"`
	Title        *string         `json:"title"`
	PublishedAt  *string         `json:"published_at"`
	Source       *string         `json:"source"`
	Authors      []string        `json:"authors"`
	Editor       *string         `json:"editor"`
	Body         *string         `json:"body"`
	Lang         *string         `json:"lang"`
	Encoding     *string         `json:"encoding"`
	FetchedAt    *string         `json:"fetched_at"`
	ContentHash  *string         `json:"content_hash"`
	Warnings     []string        `json:"warnings"`
	DuplicateOf  json.RawMessage `json:"duplicate_of,omitempty"` // optional: absent, null or a url
}

// MarshalJSON encodes a as a newspipe record.
func (a *Article) MarshalJSON() ([]byte, error) {
	n := 320 + 2*len(a.URL) + len(a.Title) + len(a.Body) + len(a.Body)/16
	return appendRecord(make([]byte, 0, n), a), nil
}

// UnmarshalJSON decodes a newspipe record into a.
func (a *Article) UnmarshalJSON(data []byte) error {
	var r record
	if err := json.Unmarshal(data, &r); err != nil {
		return err
	}
	deref := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	parse := func(p *string) (time.Time, error) {
		if p == nil {
			return time.Time{}, nil
		}
		return time.Parse(time.RFC3339, *p)
	}
	pub, err := parse(r.PublishedAt)
	if err != nil {
		return err
	}
	fetched, err := parse(r.FetchedAt)
	if err != nil {
		return err
	}
	*a = Article{
		URL: r.URL, CanonicalURL: deref(r.CanonicalURL), SiteName: deref(r.SiteName),
		Title: deref(r.Title), PublishedAt: pub, Source: deref(r.Source), Authors: r.Authors,
		Editor: deref(r.Editor), Body: deref(r.Body), Lang: deref(r.Lang), Encoding: deref(r.Encoding),
		FetchedAt: fetched, ContentHash: deref(r.ContentHash), Warnings: r.Warnings,
	}
	if len(r.DuplicateOf) > 0 {
		var d *string
		if err := json.Unmarshal(r.DuplicateOf, &d); err != nil {
			return fmt.Errorf("duplicate_of: %w", err)
		}
		if d == nil {
			d = new(string)
		}
		a.DuplicateOf = d
	}
	return nil
}
