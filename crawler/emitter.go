package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// Group commit limits: the output is synced and State updated after this
// many records or this much time, whichever comes first. A commit's cost
// is mostly fixed (two fsyncs of state.db, one of the output, and the
// rewrite of the leaves its scattered URLs touch): MarkEmitted took 30 µs
// per record in batches of 64 and 11 µs in batches of 256. A kill leaves
// at most that many lines for Reconcile, which reads them back cheaply.
const (
	commitEvery = 256
	commitAfter = time.Second
)

// emitter writes records and commits them to State following the protocol
// described in package store: write the line, sync the output, then record
// the content hashes together with the output watermark. Lines written but
// not yet committed when the process dies are found by store.Reconcile on
// the next start. For outputs that cannot be re-read (stdout) every record
// is committed right after its write, leaving the smallest window possible.
//
// A commit (an fsync of the output, then one of state.db) runs outside mu,
// so that the other workers keep writing records while it waits for the
// disk: holding mu across it left every worker with an article waiting
// (a fifth of their time in the big crawl benchmark). A commit takes the
// records written so far and the watermark right after the last of them
// (Output.Written, taken with the write under mu), so the watermark it
// stores never covers a line whose hash it does not store, whatever was
// written during the sync. Commits run one at a time (commitMu), so
// watermarks only move forward.
//
// The ctx of emit, commit and flush goes to State: Run passes one the
// run's end does not cancel, so that a run cut short still commits what it
// wrote.
type emitter struct {
	out store.Output
	st  store.State
	cnt *counters
	log *slog.Logger
	// beforeSync, when set, runs before each commit syncs the output: the
	// crawl's archive (archiveQueue.sync), so that a committed record's
	// page is in the archive.
	beforeSync func() error

	commitMu sync.Mutex // held by the one commit under way; taken before mu

	mu      sync.Mutex
	pending []store.Emitted // written, not yet taken by a commit
	spare   []store.Emitted // a committed batch's slice, for reuse
	mark    store.Mark      // the watermark right after the last pending line
	// unsynced maps the url of every record written and not yet committed
	// (pending or in a commit under way) to its content hash: bounded by
	// the records written during one commit.
	unsynced map[string]string
	lastSync time.Time
	err      error

	// commits counts finished commits: a Page read while one finished may
	// predate it (see emit).
	commits atomic.Uint64
}

func newEmitter(out store.Output, st store.State, cnt *counters, log *slog.Logger) *emitter {
	return &emitter{out: out, st: st, cnt: cnt, log: log, unsynced: map[string]string{}, lastSync: time.Now()}
}

// storedHash is the content hash State held for a URL, read when
// commits counted gen: what emit compares a record with.
type storedHash struct {
	hash string
	gen  uint64
}

// emit writes a unless a record with the same url and content hash was
// already emitted. It reports whether a was written.
func (e *emitter) emit(ctx context.Context, a *extract.Article, stored *storedHash) (bool, error) {
	// State is read outside mu. A commit finishing meanwhile may have
	// stored a's url and dropped it from unsynced: then read it again.
	if stored == nil {
		gen := e.commits.Load()
		p, err := e.st.Page(ctx, a.URL)
		if err != nil {
			return false, err
		}
		stored = &storedHash{hash: p.ContentHash, gen: gen}
	}
	if stored.hash == a.ContentHash {
		return false, nil // unchanged: no fingerprint, no encoding
	}
	if err := markDuplicate(ctx, e.st, a); err != nil {
		return false, err
	}
	// a.MarshalJSON, not json.Marshal(a): the latter re-scans and compacts
	// the already compact record (3% of the big crawl's CPU) and writes the
	// same bytes.
	line, err := a.MarshalJSON()
	if err != nil {
		return false, fmt.Errorf("encode %s: %w", a.URL, err)
	}
	line = append(line, '\n')
	e.mu.Lock()
	if e.err != nil {
		defer e.mu.Unlock()
		return false, e.err
	}
	if h, ok := e.unsynced[a.URL]; ok && h == a.ContentHash {
		e.mu.Unlock()
		return false, nil
	}
	hash := stored.hash
	if e.commits.Load() != stored.gen {
		p, err := e.st.Page(ctx, a.URL)
		if err != nil {
			e.mu.Unlock()
			return false, err
		}
		hash = p.ContentHash
	}
	if hash == a.ContentHash {
		e.mu.Unlock()
		return false, nil
	}
	if err := e.out.Write(line); err != nil {
		e.err = err
		e.mu.Unlock()
		return false, err
	}
	e.mark = e.out.Written()
	e.pending = append(e.pending, store.Emitted{URL: a.URL, ContentHash: a.ContentHash, At: a.FetchedAt})
	e.unsynced[a.URL] = a.ContentHash
	replayable := e.out.Replayable()
	due := !replayable || len(e.pending) >= commitEvery || time.Since(e.lastSync) >= commitAfter
	e.mu.Unlock()
	if due {
		// A replayable output's commit may wait for the next record when
		// one is under way; stdout's may not (see emitter).
		if err := e.commit(ctx, !replayable); err != nil {
			return true, err
		}
	}
	return true, nil
}

// commit syncs the output and commits the pending records to State. When
// wait is false and another commit is under way it does nothing: the
// records wait for the next one.
func (e *emitter) commit(ctx context.Context, wait bool) error {
	if wait {
		e.commitMu.Lock()
	} else if !e.commitMu.TryLock() {
		return nil
	}
	defer e.commitMu.Unlock()
	e.mu.Lock()
	if e.err != nil {
		defer e.mu.Unlock()
		return e.err
	}
	batch, mark := e.pending, e.mark
	e.pending, e.spare = e.spare[:0], nil
	e.lastSync = time.Now()
	e.mu.Unlock()

	var err error
	if e.beforeSync != nil {
		err = e.beforeSync()
	}
	if err == nil {
		_, err = e.out.Sync() // covers mark: every pending line was written before
	}
	if err == nil && len(batch) > 0 {
		err = e.st.MarkEmitted(ctx, mark, batch)
	}

	e.mu.Lock()
	defer e.mu.Unlock()
	if err != nil {
		if len(batch) == 0 {
			return err
		}
		if e.err == nil {
			e.err = fmt.Errorf("commit output %s: %w", e.out.Name(), err)
		}
		return e.err
	}
	for _, r := range batch {
		if e.unsynced[r.URL] == r.ContentHash {
			delete(e.unsynced, r.URL)
		}
	}
	e.commits.Add(1)
	e.spare = batch[:0]
	return nil
}

// flushOutput hands the lines written so far to the output file (see
// crawl.done). A failure stops the emitter as a failed write does.
func (e *emitter) flushOutput() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err != nil {
		return e.err
	}
	if err := e.out.Flush(); err != nil {
		e.err = err
		return err
	}
	return nil
}

// flush commits what is pending, after the commit under way if any.
func (e *emitter) flush(ctx context.Context) error {
	return e.commit(ctx, true)
}
