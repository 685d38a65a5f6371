package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrCorrupt is wrapped by the errors of Open, CheckDB and the Bolt methods
// when a bbolt file is damaged (garbage pages, a truncated file, broken meta
// pages). Such a file cannot be repaired in place: move it aside.
var ErrCorrupt = errors.New("corrupt database")

// maxCheckErrs is how many of bbolt's consistency errors a message quotes;
// one damaged page can produce thousands of them.
const maxCheckErrs = 3

// CheckDB checks the bbolt file db, opened from path, for corruption, so that
// a damaged file stops a run at its start with a clear message instead of
// making bbolt panic, or crash the process, in the middle of it. It returns
// nil for a healthy file, and an error wrapping ErrCorrupt that names path
// and says what to do otherwise. Call it before the database is shared:
// bbolt's check runs in a read-only transaction, which must not overlap with
// writers. db must have its free pages loaded, which bbolt does for every
// database opened for writing (otherwise set Options.PreLoadFreelist).
//
// Besides bbolt's own consistency check (tx.Check), which reads the file in
// a goroutine of its own where a memory fault cannot be recovered, CheckDB
// first makes sure that nothing tx.Check reads lies outside the file: that
// the file holds every page its meta page counts, that every element of
// every page in use stays inside its page, and that every page is
// referenced at most once (no cycles). It then visits every key of every
// bucket through bbolt, with faults turned into errors.
func CheckDB(db *bolt.DB, path string) (err error) {
	defer guard(path, &err)
	defer debug.SetPanicOnFault(onFault())
	f, err := os.Open(db.Path())
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	// A second descriptor does not touch bbolt's lock: that is a flock,
	// held by bbolt's own descriptor.
	defer f.Close()
	return db.View(func(tx *bolt.Tx) error {
		fi, err := f.Stat()
		if err != nil {
			return fmt.Errorf("check: %w", err)
		}
		if _, err := tx.Page(0); err != nil { // ErrFreePagesNotLoaded: see above
			return fmt.Errorf("check %s: %w", path, err)
		}
		if need := tx.Size(); fi.Size() < need {
			return corrupt(path, fmt.Errorf("file has %d bytes, its pages need %d: truncated", fi.Size(), need))
		}
		if err := checkPages(tx, f, db.Info().PageSize); err != nil {
			return corrupt(path, err)
		}
		if err := walk(tx); err != nil {
			return corrupt(path, err)
		}
		var msgs []string
		n := 0
		for err := range tx.Check() { // drain it all: Check blocks until read
			if n++; n <= maxCheckErrs {
				msgs = append(msgs, err.Error())
			}
		}
		if n == 0 {
			return nil
		}
		msg := strings.Join(msgs, "; ")
		if n > maxCheckErrs {
			msg += fmt.Sprintf(" (%d problems in all)", n)
		}
		return corrupt(path, errors.New(msg))
	})
}

// The on-disk layout of bbolt pages (go.etcd.io/bbolt/internal/common), in
// the machine's byte order: a 16-byte page header (id, flags, count,
// overflow), then count 16-byte elements whose keys and values lie pos bytes
// after the element.
const (
	pageHeaderSize = 16
	elemSize       = 16
	branchPageFlag = 0x01
	leafPageFlag   = 0x02
	bucketLeafFlag = 0x01 // a leaf element holding a nested bucket
	bucketHeader   = 16   // root page id and sequence, before an inline page
)

// checkPages reads every page in use of tx through f, not through bbolt's
// memory map, and checks what tx.Check will follow: page ids, element
// bounds, bucket roots. It reports the first problem found.
func checkPages(tx *bolt.Tx, f io.ReaderAt, pageSize int) error {
	ps := uint64(pageSize)
	hwm := uint64(tx.Size()) / ps // the high water mark: pages in use are below
	ne := binary.NativeEndian
	// start[id] marks the branch and leaf pages checked; refs counts the
	// references to each page id.
	start := make([]bool, hwm)
	refs := map[uint64]int{uint64(tx.Cursor().Bucket().Root()): 1}
	ref := func(from, id uint64) error {
		if id < 2 || id >= hwm {
			return fmt.Errorf("page %d: refers to page %d, outside the file's %d pages", from, id, hwm)
		}
		refs[id]++
		return nil
	}
	buf := make([]byte, ps)
	for id := uint64(2); id < hwm; {
		info, err := tx.Page(int(id))
		if err != nil {
			return fmt.Errorf("page %d: %w", id, err)
		}
		if info == nil || info.Type == "free" || (info.Type != "branch" && info.Type != "leaf" && info.Type != "freelist") {
			// Free, or not the start of a page: if something refers to
			// it, the reference check below reports it.
			id++
			continue
		}
		next := id + 1 + uint64(info.OverflowCount)
		if next > hwm {
			return fmt.Errorf("page %d: %d overflow pages run past the file's %d pages", id, info.OverflowCount, hwm)
		}
		if info.Type == "freelist" {
			id = next
			continue
		}
		span := (next - id) * ps
		if uint64(cap(buf)) < span {
			buf = make([]byte, span)
		}
		pg := buf[:span]
		if _, err := f.ReadAt(pg, int64(id*ps)); err != nil {
			return fmt.Errorf("page %d: %w", id, err)
		}
		if got := ne.Uint64(pg); got != id {
			return fmt.Errorf("page %d: identifies itself as page %d", id, got)
		}
		count := uint64(ne.Uint16(pg[10:]))
		if pageHeaderSize+count*elemSize > span {
			return fmt.Errorf("page %d: %d elements do not fit in it", id, count)
		}
		for i := uint64(0); i < count; i++ {
			e := pageHeaderSize + i*elemSize
			if info.Type == "branch" {
				pos, ksize := uint64(ne.Uint32(pg[e:])), uint64(ne.Uint32(pg[e+4:]))
				if e+pos+ksize > span {
					return fmt.Errorf("page %d: key %d lies outside the page", id, i)
				}
				if err := ref(id, ne.Uint64(pg[e+8:])); err != nil {
					return err
				}
				continue
			}
			flags, pos := ne.Uint32(pg[e:]), uint64(ne.Uint32(pg[e+4:]))
			ksize, vsize := uint64(ne.Uint32(pg[e+8:])), uint64(ne.Uint32(pg[e+12:]))
			if e+pos+ksize+vsize > span {
				return fmt.Errorf("page %d: element %d lies outside the page", id, i)
			}
			if flags&bucketLeafFlag == 0 {
				continue
			}
			if vsize < bucketHeader {
				return fmt.Errorf("page %d: bucket %d has a %d-byte header", id, i, vsize)
			}
			if root := ne.Uint64(pg[e+pos+ksize:]); root != 0 { // 0: an inline bucket
				if err := ref(id, root); err != nil {
					return err
				}
			}
		}
		start[id] = true
		id = next
	}
	for id, n := range refs {
		switch {
		case id >= hwm || !start[id]:
			return fmt.Errorf("page %d: referred to, but not a branch or leaf page in use", id)
		case n > 1:
			return fmt.Errorf("page %d: referred to %d times", id, n)
		}
	}
	return nil
}

// walk visits every key of every bucket of tx, nested buckets included.
func walk(tx *bolt.Tx) error {
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		return walkBucket(b)
	})
}

func walkBucket(b *bolt.Bucket) error {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v != nil {
			continue
		}
		// A nil value is a nested bucket, or an empty value.
		if child := b.Bucket(k); child != nil {
			if err := walkBucket(child); err != nil {
				return err
			}
		}
	}
	return nil
}

// corrupt returns the error for a corrupt bbolt file at path; cause says
// what is wrong with it.
func corrupt(path string, cause error) error {
	if errors.Is(cause, ErrCorrupt) {
		return cause
	}
	next := "the next run starts with an empty one"
	if filepath.Base(path) == "state.db" {
		next = "the next run starts with empty state and re-emits articles it sees again"
	}
	return fmt.Errorf("%s: %w: %w; move it aside, e.g. mv %s %s.corrupt; %s",
		path, ErrCorrupt, cause, path, path, next)
}

// guard turns a panic of bbolt, or a memory fault on its mapped file, into
// an error wrapping ErrCorrupt that names path, in *err. bbolt panics on
// garbage pages ("assertion failed: Page expected to be …") instead of
// returning errors. Defer it directly (recover works only there), after
// the deferred calls that must see the error it sets:
//
//	defer guard(path, &err)
func guard(path string, err *error) {
	// recover must be called by the deferred function itself.
	r := recover()
	if r == nil {
		return
	}
	cause, ok := r.(error)
	if !ok {
		cause = fmt.Errorf("%v", r)
	}
	if _, fault := r.(interface{ Addr() uintptr }); fault {
		*err = corrupt(path, fmt.Errorf("bbolt read outside the file, which is truncated or damaged: %w", cause))
		return
	}
	*err = corrupt(path, fmt.Errorf("bbolt panicked: %w", cause))
}

// onFault makes a memory fault of this goroutine a recoverable panic
// instead of a crash: bbolt reads its file through mmap, and a garbage page
// id or a truncated file sends it past the mapped data. It returns the
// previous setting, for the deferred restore (which, unlike a returned
// closure, allocates nothing: every transaction pays for it):
//
//	defer debug.SetPanicOnFault(onFault())
func onFault() bool {
	return debug.SetPanicOnFault(true)
}

// openBolt opens the bbolt file at path like bolt.Open, but reports a
// corrupt file as an error wrapping ErrCorrupt, never as a panic.
func openBolt(path string, opts bolt.Options) (db *bolt.DB, err error) {
	// Keep bbolt's file handle: when Open panics half way, closing it
	// releases the lock bbolt took on the file.
	var f *os.File
	opts.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		var err error
		f, err = os.OpenFile(name, flag, perm)
		return f, err
	}
	defer func() {
		if err != nil && f != nil && db == nil {
			f.Close()
		}
	}()
	if err := preflight(path); err != nil {
		return nil, corrupt(path, err)
	}
	defer debug.SetPanicOnFault(onFault())
	defer guard(path, &err)
	db, err = bolt.Open(path, 0o600, &opts)
	var pe *os.PathError
	switch {
	case err == nil || errors.As(err, &pe): // a PathError names the file
	case corruptOpen(err):
		err = corrupt(path, err)
	default:
		err = fmt.Errorf("%s: %w", path, err)
	}
	return db, err
}

// corruptOpen reports whether err, from bolt.Open, means a damaged file
// rather than, say, a permission problem or the lock timeout.
func corruptOpen(err error) bool {
	return errors.Is(err, berrors.ErrInvalid) ||
		errors.Is(err, berrors.ErrChecksum) ||
		errors.Is(err, berrors.ErrVersionMismatch) ||
		errors.Is(err, berrors.ErrInvalidMapping) ||
		strings.Contains(err.Error(), "file size too small") // a plain string in bbolt
}
