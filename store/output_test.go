package store

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fullDisk writes the first left bytes it is given, then fails the way an
// *os.File on a full disk does, half way through a line.
type fullDisk struct {
	w    io.Writer
	path string
	left int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= d.left {
		d.left -= len(p)
		return d.w.Write(p)
	}
	n, _ := d.w.Write(p[:d.left])
	d.left = 0
	return n, &fs.PathError{Op: "write", Path: d.path, Err: syscall.ENOSPC}
}

func dirNames(t *testing.T, dir string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	return strings.Join(names, " ")
}

// TestWriteFailureLeavesPart fills the disk half way through a record of a
// directory output: Close must keep the temporary name, so that the next
// run reconciles the file instead of emitting its uncommitted records again.
func TestWriteFailureLeavesPart(t *testing.T) {
	dir := t.TempDir()
	outDir := filepath.Join(dir, "out")
	st, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t1 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	out, err := OpenOutput(outDir+string(os.PathSeparator), t1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Reconcile(context.Background(), out, st); err != nil {
		t.Fatal(err)
	}
	fo := out.(*dirOutput).fileOutput
	part := filepath.Join(outDir, "20260102T030405Z.jsonl.part")

	if err := out.Write(rec("http://a/1", "h1")); err != nil {
		t.Fatal(err)
	}
	m, err := out.Sync()
	if err != nil {
		t.Fatal(err)
	}
	if err := st.MarkEmitted(context.Background(), m, []Emitted{{URL: "http://a/1", ContentHash: "h1", At: t1}}); err != nil {
		t.Fatal(err)
	}
	if err := out.Write(rec("http://a/2", "h2")); err != nil { // written, never committed
		t.Fatal(err)
	}
	if err := out.Flush(); err != nil {
		t.Fatal(err)
	}
	fo.w = &fullDisk{w: fo.f, path: part, left: 10}
	if err := out.Write(rec("http://a/3", "h3")); err != nil {
		t.Fatalf("Write held in memory: %v", err)
	}
	err = out.Flush() // writes the held line: the disk fills
	if !errors.Is(err, syscall.ENOSPC) || strings.Count(err.Error(), part) != 1 {
		t.Errorf("Flush on a full disk: %v; want ENOSPC naming %s once", err, part)
	}
	fo.w = fo.f // space again: the output must still refuse
	if err := out.Write(rec("http://a/4", "h4")); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Write after a failed one: %v, want the first failure", err)
	}
	if m, err := out.Sync(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Sync after a failed write: %v, %v; want the first failure", m, err)
	}
	err = out.Close()
	if err == nil || strings.Count(err.Error(), part) != 1 {
		t.Errorf("Close after a failed Write: %v; want an error naming %s once", err, part)
	}
	if got, want := dirNames(t, outDir), "20260102T030405Z.jsonl.part"; got != want {
		t.Fatalf("after the failed run: files %q, want %q", got, want)
	}

	// The next run finishes the file and learns of the uncommitted record.
	out, err = OpenOutput(outDir, t1.Add(time.Hour), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := Reconcile(context.Background(), out, st); n != 1 || err != nil {
		t.Fatalf("Reconcile = %d, %v; want 1 record", n, err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := dirNames(t, outDir), "20260102T030405Z.jsonl"; got != want {
		t.Errorf("after the next run: files %q, want %q", got, want)
	}
	data, err := os.ReadFile(filepath.Join(outDir, "20260102T030405Z.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if want := string(rec("http://a/1", "h1")) + string(rec("http://a/2", "h2")); string(data) != want {
		t.Errorf("finished file %q, want %q", data, want)
	}
	for url, want := range map[string]string{"http://a/1": "h1", "http://a/2": "h2", "http://a/3": "", "http://a/4": ""} {
		if p, _ := st.Page(context.Background(), url); p.ContentHash != want {
			t.Errorf("%s: hash %q, want %q", url, p.ContentHash, want)
		}
	}
}

// TestReconcileTornJSONL repairs the *.jsonl files that older versions
// renamed after a failed write.
func TestReconcileTornJSONL(t *testing.T) {
	r1, r2 := string(rec("http://a/1", "h1")), string(rec("http://a/2", "h2"))
	half := `{"url":"http://a/3","con`
	const none = -1
	tests := []struct {
		name     string
		content  string
		mark     int64 // none: no watermark
		want     string
		wantN    int
		wantMark int64
		wantA2   string // hash of http://a/2
	}{
		{"uncommitted lines and a partial line", r1 + r2 + half, int64(len(r1)), r1 + r2, 1, int64(len(r1 + r2)), "h2"},
		{"uncommitted lines", r1 + r2, int64(len(r1)), r1 + r2, 1, int64(len(r1 + r2)), "h2"},
		{"nothing committed", r1 + r2 + half, 0, r1 + r2 + half, 0, 0, ""},
		{"committed partial line", r1 + half, int64(len(r1 + half)), r1, 0, int64(len(r1)), ""},
		{"fully committed", r1 + r2, int64(len(r1 + r2)), r1 + r2, 0, int64(len(r1 + r2)), ""},
		{"no watermark", r1 + r2 + half, none, r1 + r2 + half, 0, 0, ""},
		{"watermark past the end", r1 + half, 1000, r1 + half, 0, 1000, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			outDir := filepath.Join(dir, "out")
			if err := os.Mkdir(outDir, 0o755); err != nil {
				t.Fatal(err)
			}
			st, err := Open(dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			path := filepath.Join(outDir, "20260102T030405Z.jsonl")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			key, _ := filepath.Abs(path + partSuffix)
			// A later run emitted a newer version of a/1: no replay may
			// overwrite it.
			newer := []Emitted{{URL: "http://a/1", ContentHash: "newer", At: time.Now()}}
			m := Mark{Key: key, Offset: tt.mark}
			if tt.mark == none {
				m = Mark{}
			}
			if err := st.MarkEmitted(context.Background(), m, newer); err != nil {
				t.Fatal(err)
			}

			for run := 1; run <= 2; run++ {
				out, err := OpenOutput(outDir, time.Date(2026, 1, 2, 4, 0, 0, run, time.UTC), nil)
				if err != nil {
					t.Fatal(err)
				}
				n, err := Reconcile(context.Background(), out, st)
				if err != nil {
					t.Fatal(err)
				}
				if want := map[int]int{1: tt.wantN, 2: 0}[run]; n != want {
					t.Errorf("run %d: Reconcile = %d records, want %d", run, n, want)
				}
				if err := out.Close(); err != nil {
					t.Fatal(err)
				}
			}
			if data, _ := os.ReadFile(path); string(data) != tt.want {
				t.Errorf("file %q, want %q", data, tt.want)
			}
			if got, _ := st.Watermark(context.Background(), key); got != tt.wantMark {
				t.Errorf("watermark %d, want %d", got, tt.wantMark)
			}
			for url, want := range map[string]string{"http://a/1": "newer", "http://a/2": tt.wantA2, "http://a/3": ""} {
				if p, _ := st.Page(context.Background(), url); p.ContentHash != want {
					t.Errorf("%s: hash %q, want %q", url, p.ContentHash, want)
				}
			}
			if got := dirNames(t, outDir); got != "20260102T030405Z.jsonl" {
				t.Errorf("files %q", got)
			}
		})
	}
}

// TestOutputErrorsNameFileOnce: os.File errors already name the file, and
// wrapping them again said "write PATH: write PATH: …".
func TestOutputErrorsNameFileOnce(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		err  func(path string) error
	}{
		{"open in a missing dir", filepath.Join(dir, "missing", "out.jsonl"), func(path string) error {
			_, err := OpenOutput(path, time.Now(), nil)
			return err
		}},
		{"write to a closed file", filepath.Join(dir, "closed.jsonl"), func(path string) error {
			o, err := openFileOutput(path)
			if err != nil {
				return err
			}
			o.f.Close()
			o.Write(rec("http://a/1", "h1")) // held in memory
			return o.Flush()
		}},
		{"sync of a closed file", filepath.Join(dir, "sync.jsonl"), func(path string) error {
			o, err := openFileOutput(path)
			if err != nil {
				return err
			}
			o.f.Close()
			_, err = o.Sync()
			return err
		}},
		{"close after a failed write", filepath.Join(dir, "full.jsonl"), func(path string) error {
			o, err := openFileOutput(path)
			if err != nil {
				return err
			}
			o.w = &fullDisk{w: o.f, path: path}
			o.Write(rec("http://a/1", "h1"))
			return o.Close()
		}},
		{"a short write", filepath.Join(dir, "short.jsonl"), func(path string) error {
			o, err := openFileOutput(path)
			if err != nil {
				return err
			}
			defer o.f.Close()
			o.w = shortWriter{}
			o.Write(rec("http://a/1", "h1")) // held in memory
			return o.Flush()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err(tt.path)
			if err == nil {
				t.Fatal("no error")
			}
			if n := strings.Count(err.Error(), tt.path); n != 1 {
				t.Errorf("error %q names %s %d times, want once", err, tt.path, n)
			}
		})
	}
}

// shortWriter reports writing less than it was given, with no error.
type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }

// A file output holds lines until Flush, Sync or Close, or until
// outBufSize of them wait; Written counts them all, and Sync makes the file
// that long.
func TestFileOutputHoldsLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	o, err := openFileOutput(path)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	size := func() int64 {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	line := rec("http://a/1", "h1")
	if err := o.Write(line); err != nil {
		t.Fatal(err)
	}
	if got := size(); got != 0 {
		t.Errorf("file holds %d bytes after one Write, want the line held in memory", got)
	}
	if err := o.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := size(); got != int64(len(line)) {
		t.Errorf("file holds %d bytes after Flush, want %d", got, len(line))
	}
	n := 1
	for ; int64(n*len(line)) < 3*outBufSize; n++ {
		if err := o.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if got, all := size(), int64(n*len(line)); got < all-outBufSize || got > all {
		t.Errorf("file holds %d bytes of %d written, want all but at most %d", got, all, outBufSize)
	}
	m, err := o.Sync()
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(n * len(line)); m.Offset != want || size() != want || o.Written().Offset != want {
		t.Errorf("after Sync: mark %d, file %d bytes, Written %d; want all %d", m.Offset, size(), o.Written().Offset, want)
	}
}
