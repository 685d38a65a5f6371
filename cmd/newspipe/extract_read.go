package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// The first two bytes of every gzip member (RFC 1952, ID1 and ID2).
const (
	gzipID1 = 0x1f
	gzipID2 = 0x8b
)

// defaultReadHint is the first buffer size for an input whose size is not
// known in advance (standard input, pipes, device files).
const defaultReadHint = 64 << 10

// tooLargeError reports an input, or its decompressed content, larger than
// --max-body.
type tooLargeError struct {
	limit        int64
	decompressed bool
}

func (e *tooLargeError) Error() string {
	if e.decompressed {
		return fmt.Sprintf("decompressed input larger than --max-body (%d bytes)", e.limit)
	}
	return fmt.Sprintf("input larger than --max-body (%d bytes)", e.limit)
}

// readFileInput reads the file at path whole, decompressing it when it is
// gzip data; a file, or decompressed content, larger than limit bytes is an
// error. The file is read into *scratch when that is large enough, else into
// a buffer sized from the file's size (one allocation, no growing), which is
// left in *scratch for the next call: the bytes returned for a plain file are
// valid only until then. scratch may be nil.
func readFileInput(path string, limit int64, scratch *[]byte) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a directory")
	}
	var hint int64
	if st.Mode().IsRegular() {
		if st.Size() > limit {
			return nil, &tooLargeError{limit: limit}
		}
		hint = st.Size()
	}
	var buf []byte
	if scratch != nil {
		buf = *scratch
	}
	raw, err := readAllLimit(fh, buf, hint, limit)
	if err != nil {
		return nil, err
	}
	if scratch != nil {
		*scratch = raw[:0]
	}
	return gunzipIfGzip(raw, limit)
}

// readStreamInput reads r (standard input) whole, decompressing it when it
// is gzip data, and fails when it, or its decompressed content, is larger
// than limit bytes.
func readStreamInput(r io.Reader, limit int64) ([]byte, error) {
	raw, err := readAllLimit(r, nil, 0, limit)
	if err != nil {
		return nil, err
	}
	return gunzipIfGzip(raw, limit)
}

// readAllLimit reads r to EOF into buf, or, when buf is too small for hint
// bytes plus one (so that reaching EOF needs no growth), into a new buffer
// of that size (defaultReadHint when hint is not positive), growing it only
// when r holds more than hint. It stops with a *tooLargeError as soon as
// more than limit bytes have arrived.
func readAllLimit(r io.Reader, buf []byte, hint, limit int64) ([]byte, error) {
	limit = min(max(limit, 0), math.MaxInt64-1) // limit+1 below must not overflow
	if hint <= 0 {
		hint = defaultReadHint
	}
	hint = min(hint, limit)
	if int64(cap(buf)) > hint {
		buf = buf[:0]
	} else {
		buf = make([]byte, 0, hint+1)
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		// Never ask for more than one byte past the limit.
		room := min(int64(cap(buf)), limit+1)
		n, err := r.Read(buf[len(buf):room])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &tooLargeError{limit: limit}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// isGzip reports whether raw starts with the gzip magic bytes. The name of
// the input plays no part: a .html file holding gzip data is decompressed
// and a .gz file holding HTML is read as it is.
func isGzip(raw []byte) bool {
	return len(raw) >= 2 && raw[0] == gzipID1 && raw[1] == gzipID2
}

// gunzipIfGzip returns raw unchanged unless it is gzip data, which it
// decompresses (every member, checksums verified), failing with a
// *tooLargeError once the output passes limit bytes, so that a small
// compressed file cannot expand without bound.
func gunzipIfGzip(raw []byte, limit int64) ([]byte, error) {
	if !isGzip(raw) {
		return raw, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	// The trailer's ISIZE is the last member's size modulo 2^32: only a
	// hint for the buffer, which readAllLimit caps at the limit.
	var hint int64
	if len(raw) >= 18 {
		hint = int64(binary.LittleEndian.Uint32(raw[len(raw)-4:]))
	}
	out, err := readAllLimit(zr, nil, hint, limit)
	if tooLarge, ok := errors.AsType[*tooLargeError](err); ok {
		tooLarge.decompressed = true
		return nil, tooLarge
	}
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	return out, nil
}
