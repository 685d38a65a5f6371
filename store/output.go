package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Output receives JSONL records. Implementations are safe for concurrent use.
type Output interface {
	// Write appends one record: a complete line ending in '\n', written with
	// a single write so that no reader and no killed run sees half of it.
	Write(line []byte) error
	// Sync makes every line written so far durable and returns the
	// watermark after them.
	Sync() (Mark, error)
	// Replayable reports whether lines written by earlier runs can be read
	// back by Reconcile (false for stdout); callers then commit State after
	// every record to keep the window for duplicates minimal.
	Replayable() bool
	// Close syncs and finishes the output (a directory output renames its
	// file from the temporary name to the final one, or removes it when no
	// record was written).
	Close() error
	// Name describes the output for logs.
	Name() string
}

// OpenOutput opens the output named by path: "-" writes to stdout, an
// existing directory (or a path ending in a separator) gets a new file named
// by the run's start time, anything else is a file that records are
// appended to. Call Reconcile before writing.
func OpenOutput(path string, start time.Time, stdout io.Writer) (Output, error) {
	if path == "-" || path == "" {
		return &streamOutput{w: stdout}, nil
	}
	fi, err := os.Stat(path)
	isDir := err == nil && fi.IsDir()
	if !isDir && strings.HasSuffix(path, string(os.PathSeparator)) {
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, fmt.Errorf("output dir %s: %w", path, err)
		}
		isDir = true
	}
	if isDir {
		return openDirOutput(path, start)
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
	return err
}

func (s *streamOutput) Sync() (Mark, error) {
	if f, ok := s.w.(*os.File); ok {
		f.Sync() // fails harmlessly on pipes and terminals
	}
	return Mark{}, nil
}

func (s *streamOutput) Replayable() bool { return false }
func (s *streamOutput) Close() error     { _, err := s.Sync(); return err }
func (s *streamOutput) Name() string     { return "stdout" }

// fileOutput appends to one file.
type fileOutput struct {
	mu   sync.Mutex
	f    *os.File
	path string // as given, for messages
	key  string // absolute path, the watermark key
	off  int64
	// final is the name a directory output renames path to on Close.
	final string
}

func openFileOutput(path string) (*fileOutput, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	off, err := dropPartialLine(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("output %s: %w", path, err)
	}
	return &fileOutput{f: f, path: path, key: abs, off: off}, nil
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

func (o *fileOutput) Write(line []byte) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	n, err := o.f.Write(line)
	o.off += int64(n)
	if err != nil {
		return fmt.Errorf("write %s: %w", o.path, err)
	}
	return nil
}

func (o *fileOutput) Sync() (Mark, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.f.Sync(); err != nil {
		return Mark{}, fmt.Errorf("sync %s: %w", o.path, err)
	}
	return Mark{Key: o.key, Offset: o.off}, nil
}

func (o *fileOutput) Replayable() bool { return true }

func (o *fileOutput) Close() error {
	serr := o.f.Sync()
	cerr := o.f.Close()
	if err := errors.Join(serr, cerr); err != nil {
		return fmt.Errorf("close %s: %w", o.path, err)
	}
	if o.final != "" && o.off == 0 {
		// A run that found nothing new leaves no empty file behind.
		if err := os.Remove(o.path); err != nil {
			return fmt.Errorf("output %s: %w", o.path, err)
		}
		return nil
	}
	if o.final != "" {
		if err := os.Rename(o.path, o.final); err != nil {
			return fmt.Errorf("output %s: %w", o.path, err)
		}
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
}

func openDirOutput(dir string, start time.Time) (*dirOutput, error) {
	base := start.UTC().Format("20060102T150405Z")
	name := filepath.Join(dir, base+".jsonl")
	for i := 1; ; i++ {
		_, err1 := os.Stat(name)
		_, err2 := os.Stat(name + partSuffix)
		if os.IsNotExist(err1) && os.IsNotExist(err2) {
			break
		}
		name = filepath.Join(dir, fmt.Sprintf("%s-%d.jsonl", base, i))
	}
	fo, err := openFileOutput(name + partSuffix)
	if err != nil {
		return nil, err
	}
	fo.final = name
	return &dirOutput{fileOutput: fo, dir: dir}, nil
}

// Reconcile brings st up to date with the records that earlier, killed runs
// wrote to out but could not commit (see the package comment), and finishes
// the files those runs left in a directory output. It returns how many
// records it marked emitted. Call it once, before the first Write.
func Reconcile(out Output, st State) (int, error) {
	switch o := out.(type) {
	case *fileOutput:
		return replay(o.f, o.key, o.off, st)
	case *dirOutput:
		left, err := filepath.Glob(filepath.Join(o.dir, "*.jsonl"+partSuffix))
		if err != nil {
			return 0, err
		}
		total := 0
		for _, p := range left {
			if p == o.path {
				continue
			}
			n, err := finishLeftover(p, st)
			total += n
			if err != nil {
				return total, err
			}
		}
		return total, nil
	}
	return 0, nil
}

func finishLeftover(path string, st State) (int, error) {
	fo, err := openFileOutput(path)
	if err != nil {
		return 0, err
	}
	n, err := replay(fo.f, fo.key, fo.off, st)
	fo.final = strings.TrimSuffix(path, partSuffix)
	if cerr := fo.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// replay marks emitted every record of f between the saved watermark of key
// and size, then moves the watermark to size.
func replay(f *os.File, key string, size int64, st State) (int, error) {
	from, err := st.Watermark(key)
	if err != nil {
		return 0, err
	}
	if from > size || from < 0 {
		from = 0 // the file was truncated or replaced: re-read all of it
	}
	if from == size {
		return 0, nil
	}
	var recs []Emitted
	r := bufio.NewReaderSize(io.NewSectionReader(f, from, size-from), 256<<10)
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
			return 0, fmt.Errorf("replay %s: %w", key, err)
		}
	}
	if err := st.MarkEmitted(Mark{Key: key, Offset: size}, recs); err != nil {
		return 0, err
	}
	return len(recs), nil
}
