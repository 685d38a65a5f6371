// Package warcfile writes the responses of a crawl as gzip-compressed WARC
// 1.1 files (ISO 28500), so that pages can be extracted again later
// without fetching them, and repairs the file a killed run left open.
//
// Files are named newspipe-<run start, UTC>-<serial>[-<worker>].warc.gz.
// Each record is one gzip member written to the file in one go; the file
// being written is NAME.warc.gz.open and is renamed when it reaches the
// size limit or the run ends. A run killed mid-record leaves a .open file
// whose last member is incomplete: Recover, called when the next run
// starts, cuts it back to its last whole member and renames it.
package warcfile

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// openSuffix marks a WARC file still being written.
const openSuffix = ".open"

// Options name and size the files of one run.
type Options struct {
	Dir     string
	Start   time.Time // the run's start: in every file name of the run
	Worker  string    // worker id of a shared crawl, or ""
	MaxSize int64     // bytes of a file (compressed) before the next one; <= 0: 1 GiB
	// Software is written in each file's warcinfo record.
	Software string
}

// Writer archives exchanges; it is safe for concurrent use.
type Writer struct {
	w *gowarc.WarcFileWriter
}

// Exchange is one request and the response read for it in full.
type Exchange struct {
	URL           string
	Method        string
	RequestHeader http.Header
	Status        int
	Header        http.Header // as the crawler saw it: no Content-Encoding (the body is decoded)
	Body          []byte
	FetchedAt     time.Time
}

// Open starts writing WARC files in o.Dir, creating it if needed. No file
// is created before the first record.
func Open(o Options) (*Writer, error) {
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, err
	}
	if o.MaxSize <= 0 {
		o.MaxSize = 1 << 30
	}
	worker := ""
	if o.Worker != "" {
		worker = "-" + sanitize(o.Worker)
	}
	names := &gowarc.PatternNameGenerator{
		Directory: o.Dir,
		Pattern:   "newspipe-%{start}s-%05{serial}d%{worker}s.%{ext}s",
		Params:    map[string]any{"start": o.Start.UTC().Format("20060102T150405Z"), "worker": worker},
	}
	software := o.Software
	w := gowarc.NewWarcFileWriter(
		gowarc.WithCompression(true),
		// Fastest deflate: the archive is written on the crawl's path,
		// and level 1 costs a fraction of the default level's CPU for
		// files about 15% larger.
		gowarc.WithCompressionLevel(gzip.BestSpeed),
		gowarc.WithMaxFileSize(o.MaxSize),
		gowarc.WithFileNameGenerator(names),
		gowarc.WithOpenFileSuffix(openSuffix),
		// No fsync per record: a killed process loses nothing written, and
		// Recover handles a record cut short; fsync would cost a disk
		// round trip per page.
		gowarc.WithFlush(false),
		gowarc.WithWarcInfoFunc(func(b gowarc.WarcRecordBuilder) error {
			_, err := b.WriteString("software: " + software + "\r\nformat: WARC File Format 1.1\r\n" +
				"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
			return err
		}),
	)
	return &Writer{w: w}, nil
}

// sanitize keeps a worker id usable in a file name.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == 0 || r == ' ' {
			return '_'
		}
		return r
	}, s)
}

// Write archives ex as a response record and a request record that refers
// to it (WARC-Concurrent-To), in the same file.
func (w *Writer) Write(ex Exchange) error {
	resp, err := buildResponse(ex)
	if err != nil {
		return err
	}
	req, err := buildRequest(ex, resp.RecordId())
	if err != nil {
		resp.Close()
		return err
	}
	res := w.w.Write(resp, req)
	if res == nil {
		return errors.New("warc: writer closed")
	}
	for _, r := range res {
		if r.Err != nil {
			return fmt.Errorf("warc %s: %w", r.FileName, r.Err)
		}
	}
	return nil
}

// Close finishes the current file and renames it to its final name.
func (w *Writer) Close() error { return w.w.Close() }

func buildResponse(ex Exchange) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(gowarc.Response, gowarc.WithNoValidation())
	b.AddWarcHeader(gowarc.WarcTargetURI, ex.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, ex.FetchedAt)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	h := ex.Header.Clone()
	// The body is recorded as the crawler read it (decoded, whole): the
	// header must say so for a reader to take it as it is.
	h.Del("Content-Encoding")
	h.Del("Transfer-Encoding")
	h.Set("Content-Length", fmt.Sprint(len(ex.Body)))
	if _, err := fmt.Fprintf(b, "HTTP/1.1 %d %s\r\n", ex.Status, http.StatusText(ex.Status)); err != nil {
		return nil, err
	}
	if err := h.Write(b); err != nil {
		return nil, err
	}
	b.WriteString("\r\n")
	b.Write(ex.Body)
	rec, _, err := b.Build()
	return rec, err
}

func buildRequest(ex Exchange, concurrentTo string) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(gowarc.Request, gowarc.WithNoValidation())
	b.AddWarcHeader(gowarc.WarcTargetURI, ex.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, ex.FetchedAt)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
	b.AddWarcHeader(gowarc.WarcConcurrentTo, "<"+concurrentTo+">")
	req, err := http.NewRequest(methodOr(ex.Method), ex.URL, nil)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(b, "%s %s HTTP/1.1\r\nHost: %s\r\n", req.Method, req.URL.RequestURI(), req.URL.Host)
	if err := ex.RequestHeader.Write(b); err != nil {
		return nil, err
	}
	b.WriteString("\r\n")
	rec, _, err := b.Build()
	return rec, err
}

func methodOr(m string) string {
	if m == "" {
		return http.MethodGet
	}
	return m
}

// Recover finishes the .open WARC files in dir left by a killed run of the
// same worker (worker "" for a crawl of one process): each is cut back to
// its last complete gzip member (a whole record) and renamed to its final
// name. Files of other workers are left alone, as they may be in use. It
// returns the files finished.
func Recover(dir, worker string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, "newspipe-*.warc.gz"+openSuffix))
	if err != nil {
		return nil, err
	}
	own := regexp.MustCompile(`^newspipe-\d{8}T\d{6}Z-\d+(?:-(.+))?\.warc\.gz\.open$`)
	var done []string
	for _, path := range matches {
		m := own.FindStringSubmatch(filepath.Base(path))
		if m == nil || m[1] != sanitize(worker) {
			continue
		}
		good, err := wholeMembers(path)
		if err != nil {
			return done, fmt.Errorf("recover %s: %w", path, err)
		}
		if good == 0 {
			if err := os.Remove(path); err != nil { // nothing whole in it
				return done, err
			}
			continue
		}
		if err := os.Truncate(path, good); err != nil {
			return done, err
		}
		final := strings.TrimSuffix(path, openSuffix)
		if err := os.Rename(path, final); err != nil {
			return done, err
		}
		done = append(done, final)
	}
	return done, nil
}

// wholeMembers returns the length of the longest prefix of the file made
// of complete gzip members with valid checksums.
func wholeMembers(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	cr := &countingReader{r: f}
	br := bufio.NewReader(cr)
	zr := new(gzip.Reader)
	var good int64
	for {
		if _, err := br.Peek(1); err != nil {
			return good, nil // end of file: every member whole
		}
		// bufio.Reader is an io.ByteReader, so gzip reads no byte past the
		// member: the position below is exact.
		if err := zr.Reset(br); err != nil {
			return good, nil
		}
		zr.Multistream(false)
		if _, err := io.Copy(io.Discard, zr); err != nil {
			return good, nil
		}
		good = cr.n - int64(br.Buffered())
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
