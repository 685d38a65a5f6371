package crawler

import (
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// logDBStats logs the size of each bbolt file in dir and, for each
// non-empty bucket, its keys and the bytes its leaves use and take: what
// the file-backed part of the crawl's RSS (bbolt's mmap) is made of.
func logDBStats(t testing.TB, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.db"))
	for _, f := range files {
		fi, _ := os.Stat(f)
		db, err := bolt.Open(f, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Logf("%s: %v", f, err)
			continue
		}
		db.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				s := b.Stats()
				if s.KeyN == 0 {
					return nil
				}
				t.Logf("%s (%d KB) bucket %s: keys %d, leaf inuse %d KB alloc %d KB, branch alloc %d KB", filepath.Base(f), fi.Size()>>10, name, s.KeyN, s.LeafInuse>>10, s.LeafAlloc>>10, s.BranchAlloc>>10)
				return nil
			})
		})
		db.Close()
	}
}
