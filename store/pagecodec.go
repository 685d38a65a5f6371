package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"time"
)

// A Page is stored in a compact binary form: the pages bucket holds one
// value per URL ever seen, and in JSON (field names, RFC 3339 times) a
// typical value took about 150 bytes where this takes about 40, which
// keeps state.db, its commits and the memory its mmap touches about half
// the size. Values written by earlier versions are JSON objects, which
// start with '{', and are still read.
//
// Layout: pageCodecV1, a byte of presence flags, then the present fields
// in flag order: strings as a uvarint length and the bytes, times as
// varint Unix seconds and uvarint nanoseconds (in UTC), Links as a uvarint
// count and that many strings.
const pageCodecV1 = 1

const (
	hasContentHash = 1 << iota
	hasEmittedAt
	hasETag
	hasLastModified
	hasFetchedAt
	hasLinks
	hasDeadAt
)

var errPageCodec = errors.New("truncated or unknown page encoding")

// appendPage appends the encoding of p to dst.
func appendPage(dst []byte, p *Page) []byte {
	var flags byte
	setIf := func(ok bool, f byte) {
		if ok {
			flags |= f
		}
	}
	setIf(p.ContentHash != "", hasContentHash)
	setIf(!p.EmittedAt.IsZero(), hasEmittedAt)
	setIf(p.ETag != "", hasETag)
	setIf(p.LastModified != "", hasLastModified)
	setIf(!p.FetchedAt.IsZero(), hasFetchedAt)
	setIf(len(p.Links) > 0, hasLinks)
	setIf(!p.DeadAt.IsZero(), hasDeadAt)
	dst = append(dst, pageCodecV1, flags)
	if flags&hasContentHash != 0 {
		dst = appendString(dst, p.ContentHash)
	}
	if flags&hasEmittedAt != 0 {
		dst = appendTime(dst, p.EmittedAt)
	}
	if flags&hasETag != 0 {
		dst = appendString(dst, p.ETag)
	}
	if flags&hasLastModified != 0 {
		dst = appendString(dst, p.LastModified)
	}
	if flags&hasFetchedAt != 0 {
		dst = appendTime(dst, p.FetchedAt)
	}
	if flags&hasLinks != 0 {
		dst = binary.AppendUvarint(dst, uint64(len(p.Links)))
		for _, l := range p.Links {
			dst = appendString(dst, l)
		}
	}
	if flags&hasDeadAt != 0 {
		dst = appendTime(dst, p.DeadAt)
	}
	return dst
}

func appendString(dst []byte, s string) []byte {
	return append(binary.AppendUvarint(dst, uint64(len(s))), s...)
}

func appendTime(dst []byte, t time.Time) []byte {
	return binary.AppendUvarint(binary.AppendVarint(dst, t.Unix()), uint64(t.Nanosecond()))
}

// parsePage decodes a value written by appendPage, or the JSON of earlier
// versions.
func parsePage(v []byte) (Page, error) {
	var p Page
	if len(v) > 0 && v[0] == '{' {
		err := json.Unmarshal(v, &p)
		return p, err
	}
	if len(v) < 2 || v[0] != pageCodecV1 {
		return Page{}, errPageCodec
	}
	d := pageDecoder{b: v[2:]}
	flags := v[1]
	if flags&hasContentHash != 0 {
		p.ContentHash = d.string()
	}
	if flags&hasEmittedAt != 0 {
		p.EmittedAt = d.time()
	}
	if flags&hasETag != 0 {
		p.ETag = d.string()
	}
	if flags&hasLastModified != 0 {
		p.LastModified = d.string()
	}
	if flags&hasFetchedAt != 0 {
		p.FetchedAt = d.time()
	}
	if flags&hasLinks != 0 {
		n := d.uvarint()
		if n > uint64(len(d.b)) { // each link takes at least a byte
			return Page{}, errPageCodec
		}
		p.Links = make([]string, n)
		for i := range p.Links {
			p.Links[i] = d.string()
		}
	}
	if flags&hasDeadAt != 0 {
		p.DeadAt = d.time()
	}
	if d.bad || len(d.b) != 0 {
		return Page{}, errPageCodec
	}
	return p, nil
}

// pageDecoder reads the fields of one value; bad is set, and the fields
// read after it are zero, once the value runs short.
type pageDecoder struct {
	b   []byte
	bad bool
}

func (d *pageDecoder) uvarint() uint64 {
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *pageDecoder) varint() int64 {
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *pageDecoder) string() string {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.bad, d.b = true, nil
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *pageDecoder) time() time.Time {
	sec, nsec := d.varint(), d.uvarint()
	if d.bad || nsec >= 1e9 {
		d.bad = true
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec)).UTC()
}
