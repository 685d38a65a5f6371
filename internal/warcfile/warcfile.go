// Package warcfile writes the responses of a crawl as gzip-compressed WARC
// 1.1 files (ISO 28500), so that pages can be extracted again later
// without fetching them, and repairs the file a killed run left open.
//
// Files are named newspipe-<run start, UTC>-<serial>[-<worker>].warc.gz.
// Each record is one gzip member, deflated, up to 32 KB, with a static
// code fitted to news pages (deflate.go: no Huffman table built per
// member), and a request and its response are
// appended to the file in one write; the file
// being written is NAME.warc.gz.open and is renamed when it reaches the
// size limit or the run ends. A run killed mid-record leaves a .open file
// whose last member is incomplete: Recover, called when the next run
// starts, cuts it back to its last whole member and renames it.
package warcfile

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"hash"
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

	"github.com/newspipe/newspipe/internal/durable"
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
	return &Writer{o: o, framing: bodyFraming()}, nil
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
	if strings.ContainsAny(ex.URL, "\r\n") {
		return fmt.Errorf("warc: URL %q has a line break", ex.URL)
	}
	u, err := url.Parse(ex.URL)
	if err != nil {
		return err
	}
	b := w.getBuffers()
	defer w.bufs.Put(b)
	respID := b.newID()

	// The body is recorded as the crawler read it (decoded, whole): the
	// header must say so for a reader to take it as it is.
	b.head.Reset()
	fmt.Fprintf(&b.head, "HTTP/1.1 %d %s\r\n", ex.Status, http.StatusText(ex.Status))
	if err := ex.Header.WriteSubset(&b.head, w.framing); err != nil {
		return err
	}
	b.head.WriteString("Content-Length: " + strconv.Itoa(len(ex.Body)) + "\r\n\r\n")
	b.record(record{typ: "response", id: respID, target: ex.URL, date: ex.FetchedAt,
		contentType: "application/http;msgtype=response"}, b.head.Bytes(), ex.Body)

	b.head.Reset()
	fmt.Fprintf(&b.head, "%s %s HTTP/1.1\r\nHost: %s\r\n", methodOr(ex.Method), u.RequestURI(), u.Host)
	if err := ex.RequestHeader.Write(&b.head); err != nil {
		return err
	}
	b.head.WriteString("\r\n")
	b.record(record{typ: "request", id: b.newID(), target: ex.URL, date: ex.FetchedAt,
		contentType: "application/http;msgtype=request", concurrentTo: respID}, b.head.Bytes(), nil)
	return w.append(b.out)
}

// buffers are the scratch space of one Write: the HTTP head of a record,
// the record, and the gzip members built from it.
type buffers struct {
	head bytes.Buffer
	raw  []byte
	out  []byte
	z    deflater     // records up to staticMax
	gz   *gzip.Writer // larger ones
	sha  hash.Hash
	// ids are random bytes for record ids, read 16 ids at a time; the
	// first idsUsed are spent.
	ids     [16 * 16]byte
	idsUsed int
}

func (w *Writer) getBuffers() *buffers {
	b, _ := w.bufs.Get().(*buffers)
	if b == nil {
		b = &buffers{sha: sha1.New(), idsUsed: len(buffers{}.ids)}
	}
	b.out = b.out[:0]
	return b
}

// newID returns a new record id: a random (version 4) UUID as a URN.
func (b *buffers) newID() string {
	if b.idsUsed == len(b.ids) {
		rand.Read(b.ids[:]) // never fails (crypto/rand)
		b.idsUsed = 0
	}
	u := b.ids[b.idsUsed : b.idsUsed+16]
	b.idsUsed += 16
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // variant 10
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return "<urn:uuid:" + string(s[:]) + ">"
}

// record is the WARC header of a record, but for its length and digest.
type record struct {
	typ, id, target string // target and concurrentTo are left out if ""
	date            time.Time
	contentType     string
	concurrentTo    string
	filename        string // of a warcinfo record
}

// record appends to b.out the record r with the block head then body, as
// one gzip member: the unit a reader can start at and Recover keeps or
// drops whole.
//
// The record is written here rather than by gowarc's record builder and
// marshaler, which took more CPU than the deflate (its header map and name
// normalization, an in-memory "disk buffer" per record, the block copied
// through io.Copy to be hashed). Every record is WARC 1.1 with the fields
// ISO 28500 requires (WARC-Record-ID, Content-Length, WARC-Date,
// WARC-Type) and a WARC-Block-Digest, SHA-1 in base 32, as CDX indexes
// expect; gowarc reads and validates them in the tests.
func (b *buffers) record(r record, head, body []byte) {
	b.sha.Reset()
	b.sha.Write(head)
	b.sha.Write(body)
	var sum [sha1.Size]byte
	var digest [32]byte // base 32 of 20 bytes: 32 characters, no padding
	base32.StdEncoding.Encode(digest[:], b.sha.Sum(sum[:0]))

	raw := append(b.raw[:0], "WARC/1.1\r\nWARC-Type: "...)
	raw = append(raw, r.typ...)
	if r.target != "" {
		raw = append(raw, "\r\nWARC-Target-URI: "...)
		raw = append(raw, r.target...)
	}
	raw = append(raw, "\r\nWARC-Date: "...)
	raw = r.date.UTC().AppendFormat(raw, time.RFC3339Nano)
	if r.filename != "" {
		raw = append(raw, "\r\nWARC-Filename: "...)
		raw = append(raw, r.filename...)
	}
	raw = append(raw, "\r\nContent-Type: "...)
	raw = append(raw, r.contentType...)
	if r.concurrentTo != "" {
		raw = append(raw, "\r\nWARC-Concurrent-To: "...)
		raw = append(raw, r.concurrentTo...)
	}
	raw = append(raw, "\r\nWARC-Record-ID: "...)
	raw = append(raw, r.id...)
	raw = append(raw, "\r\nContent-Length: "...)
	raw = strconv.AppendInt(raw, int64(len(head)+len(body)), 10)
	raw = append(raw, "\r\nWARC-Block-Digest: sha1:"...)
	raw = append(raw, digest[:]...)
	raw = append(raw, "\r\n\r\n"...)
	raw = append(raw, head...)
	raw = append(raw, body...)
	raw = append(raw, "\r\n\r\n"...)
	b.raw = raw
	if len(raw) <= staticMax {
		b.out = b.z.appendGzip(b.out, raw)
		return
	}
	if b.gz == nil {
		b.gz, _ = gzip.NewWriterLevel(appender{&b.out}, gzip.BestSpeed) // a valid level: no error
	} else {
		b.gz.Reset(appender{&b.out})
	}
	b.gz.Write(raw) // appender never fails
	b.gz.Close()
}

// staticMax is the size of the largest record deflated with the static
// code (deflate.go). A larger one, a page of a real portal's size, gets a
// Huffman table of its own from klauspost/compress at BestSpeed: the table
// build is a small part of its cost there, the CPU about the same as the
// static code's, and the record 2–5% smaller.
const staticMax = 32 << 10

// appender is an io.Writer that appends to a slice.
type appender struct{ b *[]byte }

func (a appender) Write(p []byte) (int, error) {
	*a.b = append(*a.b, p...)
	return len(p), nil
}

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
	// Sync covers the file's data, not its new name.
	if err := durable.SyncDir(w.o.Dir); err != nil {
		f.Close()
		return err
	}
	bufs := w.getBuffers()
	defer w.bufs.Put(bufs)
	bufs.record(record{typ: "warcinfo", id: bufs.newID(), date: time.Now(), filename: name,
		contentType: "application/warc-fields"}, nil,
		[]byte("software: "+w.o.Software+"\r\nformat: WARC File Format 1.1\r\n"+
			"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"))
	if _, err := f.Write(bufs.out); err != nil {
		f.Close()
		return err
	}
	w.f, w.size = f, int64(len(bufs.out))
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
	return durable.Rename(f.Name(), strings.TrimSuffix(f.Name(), openSuffix))
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

// bodyFraming returns the response headers that describe the body as it
// was sent rather than as it is recorded.
func bodyFraming() map[string]bool {
	return map[string]bool{"Content-Encoding": true, "Transfer-Encoding": true, "Content-Length": true}
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
		if err := durable.Rename(path, final); err != nil {
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
