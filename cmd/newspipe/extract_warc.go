package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	gowarc "github.com/nlnwa/gowarc/v3"

	"github.com/newspipe/newspipe/crawler"
	"github.com/newspipe/newspipe/extract"
)

// warcPage is one HTML response read from a WARC file, handed to a worker
// like a file input: its bytes are its own (not in a worker's scratch).
type warcPage struct {
	label     string // FILE: record N (offset X), for error lines
	url       string // WARC-Target-URI
	header    http.Header
	body      []byte // the HTTP payload, transfer and content codings removed
	fetchedAt time.Time
}

// isWARCInput reports whether in names a WARC file, by its name: a .warc or
// .warc.gz file holds many pages, so it is read record by record rather than
// whole like other files.
func isWARCInput(in string) bool {
	l := strings.ToLower(in)
	return strings.HasSuffix(l, ".warc") || strings.HasSuffix(l, ".warc.gz")
}

// feedWARC reads the WARC file path record by record and hands each HTML
// response to the workers through queue (printing order) and work. A record
// that cannot be read becomes one error outcome naming the file, the record
// number and its offset; reading goes on after it where the file allows
// (the next gzip member or WARC header found), and errors following one
// another without a good record between them are reported once, since they
// are one damaged stretch. It returns false when ctx ended the run.
func (f *extractFlags) feedWARC(ctx context.Context, path string, queue, work chan<- *pending) bool {
	fail := func(err error) {
		p := &pending{in: path, done: make(chan outcome, 1)}
		p.done <- outcome{err: err}
		queue <- p
	}
	// Findings are collected rather than fatal (ErrWarn), so that a record
	// cut short, which the reader would otherwise pass silently, is seen in
	// rec.Validation; recordDamage picks those that make a record unusable.
	r, err := gowarc.NewWarcFileReader(path, 0, gowarc.WithBufferMaxMemBytes(f.maxBody),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn), gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn))
	if err != nil {
		fail(fmt.Errorf("%s: %w", path, err))
		return true
	}
	defer r.Close()
	n := 0
	damaged := false
	lastEnd := int64(-1)
	for {
		if ctx.Err() != nil {
			return false
		}
		rec, err := r.Next()
		if err == io.EOF { //nolint:errorlint // only the bare io.EOF is a clean end; a wrapped one is a record cut short
			return true
		}
		n++
		if err == nil {
			err = recordDamage(rec.Validation)
		}
		if err != nil {
			if !damaged {
				fail(fmt.Errorf("%s: record %d (offset %d): %w", path, n, rec.Offset, warcReadError(err)))
			}
			damaged = true
			end := rec.Offset + rec.Size
			if end <= lastEnd || rec.Size <= 0 {
				return true // no progress: nothing more can be read
			}
			lastEnd = end
			if rec.WarcRecord != nil {
				rec.Close()
			}
			continue
		}
		damaged = false
		lastEnd = rec.Offset + rec.Size
		label := fmt.Sprintf("%s: record %d (offset %d)", path, n, rec.Offset)
		page, err := readWARCPage(rec.WarcRecord, f.maxBody)
		rec.Close()
		if err != nil {
			fail(fmt.Errorf("%s: %w", label, err))
			continue
		}
		if page == nil {
			continue
		}
		page.label = label
		p := &pending{in: label, page: page, done: make(chan outcome, 1)}
		queue <- p
		work <- p
	}
}

// recordDamage returns the first finding that makes a record's content
// unusable: a block shorter or longer than its Content-Length (a truncated
// file) or one whose recorded digest does not match (corrupt bytes).
// Other findings, such as a missing optional field, do not stop extraction.
func recordDamage(findings []error) error {
	for _, e := range findings {
		if cl, ok := errors.AsType[*gowarc.ContentLengthError](e); ok {
			return fmt.Errorf("truncated record: %w", cl)
		}
		if d, ok := errors.AsType[*gowarc.DigestError](e); ok {
			return fmt.Errorf("corrupt record: %w", d)
		}
	}
	return nil
}

// warcReadError words the reader's errors for a user: a file that ends
// inside a record is the common case (a copy cut short, a crawl killed).
func warcReadError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("truncated record: %w", err)
	}
	return err
}

// readWARCPage returns the HTML response held in rec, or nil for any other
// record: another type, a status other than 200, a payload that is neither
// declared nor sniffed HTML. The payload is decoded as a browser would get
// it (chunked transfer coding and gzip, deflate or br content coding
// removed, the Content-Encoding header dropped), so that the bytes given to
// extract are those the crawler gave it.
func readWARCPage(rec gowarc.WarcRecord, limit int64) (*warcPage, error) {
	if rec.Type() != gowarc.Response {
		return nil, nil
	}
	block, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok || block.HttpStatusCode() != http.StatusOK {
		return nil, nil
	}
	header, err := rawHTTPHeader(block.ProtocolHeaderBytes())
	if err != nil {
		return nil, fmt.Errorf("HTTP header: %w", err)
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return nil, fmt.Errorf("payload: %w", err)
	}
	body, err := readAllLimit(payload, nil, 0, limit)
	if err != nil {
		return nil, err
	}
	if body, err = decodePayload(body, header, limit); err != nil {
		return nil, err
	}
	if !isHTMLResponse(header.Get("Content-Type"), body) {
		return nil, nil
	}
	date, err := rec.Date()
	if err != nil {
		return nil, fmt.Errorf("WARC-Date: %w", err)
	}
	target := rec.WarcHeader().Get(gowarc.WarcTargetURI)
	if target == "" {
		return nil, errors.New("response record without WARC-Target-URI")
	}
	return &warcPage{url: target, header: header, body: body, fetchedAt: date.UTC()}, nil
}

// rawHTTPHeader parses the recorded status line and header fields itself:
// the library's parsed header (net/http's) drops Transfer-Encoding, which
// says whether the payload is still chunked.
func rawHTTPHeader(raw []byte) (http.Header, error) {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	if _, err := tp.ReadLine(); err != nil {
		return nil, err
	}
	h, err := tp.ReadMIMEHeader()
	if err != nil && !(errors.Is(err, io.EOF) && h != nil) {
		return nil, err
	}
	return http.Header(h), nil
}

// isHTMLResponse reports whether a response is an HTML page: declared
// text/html or application/xhtml+xml, or, when the type is missing or only
// says "bytes", sniffed as HTML the way browsers do.
func isHTMLResponse(contentType string, body []byte) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "application/octet-stream", "binary/octet-stream", "unknown/unknown":
		return strings.HasPrefix(http.DetectContentType(body), "text/html")
	}
	return false
}

// decodePayload removes the codings that a WARC records as they were on the
// wire: a chunked Transfer-Encoding and a gzip, deflate or br
// Content-Encoding (WARCs written by newspipe record the decoded body and no
// such headers). The decoded body is held to limit bytes too.
func decodePayload(body []byte, header http.Header, limit int64) ([]byte, error) {
	if strings.EqualFold(strings.TrimSpace(header.Get("Transfer-Encoding")), "chunked") {
		out, err := readAllLimit(httputil.NewChunkedReader(bytes.NewReader(body)), nil, int64(len(body)), limit)
		if err != nil {
			return nil, fmt.Errorf("chunked payload: %w", err)
		}
		body = out
		header.Del("Transfer-Encoding")
	}
	var zr io.Reader
	switch enc := strings.ToLower(strings.TrimSpace(header.Get("Content-Encoding"))); enc {
	case "", "identity":
		return body, nil
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("gzip payload: %w", err)
		}
		zr = gz
	case "deflate":
		zr = flate.NewReader(bytes.NewReader(body))
	case "br":
		zr = brotli.NewReader(bytes.NewReader(body))
	default:
		return nil, fmt.Errorf("payload with unsupported Content-Encoding %q", enc)
	}
	out, err := readAllLimit(bufio.NewReader(zr), nil, int64(len(body))*4, limit)
	if err != nil {
		return nil, fmt.Errorf("%s payload: %w", header.Get("Content-Encoding"), err)
	}
	header.Del("Content-Encoding")
	header.Del("Content-Length")
	return out, nil
}

// extractWARCPage extracts one page read from a WARC, as newspipe extract
// does a URL it fetched: the recorded URL and headers, and the record's
// date as the fetch time.
func (f *extractFlags) extractWARCPage(page *warcPage, trace io.Writer) (*extract.Article, error) {
	opts := &extract.Options{Charset: f.charset, CollectLinks: f.withLinks, Rules: f.rules, Trace: trace, Now: page.fetchedAt}
	art, err := extract.Extract(page.body, page.url, page.header, opts)
	if err != nil {
		return nil, err
	}
	art.FetchedAt = page.fetchedAt
	if f.articlesOnly {
		if u, err := url.Parse(page.url); err == nil {
			if ok, _ := crawler.IsArticle(art, u); !ok {
				return nil, errNotArticle
			}
		}
	}
	return art, nil
}

// errNotArticle is the outcome of a WARC page that --articles skips.
var errNotArticle = errors.New("not an article")

// warcInputs reports whether any input is a WARC file, which the workers
// share: then -j applies in full even to a single input.
func warcInputs(inputs []string) bool {
	for _, in := range inputs {
		if isWARCInput(in) {
			if _, err := os.Stat(in); err == nil {
				return true
			}
		}
	}
	return false
}
