package crawler

import (
	"strconv"
	"time"

	"github.com/newspipe/newspipe/store"
)

// How often a process of a shared crawl asks the Coordinator for the work
// other processes queued while it has work of its own (syncEvery), and how
// often while it has none but other processes hold requests (sharedPoll).
const (
	syncEvery   = 250 * time.Millisecond
	sharedPoll  = 100 * time.Millisecond
	syncHosts   = 64 // hosts asked for at once
	reportEvery = time.Second
)

// What syncShared found.
const (
	noWork     = iota // nothing queued or held anywhere: the run is over
	queuedWork        // hosts with queued requests this process can take
	heldWork          // only requests other processes hold
)

// syncDue reports whether the shared work should be looked at again.
func (c *crawl) syncDue() bool {
	return c.isShared && time.Since(c.lastSync) >= syncEvery
}

// syncShared learns the hosts other processes queued requests for, and
// gives up for the whole crawl the hosts this process set aside (so that
// their requests do not keep the run open). A crawl of one process has
// nothing to learn: noWork.
func (c *crawl) syncShared() (int, error) {
	c.lastSync = time.Now()
	if err := c.reportShared(); err != nil {
		return noWork, err
	}
	hosts, taken, err := c.shared.Outstanding(c.ctx, syncHosts)
	if c.stopped(err) {
		return noWork, nil
	}
	if err != nil {
		return noWork, err
	}
	if err := c.giveUpAside(hosts); err != nil {
		return noWork, err
	}
	// Requests this process holds count too: its own hosts' counts are
	// hints that other processes' takes can leave short.
	c.popMu.Lock()
	for name, q := range c.pops {
		if len(q) > 0 {
			if hosts == nil {
				hosts = map[string]int{}
			}
			hosts[name] += len(q)
		}
	}
	c.popMu.Unlock()
	if c.sched.sync(hosts) {
		return queuedWork, nil
	}
	if taken {
		return heldWork, nil
	}
	return noWork, nil
}

// reportShared adds this process's counts to the crawl's every
// reportEvery (Coordinator.Report), so that the crawl-wide summary counts
// a process killed for good up to its last report.
func (c *crawl) reportShared() error {
	if time.Since(c.lastReport) < reportEvery {
		return nil
	}
	c.lastReport = time.Now()
	var s Stats
	c.cnt.snapshot(&s)
	t := s.Tally()
	// Seeds are judged crawl-wide (no seed reached: exit 1) from the
	// counts of the processes that left: one killed after requesting the
	// seeds, before their answers, must not count them as unreached.
	delete(t, "seeds")
	delete(t, "seeds_ok")
	return c.shared.Report(c.ioCtx, t)
}

// giveUpAside hands the hosts this process set aside to the Coordinator,
// with the requests of theirs this process holds, once per host (again
// when other processes queued more for it since).
func (c *crawl) giveUpAside(queued map[string]int) error {
	if !c.isShared {
		return nil
	}
	for _, a := range c.sched.asideToGiveUp(queued) {
		c.popMu.Lock()
		for _, p := range c.pops[a.name] {
			a.held = append(a.held, p.job)
		}
		delete(c.pops, a.name)
		c.popMu.Unlock()
		if err := c.shared.SetAside(c.ioCtx, a.name, a.carry, a.held); err != nil {
			return err
		}
		c.log.Info("host given up for the rest of the run by every worker", "host", a.name, "carried", a.carry)
	}
	return nil
}

// newSlot names a fetch of this process for the Coordinator's per-host
// slots ("" for a crawl of one process).
func (c *crawl) newSlot() string {
	if !c.isShared {
		return ""
	}
	return strconv.FormatInt(c.slotSeq.Add(1), 10)
}

// awaitTurn puts back the request j of task t, whose shared turn was
// refused (another process fetched from the host too recently, or holds its
// slots): it waits for its host's next turn, wait from now.
func (c *crawl) awaitTurn(t task, j store.Job, wait time.Duration) {
	if t.retry == nil {
		c.popMu.Lock()
		c.pops[t.h.name] = append([]poppedJob{{job: j, claimed: true}}, c.pops[t.h.name]...)
		c.popMu.Unlock()
		c.mu.Lock()
		c.total--
		c.mu.Unlock()
	}
	c.sched.deny(t.h, j, t.retry != nil, wait)
}

// slotHold is how long a shared fetch slot outlives a process that died
// holding it: longer than any fetch.
func (c *crawl) slotHold() time.Duration { return 2*c.cfg.Timeout + 10*time.Second }

// releaseSlot frees a shared fetch slot; a failure only delays the host's
// next fetch until the slot expires.
func (c *crawl) releaseSlot(h *host, slot string) {
	if err := c.shared.Release(c.ioCtx, h.name, slot); err != nil {
		c.log.Warn("could not free a shared fetch slot; it expires by itself", "host", h.name, "err", err)
	}
}

// sharedRobots prepares the robots.txt read of h in a shared crawl: it
// takes the copy another process fetched in this run, or the host's shared
// fetch slot for fetching it here (slot: the caller releases it). It
// reports false when the read must wait for another turn.
func (c *crawl) sharedRobots(h *host) (slot string, ok bool) {
	if !c.isShared {
		return "", true
	}
	status, body, ok, err := c.shared.Robots(c.ctx, h.name)
	if err != nil {
		if !c.stopped(err) {
			c.fail(err)
		}
		return "", false
	}
	if ok {
		c.tr.knowRobots(h.name, status, body)
		return "", true
	}
	// Concurrency 1: the slot is granted only while no other process
	// fetches from the host, so robots.txt is fetched once per run.
	gap, _ := c.sched.politenessOf(h)
	slot = strconv.FormatInt(c.slotSeq.Add(1), 10)
	granted, wait, err := c.robotsTurn(h, slot, gap)
	if err != nil {
		if !c.stopped(err) {
			c.fail(err)
		}
		return "", false
	}
	if !granted {
		c.sched.robotsLater(h, wait)
		return "", false
	}
	// Fetched meanwhile by the process that held the slot?
	if status, body, ok, err := c.shared.Robots(c.ctx, h.name); err == nil && ok {
		c.tr.knowRobots(h.name, status, body)
	}
	return slot, true
}

// robotsTurn asks for the host's shared slot to read its robots.txt, with
// concurrency 1 and not counted toward the host's cap. A grant that
// reached this process late is asked for again, once, as acquireTurn does
// for requests: the retake is refused until the delay from the late grant
// has passed, and the slot, held meanwhile, keeps the host from every
// other process's requests.
func (c *crawl) robotsTurn(h *host, slot string, gap time.Duration) (granted bool, wait time.Duration, err error) {
	retaken := false
	for {
		asked := time.Now()
		granted, wait, err = c.shared.Acquire(c.ctx, h.name, slot, gap, 1, c.slotHold(), 0)
		switch {
		case err != nil || !granted && (!retaken || wait > gap):
			// A longer wait than the late grant's delay (a pause another
			// process set) goes back to the scheduler, as in acquireTurn.
			if retaken {
				c.releaseSlot(h, slot) // held since the late grant
			}
			return false, wait, err
		case granted && !retaken && lateGrant(asked, gap):
			retaken = true
			continue
		case granted:
			return true, 0, nil
		}
		select {
		case <-c.ctx.Done():
			c.releaseSlot(h, slot)
			return false, 0, c.ctx.Err()
		case <-time.After(wait):
		}
	}
}
