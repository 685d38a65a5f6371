package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/newspipe/newspipe/crawler"
	"github.com/newspipe/newspipe/extract"
)

const extractUsage = `Usage: newspipe extract [flags] INPUT...

Extracts one article record per INPUT and prints it as one JSON line, in
input order. INPUT is an http(s) URL, a file path, or - for standard input.
A failed input prints one line on stderr naming it and the reason; the
others still go through. A file or standard input holding gzip data (found
by its magic bytes, not its name, e.g. page.html.gz) is decompressed; more
than --max-body bytes, compressed or not, fails that input.

A file named *.warc or *.warc.gz is a web archive (WARC 1.0 or 1.1, as
newspipe crawl --warc or another crawler writes it): every HTTP 200 response
in it that is HTML (by its recorded Content-Type, or sniffed when that
says nothing) is extracted as a page fetched from its WARC-Target-URI with
the recorded headers (their charset counts), fetched_at being its
WARC-Date. Other records, and pages without text, are skipped. A record
that cannot be read is one error line naming the file, the record number
and its byte offset; the records before it, and after it where the file
can be read on, still go through, and the exit status is 1. With
--articles, only the pages a crawl would emit as articles are kept (the
crawl's own verdict; home, channel and listing pages are skipped), so that
re-extracting a crawl's WARC gives the records the crawl gave.

Inputs are extracted -j at a time (default: one per CPU) and printed in
input order whatever -j is; at most about 2*j inputs are held at once.

Memory: unless the environment sets GOGC or GOMEMLIMIT, the Go collector
runs with GOGC=400 and a soft memory limit of half the machine's (or
cgroup's) memory. A page keeps only a few MB live but allocates several
times its size, so at Go's default (GOGC=100) the collector ran about 240
times over 900 corpus pages (150 MB); at 400 it runs about 40 times, the
heap grows to about five times the live data (peak RSS about 95 MB instead
of 50 MB with two workers), and the run needs about 20% less CPU time. The
limit makes the collector work harder rather than let the heap outgrow the
machine. GOGC=100 GOMEMLIMIT=off gives Go's defaults back.

Exit status: 0 all inputs extracted, 1 some input failed, 2 usage error.

Examples:
  newspipe extract testdata/pages/content-farm-pinyin.html
  newspipe extract --pretty https://example.com/news/1.html
  curl -s URL | newspipe extract --url URL -
  newspipe extract -o out.jsonl pages/*.html
  newspipe extract --articles -o out.jsonl crawl/newspipe-20260101T000000Z-00001.warc.gz

Flags:
`

// extractFlags holds the parsed command line of newspipe extract and what
// is built from it once for every input.
type extractFlags struct {
	out       string
	pretty    bool
	pageURL   string
	charset   string
	timeout   time.Duration
	maxBody   int64
	userAgent string
	withLinks bool
	explain   bool
	// articlesOnly keeps, of a WARC's pages, those a crawl would emit.
	articlesOnly bool
	selectors    extract.Selectors
	rules        *extract.Rules
	stderr       io.Writer
	inputs       []string
	jobs         int
	fetchCfg     crawler.FetchConfig
	httpClient   *http.Client // set when some input is a URL
}

// parseExtractFlags parses the arguments of newspipe extract, checking every
// usage error (flags, selectors, charset label, -j, stdin twice) before any
// input is read.
func parseExtractFlags(args []string, stderr io.Writer) (*extractFlags, error) {
	f := &extractFlags{}
	fs := newFlagSet("extract", extractUsage, stderr)
	fs.StringVar(&f.out, "o", "", "write records to `FILE` instead of stdout")
	fs.BoolVar(&f.pretty, "pretty", false, "indent the JSON for reading (one object per input, not JSONL)")
	fs.StringVar(&f.pageURL, "url", "", "the page's `URL`, for file or stdin input (resolves links, infers dates)")
	fs.StringVar(&f.charset, "charset", "", "override encoding detection with this charset `label` (e.g. gbk, big5, utf-8)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout for each URL fetch")
	fs.Int64Var(&f.maxBody, "max-body", 20<<20, "largest response body to accept, in `bytes`")
	fs.StringVar(&f.userAgent, "user-agent", crawler.DefaultUserAgent, "User-Agent header for URL fetches")
	fs.BoolVar(&f.withLinks, "links", false, "also print the page's links (debugging aid; not part of the record)")
	fs.StringVar(&f.selectors.Title, "select-title", "", "CSS `selector` of the headline, tried before the general rules")
	fs.StringVar(&f.selectors.Body, "select-body", "", "CSS `selector` of the element holding the article text")
	fs.StringVar(&f.selectors.Date, "select-date", "", "CSS `selector` of the publish date element")
	fs.StringVar(&f.selectors.Authors, "select-authors", "", "CSS `selector` of the author elements")
	fs.StringVar(&f.selectors.Remove, "remove", "", "CSS `selector` of elements to drop before extraction")
	fs.BoolVar(&f.explain, "explain", false, "print on stderr how each text block was classified (debugging aid)")
	fs.IntVar(&f.jobs, "j", runtime.GOMAXPROCS(0), "extract `N` inputs at a time (output order is unchanged)")
	fs.BoolVar(&f.articlesOnly, "articles", false, "from WARC files, keep only the pages a crawl emits as articles (home, channel and listing pages are skipped)")
	inputs, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	if len(inputs) == 0 {
		fs.Usage()
		return nil, errors.New("no INPUT given")
	}
	if f.jobs < 1 {
		return nil, fmt.Errorf("-j %d: want 1 or more inputs at a time", f.jobs)
	}
	if f.pageURL != "" && len(inputs) > 1 {
		return nil, errors.New("--url applies to a single input")
	}
	if f.pageURL != "" && isWARCInput(inputs[0]) {
		return nil, errors.New("--url does not apply to a WARC file: each response has its recorded URL")
	}
	f.inputs = inputs
	f.stderr = stderr
	if f.rules, err = extract.CompileRules(f.selectors); err != nil {
		return nil, err
	}
	if f.charset != "" {
		// Check the label once, as a usage error, rather than failing every input.
		if _, err := extract.Decode(nil, "", f.charset); err != nil {
			return nil, fmt.Errorf("--charset: %w", err)
		}
	}
	stdinSeen := false
	f.fetchCfg = crawler.FetchConfig{UserAgent: f.userAgent, Timeout: f.timeout, MaxBody: f.maxBody}
	for _, in := range inputs {
		if in == "-" {
			if stdinSeen {
				return nil, errors.New("standard input (-) can be read only once")
			}
			stdinSeen = true
		}
		if isURL(in) && f.httpClient == nil {
			// One client for every worker, made before they start.
			f.httpClient = crawler.NewHTTPClient(f.fetchCfg)
		}
	}
	return f, nil
}

// parseInterspersed lets flags follow positional arguments, as users type them.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// runExtract runs newspipe extract and returns its exit status.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f, err := parseExtractFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "newspipe extract: %v\n", err)
		return exitUsage
	}
	out := stdout
	var file *os.File
	if f.out != "" && f.out != "-" {
		file, err = os.Create(f.out)
		if err != nil {
			fmt.Fprintf(stderr, "newspipe extract: %v\n", err)
			return exitFailed
		}
		out = file
	}
	defer tuneGC(os.Getenv, systemMemory)()
	bw := bufio.NewWriter(out)
	failed := f.extractAll(ctx, stdin, bw)
	if err := bw.Flush(); err != nil {
		fmt.Fprintf(stderr, "newspipe extract: write: %v\n", err)
		failed++
	}
	if file != nil {
		if err := file.Close(); err != nil {
			fmt.Fprintf(stderr, "newspipe extract: %v\n", err)
			failed++
		}
	}
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// writeRecord writes art as one JSON line (indented with pretty), with the
// page's links spliced in last when links is set.
func writeRecord(w io.Writer, art *extract.Article, pretty, links bool) error {
	if links {
		// Keep the record's key order: splice the links in before its last brace.
		rec, err := json.Marshal(art)
		if err != nil {
			return err
		}
		list := art.Links
		if list == nil {
			list = []extract.Link{}
		}
		lj, err := json.Marshal(list)
		if err != nil {
			return err
		}
		spliced := append(append(append(rec[:len(rec)-1:len(rec)-1], `,"links":`...), lj...), '}')
		if pretty {
			var buf bytes.Buffer
			if err := json.Indent(&buf, spliced, "", "  "); err != nil {
				return err
			}
			spliced = buf.Bytes()
		}
		_, err = w.Write(append(spliced, '\n'))
		return err
	}
	var v any = art
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(v)
}

// isURL reports whether the input is fetched over HTTP rather than read.
func isURL(in string) bool {
	return strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://")
}

// extractOne reads one input (URL, file or stdin) and extracts it; trace,
// when not nil, receives the --explain output. A file is read into
// *scratch (see readFileInput), so the article is valid only until the next
// call with the same scratch.
func (f *extractFlags) extractOne(ctx context.Context, in string, stdin io.Reader, trace io.Writer, scratch *[]byte) (*extract.Article, error) {
	// Relative dates ("3小时前") are read against the fetch time; a saved file
	// has none, so they stay unknown there rather than becoming today.
	opts := &extract.Options{Charset: f.charset, CollectLinks: f.withLinks, Rules: f.rules, Trace: trace}
	if isURL(in) {
		page, err := crawler.Fetch(ctx, f.httpClient, in, f.fetchCfg)
		if err != nil {
			return nil, err
		}
		opts.Now = page.FetchedAt
		art, err := extract.Extract(page.Body, page.URL, page.Header, opts)
		if err != nil {
			return nil, err
		}
		art.FetchedAt = page.FetchedAt
		return art, nil
	}
	var raw []byte
	var err error
	pageURL := f.pageURL
	if in == "-" {
		raw, err = readStreamInput(stdin, f.maxBody)
		if pageURL == "" {
			pageURL = "stdin:"
		}
	} else {
		raw, err = readFileInput(in, f.maxBody, scratch)
		if pageURL == "" {
			abs, aerr := filepath.Abs(in)
			if aerr != nil {
				abs = in
			}
			pageURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
		}
	}
	if err != nil {
		return nil, err
	}
	return extract.Extract(raw, pageURL, nil, opts)
}
