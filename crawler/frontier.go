package crawler

import (
	"context"
	"time"

	"github.com/gocolly/colly/v2/storage"

	"github.com/newspipe/newspipe/store"
)

// Frontier is where a crawl keeps what it must still fetch, what is in
// flight and what it has seen in this run, and the cookies colly keeps
// (colly's storage.Storage). The crawl code uses nothing else, so it does
// not learn which backend it runs on: store.Frontier keeps all of it in the
// bbolt state file on one machine; a shared backend for several machines
// implements the same methods.
//
// Every method but colly's takes a context first: a shared backend stops
// waiting for its server when ctx is done (store.Frontier, whose calls do
// not wait on the network, ignores it). Run passes the run's context only
// to taking work (PopN); everything that records what the run did gets a
// context the run's end does not cancel.
type Frontier interface {
	storage.Storage

	// Begin starts a run at now, resuming the unfinished run's queue when
	// it began within resumeWithin.
	Begin(ctx context.Context, now time.Time, resumeWithin time.Duration) (store.Resume, error)
	// FirstSeen records keys as seen in this run and reports which were new.
	FirstSeen(ctx context.Context, keys []string) ([]bool, error)
	// Unseen reports which keys this run has not seen, recording nothing.
	Unseen(ctx context.Context, keys []string) ([]bool, error)
	// EnqueueNew marks the jobs' URLs seen in this run and queues those
	// new to the run (all when not onlyNew) that accept approves. It
	// reports which were new: of concurrent calls with one URL, one is told.
	EnqueueNew(ctx context.Context, jobs []store.Job, onlyNew bool, accept func(store.Job) bool) ([]bool, error)
	// PopN takes up to n jobs of host to fetch; claimed[i] reports a job
	// whose URL another request claimed (it is skipped, not fetched).
	PopN(ctx context.Context, host string, n int) (jobs []store.Job, claimed []bool, err error)
	// Claim marks url as handled by the request by (a redirect's target),
	// reporting whether this call claimed it.
	Claim(ctx context.Context, url, by string) (bool, error)
	// Retry puts a job back at the end of its host's queue.
	Retry(ctx context.Context, j store.Job) error
	// Done marks the job with this id handled.
	Done(ctx context.Context, id []byte) error
	// AddPending records validators to commit into the state with the
	// emitted records (CommitPending).
	AddPending(ctx context.Context, v store.Validators) error
	// CommitPending writes the pending validators into st.
	CommitPending(ctx context.Context, st store.State) (int, error)
	// Finish ends the run, carrying the queued URLs of hosts carry approves
	// to the next run; it returns how many were carried.
	Finish(ctx context.Context, carry func(host string) bool) (int, error)
	// TakeCarry returns (and forgets) the URLs an earlier run carried.
	TakeCarry(ctx context.Context) ([]store.Job, error)
}

// store.Frontier is the one-machine Frontier.
var _ Frontier = (*store.Frontier)(nil)

// doneDeferrer is a Frontier that keeps Done marks in memory and writes
// them in batches, calling the function SetBeforeDone gave it before each
// batch: the crawl passes its output's flush, so that lines are written
// once per batch instead of once per acknowledged request (see crawl.done).
type doneDeferrer interface {
	SetBeforeDone(func() error)
}

var _ doneDeferrer = (*store.Frontier)(nil)
