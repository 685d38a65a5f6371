// Package warcfile writes the responses of a crawl as gzip-compressed WARC
// 1.1 files (ISO 28500), so that pages can be extracted again later
// without fetching them, and repairs the file a killed run left open.
//
// Files are named newspipe-<run start, UTC>-<serial>[-<worker>].warc.gz.
// Each record is one gzip member, and a request and its response are
// appended to the file in one write; the file
// being written is NAME.warc.gz.open and is renamed when it reaches the
// size limit or the run ends. A run killed mid-record leaves a .open file
// whose last member is incomplete: Recover, called when the next run
// starts, cuts it back to its last whole member and renames it.
package warcfile

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/klauspost/compress/gzip"
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

// Writer archives exchanges; it is safe for concurrent use. Records are
// built and compressed in the calling goroutine (so that the crawl's
// workers compress in parallel) and appended to the file under a lock in
// one write each, request and response together.
type Writer struct {
	o       Options
	marshal gowarc.Marshaler
	bufs    sync.Pool       // *buffers
	framing map[string]bool // read only: see bodyFraming

	mu      sync.Mutex
	f       *os.File // the open file, named NAME.warc.gz.open; nil before the first record and after a rotation
	size    int64    // bytes written to f, pending included
	pending []byte   // whole records not yet written to f (see flushAt)
	serial  int      // of the last file opened
	err     error    // the first write error: the file is no longer trusted
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
	return &Writer{o: o, marshal: gowarc.NewMarshaler(), framing: bodyFraming()}, nil
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
// to it (WARC-Concurrent-To), each a gzip member, in the same file.
func (w *Writer) Write(ex Exchange) error {
	bufs := w.getBuffers()
	defer w.bufs.Put(bufs)
	resp, err := buildResponse(ex, &bufs.raw, w.framing)
	if err != nil {
		return err
	}
	defer resp.Close()
	req, err := buildRequest(ex, resp.RecordId(), &bufs.raw)
	if err != nil {
		return err
	}
	defer req.Close()
	if err := w.compress(bufs, resp); err != nil {
		return err
	}
	if err := w.compress(bufs, req); err != nil {
		return err
	}
	return w.append(bufs.out.Bytes())
}

// buffers are the scratch space of one Write: the record marshaled, and
// the gzip members built from it.
type buffers struct {
	raw, out bytes.Buffer
	z        deflater     // records up to staticMax
	gz       *gzip.Writer // larger ones
}

func (w *Writer) getBuffers() *buffers {
	b, _ := w.bufs.Get().(*buffers)
	if b == nil {
		b = new(buffers)
	}
	b.out.Reset()
	return b
}

// compress appends rec to b.out as one gzip member, the unit a reader can
// start at and Recover keeps or drops whole. The record is marshaled first
// and deflated in one write: the marshaler's many small writes and its
// io.Copy (a 32 KB buffer each time) cost more than the deflate itself.
func (w *Writer) compress(b *buffers, rec gowarc.WarcRecord) error {
	b.raw.Reset()
	if _, _, err := w.marshal.Marshal(&b.raw, rec, 0); err != nil {
		return err
	}
	raw := b.raw.Bytes()
	if len(raw) <= staticMax {
		// The static code (deflate.go): no Huffman table built per
		// record, which cost more than the rest of a small page's deflate.
		out := b.z.appendGzip(b.out.AvailableBuffer(), raw)
		b.out.Write(out) // in place: out is b.out's own spare capacity
		return nil
	}
	if b.gz == nil {
		var err error
		if b.gz, err = gzip.NewWriterLevel(&b.out, gzip.BestSpeed); err != nil {
			return err
		}
	} else {
		b.gz.Reset(&b.out)
	}
	if _, err := b.gz.Write(raw); err != nil {
		return err
	}
	return b.gz.Close()
}

// staticMax is the size of the largest record deflated with the static
// code (deflate.go). A larger one, a page of a real portal's size, gets a
// Huffman table of its own from klauspost/compress at BestSpeed: the table
// build is a small part of its cost there, the CPU about the same as the
// static code's, and the record 2–5% smaller.
const staticMax = 32 << 10

// append writes whole members to the current file, first starting a new
// file when they would take it past MaxSize (a file holds at least one
// exchange, however large).
func (w *Writer) append(members []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if w.f != nil && w.size+int64(len(members)) > w.o.MaxSize {
		if err := w.finish(); err != nil {
			w.err = err
			return err
		}
	}
	if w.f == nil {
		if err := w.create(); err != nil {
			w.err = err
			return err
		}
	}
	w.pending = append(w.pending, members...)
	w.size += int64(len(members))
	if len(w.pending) >= flushAt {
		w.flush()
	}
	return w.err
}

// flushAt is how many bytes of whole records wait in memory before they
// are written: one write per flushAt rather than per page. Sync, rotation
// and Close write them earlier, so a record the crawl commits is in the
// file, and a kill loses only records no commit counted.
const flushAt = 256 << 10

// flush writes the pending records to the file; w.mu is held.
func (w *Writer) flush() {
	if w.err != nil || len(w.pending) == 0 {
		return
	}
	if _, err := w.f.Write(w.pending); err != nil {
		w.err = fmt.Errorf("warc %s: %w", w.f.Name(), err)
	}
	w.pending = w.pending[:0]
}

// create opens the next file, as NAME.warc.gz.open, with its warcinfo record.
func (w *Writer) create() error {
	w.serial++
	worker := ""
	if w.o.Worker != "" {
		worker = "-" + sanitize(w.o.Worker)
	}
	name := fmt.Sprintf("newspipe-%s-%05d%s.warc.gz", w.o.Start.UTC().Format("20060102T150405Z"), w.serial, worker)
	f, err := os.OpenFile(filepath.Join(w.o.Dir, name+openSuffix), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	b := gowarc.NewRecordBuilder(gowarc.Warcinfo, gowarc.WithNoValidation())
	b.AddWarcHeaderTime(gowarc.WarcDate, time.Now())
	b.AddWarcHeader(gowarc.WarcFilename, name)
	b.AddWarcHeader(gowarc.ContentType, gowarc.ApplicationWarcFields)
	b.WriteString("software: " + w.o.Software + "\r\nformat: WARC File Format 1.1\r\n" +
		"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
	info, _, err := b.Build()
	if err != nil {
		f.Close()
		return err
	}
	defer info.Close()
	bufs := w.getBuffers()
	defer w.bufs.Put(bufs)
	if err := w.compress(bufs, info); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(bufs.out.Bytes()); err != nil {
		f.Close()
		return err
	}
	w.f, w.size = f, int64(bufs.out.Len())
	return nil
}

// finish closes the current file and gives it its final name.
func (w *Writer) finish() error {
	if w.f == nil {
		return nil
	}
	if w.flush(); w.err != nil {
		return w.err
	}
	f := w.f
	w.f = nil
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), strings.TrimSuffix(f.Name(), openSuffix))
}

// Sync commits the file being written to stable storage, so that what
// was written survives a crash of the machine; it returns the first error
// any write met.
func (w *Writer) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil || w.f == nil {
		return w.err
	}
	if w.flush(); w.err != nil {
		return w.err
	}
	if err := w.f.Sync(); err != nil {
		w.err = fmt.Errorf("warc %s: %w", w.f.Name(), err)
	}
	return w.err
}

// Close finishes the current file and renames it to its final name; it
// returns the first error any write met.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.finish(); err != nil && w.err == nil {
		w.err = err
	}
	return w.err
}

// recordOptions size a record's in-memory buffer to its block: gowarc's
// default reserves 16 KB per record and moves blocks over 1 MB to a
// temporary file, though the block is already in memory here.
func recordOptions(blockSize int) []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{gowarc.WithNoValidation(), gowarc.WithBufferMaxMemBytes(int64(max(blockSize, 1))),
		gowarc.WithDefaultDigestAlgorithm("sha1")}
}

// bodyFraming returns the response headers that describe the body as it
// was sent rather than as it is recorded.
func bodyFraming() map[string]bool {
	return map[string]bool{"Content-Encoding": true, "Transfer-Encoding": true, "Content-Length": true}
}

func buildResponse(ex Exchange, head *bytes.Buffer, framing map[string]bool) (gowarc.WarcRecord, error) {
	head.Reset()
	fmt.Fprintf(head, "HTTP/1.1 %d %s\r\n", ex.Status, http.StatusText(ex.Status))
	// The body is recorded as the crawler read it (decoded, whole): the
	// header must say so for a reader to take it as it is.
	if err := ex.Header.WriteSubset(head, framing); err != nil {
		return nil, err
	}
	head.WriteString("Content-Length: " + strconv.Itoa(len(ex.Body)) + "\r\n\r\n")
	b := gowarc.NewRecordBuilder(gowarc.Response, recordOptions(head.Len()+len(ex.Body))...)
	b.AddWarcHeader(gowarc.WarcTargetURI, ex.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, ex.FetchedAt)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
	b.Write(head.Bytes())
	b.Write(ex.Body)
	return build(b)
}

func buildRequest(ex Exchange, concurrentTo string, head *bytes.Buffer) (gowarc.WarcRecord, error) {
	u, err := url.Parse(ex.URL)
	if err != nil {
		return nil, err
	}
	head.Reset()
	fmt.Fprintf(head, "%s %s HTTP/1.1\r\nHost: %s\r\n", methodOr(ex.Method), u.RequestURI(), u.Host)
	if err := ex.RequestHeader.Write(head); err != nil {
		return nil, err
	}
	head.WriteString("\r\n")
	b := gowarc.NewRecordBuilder(gowarc.Request, recordOptions(head.Len())...)
	b.AddWarcHeader(gowarc.WarcTargetURI, ex.URL)
	b.AddWarcHeaderTime(gowarc.WarcDate, ex.FetchedAt)
	b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
	b.AddWarcHeader(gowarc.WarcConcurrentTo, "<"+concurrentTo+">")
	b.Write(head.Bytes())
	return build(b)
}

// build makes the record and gives it its WARC-Block-Digest (SHA-1, base
// 32, as CDX indexes expect). gowarc hashes every block it writes anyway;
// taken before the header is written, the digest costs no second pass.
func build(b gowarc.WarcRecordBuilder) (gowarc.WarcRecord, error) {
	rec, _, err := b.Build()
	if err != nil {
		return nil, err
	}
	rec.WarcHeader().Set(gowarc.WarcBlockDigest, rec.Block().BlockDigest())
	return rec, nil
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
