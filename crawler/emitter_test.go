package crawler

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// The emitter writes a.MarshalJSON() instead of json.Marshal(a), skipping
// json's compaction pass: the bytes must be the same, HTML-sensitive and
// line-separator characters included.
func TestRecordEncodingMatchesJSONMarshal(t *testing.T) {
	a := &extract.Article{
		URL: "http://a.test/x?a=1&b=<2>", Title: "Tom & Jerry <live> \u2028 \u2029 \"quoted\"",
		Body: "line one\nline two\t<script>&amp;</script> é ü 漢字", Authors: []string{"A & B"},
		PublishedAt: time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC), FetchedAt: time.Date(2026, 2, 4, 0, 0, 0, 0, time.FixedZone("X", 3600)),
		ContentHash: "abc", Warnings: []string{"w<1>"},
	}
	want, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("MarshalJSON:\n%s\njson.Marshal:\n%s", got, want)
	}
}

// checkedState is a State whose MarkEmitted checks the group commit's
// promise: every line of the output below the new watermark is a record
// committed now or before.
type checkedState struct {
	*store.Bolt
	t         *testing.T
	path      string
	committed map[string]string // url -> content hash
}

func (s *checkedState) MarkEmitted(ctx context.Context, m store.Mark, recs []store.Emitted) error {
	for _, r := range recs {
		s.committed[r.URL] = r.ContentHash
	}
	data, err := os.ReadFile(s.path)
	if err != nil {
		s.t.Error(err)
		return err
	}
	if int64(len(data)) < m.Offset {
		s.t.Errorf("watermark %d past the end of the output (%d bytes)", m.Offset, len(data))
	}
	for _, line := range bytes.SplitAfter(data[:min(m.Offset, int64(len(data)))], []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var a extract.Article
		if err := json.Unmarshal(line, &a); err != nil {
			s.t.Errorf("line below the watermark: %v: %q", err, line)
			continue
		}
		if s.committed[a.URL] != a.ContentHash {
			s.t.Errorf("watermark %d covers %s, whose hash is not committed", m.Offset, a.URL)
		}
	}
	return s.Bolt.MarkEmitted(ctx, m, recs)
}

// slowSync is an Output whose Sync waits before syncing, so that other
// workers write lines while a commit is under way.
type slowSync struct{ store.Output }

func (o slowSync) Sync() (store.Mark, error) {
	time.Sleep(2 * time.Millisecond)
	return o.Output.Sync()
}

// Many workers emit at once, some the same record twice, while commits
// run outside the emitter's lock: each record is written once, every
// watermark covers only committed records, and after flush the watermark
// is the end of the output.
func TestEmitterGroupCommit(t *testing.T) {
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "state"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	path := filepath.Join(dir, "out.jsonl")
	out, err := store.OpenOutput(path, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	cs := &checkedState{Bolt: st, t: t, path: path, committed: map[string]string{}}
	e := newEmitter(slowSync{out}, cs, nil, nil)
	const workers, each = 8, 400
	var wg sync.WaitGroup
	var written atomic.Int64
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				// Workers w and w^1 emit the same records.
				a := &extract.Article{URL: fmt.Sprintf("http://a.test/%d/%d", w/2, i), ContentHash: fmt.Sprintf("h%d", i), Title: "t", FetchedAt: time.Now()}
				// Odd workers pass the state read before the fetch, as
				// onRequest does: emit must not trust it past a commit.
				var stored *storedHash
				if w%2 == 1 {
					gen := e.commits.Load()
					p, err := cs.Page(context.Background(), a.URL)
					if err != nil {
						t.Error(err)
						return
					}
					stored = &storedHash{hash: p.ContentHash, gen: gen}
					runtime.Gosched()
				}
				ok, err := e.emit(context.Background(), a, stored)
				if err != nil {
					t.Error(err)
					return
				}
				if ok {
					written.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if err := e.flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := written.Load(), int64(workers/2*each); got != want {
		t.Errorf("%d records written, want %d", got, want)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if m, err := st.Watermark(context.Background(), out.Written().Key); err != nil || m != fi.Size() {
		t.Errorf("watermark after flush %d (%v), want the output's size %d", m, err, fi.Size())
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	if n := len(cs.committed); n != workers/2*each {
		t.Errorf("%d records committed, want %d", n, workers/2*each)
	}
}
