package redisstore

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"github.com/newspipe/newspipe/store"
)

// Worker is one process's part in a shared crawl: the crawler's Frontier
// and Coordinator (package crawler) over a Store. Requests it takes are
// leased to it under its name and renewed in the background while it
// works; its name is registered in the run with a heartbeat. Calls that
// find Redis unreachable are retried with backoff for up to the patience
// given (--redis-timeout) before they fail, so a Redis restart pauses the
// crawl instead of ending it.
//
// Each call runs under its own timeout (callTimeout) and the patience,
// both derived from the caller's context: cancelling it stops the wait.
type Worker struct {
	s        *Store
	name     string
	lease    time.Duration
	patience time.Duration
	log      *slog.Logger

	outage sync.Mutex // serializes the outage log lines
	down   time.Time  // when the current outage began; zero when none

	mu       sync.Mutex
	held     map[string]Job // leased jobs by ID
	pending  []store.Validators
	cookies  map[string]string
	carried  int             // requests this worker carried to the next run (SetAside)
	suspects map[string]bool // leases under the worker's name it did not know of (expireOrphans)
	kick     chan struct{}   // wakes keepAlive when Redis is back after an outage
	stop     chan struct{}   // ends the background loop
	loop     sync.WaitGroup
	left     bool
	reported map[string]int64 // counts Report added to the crawl-wide tally
}

// WorkerOptions configure a Worker.
type WorkerOptions struct {
	// Name identifies the worker in the crawl: unique among its live
	// workers (a restarted worker takes its name back, with what its
	// previous life had taken).
	Name string
	// Lease is how long a taken request, a registration and a fetch slot
	// outlive a worker that died: then other workers take them over. The
	// worker renews its leases every Lease/3. Default 30s.
	Lease time.Duration
	// Patience is how long calls retry while Redis is unreachable.
	// Default 1m.
	Patience time.Duration
	Logger   *slog.Logger
}

// callTimeout bounds one Redis call.
const callTimeout = 10 * time.Second

// popShared caps how many requests of one host a worker leases at a time:
// leased requests wait in the worker's memory, out of other workers' reach.
const popShared = 4

// NewWorker returns the worker named opts.Name of the crawl in s.
func (s *Store) NewWorker(opts WorkerOptions) *Worker {
	if opts.Lease <= 0 {
		opts.Lease = 30 * time.Second
	}
	if opts.Patience <= 0 {
		opts.Patience = time.Minute
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Worker{s: s, name: opts.Name, lease: opts.Lease, patience: opts.Patience, log: opts.Logger,
		held: map[string]Job{}, cookies: map[string]string{}, kick: make(chan struct{}, 1)}
}

// Name returns the worker's name.
func (w *Worker) Name() string { return w.name }

// Begin implements crawler.Frontier: it gives back what an earlier life of
// this worker had taken, joins the crawl's run (starting one when none is
// under way) and starts renewing the worker's leases and registration.
func (w *Worker) Begin(ctx context.Context, now time.Time, resumeWithin time.Duration) (store.Resume, error) {
	var run Run
	err := w.call(ctx, "join the run", func(ctx context.Context) error {
		if _, err := w.s.ExpireWorker(ctx, w.name); err != nil {
			return err
		}
		if _, err := w.s.Reap(ctx); err != nil {
			return err
		}
		var err error
		run, err = w.s.Join(ctx, w.name, resumeWithin, w.lease)
		return err
	})
	if err != nil {
		return store.Resume{}, err
	}
	r := store.Resume{Resumed: run.Resumed, Started: run.Started, Queued: map[string]int{}}
	if err := w.call(ctx, "list queued hosts", func(ctx context.Context) error {
		q, err := w.s.HostQueues(ctx, 1000)
		if q != nil {
			r.Queued = q
		}
		return err
	}); err != nil {
		return r, err
	}
	switch {
	case run.Resumed:
		w.log.Info("continuing the shared run its workers left unfinished", "crawl", w.s.crawl, "worker", w.name, "started", run.Started)
	case run.Joined:
		w.log.Info("joined the shared run under way", "crawl", w.s.crawl, "worker", w.name, "started", run.Started)
	default:
		w.log.Info("started a new shared run", "crawl", w.s.crawl, "worker", w.name)
	}
	stop := make(chan struct{})
	w.mu.Lock()
	w.stop = stop
	w.mu.Unlock()
	w.loop.Add(1)
	go w.keepAlive(stop)
	return r, nil
}

// keepAlive renews the worker's leases and registration every lease/3 and
// puts back the requests of workers that died (Reap), until stopped.
func (w *Worker) keepAlive(stop <-chan struct{}) {
	defer w.loop.Done()
	t := time.NewTicker(w.lease / 3)
	defer t.Stop()
	round := func() {
		ctx, cancel := context.WithTimeout(context.Background(), callTimeout)
		w.renew(ctx)
		cancel()
	}
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		case <-w.kick:
			// Redis is back after an outage: find the leases the outage
			// orphaned now, over two rounds a second apart.
			round()
			select {
			case <-stop:
				return
			case <-time.After(time.Second):
			}
		}
		round()
	}
}

// renew is one round of keepAlive. Failures wait for the next round: a
// lease lost meanwhile costs at most a second fetch of its request.
func (w *Worker) renew(ctx context.Context) {
	if err := w.s.Heartbeat(ctx, w.name, w.lease); err != nil {
		return // Redis is down: the callers' retries report it
	}
	w.mu.Lock()
	ids := make([]string, 0, len(w.held))
	for id := range w.held {
		ids = append(ids, id)
	}
	w.mu.Unlock()
	for _, id := range ids {
		err := w.s.Renew(ctx, w.name, id, w.lease)
		if !errors.Is(err, ErrNotLeased) {
			continue
		}
		w.mu.Lock()
		_, lost := w.held[id] // not acknowledged meanwhile
		delete(w.held, id)
		w.mu.Unlock()
		if lost {
			w.log.Warn("a lease ran out before it was renewed; another worker may fetch its URL too", "job", id)
		}
	}
	w.expireOrphans(ctx)
	if n, err := w.s.Reap(ctx); err == nil && n > 0 {
		w.log.Info("requests of a worker that stopped answering were queued again", "count", n)
	}
}

// expireOrphans ends the leases Redis holds under the worker's name that
// the worker does not know of: a take whose reply was lost to a broken
// connection (a Redis restart) leased jobs nobody works on. A lease counts
// as orphaned when two rounds in a row find it unknown, so that a take
// whose reply is on its way is not mistaken for one.
func (w *Worker) expireOrphans(ctx context.Context) {
	ids, err := w.s.LeasesOf(ctx, w.name)
	if err != nil {
		return
	}
	w.mu.Lock()
	var orphans []string
	suspects := map[string]bool{}
	for _, id := range ids {
		if _, ok := w.held[id]; ok {
			continue
		}
		if w.suspects[id] {
			orphans = append(orphans, id)
		} else {
			suspects[id] = true
		}
	}
	w.suspects = suspects
	w.mu.Unlock()
	if n, err := w.s.ExpireLeases(ctx, w.name, orphans); err == nil && n > 0 {
		w.log.Info("requests whose take was cut off by a Redis outage are queued again", "count", n)
	}
}

// stopLoop ends keepAlive.
func (w *Worker) stopLoop() {
	w.mu.Lock()
	stop := w.stop
	w.stop = nil
	w.mu.Unlock()
	if stop != nil {
		close(stop)
		w.loop.Wait()
	}
}

// FirstSeen implements crawler.Frontier.
func (w *Worker) FirstSeen(ctx context.Context, keys []string) (fresh []bool, err error) {
	err = w.call(ctx, "mark URLs seen", func(ctx context.Context) (err error) {
		fresh, err = w.s.MarkSeen(ctx, keys)
		return err
	})
	return fresh, err
}

// Unseen implements crawler.Frontier.
func (w *Worker) Unseen(ctx context.Context, keys []string) (unseen []bool, err error) {
	err = w.call(ctx, "look up seen URLs", func(ctx context.Context) (err error) {
		unseen, err = w.s.Seen(ctx, keys)
		return err
	})
	for i := range unseen {
		unseen[i] = !unseen[i]
	}
	return unseen, err
}

// EnqueueNew implements crawler.Frontier: the jobs accept refuses are
// marked seen without being queued.
func (w *Worker) EnqueueNew(ctx context.Context, jobs []store.Job, onlyNew bool, accept func(store.Job) bool) ([]bool, error) {
	fresh := make([]bool, len(jobs))
	var refused []string
	var take []Job
	var at, refusedAt []int
	for i, j := range jobs {
		if accept != nil && !accept(j) {
			refused = append(refused, j.URL)
			refusedAt = append(refusedAt, i)
			fresh[i] = !onlyNew
			continue
		}
		take = append(take, Job{URL: j.URL, Host: j.Host, Payload: j.Data, Hub: j.Hub})
		at = append(at, i)
	}
	err := w.call(ctx, "queue URLs", func(ctx context.Context) error {
		if onlyNew && len(refused) > 0 {
			added, err := w.s.MarkSeen(ctx, refused)
			if err != nil {
				return err
			}
			for k, ok := range added {
				fresh[refusedAt[k]] = ok
			}
		}
		var ids []string
		var err error
		if onlyNew {
			ids, err = w.s.EnqueueNew(ctx, take)
		} else {
			ids, err = w.s.Enqueue(ctx, take)
		}
		for k, id := range ids {
			fresh[at[k]] = id != ""
		}
		return err
	})
	return fresh, err
}

// PopN implements crawler.Frontier: it leases up to n (at most popShared)
// requests of host and claims their URLs, in two round trips.
func (w *Worker) PopN(ctx context.Context, host string, n int) (jobs []store.Job, claimed []bool, err error) {
	var taken []Job
	err = w.call(ctx, "take requests of "+host, func(ctx context.Context) (err error) {
		taken, err = w.s.TakeN(ctx, w.name, host, min(n, popShared), w.lease)
		return err
	})
	if err != nil || len(taken) == 0 {
		return nil, nil, err
	}
	urls := make([]string, len(taken))
	w.mu.Lock()
	for i, j := range taken {
		w.held[j.ID] = j
		urls[i] = j.URL
	}
	w.mu.Unlock()
	err = w.call(ctx, "claim requests of "+host, func(ctx context.Context) (err error) {
		claimed, err = w.s.ClaimOwn(ctx, urls)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	jobs = make([]store.Job, len(taken))
	for i, j := range taken {
		jobs[i] = store.Job{ID: []byte(j.ID), Host: j.Host, URL: j.URL, Data: j.Payload}
	}
	return jobs, claimed, nil
}

// Claim implements crawler.Frontier.
func (w *Worker) Claim(ctx context.Context, u, by string) (ok bool, err error) {
	err = w.call(ctx, "claim "+u, func(ctx context.Context) (err error) {
		ok, err = w.s.Claim(ctx, u, by)
		return err
	})
	return ok, err
}

// Retry implements crawler.Frontier: the request stays leased to the worker
// (renewed) until its retry is done; a worker that dies meanwhile gives it
// back, with the retry count it was taken with.
func (w *Worker) Retry(_ context.Context, j store.Job) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if h, ok := w.held[string(j.ID)]; ok {
		h.Payload = j.Data
		w.held[string(j.ID)] = h
	}
	return nil
}

// Done implements crawler.Frontier: it acknowledges the lease. A lease lost
// meanwhile (this worker was cut off longer than the lease) is not an
// error: the request may be fetched once more by another worker.
func (w *Worker) Done(ctx context.Context, id []byte) error {
	sid := string(id)
	err := w.call(ctx, "acknowledge a request", func(ctx context.Context) error {
		return w.s.Ack(ctx, w.name, sid)
	})
	w.mu.Lock()
	delete(w.held, sid)
	w.mu.Unlock()
	if errors.Is(err, ErrNotLeased) {
		return nil
	}
	return err
}

// AddPending implements crawler.Frontier.
func (w *Worker) AddPending(_ context.Context, v store.Validators) error {
	w.mu.Lock()
	w.pending = append(w.pending, v)
	w.mu.Unlock()
	return nil
}

// CommitPending implements crawler.Frontier.
func (w *Worker) CommitPending(ctx context.Context, st store.State) (int, error) {
	w.mu.Lock()
	vs := w.pending
	w.pending = nil
	w.mu.Unlock()
	if len(vs) == 0 {
		return 0, nil
	}
	return len(vs), st.PutValidators(ctx, vs)
}

// Finish implements crawler.Frontier: the hosts this worker set aside gave
// their requests to the carry list already (SetAside), and it returns how
// many. The run's keys are cleared by the last worker out (Leave).
func (w *Worker) Finish(context.Context, func(host string) bool) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.carried, nil
}

// TakeCarry implements crawler.Frontier.
func (w *Worker) TakeCarry(ctx context.Context) (jobs []store.Job, err error) {
	err = w.call(ctx, "take carried requests", func(ctx context.Context) error {
		js, err := w.s.TakeCarry(ctx)
		for _, j := range js {
			jobs = append(jobs, store.Job{Host: j.Host, URL: j.URL, Data: j.Payload})
		}
		return err
	})
	return jobs, err
}

// Init, Visited and IsVisited implement colly's storage.Storage: the
// visited set is the crawler's own (Claim).
func (w *Worker) Init() error                    { return nil }
func (w *Worker) Visited(uint64) error           { return nil }
func (w *Worker) IsVisited(uint64) (bool, error) { return false, nil }

// Cookies implements colly's storage.Storage; cookies stay in the process.
func (w *Worker) Cookies(u *url.URL) string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cookies[u.Host]
}

// SetCookies implements colly's storage.Storage.
func (w *Worker) SetCookies(u *url.URL, cookies string) {
	w.mu.Lock()
	w.cookies[u.Host] = cookies
	w.mu.Unlock()
}

// Close gives back the requests the worker still holds (a run stopped
// early: other workers continue them at once) and leaves the run if Leave
// was not called. It does not close the Store.
func (w *Worker) Close() error {
	w.stopLoop()
	w.mu.Lock()
	left := w.left
	w.mu.Unlock()
	if left {
		return nil
	}
	// Close has no caller's context: leaving is bounded by the patience.
	_, err := w.Leave(context.Background(), false, nil)
	return err
}
