package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"

	"github.com/newspipe/newspipe/internal/durable"
)

// carried is a request kept for the next run, under its key in the carry
// bucket.
type carried struct{ key, value []byte }

// Finish ends a completed run: the requests still queued or taken for the
// hosts that carry reports true for are kept for the next run (see
// TakeCarry), everything else of the run is cleared. It returns how many
// requests were carried over. It must not run concurrently with the
// frontier's other methods.
//
// The frontier is cleared by writing a fresh file that holds only the
// carried requests and renaming it over frontier.db. Deleting the run's
// buckets in place would make bbolt read every page they hold (it visits
// each page to free it): at the end of a crawl of a million URLs, hundreds
// of MB read and mapped into the process, and a file that keeps its largest
// size for good.
func (f *Frontier) Finish(_ context.Context, carry func(host string) bool) (int, error) {
	f.dropAhead() // carried or cleared with the rest
	f.dropCookies()
	keep, seq, n, err := f.toCarry(carry)
	if err != nil {
		return 0, err
	}
	if err := f.replace(keep, seq); err != nil {
		return 0, err
	}
	return n, nil
}

// toCarry returns the carry bucket's requests plus those of the run that
// carry asks to keep (n of them), and the carry bucket's next sequence.
func (f *Frontier) toCarry(carry func(host string) bool) (keep []carried, seq uint64, n int, err error) {
	// An update, not a view: it first writes the deferred Done calls, so
	// that a request already handled is not carried.
	err = f.update(func(tx *bolt.Tx) error {
		dst := tx.Bucket(bucketCarry)
		seq = dst.Sequence()
		keepAll := func(k, v []byte) error {
			keep = append(keep, carried{bytes.Clone(k), bytes.Clone(v)})
			return nil
		}
		if err := dst.ForEach(keepAll); err != nil {
			return err
		}
		for _, name := range [][]byte{bucketQueue, bucketHubs, bucketInflight} {
			err := tx.Bucket(name).ForEach(func(k, v []byte) error {
				host := hostOfID(k)
				if !carry(host) {
					return nil
				}
				seq++
				n++
				keep = append(keep, carried{jobID(host, seq), bytes.Clone(v)})
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return keep, seq, n, err
}

// replace makes frontier.db a fresh frontier holding keep in its carry
// bucket, whose sequence is seq.
func (f *Frontier) replace(keep []carried, seq uint64) error {
	tmp := f.path + ".new"
	if err := writeFreshFrontier(tmp, keep, seq); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("frontier %s: clear: %w", f.path, err)
	}
	cerr := f.db.Close()
	rerr := durable.Rename(tmp, f.path)
	if rerr != nil {
		os.Remove(tmp)
	}
	// Open again whichever file is frontier.db now: the old one when the
	// rename failed, so that the frontier stays usable.
	db, oerr := openFrontierDB(f.path)
	if oerr == nil {
		f.db = db
	}
	if err := errors.Join(cerr, rerr, oerr); err != nil {
		return fmt.Errorf("frontier %s: clear: %w", f.path, err)
	}
	return nil
}

// writeFreshFrontier writes a frontier file at path with empty run buckets
// and keep in its carry bucket, synced before it is renamed into place.
func writeFreshFrontier(path string, keep []carried, seq uint64) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	db, err := openFrontierDB(path)
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCarry)
		for _, c := range keep {
			if err := b.Put(c.key, c.value); err != nil {
				return err
			}
		}
		return b.SetSequence(seq)
	})
	return errors.Join(err, db.Sync(), db.Close())
}
