package main

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadAllLimit(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000) // 10,000 bytes
	for _, tc := range []struct {
		name        string
		hint, limit int64
		wantErr     bool
	}{
		{"exact hint", 10000, 20000, false},
		{"small hint grows", 10, 20000, false},
		{"no hint", 0, 20000, false},
		{"hint beyond limit", 1 << 40, 20000, false},
		{"at the limit", 10000, 10000, false},
		{"one byte over", 10000, 9999, true},
		{"far over, small hint", 1, 100, true},
	} {
		// OneByteReader makes every read short, as pipes do.
		got, err := readAllLimit(iotest.OneByteReader(bytes.NewReader(data)), nil, tc.hint, tc.limit)
		if tc.wantErr {
			if _, ok := errors.AsType[*tooLargeError](err); !ok {
				t.Errorf("%s: err = %v, want a tooLargeError", tc.name, err)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes, err %v", tc.name, len(got), err)
		}
	}
	if _, err := readAllLimit(iotest.ErrReader(os.ErrClosed), nil, 0, 100); !errors.Is(err, os.ErrClosed) {
		t.Errorf("read error = %v", err)
	}
}

// TestReadFileInputPresized checks that a file is read into one buffer of
// its size, not a buffer grown by doubling (io.ReadAll allocates about
// twice the file).
func TestReadFileInputPresized(t *testing.T) {
	const size = 4 << 20
	path := filepath.Join(t.TempDir(), "big.html")
	if err := os.WriteFile(path, bytes.Repeat([]byte("<p>x</p>"), size/8), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := readFileInput(path, 20<<20, nil)
	runtime.ReadMemStats(&after)
	if err != nil || len(got) != size {
		t.Fatalf("%d bytes, err %v", len(got), err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size+size/16 {
		t.Errorf("reading a %d-byte file allocated %d bytes", size, alloc)
	}

	zipped := filepath.Join(t.TempDir(), "big.gz")
	os.WriteFile(zipped, gzipBytes(t, got), 0o644)
	runtime.ReadMemStats(&before)
	unzipped, err := readFileInput(zipped, 20<<20, nil)
	runtime.ReadMemStats(&after)
	if err != nil || !bytes.Equal(unzipped, got) {
		t.Fatalf("gzip: %d bytes, err %v", len(unzipped), err)
	}
	// The trailer's size presizes the output: the decompressed bytes plus
	// the compressed file and the decompressor's state.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size+size/4 {
		t.Errorf("reading a gzip file of %d bytes allocated %d bytes", size, alloc)
	}
}

func TestReadFileInputErrors(t *testing.T) {
	dir := t.TempDir()
	truncated := filepath.Join(dir, "cut.gz")
	z := gzipBytes(t, []byte(strings.Repeat("<p>text</p>", 1000)))
	os.WriteFile(truncated, z[:len(z)/2], 0o644)
	corrupt := filepath.Join(dir, "bad.gz")
	bad := bytes.Clone(z)
	bad[len(bad)-8] ^= 0xff // CRC-32
	os.WriteFile(corrupt, bad, 0o644)
	for _, tc := range []struct{ path, want string }{
		{truncated, "decompress: unexpected EOF"},
		{corrupt, "decompress: gzip: invalid checksum"},
		{dir, "is a directory"},
	} {
		if _, err := readFileInput(tc.path, 1<<20, nil); err == nil || err.Error() != tc.want {
			t.Errorf("%s: err = %v, want %q", filepath.Base(tc.path), err, tc.want)
		}
	}
	if _, err := readStreamInput(bytes.NewReader(z), 100); err == nil || err.Error() != "decompressed input larger than --max-body (100 bytes)" {
		t.Errorf("stdin bomb: err = %v", err)
	}
}

func TestReadAllLimitExtremes(t *testing.T) {
	data := []byte("<p>x</p>")
	if got, err := readAllLimit(bytes.NewReader(data), nil, 0, math.MaxInt64); err != nil || !bytes.Equal(got, data) {
		t.Errorf("no limit: %q, %v", got, err)
	}
	if _, err := readAllLimit(bytes.NewReader(data), nil, 0, -1); err == nil || err.Error() != "input larger than --max-body (0 bytes)" {
		t.Errorf("negative limit: %v", err)
	}
	if got, err := readAllLimit(bytes.NewReader(nil), nil, 0, 0); err != nil || len(got) != 0 {
		t.Errorf("empty input at limit 0: %q, %v", got, err)
	}
}

// TestReadFileInputReusesScratch checks that a worker's second read goes
// into the buffer of its first and returns that file's bytes, not the
// first file's.
func TestReadFileInputReusesScratch(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.html")
	small := filepath.Join(dir, "small.html")
	os.WriteFile(big, bytes.Repeat([]byte("a"), 1<<20), 0o644)
	os.WriteFile(small, bytes.Repeat([]byte("b"), 1<<19), 0o644)
	var scratch []byte
	first, err := readFileInput(big, 20<<20, &scratch)
	if err != nil || len(first) != 1<<20 || cap(scratch) <= 1<<20 {
		t.Fatalf("first read: %d bytes, scratch cap %d, err %v", len(first), cap(scratch), err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	second, err := readFileInput(small, 20<<20, &scratch)
	runtime.ReadMemStats(&after)
	if err != nil || !bytes.Equal(second, bytes.Repeat([]byte("b"), 1<<19)) {
		t.Fatalf("second read: %d bytes, err %v", len(second), err)
	}
	if &second[0] != &first[0] {
		t.Error("second read did not reuse the scratch buffer")
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<10 {
		t.Errorf("second read allocated %d bytes", alloc)
	}
}
