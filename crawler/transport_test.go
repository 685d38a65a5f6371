package crawler

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"testing"
	"time"
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

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{"Thu, 01 Jan 2026 12:00:10 GMT", 10 * time.Second, true},
		{"Thu, 01 Jan 2026 11:00:00 GMT", 0, true},
		{"soon", 0, false},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}
