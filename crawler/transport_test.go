package crawler

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

func TestBoundedGunzip(t *testing.T) {
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(make([]byte, 8<<20)) // 8 MiB of zeros, a few KiB compressed
	zw.Close()
	got, err := io.ReadAll(newBoundedGunzip(io.NopCloser(bytes.NewReader(bomb.Bytes())), 1<<20))
	if err != nil || len(got) != 1<<20 {
		t.Errorf("gzip: read %d bytes, %v; want exactly the 1 MiB limit", len(got), err)
	}
	plain := []byte("<urlset></urlset>")
	got, err = io.ReadAll(newBoundedGunzip(io.NopCloser(bytes.NewReader(plain)), 1<<20))
	if err != nil || !bytes.Equal(got, plain) {
		t.Errorf("plain body: %q, %v", got, err)
	}
}
