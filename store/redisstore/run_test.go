package redisstore

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
	"github.com/newspipe/newspipe/store/redistest"
)

// TestRunLifecycle: the first worker starts a run, the second joins it;
// only the last worker out of a complete run gets the crawl-wide tally, and
// EndRun clears the run's keys but keeps the state and the carried jobs, so
// the next Join starts a new run.
func TestRunLifecycle(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "life")
	r1, err := s.Join(ctx, "w1", time.Hour, time.Minute)
	if err != nil || r1.Joined || r1.Resumed {
		t.Fatalf("first Join = %+v, %v; want a new run", r1, err)
	}
	r2, err := s.Join(ctx, "w2", time.Hour, time.Minute)
	if err != nil || !r2.Joined || r2.Resumed || !r2.Started.Equal(r1.Started) {
		t.Fatalf("second Join = %+v, %v; want to join the run started %v", r2, err, r1.Started)
	}
	ids, err := s.EnqueueNew(ctx, []Job{{URL: "http://a/1", Host: "a"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetAside(ctx, "w1", "a", true, nil); err != nil { // carried to the next run
		t.Fatal(err)
	}
	if err := s.State().MarkEmitted(context.Background(), store.Mark{Key: "out", Offset: 9}, nil); err != nil {
		t.Fatal(err)
	}
	total, last, err := s.Leave(ctx, "w1", true, map[string]int64{"emitted": 3, "workers": 1})
	if err != nil || last || total != nil {
		t.Fatalf("w1 Leave = %v, %v, %v; want not last while w2 is registered", total, last, err)
	}
	total, last, err = s.Leave(ctx, "w2", true, map[string]int64{"emitted": 4, "workers": 1})
	if err != nil || !last || total["emitted"] != 7 || total["workers"] != 2 {
		t.Fatalf("w2 Leave = %v, %v, %v; want last with emitted=7 workers=2", total, last, err)
	}
	if _, err := s.join(ctx, "w3", time.Hour, time.Minute); !errors.Is(err, ErrEnding) {
		t.Fatalf("join while the last worker ends the run: %v, want ErrEnding", err)
	}
	if err := s.EndRun(ctx); err != nil {
		t.Fatal(err)
	}
	if seen, _ := s.Seen(ctx, []string{"http://a/1"}); seen[0] {
		t.Error("the seen set outlived EndRun")
	}
	if w, _ := s.State().Watermark(context.Background(), "out"); w != 9 {
		t.Errorf("watermark after EndRun = %d, want 9: the state must outlive runs", w)
	}
	carried, err := s.TakeCarry(ctx)
	if err != nil || len(carried) != 1 || carried[0].URL != "http://a/1" || carried[0].ID != ids[0] {
		t.Fatalf("TakeCarry = %+v, %v; want the job set aside", carried, err)
	}
	r3, err := s.Join(ctx, "w1", time.Hour, time.Minute)
	if err != nil || r3.Joined {
		t.Fatalf("Join after EndRun = %+v, %v; want a new run", r3, err)
	}
}

// TestJoinAfterWorkersDied: a run whose workers all died is continued when
// work is left, and replaced by a new run when none is (or when it is older
// than resumeWithin).
func TestJoinAfterWorkersDied(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "died")
	if _, err := s.Join(ctx, "w1", time.Hour, 50*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnqueueNew(ctx, []Job{{URL: "http://a/1", Host: "a"}}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(120 * time.Millisecond) // w1's heartbeat lapses: it died
	r, err := s.Join(ctx, "w2", time.Hour, time.Minute)
	if err != nil || !r.Joined || !r.Resumed {
		t.Fatalf("Join = %+v, %v; want to continue the dead run with work left", r, err)
	}
	pending(t, s, 1, 0)

	// w2 dies too, after taking the job and finishing it: nothing is left.
	j, ok, err := s.Take(ctx, "w2", "a", time.Minute)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	if err := s.Ack(ctx, "w2", j.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Heartbeat(ctx, "w2", time.Millisecond); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	r, err = s.Join(ctx, "w3", time.Hour, time.Minute)
	if err != nil || r.Joined || r.Resumed {
		t.Fatalf("Join = %+v, %v; want a new run: the dead one was complete", r, err)
	}
	if seen, _ := s.Seen(ctx, []string{"http://a/1"}); seen[0] {
		t.Error("the complete run's seen set was not cleared")
	}
}

// TestClaim: of two requests reaching one URL, one holds the claim, and
// asking again under the same request still holds it.
func TestClaim(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "claim")
	for _, tc := range []struct {
		url, by string
		want    bool
	}{
		{"http://a/x", "http://a/old", true},
		{"http://a/x", "http://a/x", false},
		{"http://a/x", "http://a/old", true},
		{"http://a/y", "http://a/y", true},
	} {
		got, err := s.Claim(ctx, tc.url, tc.by)
		if err != nil || got != tc.want {
			t.Errorf("Claim(%s, %s) = %v, %v; want %v", tc.url, tc.by, got, err, tc.want)
		}
	}
}

// TestClaimOwn: each URL is claimed for itself in one call; a URL its own
// request claimed before (its job taken again after a lease ended) is still
// held, one a redirect claimed first is not.
func TestClaimOwn(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "claimown")
	if got, err := s.ClaimOwn(ctx, []string{"http://a/1", "http://a/2"}); err != nil || !slices.Equal(got, []bool{true, true}) {
		t.Fatalf("first ClaimOwn = %v, %v; want [true true]", got, err)
	}
	if ok, err := s.Claim(ctx, "http://a/3", "http://a/old"); err != nil || !ok {
		t.Fatalf("redirect claim = %v, %v", ok, err)
	}
	got, err := s.ClaimOwn(ctx, []string{"http://a/2", "http://a/3", "http://a/4"})
	if want := []bool{true, false, true}; err != nil || !slices.Equal(got, want) {
		t.Errorf("second ClaimOwn = %v, %v; want %v", got, err, want)
	}
}

// TestSetAsideAndExpireWorker: a host set aside leaves the queue (and the
// counts) with the jobs its worker held, dropped or carried; a restarted
// worker's old leases are reaped at once.
func TestSetAsideAndExpireWorker(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "aside")
	var jobs []Job
	for _, u := range []string{"http://a/1", "http://a/2", "http://a/3", "http://b/1"} {
		jobs = append(jobs, Job{URL: u, Host: u[7:8]})
	}
	if _, err := s.EnqueueNew(ctx, jobs); err != nil {
		t.Fatal(err)
	}
	held, _, err := s.Take(ctx, "w1", "a", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.SetAside(ctx, "w1", "a", false, []string{held.ID})
	if err != nil || n != 3 {
		t.Fatalf("SetAside = %d, %v; want 3 jobs dropped", n, err)
	}
	pending(t, s, 1, 0)
	if c, _ := s.TakeCarry(ctx); len(c) != 0 {
		t.Errorf("dropped jobs were carried: %+v", c)
	}
	if _, _, err := s.Take(ctx, "w1", "b", time.Minute); err != nil {
		t.Fatal(err)
	}
	pending(t, s, 0, 1)
	if n, err := s.ExpireWorker(ctx, "w1"); err != nil || n != 1 {
		t.Fatalf("ExpireWorker = %d, %v; want 1", n, err)
	}
	if n, err := s.Reap(ctx); err != nil || n != 1 {
		t.Fatalf("Reap = %d, %v; want the expired lease back", n, err)
	}
	pending(t, s, 1, 0)
}

// TestTallyOfDeadWorker: the crawl-wide tally counts what a worker added
// before it died (AddTally) and every worker id that joined the run once,
// though the dead one never left.
func TestTallyOfDeadWorker(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "tally")
	if _, err := s.Join(ctx, "dead", time.Hour, 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Join(ctx, "w1", time.Hour, time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.AddTally(ctx, map[string]int64{"emitted": 5, "fetched": 9, "workers": 1}); err != nil {
		t.Fatal(err)
	}
	// Restarted under the same id, it joins again: still one worker.
	if _, err := s.Join(ctx, "dead", time.Hour, 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // its registration expires: it died again, for good
	total, last, err := s.Leave(ctx, "w1", true, map[string]int64{"emitted": 4, "fetched": 6, "workers": 1})
	if err != nil || !last {
		t.Fatalf("w1 Leave = %v, %v; want last", last, err)
	}
	if total["emitted"] != 9 || total["fetched"] != 15 || total["workers"] != 2 {
		t.Errorf("crawl-wide tally %v; want emitted 9, fetched 15, workers 2", total)
	}
}
