package store

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/newspipe/newspipe/internal/durable"
)

// Output receives JSONL records. Implementations are safe for concurrent use.
type Output interface {
	// Write appends one record: a complete line ending in '\n'. A file
	// output holds lines in memory until Flush, Sync or Close, or until
	// enough wait, and writes whole lines only, so that no reader and no
	// killed run sees half of one.
	Write(line []byte) error
	// Flush hands the lines held in memory to the file, without waiting for
	// the disk: a process killed after it returns loses none of them. A
	// caller that acknowledges work done (a request taken from a shared
	// frontier) flushes first, so that work is never acknowledged while its
	// record could still die with the process.
	Flush() error
	// Sync makes every line written so far durable and returns the
	// watermark after them. Writes may go on while it waits for the disk:
	// the lines they add are not covered by the returned watermark.
	Sync() (Mark, error)
	// Written returns the watermark after every line written so far, as
	// Sync would, without making them durable. A writer that records it
	// after a Write and commits that mark only after a later Sync returned
	// can let other writes go on during the Sync (group commit).
	Written() Mark
	// Replayable reports whether lines written by earlier runs can be read
	// back by Reconcile (false for stdout); callers then commit State after
	// every record to keep the window for duplicates minimal.
	Replayable() bool
	// Close syncs and finishes the output (a directory output renames its
	// file from the temporary name to the final one, or removes it when no
	// record was written). After a failed Write or Sync, which also fails
	// every later one, it only closes the file, leaving it to the next
	// run's Reconcile, and returns an error.
	Close() error
	// Name describes the output for logs.
	Name() string
}

// OpenOutput opens the output named by path: "-" writes to stdout, an
// existing directory (or a path ending in a separator) gets a new file named
// by the run's start time, anything else is a file that records are
// appended to. Call Reconcile before writing.
func OpenOutput(path string, start time.Time, stdout io.Writer) (Output, error) {
	return OpenWorkerOutput(path, start, stdout, "")
}

// OpenWorkerOutput is OpenOutput for one worker of a crawl shared by
// several processes: the file names carry the worker's name (letters,
// digits, '-' and '_'), so that workers can share a directory, and
// Reconcile finishes only the worker's own files. A file path gets the
// name before its extension (news.jsonl: news.WORKER.jsonl); a directory
// gets START.WORKER.jsonl files. An empty worker is OpenOutput.
func OpenWorkerOutput(path string, start time.Time, stdout io.Writer, worker string) (Output, error) {
	tag := ""
	if worker != "" {
		tag = "." + worker
	}
	if path == "-" || path == "" {
		return &streamOutput{w: stdout}, nil
	}
	fi, err := os.Stat(path)
	isDir := err == nil && fi.IsDir()
	if !isDir && strings.HasSuffix(path, string(os.PathSeparator)) {
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, pathErr("output dir", path, err)
		}
		isDir = true
	}
	if isDir {
		return openDirOutput(path, start, tag)
	}
	if tag != "" {
		ext := filepath.Ext(path)
		path = strings.TrimSuffix(path, ext) + tag + ext
	}
	return openFileOutput(path)
}

// streamOutput writes to stdout or any other writer.
type streamOutput struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *streamOutput) Write(line []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.w.Write(line)
	var pe *fs.PathError
	if err != nil && !errors.As(err, &pe) { // os.Stdout says "write /dev/stdout"
		return fmt.Errorf("write stdout: %w", err)
	}
	return err
}

func (s *streamOutput) Flush() error { return nil } // every Write reaches the writer

func (s *streamOutput) Sync() (Mark, error) {
	if f, ok := s.w.(*os.File); ok {
		f.Sync() // fails harmlessly on pipes and terminals
	}
	return Mark{}, nil
}

func (s *streamOutput) Written() Mark    { return Mark{} }
func (s *streamOutput) Replayable() bool { return false }
func (s *streamOutput) Close() error     { _, err := s.Sync(); return err }
func (s *streamOutput) Name() string     { return "stdout" }

// fileOutput appends to one file.
type fileOutput struct {
	mu sync.Mutex
	f  *os.File
	// w is what Write writes to: f, or in tests a writer that fails like
	// a full disk.
	w    io.Writer
	path string // as given, for messages
	key  string // absolute path, the watermark key
	off  int64  // the file's size once buf is written
	// buf holds the lines written since the last flush: one write(2) per
	// Flush, Sync or outBufSize of lines instead of one per record (4–5% of
	// a fast crawl's CPU on a VM's ext4).
	buf []byte
	// final is the name a directory output renames path to on Close.
	final string
	// failed is the first failed Write or Sync. From then on the file may
	// end in a torn line and hold lines State never learns of, so nothing
	// more is written and Close leaves it to the next run's Reconcile.
	failed error
}

func openFileOutput(path string) (*fileOutput, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, pathErr("output", path, err)
	}
	off, err := dropPartialLine(f)
	if err != nil {
		f.Close()
		return nil, pathErr("output", path, err)
	}
	// The file's syncs (each group commit) cover its data, not its name:
	// a file made now must not vanish in a power loss after State has
	// recorded lines in it.
	if err := durable.SyncDir(filepath.Dir(path)); err != nil {
		f.Close()
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	return &fileOutput{f: f, w: f, path: path, key: abs, off: off}, nil
}

// pathErr wraps err, from an operation op on the file path, so that the
// message names path once: errors of os.File already do ("write PATH: no
// space left on device").
func pathErr(op, path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		return err
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

// dropPartialLine truncates f after its last '\n', removing the half line a
// killed writer may have left (our own writes are whole lines, but a full
// disk or another writer can still cut one). It returns the new size.
func dropPartialLine(f *os.File) (int64, error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	size := fi.Size()
	if size == 0 {
		return 0, nil
	}
	buf := make([]byte, 64<<10)
	end := size
	for end > 0 {
		n := int64(len(buf))
		if n > end {
			n = end
		}
		if _, err := f.ReadAt(buf[:n], end-n); err != nil {
			return 0, err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			end = end - n + int64(i) + 1
			break
		}
		end -= n
	}
	if end == size {
		return size, nil
	}
	if err := f.Truncate(end); err != nil {
		return 0, err
	}
	return end, f.Sync()
}

// outBufSize is how many bytes of lines a fileOutput holds before it
// writes them out by itself.
const outBufSize = 128 << 10

func (o *fileOutput) Write(line []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.failed != nil {
		return fmt.Errorf("output stopped after: %w", o.failed)
	}
	o.buf = append(o.buf, line...)
	o.off += int64(len(line))
	if len(o.buf) >= outBufSize {
		return o.flush()
	}
	return nil
}

func (o *fileOutput) Flush() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.failed != nil {
		return fmt.Errorf("output stopped after: %w", o.failed)
	}
	return o.flush()
}

// flush writes the held lines; o.mu is held. After a failure the watermark
// may lie past a torn line, so the output refuses everything from then on:
// no later Sync returns a mark.
func (o *fileOutput) flush() error {
	if len(o.buf) == 0 {
		return nil
	}
	n, err := o.w.Write(o.buf)
	if err == nil && n < len(o.buf) {
		err = io.ErrShortWrite
	}
	if cap(o.buf) > 4*outBufSize {
		o.buf = nil // a rare huge record: do not keep its buffer
	} else {
		o.buf = o.buf[:0]
	}
	if err != nil {
		o.failed = pathErr("write", o.path, err)
		return o.failed
	}
	return nil
}

// Sync does not hold o.mu while the disk syncs, so that writes go on
// meanwhile: the mark is taken before the fsync, which makes durable at
// least every line written before it.
func (o *fileOutput) Sync() (Mark, error) {
	o.mu.Lock()
	if o.failed == nil {
		o.flush()
	}
	if o.failed != nil {
		o.mu.Unlock()
		return Mark{}, fmt.Errorf("output stopped after: %w", o.failed)
	}
	m := Mark{Key: o.key, Offset: o.off}
	o.mu.Unlock()
	if err := o.f.Sync(); err != nil {
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.failed == nil {
			o.failed = pathErr("sync", o.path, err)
		}
		return Mark{}, o.failed
	}
	return m, nil
}

func (o *fileOutput) Written() Mark {
	o.mu.Lock()
	defer o.mu.Unlock()
	return Mark{Key: o.key, Offset: o.off}
}

func (o *fileOutput) Replayable() bool { return true }

func (o *fileOutput) Close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.failed == nil {
		o.flush()
	}
	if o.failed != nil {
		// The file may end in a torn line and hold lines State never
		// learnt of: keep the temporary name, so that the next run's
		// Reconcile finishes it as it does a killed run's.
		o.f.Close()
		return fmt.Errorf("output not finished, left for the next run to reconcile, after: %w", o.failed)
	}
	if err := o.f.Sync(); err != nil {
		o.f.Close()
		return pathErr("sync", o.path, err)
	}
	if err := o.f.Close(); err != nil {
		return pathErr("close", o.path, err)
	}
	if o.final != "" && o.off == 0 {
		// A run that found nothing new leaves no empty file behind.
		return os.Remove(o.path) // its errors name the file
	}
	if o.final != "" {
		return durable.Rename(o.path, o.final) // its errors name both files
	}
	return nil
}

func (o *fileOutput) Name() string {
	if o.final != "" {
		return o.final
	}
	return o.path
}

const partSuffix = ".part"

// dirOutput is a fileOutput with a temporary name inside a directory, plus
// the leftovers of killed runs that Reconcile must account for.
type dirOutput struct {
	*fileOutput
	dir string
	tag string // ".WORKER" or ""
}

func openDirOutput(dir string, start time.Time, tag string) (*dirOutput, error) {
	base := start.UTC().Format("20060102T150405Z")
	name := filepath.Join(dir, base+tag+".jsonl")
	for i := 1; ; i++ {
		_, err1 := os.Stat(name)
		_, err2 := os.Stat(name + partSuffix)
		if os.IsNotExist(err1) && os.IsNotExist(err2) {
			break
		}
		name = filepath.Join(dir, fmt.Sprintf("%s-%d%s.jsonl", base, i, tag))
	}
	fo, err := openFileOutput(name + partSuffix)
	if err != nil {
		return nil, err
	}
	fo.final = name
	return &dirOutput{fileOutput: fo, dir: dir, tag: tag}, nil
}

// Reconcile brings st up to date with the records that earlier, killed or
// failed runs wrote to out but could not commit (see the package comment),
// and finishes the files those runs left in a directory output. It returns
// how many records it marked emitted. Call it once, before the first Write.
//
// In a directory output it also repairs the torn files that older versions
// renamed after a failed write: a *.jsonl whose watermark is below its size,
// or that ends in a partial line, loses the partial line and its records
// past the watermark are marked emitted. Files with no watermark are left
// alone: they were never committed by this state (or it was moved aside),
// and marking their records now could overwrite the hashes of newer ones.
func Reconcile(ctx context.Context, out Output, st State) (int, error) {
	switch o := out.(type) {
	case *fileOutput:
		return replay(ctx, o.f, o.key, o.off, st)
	case *dirOutput:
		total := 0
		left, err := filepath.Glob(filepath.Join(o.dir, "*"+o.tag+".jsonl"+partSuffix))
		if err != nil {
			return 0, fmt.Errorf("output dir %s: %w", o.dir, err)
		}
		for _, p := range left {
			if p == o.path {
				continue
			}
			n, err := finishLeftover(ctx, p, st)
			total += n
			if err != nil {
				return total, err
			}
		}
		done, err := filepath.Glob(filepath.Join(o.dir, "*"+o.tag+".jsonl"))
		if err != nil {
			return total, fmt.Errorf("output dir %s: %w", o.dir, err)
		}
		for _, p := range done {
			n, err := repairTorn(ctx, p, st)
			total += n
			if err != nil {
				return total, err
			}
		}
		return total, nil
	}
	return 0, nil
}

func finishLeftover(ctx context.Context, path string, st State) (int, error) {
	fo, err := openFileOutput(path)
	if err != nil {
		return 0, err
	}
	n, err := replay(ctx, fo.f, fo.key, fo.off, st)
	fo.final = strings.TrimSuffix(path, partSuffix)
	if cerr := fo.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// repairTorn repairs the finished file path of a directory output if a
// failed write tore it (see Reconcile). Its watermark is saved under the
// key of the temporary name the run wrote it under.
func repairTorn(ctx context.Context, path string, st State) (int, error) {
	key, err := filepath.Abs(path + partSuffix)
	if err != nil {
		return 0, fmt.Errorf("output %s: %w", path, err)
	}
	mark, err := st.Watermark(ctx, key)
	if err != nil || mark <= 0 {
		return 0, err // no watermark: not ours to repair
	}
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err // names the file
	}
	size := fi.Size()
	if mark > size {
		return 0, nil // shrunk since: which lines are known is lost
	}
	if mark == size {
		// Committed up to its end: torn only if it ends in a partial line,
		// which a write that failed half way and a later sync can leave.
		torn, err := endsTorn(path, size)
		if err != nil || !torn {
			return 0, err
		}
	}
	fo, err := openFileOutput(path) // drops the partial line
	if err != nil {
		return 0, err
	}
	defer fo.f.Close()
	return replayRange(ctx, fo.f, key, min(mark, fo.off), fo.off, st)
}

// endsTorn reports whether the file path, of size bytes, ends in a partial
// line.
func endsTorn(path string, size int64) (bool, error) {
	if size == 0 {
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	var b [1]byte
	if _, err := f.ReadAt(b[:], size-1); err != nil {
		return false, err
	}
	return b[0] != '\n', nil
}

// replay marks emitted every record of f between the saved watermark of key
// and size, then moves the watermark to size.
func replay(ctx context.Context, f *os.File, key string, size int64, st State) (int, error) {
	from, err := st.Watermark(ctx, key)
	if err != nil {
		return 0, err
	}
	if from > size || from < 0 {
		from = 0 // the file was truncated or replaced: re-read all of it
	}
	if from == size {
		return 0, nil
	}
	return replayRange(ctx, f, key, from, size, st)
}

// replayRange marks emitted every record of f in the bytes [from, to), then
// moves the watermark of key to to, in one commit.
func replayRange(ctx context.Context, f *os.File, key string, from, to int64, st State) (int, error) {
	var recs []Emitted
	r := bufio.NewReaderSize(io.NewSectionReader(f, from, to-from), 256<<10)
	now := time.Now().UTC()
	for {
		line, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A very long line: read the rest of it.
			rest, rerr := r.ReadBytes('\n')
			line, err = append(append([]byte(nil), line...), rest...), rerr
		}
		if len(line) > 0 {
			var rec struct {
				URL         string `json:"url"`
				ContentHash string `json:"content_hash"`
			}
			if json.Unmarshal(line, &rec) == nil && rec.URL != "" {
				recs = append(recs, Emitted{URL: rec.URL, ContentHash: rec.ContentHash, At: now})
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, pathErr("replay", f.Name(), err)
		}
	}
	if err := st.MarkEmitted(ctx, Mark{Key: key, Offset: to}, recs); err != nil {
		return 0, err
	}
	return len(recs), nil
}
