package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// buildState writes pages 0 to n-1 into a fresh state.db in dir, in one
// transaction so that no page of the file is free, and closes it.
func buildState(t testing.TB, dir string, n int) {
	t.Helper()
	st, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, st, 0, n)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// fill marks pages first to first+n-1 emitted, in one transaction.
func fill(t testing.TB, st *Bolt, first, n int) {
	t.Helper()
	recs := make([]Emitted, n)
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range recs {
		recs[i] = Emitted{
			URL:         fmt.Sprintf("https://news.example.com/2026/03/%06d-%s.html", first+i, strings.Repeat("slug", 20)),
			ContentHash: fmt.Sprintf("%064x", first+i),
			At:          at.Add(time.Duration(first+i) * time.Second),
		}
	}
	if err := st.MarkEmitted(context.Background(), Mark{Key: "/out.jsonl", Offset: 1}, recs); err != nil {
		t.Fatal(err)
	}
}

// damage functions break a closed bbolt file in one way each.
type damage func(t *testing.T, path string, size int64)

func overwrite(off func(size int64) int64, n int, rnd bool) damage {
	return func(t *testing.T, path string, size int64) {
		buf := make([]byte, n)
		if rnd {
			rand.New(rand.NewSource(1)).Read(buf)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteAt(buf, off(size)); err != nil {
			t.Fatal(err)
		}
	}
}

func truncate(to func(size int64) int64) damage {
	return func(t *testing.T, path string, size int64) {
		if err := os.Truncate(path, to(size)); err != nil {
			t.Fatal(err)
		}
	}
}

// useState runs every Bolt method that reads pages, as a crawl would.
func useState(st *Bolt) error {
	if _, err := st.Page(context.Background(), "https://news.example.com/2026/03/000100-x.html"); err != nil {
		return err
	}
	n := 0
	err := st.Recent(context.Background(), time.Time{}, func(u string) error {
		n++
		_, err := st.Page(context.Background(), u)
		return err
	})
	if err != nil {
		return err
	}
	return st.MarkEmitted(context.Background(), Mark{}, []Emitted{{URL: "https://news.example.com/new", ContentHash: "h", At: time.Now()}})
}

// TestCorruptState damages state.db in the ways a crash, a full disk or a
// bad disk leave it: every one must give an error wrapping ErrCorrupt that
// names the file, never a panic.
func TestCorruptState(t *testing.T) {
	const page = 4096
	mid := func(size int64) int64 { return size / 2 / page * page }
	tests := []struct {
		name   string
		damage damage
	}{
		{"random 4KiB in the middle", overwrite(mid, 4096, true)},
		{"random 4KiB across two pages", overwrite(func(s int64) int64 { return mid(s) + page/2 }, 4096, true)},
		{"zeroed 4KiB in the middle", overwrite(mid, 4096, false)},
		{"truncated to half", truncate(func(s int64) int64 { return s / 2 })},
		{"truncated to 6KiB", truncate(func(int64) int64 { return 6 << 10 })},
		{"first 8KiB zeroed", overwrite(func(int64) int64 { return 0 }, 8192, false)},
		{"both meta pages random", overwrite(func(int64) int64 { return 0 }, 8192, true)},
		// Single fields, where bbolt's own check would read past the
		// mapped file in its goroutine and crash the process.
		{"leaf key past its page", poke(2, 16+8, false)},
		{"branch key past its page", poke(1, 16+4, false)},
		{"branch refers to itself", poke(1, 16+16+8, true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			buildState(t, dir, 3000)
			path := filepath.Join(dir, "state.db")
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Size() < 200*page {
				t.Fatalf("state.db has %d bytes, want a few hundred pages", fi.Size())
			}
			tt.damage(t, path, fi.Size())

			st, err := Open(dir, 0)
			if err == nil {
				// Not every damage is visible to the check (it cannot
				// tell a garbage value from a real one), but using the
				// state must fail cleanly then.
				err = useState(st)
				st.Close()
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("got %v, want an error wrapping ErrCorrupt", err)
			}
			msg := err.Error()
			t.Log(msg)
			for _, want := range []string{path, "mv " + path + " " + path + ".corrupt", "re-emits"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not say %q", msg, want)
				}
			}
			// The file is not held: moving it aside lets a run start.
			if err := os.Rename(path, path+".corrupt"); err != nil {
				t.Fatal(err)
			}
			st, err = Open(dir, 0)
			if err != nil {
				t.Fatalf("Open after moving the file aside: %v", err)
			}
			st.Close()
		})
	}
}

// TestCorruptAfterOpen damages pages of an open state: the methods must
// return ErrCorrupt instead of letting bbolt's panics through.
func TestCorruptAfterOpen(t *testing.T) {
	tests := []struct {
		name   string
		damage damage
	}{
		{"zeroed pages", overwrite(func(s int64) int64 { return s / 4 / 4096 * 4096 }, 64<<10, false)},
		{"random pages", overwrite(func(s int64) int64 { return s / 4 / 4096 * 4096 }, 64<<10, true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			buildState(t, dir, 3000)
			st, err := Open(dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			fi, err := os.Stat(st.path)
			if err != nil {
				t.Fatal(err)
			}
			tt.damage(t, st.path, fi.Size()) // bbolt sees it through its shared mapping
			err = useState(st)
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), st.path) {
				t.Fatalf("got %v, want an error wrapping ErrCorrupt naming %s", err, st.path)
			}
		})
	}
}

func TestCheckDBHealthy(t *testing.T) {
	dir := t.TempDir()
	buildState(t, dir, 3000)
	path := filepath.Join(dir, "state.db")
	tests := []struct {
		name    string
		opts    *bolt.Options
		corrupt bool // want an error wrapping ErrCorrupt
		err     bool // want an error not wrapping it
	}{
		{"read-write", nil, false, false},
		{"read-only with free pages loaded", &bolt.Options{ReadOnly: true, PreLoadFreelist: true}, false, false},
		{"read-only", &bolt.Options{ReadOnly: true}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := bolt.Open(path, 0o600, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			err = CheckDB(db, path)
			if got := errors.Is(err, ErrCorrupt); got != tt.corrupt || (err != nil && !got) != tt.err {
				t.Errorf("CheckDB = %v; want corrupt %v, other error %v", err, tt.corrupt, tt.err)
			}
		})
	}
	// Only state.db's advice speaks of re-emitting.
	for file, want := range map[string]bool{"/s/state.db": true, "/s/frontier.db": false} {
		if got := strings.Contains(corrupt(file, errors.New("x")).Error(), "re-emits"); got != want {
			t.Errorf("advice for %s speaks of re-emitting: %v, want %v", file, got, want)
		}
	}
}

// BenchmarkCheckDB measures CheckDB on a state.db with about 50 MB of pages
// in use (45,000 emitted URLs, written in batches as a crawl does), which
// Open checks at the start of every crawl.
func BenchmarkCheckDB(b *testing.B) {
	dir := b.TempDir()
	st, err := Open(dir, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for i := 0; i < 18; i++ {
		fill(b, st, i*2500, 2500)
	}
	var used int64
	st.db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := CheckDB(st.db, st.path); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(used)/1e6, "MB")
}

// pageAt returns the offset of a page of the bbolt file data with the given
// flags (1: branch, 2: leaf) and at least two elements, searching from the
// middle of the file.
func pageAt(t *testing.T, data []byte, flags uint16) int {
	t.Helper()
	ps := int(binary.NativeEndian.Uint32(data[24:])) // meta: magic, version, page size
	for id := len(data) / ps / 2; id < len(data)/ps; id++ {
		pg := data[id*ps:]
		if binary.NativeEndian.Uint64(pg) == uint64(id) && binary.NativeEndian.Uint16(pg[8:]) == flags && binary.NativeEndian.Uint16(pg[10:]) >= 2 {
			return id * ps
		}
	}
	for id := 2; id < len(data)/ps/2; id++ {
		pg := data[id*ps:]
		if binary.NativeEndian.Uint64(pg) == uint64(id) && binary.NativeEndian.Uint16(pg[8:]) == flags && binary.NativeEndian.Uint16(pg[10:]) >= 2 {
			return id * ps
		}
	}
	t.Fatalf("no page with flags %d", flags)
	return 0
}

// poke sets a field of the first page with the given flags: a uint32 at off
// in it, or, with self, a uint64 at off to the page's own id.
func poke(flags uint16, off int, self bool) damage {
	return func(t *testing.T, path string, size int64) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		at := pageAt(t, data, flags)
		if self {
			copy(data[at+off:], data[at:at+8])
		} else {
			binary.NativeEndian.PutUint32(data[at+off:], 0x7fffffff)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCorruptStateRandom damages copies of one state.db at random places:
// random blocks, random lengths, scattered bytes. Whatever the damage, the
// state must open and work, or fail with ErrCorrupt; the process must not
// crash. (Before checkPages, bbolt's check crashed it with a fault.)
func TestCorruptStateRandom(t *testing.T) {
	base := t.TempDir()
	buildState(t, base, 3000)
	orig, err := os.ReadFile(filepath.Join(base, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewSource(42))
	got := map[string]int{}
	for i := 0; i < 45; i++ {
		data := append([]byte(nil), orig...)
		switch i % 3 {
		case 0:
			off := r.Intn(len(data) - 4096)
			r.Read(data[off : off+4096])
		case 1:
			data = data[:r.Intn(len(data))]
		case 2:
			for j := 0; j < 20; j++ {
				data[r.Intn(len(data))] = byte(r.Intn(256))
			}
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "state.db"), data, 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := Open(dir, 0)
		if err == nil {
			err = useState(st)
			st.Close()
		}
		switch {
		case err == nil:
			got["ok"]++
		case errors.Is(err, ErrCorrupt):
			got["corrupt"]++
		default:
			t.Errorf("damage %d: %v, want nil or ErrCorrupt", i, err)
		}
	}
	if got["corrupt"] < 30 {
		t.Errorf("outcomes %v: want most damage found", got)
	}
	t.Log(got)
}
