package compare

import (
	"bytes"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	distiller "github.com/markusmobius/go-domdistiller"
	"github.com/markusmobius/go-domdistiller/data"
	"github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/newspipe/newspipe/extract/evaluate"
)

// Tool is one extractor under comparison.
type Tool struct {
	Name   string
	Module string // Go module providing it, for the versions line
	// Scores says which fields the tool's output is scored on; a tool that
	// does not attempt a field shows "–" there rather than zero.
	Scores Fields
	Run    evaluate.Extractor
}

// Fields is a set of scored fields.
type Fields uint8

// Scored fields.
const (
	FieldBody Fields = 1 << iota
	FieldTitle
	FieldDate
	FieldAuthors
	FieldSourceEditor

	FieldsNone Fields = 0
	FieldsAll         = FieldBody | FieldTitle | FieldDate | FieldAuthors | FieldSourceEditor
	fieldsPeer        = FieldBody | FieldTitle | FieldDate | FieldAuthors
)

// Names of the tools, as they appear in reports.
const (
	Newspipe            = "newspipe"
	Trafilatura         = "go-trafilatura"
	TrafilaturaFallback = "go-trafilatura+fallback"
	Readability         = "go-readability/v2"
	DomDistiller        = "go-domdistiller"
	HTMLDate            = "go-htmldate"
	BareParse           = "x/net/html parse"
	BareDecodeParse     = "x/net/html charset+parse"
)

// Tools returns every tool in report order: newspipe first, the speed
// ceilings last.
func Tools() []Tool {
	return []Tool{
		{Name: Newspipe, Module: "github.com/newspipe/newspipe", Scores: FieldsAll, Run: evaluate.Newspipe},
		{Name: Trafilatura, Module: "github.com/markusmobius/go-trafilatura", Scores: fieldsPeer, Run: runTrafilatura(false)},
		{Name: TrafilaturaFallback, Module: "github.com/markusmobius/go-trafilatura", Scores: fieldsPeer, Run: runTrafilatura(true)},
		{Name: Readability, Module: "codeberg.org/readeck/go-readability/v2", Scores: fieldsPeer, Run: runReadability},
		{Name: DomDistiller, Module: "github.com/markusmobius/go-domdistiller", Scores: fieldsPeer, Run: runDomDistiller},
		{Name: HTMLDate, Module: "github.com/markusmobius/go-htmldate", Scores: FieldDate, Run: runHTMLDate},
		{Name: BareParse, Module: "golang.org/x/net", Scores: FieldsNone, Run: runBareParse},
		{Name: BareDecodeParse, Module: "golang.org/x/net", Scores: FieldsNone, Run: runBareDecodeParse},
	}
}

// pageURL parses the page's address for the peers that want one; pages
// without an address get a neutral one so relative links still resolve.
func pageURL(p *evaluate.Page) *url.URL {
	if p.URL != "" {
		if u, err := url.Parse(p.URL); err == nil && u.Scheme != "" {
			return u
		}
	}
	return &url.URL{Scheme: "http", Host: "localhost", Path: "/"}
}

// runTrafilatura runs go-trafilatura with its default options, or with
// EnableFallback (readability and dom-distiller as fallback candidates).
func runTrafilatura(fallback bool) evaluate.Extractor {
	return func(p *evaluate.Page) (evaluate.Output, error) {
		opts := trafilatura.Options{EnableFallback: fallback, OriginalURL: pageURL(p)}
		res, err := trafilatura.Extract(bytes.NewReader(p.HTML), opts)
		if err != nil {
			return evaluate.Output{}, err
		}
		return evaluate.Output{
			Title: res.Metadata.Title, Body: res.ContentText, Date: res.Metadata.Date,
			Authors: nonEmpty(res.Metadata.Author),
		}, nil
	}
}

// runReadability runs readeck's go-readability v2 with a fresh default
// parser (a Parser holds per-document state).
func runReadability(p *evaluate.Page) (evaluate.Output, error) {
	parser := readability.NewParser()
	art, err := parser.Parse(bytes.NewReader(p.HTML), pageURL(p))
	if err != nil {
		return evaluate.Output{}, err
	}
	var body strings.Builder
	if art.Node != nil {
		if err := art.RenderText(&body); err != nil {
			return evaluate.Output{}, err
		}
	}
	date, _ := art.PublishedTime() // a page without a date is not an error
	return evaluate.Output{Title: art.Title(), Body: body.String(), Date: date, Authors: nonEmpty(art.Byline())}, nil
}

// runDomDistiller runs go-domdistiller with its default options.
func runDomDistiller(p *evaluate.Page) (evaluate.Output, error) {
	res, err := distiller.ApplyForReader(bytes.NewReader(p.HTML), &distiller.Options{OriginalURL: pageURL(p)})
	if err != nil {
		return evaluate.Output{}, err
	}
	return evaluate.Output{
		Title: res.Title, Body: res.Text, Date: looseTime(res.MarkupInfo.Article.PublishedTime),
		Authors: distillerAuthors(res.MarkupInfo),
	}, nil
}

func distillerAuthors(m data.MarkupInfo) []string {
	if len(m.Article.Authors) > 0 {
		return m.Article.Authors
	}
	return nonEmpty(m.Author)
}

// runHTMLDate runs go-htmldate for the original publication date, with its
// default extensive search and its experimental time-of-day extraction.
func runHTMLDate(p *evaluate.Page) (evaluate.Output, error) {
	res, err := htmldate.FromReader(bytes.NewReader(p.HTML), htmldate.Options{
		URL: p.URL, UseOriginalDate: true, ExtractTime: true,
	})
	if err != nil {
		return evaluate.Output{}, err
	}
	return evaluate.Output{Date: res.DateTime}, nil
}

// runBareParse parses the raw bytes as UTF-8 into a DOM and nothing more:
// the floor under any extractor built on x/net/html.
func runBareParse(p *evaluate.Page) (evaluate.Output, error) {
	_, err := html.Parse(bytes.NewReader(p.HTML))
	return evaluate.Output{}, err
}

// runBareDecodeParse adds x/net/html/charset's encoding detection and
// decoding to the bare parse.
func runBareDecodeParse(p *evaluate.Page) (evaluate.Output, error) {
	r, err := charset.NewReader(bytes.NewReader(p.HTML), "text/html")
	if err != nil {
		return evaluate.Output{}, err
	}
	_, err = html.Parse(r)
	return evaluate.Output{}, err
}

func nonEmpty(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return []string{s}
}

// looseTimeLayouts are the forms metadata dates take in the wild.
var looseTimeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123,
}

// looseTime parses a metadata date string, or returns the zero time.
func looseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, l := range looseTimeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
