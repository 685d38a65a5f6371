package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Releasing a bbolt file's mapping drops its pages from the process's
// resident set, and the data reads back whole afterwards.
func TestReleaseMapped(t *testing.T) {
	dir := t.TempDir()
	f, _ := openTestFrontier(t, dir, time.Now())
	defer f.Close()
	var urls []string
	for i := range 20000 {
		urls = append(urls, fmt.Sprintf("http://a/2026/02/story-%07d.html", i))
	}
	if _, err := f.FirstSeen(context.Background(), urls); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "frontier.db")
	count := func() int {
		n := 0
		f.db.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSeen).ForEach(func(k, v []byte) error { n++; return nil })
		})
		return n
	}
	if n := count(); n != len(urls) {
		t.Fatalf("seen holds %d URLs, want %d", n, len(urls))
	}
	touched := mappedKB(t, path)
	f.db.View(func(tx *bolt.Tx) error {
		releaseMapped(f.db.Info().Data, uintptr(tx.Size()))
		return nil
	})
	released := mappedKB(t, path)
	if touched < 512 || released > touched/8 {
		t.Errorf("resident pages of frontier.db: %d KiB after reading it, %d KiB after release; want over 512, then under an eighth", touched, released)
	}
	if n := count(); n != len(urls) {
		t.Errorf("after release, seen holds %d URLs, want %d", n, len(urls))
	}
}

// mappedKB returns the resident KiB of this process's mappings of path
// (the Rss lines of /proc/self/smaps).
func mappedKB(t *testing.T, path string) int {
	t.Helper()
	fh, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer fh.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = len(fields) >= 6 && fields[5] == path
		case in && len(fields) >= 2 && fields[0] == "Rss:":
			n, _ := strconv.Atoi(fields[1])
			kb += n
		}
	}
	return kb
}
