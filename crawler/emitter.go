package crawler

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// Group commit limits: the output is synced and State updated after this
// many records or this much time, whichever comes first.
const (
	commitEvery = 64
	commitAfter = time.Second
)

// emitter writes records and commits them to State following the protocol
// described in package store: write the line, sync the output, then record
// the content hash together with the output watermark. Lines written but not
// yet committed when the process dies are found by store.Reconcile on the
// next start. For outputs that cannot be re-read (stdout) every record is
// committed right after its write, leaving the smallest window possible.
type emitter struct {
	out store.Output
	st  store.State
	cnt *counters
	log *slog.Logger

	mu       sync.Mutex
	pending  []store.Emitted
	inBatch  map[string]string // url -> content hash of pending records: bounded by commitEvery
	lastSync time.Time
	err      error
}

func newEmitter(out store.Output, st store.State, cnt *counters, log *slog.Logger) *emitter {
	return &emitter{out: out, st: st, cnt: cnt, log: log, inBatch: map[string]string{}, lastSync: time.Now()}
}

// emit writes a unless a record with the same url and content hash was
// already emitted. It reports whether a was written.
func (e *emitter) emit(a *extract.Article) (bool, error) {
	line, err := json.Marshal(a)
	if err != nil {
		return false, fmt.Errorf("encode %s: %w", a.URL, err)
	}
	line = append(line, '\n')
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err != nil {
		return false, e.err
	}
	if h, ok := e.inBatch[a.URL]; ok && h == a.ContentHash {
		return false, nil
	}
	p, err := e.st.Page(a.URL)
	if err != nil {
		return false, err
	}
	if p.ContentHash == a.ContentHash {
		return false, nil
	}
	if err := e.out.Write(line); err != nil {
		e.err = err
		return false, err
	}
	e.pending = append(e.pending, store.Emitted{URL: a.URL, ContentHash: a.ContentHash, At: a.FetchedAt})
	e.inBatch[a.URL] = a.ContentHash
	if !e.out.Replayable() || len(e.pending) >= commitEvery || time.Since(e.lastSync) >= commitAfter {
		if err := e.commitLocked(); err != nil {
			return true, err
		}
	}
	return true, nil
}

func (e *emitter) commitLocked() error {
	e.lastSync = time.Now()
	m, err := e.out.Sync()
	if err == nil {
		err = e.st.MarkEmitted(m, e.pending)
	}
	if err != nil {
		e.err = fmt.Errorf("commit output %s: %w", e.out.Name(), err)
		return e.err
	}
	e.pending = e.pending[:0]
	clear(e.inBatch)
	return nil
}

// flush commits what is pending.
func (e *emitter) flush() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err != nil {
		return e.err
	}
	if len(e.pending) == 0 {
		_, err := e.out.Sync()
		return err
	}
	return e.commitLocked()
}
