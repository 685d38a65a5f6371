package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's meta page (go.etcd.io/bbolt/internal/common.Meta), after the
// 16-byte page header: magic, version, page size, flags (4 bytes each), the
// root bucket (16), the freelist page id, the high-water page id, the
// transaction id (8 each), then an FNV-64a checksum of those 56 bytes.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	metaSumLen       = 56
	metaLen          = metaSumLen + 8
	freelistPageFlag = 0x10
	noFreelist       = ^uint64(0)
)

// errBadFreelist is a freelist page that bbolt would panic on while opening.
var errBadFreelist = errors.New("the free page list is damaged")

// preflight reads the meta pages of the bbolt file at path and checks that
// the free page list they point to is one. bbolt reads that list inside
// Open, after mapping the file, and panics on a damaged one; the mapping then
// outlives the panic and keeps the file's lock held until the process exits.
// A missing, empty or unrecognized file passes: bolt.Open handles those.
func preflight(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return nil
	}
	var best *boltMeta
	for _, off := range []int64{0, 4096} {
		m, ok := readMeta(f, off)
		if ok && (best == nil || m.txid > best.txid) {
			best = &m
		}
	}
	if best == nil || best.freelist == noFreelist {
		return nil
	}
	ps := int64(best.pageSize)
	off := int64(best.freelist) * ps
	if best.freelist >= best.pgid || off+pageHeaderSize > fi.Size() {
		return fmt.Errorf("%w: page %d is past the end of the file", errBadFreelist, best.freelist)
	}
	var hdr [pageHeaderSize]byte
	if _, err := f.ReadAt(hdr[:], off); err != nil {
		return fmt.Errorf("%w: %w", errBadFreelist, err)
	}
	id, flags := binary.LittleEndian.Uint64(hdr[0:]), binary.LittleEndian.Uint16(hdr[8:])
	if id != best.freelist || flags != freelistPageFlag {
		return fmt.Errorf("%w: page %d holds page id %d with flags %#x", errBadFreelist, best.freelist, id, flags)
	}
	return nil
}

type boltMeta struct {
	pageSize             uint32
	freelist, pgid, txid uint64
}

// readMeta reads and validates the meta page at off.
func readMeta(r io.ReaderAt, off int64) (boltMeta, bool) {
	var b [pageHeaderSize + metaLen]byte
	if _, err := r.ReadAt(b[:], off); err != nil {
		return boltMeta{}, false
	}
	m := b[pageHeaderSize:]
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(m[:metaSumLen])
	if le.Uint32(m[0:]) != boltMagic || le.Uint32(m[4:]) != boltVersion || le.Uint64(m[metaSumLen:]) != h.Sum64() {
		return boltMeta{}, false
	}
	return boltMeta{pageSize: le.Uint32(m[8:]), freelist: le.Uint64(m[32:]), pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}
