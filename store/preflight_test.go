package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A damaged free page list is reported before bbolt maps the file: when
// bbolt panics on it inside Open, its mapping keeps the file's lock held, and
// the next Open in the same process found the state "locked by another run".
func TestCorruptStateLeavesLockFree(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		st.MarkEmitted(context.Background(), Mark{}, []Emitted{{URL: fmt.Sprintf("http://a/%d", i), ContentHash: "h", At: time.Now()}})
	}
	st.Close()
	path := filepath.Join(dir, "state.db")
	good, _ := os.ReadFile(path)
	bad := append(append([]byte(nil), good[:8192]...), bytes.Repeat([]byte{0x5a}, len(good)-8192)...)
	os.WriteFile(path, bad, 0o600)
	if _, err := Open(dir, 0); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open of a damaged state = %v, want ErrCorrupt", err)
	}
	os.WriteFile(path, good, 0o600)
	st, err = Open(dir, 0)
	if err != nil {
		t.Fatalf("Open after the damaged file was replaced: %v", err)
	}
	st.Close()
}
