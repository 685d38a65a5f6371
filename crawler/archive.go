package crawler

import (
	"sync"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/newspipe/newspipe/internal/warcfile"
)

// Archiver keeps the raw exchanges of a crawl (see Env.Archive); a
// *warcfile.Writer is one. The crawl calls Write from one goroutine at a
// time, and Sync before it commits records to State, so that a record the
// state counts as emitted has its page archived.
type Archiver interface {
	Write(warcfile.Exchange) error
	Sync() error
}

// archiveQueueLen bounds the exchanges waiting for the archive: enough to
// ride out a slow write, few enough that a page's memory is soon freed.
const archiveQueueLen = 32

// archiveQueue hands exchanges to the Archiver from a goroutine of its
// own. Building, compressing and appending a record took about 60 µs of a
// worker's time per page; on the workers' path that cost the crawl 19–20%
// of its pages/s in the big crawl benchmark, off it 12–14%: the workers
// go back to fetching while a spare core archives.
type archiveQueue struct {
	arc    Archiver
	onFail func(error) // told of the first failure at once, to end the run
	q      chan archiveItem
	done   chan struct{}

	mu      sync.Mutex
	err     error // the first failure: every later call returns it
	stopped bool  // the queue is closed: sync goes straight to the Archiver
}

// archiveItem is an exchange to write, or a barrier (ex unset) closed once
// every exchange queued before it is written.
type archiveItem struct {
	ex      warcfile.Exchange
	barrier chan struct{}
}

func startArchive(arc Archiver, onFail func(error)) *archiveQueue {
	a := &archiveQueue{arc: arc, onFail: onFail, q: make(chan archiveItem, archiveQueueLen), done: make(chan struct{})}
	go a.run()
	return a
}

// run writes the queued exchanges in order.
func (a *archiveQueue) run() {
	defer close(a.done)
	for it := range a.q {
		if it.barrier != nil {
			close(it.barrier)
			continue
		}
		if a.failed() != nil {
			continue // drain: the run is ending
		}
		if err := a.arc.Write(it.ex); err != nil {
			a.setErr(err)
		}
	}
}

func (a *archiveQueue) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

func (a *archiveQueue) setErr(err error) {
	a.mu.Lock()
	first := a.err == nil
	if first {
		a.err = err
	}
	a.mu.Unlock()
	if first {
		a.onFail(err)
	}
}

// put queues ex, waiting while the queue is full; it returns the first
// write failure, if any.
func (a *archiveQueue) put(ex warcfile.Exchange) error {
	if err := a.failed(); err != nil {
		return err
	}
	a.q <- archiveItem{ex: ex}
	return nil
}

// sync waits until every exchange queued before the call is written, then
// makes the archive durable (Archiver.Sync).
func (a *archiveQueue) sync() error {
	a.mu.Lock()
	stopped := a.stopped
	a.mu.Unlock()
	if !stopped {
		b := make(chan struct{})
		a.q <- archiveItem{barrier: b}
		<-b
	}
	if err := a.failed(); err != nil {
		return err
	}
	if err := a.arc.Sync(); err != nil {
		a.setErr(err)
		return err
	}
	return nil
}

// stop writes what is queued and ends the goroutine; no put may follow.
func (a *archiveQueue) stop() error {
	a.mu.Lock()
	a.stopped = true
	a.mu.Unlock()
	close(a.q)
	<-a.done
	return a.failed()
}

// archive queues a response read in full for Env.Archive, with the
// headers, URL and time the page is extracted with, so that extracting the
// archived copy gives the record the crawl made. A failure to archive ends
// the run, like a failure to write the output: a crawl asked to keep its
// pages must not go on without them.
func (c *crawl) archive(r *colly.Response, now time.Time) {
	if c.arc == nil {
		return
	}
	header := r.Headers.Clone()
	if ct := header.Get(origContentType); ct != "" {
		header.Set("Content-Type", ct)
	}
	header.Del(origContentType)
	var reqHeader map[string][]string
	if r.Request.Headers != nil {
		reqHeader = r.Request.Headers.Clone()
	}
	err := c.arc.put(warcfile.Exchange{
		URL: r.Request.URL.String(), Method: r.Request.Method, RequestHeader: reqHeader,
		Status: r.StatusCode, Header: header, Body: r.Body, FetchedAt: now,
	})
	if err != nil {
		c.fail(err)
	}
}
