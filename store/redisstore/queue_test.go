package redisstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store/redistest"
)

func TestJobEncoding(t *testing.T) {
	for _, j := range []Job{
		{ID: "1", URL: "http://a/", Host: "a"},
		{ID: "42", URL: "https://www.example.cn/新闻/1.html?x=|y", Host: "www.example.cn", Depth: 7, Source: "sitemap", Payload: []byte("req\x00|\xff")},
		{ID: "9007199254740993", URL: strings.Repeat("u", 300), Host: "h:8080", Depth: 1 << 20, Source: "", Payload: []byte{0}},
	} {
		got, err := decodeElem(j.ID + "|" + string(encodeJob(j)))
		if err != nil {
			t.Fatalf("decode %+v: %v", j, err)
		}
		if !reflect.DeepEqual(got, j) {
			t.Errorf("round trip\n got %+v\nwant %+v", got, j)
		}
	}
	for _, bad := range []string{"", "|", "1|", "1|\x02\x00", "1|\x01", "1|\x01\x00\x05ab", "x"} {
		if _, err := decodeElem(bad); !errors.Is(err, errBadJob) {
			t.Errorf("decodeElem(%q) = %v, want errBadJob", bad, err)
		}
	}
}

// pending asserts the store's queued and leased counts.
func pending(t *testing.T, s *Store, queued, leased int) {
	t.Helper()
	q, l, err := s.Pending(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if q != queued || l != leased {
		t.Fatalf("Pending = %d queued, %d leased; want %d, %d", q, l, queued, leased)
	}
}

func TestQueueBasics(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "c")
	jobs := []Job{
		{URL: "http://a/1", Host: "a", Depth: 0, Source: "seed", Payload: []byte("p1")},
		{URL: "http://b/1", Host: "b", Depth: 1, Source: "link"},
		{URL: "http://a/2", Host: "a", Depth: 2, Source: "feed", Payload: []byte("p3")},
		{URL: "http://a/1", Host: "a"}, // seen: skipped by EnqueueNew
	}
	ids, err := s.EnqueueNew(ctx, jobs)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"1", "2", "3", ""}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("EnqueueNew IDs = %q, want %q", ids, want)
	}
	pending(t, s, 3, 0)
	hosts, err := s.Hosts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !sameSet(hosts, []string{"a", "b"}) {
		t.Fatalf("Hosts = %q, want a, b", hosts)
	}
	// Enqueue (not New) queues a seen URL again: a retry, a revisit.
	if ids, err := s.Enqueue(ctx, []Job{{URL: "http://b/1", Host: "b"}}); err != nil || ids[0] != "4" {
		t.Fatalf("Enqueue = %q, %v; want ID 4", ids, err)
	}
	for i, want := range []Job{
		{ID: "1", URL: "http://a/1", Host: "a", Depth: 0, Source: "seed", Payload: []byte("p1")},
		{ID: "3", URL: "http://a/2", Host: "a", Depth: 2, Source: "feed", Payload: []byte("p3")},
	} {
		j, ok, err := s.Take(ctx, "w1", "a", time.Minute)
		if err != nil || !ok {
			t.Fatalf("Take %d: %v %v", i, ok, err)
		}
		if !reflect.DeepEqual(j, want) {
			t.Errorf("Take %d = %+v, want %+v", i, j, want)
		}
	}
	if _, ok, err := s.Take(ctx, "w1", "a", time.Minute); ok || err != nil {
		t.Fatalf("Take from an empty host = %v, %v", ok, err)
	}
	if hosts, _ := s.Hosts(ctx); !sameSet(hosts, []string{"b"}) {
		t.Fatalf("Hosts after draining a = %q, want b", hosts)
	}
	pending(t, s, 2, 2)
	// Only the holder renews or acks.
	for _, err := range []error{s.Renew(ctx, "w2", "1", time.Minute), s.Ack(ctx, "w2", "1"), s.Ack(ctx, "w1", "99")} {
		if !errors.Is(err, ErrNotLeased) {
			t.Errorf("got %v, want ErrNotLeased", err)
		}
	}
	if err := s.Renew(ctx, "w1", "1", time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := s.Ack(ctx, "w1", "1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Ack(ctx, "w1", "1"); !errors.Is(err, ErrNotLeased) {
		t.Errorf("second Ack = %v, want ErrNotLeased", err)
	}
	pending(t, s, 2, 1)
	for _, h := range []string{"", "a b", "{x}"} {
		if _, _, err := s.Take(ctx, "w", h, time.Second); !errors.Is(err, errBadHost) {
			t.Errorf("Take(%q) = %v, want errBadHost", h, err)
		}
	}
	if _, err := s.Enqueue(ctx, []Job{{URL: "u", Host: ""}}); !errors.Is(err, errBadHost) {
		t.Errorf("Enqueue without host = %v, want errBadHost", err)
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return len(a) == len(b)
}

// Four workers with their own connections drain 1,000 jobs of 10 hosts,
// finding hosts through Hosts: every job is handed out exactly once, and
// the run ends (nothing queued, nothing leased) for all of them.
func TestTakeExactlyOnce(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	const workers, hosts, perHost = 4, 10, 100
	s := open(t, srv, "c")
	var jobs []Job
	for i := range perHost {
		for h := range hosts {
			jobs = append(jobs, Job{URL: fmt.Sprintf("http://h%d/%d", h, i), Host: fmt.Sprintf("h%d", h), Depth: i})
		}
	}
	for i := 0; i < len(jobs); i += 100 {
		if _, err := s.EnqueueNew(ctx, jobs[i:i+100]); err != nil {
			t.Fatal(err)
		}
	}
	pending(t, s, hosts*perHost, 0)
	taken := make([][]Job, workers)
	var wg sync.WaitGroup
	for w := range workers {
		ws := open(t, srv, "c")
		name := fmt.Sprintf("w%d", w)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				hs, err := ws.Hosts(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				if len(hs) == 0 {
					q, l, err := ws.Pending(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if q == 0 && l == 0 {
						return
					}
					time.Sleep(time.Millisecond)
					continue
				}
				h := hs[rand.IntN(len(hs))]
				j, ok, err := ws.Take(ctx, name, h, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					continue
				}
				taken[w] = append(taken[w], j)
				if err := ws.Ack(ctx, name, j.ID); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	byURL := map[string]int{}
	perWorker := make([]int, workers)
	for w, js := range taken {
		perWorker[w] = len(js)
		for _, j := range js {
			byURL[j.URL]++
		}
	}
	t.Logf("jobs per worker: %v", perWorker)
	if len(byURL) != len(jobs) {
		t.Errorf("%d distinct jobs taken, want %d", len(byURL), len(jobs))
	}
	for u, n := range byURL {
		if n != 1 {
			t.Errorf("%s taken %d times", u, n)
		}
	}
	// Per host, jobs came out in enqueue order.
	for w, js := range taken {
		last := map[string]int{}
		for _, j := range js {
			if d, ok := last[j.Host]; ok && j.Depth <= d {
				t.Errorf("worker %d took %s after depth %d: out of order", w, j.URL, d)
			}
			last[j.Host] = j.Depth
		}
	}
	pending(t, s, 0, 0)
}

// A job taken by a worker that dies (never renews, never acks) comes back
// when its lease ends, at the front of its host's queue, and is taken
// again; the dead worker can no longer ack it.
func TestExpiredLeaseComesBack(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	dead, live := open(t, srv, "c"), open(t, srv, "c")
	if _, err := dead.EnqueueNew(ctx, []Job{
		{URL: "http://h/1", Host: "h"}, {URL: "http://h/2", Host: "h"}, {URL: "http://h/3", Host: "h"},
	}); err != nil {
		t.Fatal(err)
	}
	const lease = 200 * time.Millisecond
	var first []Job
	for range 2 {
		j, ok, err := dead.Take(ctx, "dead", "h", lease)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		first = append(first, j)
	}
	start := time.Now()
	pending(t, live, 1, 2)
	if n, err := live.Reap(ctx); err != nil || n != 0 {
		t.Fatalf("Reap before expiry = %d, %v; want 0", n, err)
	}
	// Before the lease ends only job 3 is there to take.
	j, ok, err := live.Take(ctx, "live", "h", time.Minute)
	if err != nil || !ok || j.URL != "http://h/3" {
		t.Fatalf("Take = %+v, %v, %v; want http://h/3", j, ok, err)
	}
	if _, ok, _ := live.Take(ctx, "live", "h", time.Minute); ok {
		t.Fatal("a leased job was handed out twice")
	}
	if time.Since(start) >= lease {
		t.Skip("machine too slow for a 200ms lease")
	}
	time.Sleep(lease + 50*time.Millisecond)
	n, err := live.Reap(ctx)
	if err != nil || n != 2 {
		t.Fatalf("Reap after expiry = %d, %v; want 2", n, err)
	}
	pending(t, live, 2, 1)
	if hs, _ := live.Hosts(ctx); !sameSet(hs, []string{"h"}) {
		t.Fatalf("Hosts after Reap = %q, want h", hs)
	}
	for i, want := range first {
		j, ok, err := live.Take(ctx, "live", "h", time.Minute)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		if !reflect.DeepEqual(j, want) {
			t.Errorf("retake %d = %+v, want %+v (front of the queue, oldest first)", i, j, want)
		}
		if err := dead.Ack(ctx, "dead", j.ID); !errors.Is(err, ErrNotLeased) {
			t.Errorf("the dead worker acked job %s it lost: %v", j.ID, err)
		}
		if err := dead.Renew(ctx, "dead", j.ID, time.Minute); !errors.Is(err, ErrNotLeased) {
			t.Errorf("the dead worker renewed job %s it lost: %v", j.ID, err)
		}
		if err := live.Ack(ctx, "live", j.ID); err != nil {
			t.Error(err)
		}
	}
	if err := live.Ack(ctx, "live", j.ID); err != nil {
		t.Fatal(err)
	}
	pending(t, live, 0, 0)
}

// A lease renewed while the worker works never comes back, however often
// others reap; once the renewals stop it does.
func TestRenewedLeaseStays(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	w, reaper := open(t, srv, "c"), open(t, srv, "c")
	if _, err := w.EnqueueNew(ctx, []Job{{URL: "http://h/1", Host: "h"}}); err != nil {
		t.Fatal(err)
	}
	const lease = 200 * time.Millisecond
	j, ok, err := w.Take(ctx, "w", "h", lease)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	stop := make(chan struct{})
	reaped := make(chan int)
	go func() {
		total := 0
		for {
			select {
			case <-stop:
				reaped <- total
				return
			case <-time.After(20 * time.Millisecond):
			}
			n, err := reaper.Reap(ctx)
			if err != nil {
				t.Error(err)
			}
			total += n
		}
	}()
	for end := time.Now().Add(4 * lease); time.Now().Before(end); time.Sleep(lease / 4) {
		if err := w.Renew(ctx, "w", j.ID, lease); err != nil {
			t.Fatalf("Renew: %v", err)
		}
	}
	close(stop)
	if n := <-reaped; n != 0 {
		t.Fatalf("a renewed lease was reaped %d times", n)
	}
	pending(t, w, 0, 1)
	if _, ok, _ := reaper.Take(ctx, "r", "h", lease); ok {
		t.Fatal("a renewed job was handed out again")
	}
	time.Sleep(lease + 50*time.Millisecond)
	if n, err := reaper.Reap(ctx); err != nil || n != 1 {
		t.Fatalf("Reap after the renewals stopped = %d, %v; want 1", n, err)
	}
	pending(t, w, 1, 0)
}

// Reap moves more leases than one script batch.
func TestReapMany(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "c")
	const n = reapBatch*2 + 7
	var jobs []Job
	for i := range n {
		jobs = append(jobs, Job{URL: fmt.Sprintf("http://h%d/%d", i%3, i), Host: fmt.Sprintf("h%d", i%3)})
	}
	if _, err := s.Enqueue(ctx, jobs); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if _, ok, err := s.Take(ctx, "w", fmt.Sprintf("h%d", i%3), time.Millisecond); err != nil || !ok {
			t.Fatal(ok, err)
		}
	}
	time.Sleep(5 * time.Millisecond)
	if got, err := s.Reap(ctx); err != nil || got != n {
		t.Fatalf("Reap = %d, %v; want %d", got, err, n)
	}
	pending(t, s, n, 0)
	// Each host's queue is back in its original order.
	for h := range 3 {
		host := fmt.Sprintf("h%d", h)
		prev := -1
		for {
			j, ok, err := s.Take(ctx, "w", host, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			var i int
			fmt.Sscanf(j.URL, "http://"+host+"/%d", &i)
			if i <= prev {
				t.Fatalf("%s: %s after %d", host, j.URL, prev)
			}
			prev = i
		}
	}
}

// Requeue puts a leased job back, front or back, with its new payload; only
// its holder may.
func TestRequeue(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "c")
	if _, err := s.EnqueueNew(ctx, []Job{{URL: "http://h/1", Host: "h"}, {URL: "http://h/2", Host: "h"}, {URL: "http://h/3", Host: "h"}}); err != nil {
		t.Fatal(err)
	}
	j1, _, _ := s.Take(ctx, "w", "h", time.Minute)
	j2, _, _ := s.Take(ctx, "w", "h", time.Minute)
	j1.Payload = []byte("retry=1")
	if err := s.Requeue(ctx, "other", j1, true); !errors.Is(err, ErrNotLeased) {
		t.Fatalf("Requeue by a non-holder = %v, want ErrNotLeased", err)
	}
	if err := s.Requeue(ctx, "w", j1, false); err != nil {
		t.Fatal(err)
	}
	if err := s.Requeue(ctx, "w", j2, true); err != nil {
		t.Fatal(err)
	}
	if err := s.Ack(ctx, "w", j1.ID); !errors.Is(err, ErrNotLeased) {
		t.Fatalf("Ack after Requeue = %v, want ErrNotLeased", err)
	}
	pending(t, s, 3, 0)
	var got []string
	for {
		j, ok, err := s.Take(ctx, "w", "h", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		got = append(got, j.URL+" "+string(j.Payload))
		if j.ID == j1.ID && string(j.Payload) != "retry=1" {
			t.Errorf("requeued job lost its new payload: %q", j.Payload)
		}
	}
	if want := []string{"http://h/2 ", "http://h/3 ", "http://h/1 retry=1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order after Requeue = %q, want %q", got, want)
	}
}

// Clear deletes one crawl's keys and no other's.
func TestClear(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a, b := open(t, srv, "a"), open(t, srv, "a-b")
	for _, s := range []*Store{a, b} {
		var jobs []Job
		for i := range 1200 {
			jobs = append(jobs, Job{URL: fmt.Sprintf("http://h%d/%d", i%700, i), Host: fmt.Sprintf("h%d", i%700)})
		}
		if _, err := s.EnqueueNew(ctx, jobs); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Take(ctx, "w", "h1", time.Minute); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Acquire(ctx, "h1", "w", time.Second, 1, time.Minute, 0); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SetRobots(ctx, "h1", Robots{Status: 404}); err != nil {
			t.Fatal(err)
		}
	}
	before := a.rdb.DBSize(ctx).Val()
	n, err := a.Clear(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// a: seen, ready, n, seq, leases, lease:job, lease:who + 700 queues +
	// h1's slots, next and robots.
	if want := 7 + 700 + 3; n != want {
		t.Errorf("Clear deleted %d keys, want %d", n, want)
	}
	if after := a.rdb.DBSize(ctx).Val(); after != before-int64(n) {
		t.Errorf("DBSIZE %d -> %d after deleting %d", before, after, n)
	}
	pending(t, a, 0, 0)
	pending(t, b, 1199, 1)
	if fresh, _ := a.MarkSeen(ctx, []string{"http://h1/1"}); !fresh[0] {
		t.Error("crawl a still remembers a URL after Clear")
	}
	if _, found, _ := b.GetRobots(ctx, "h1"); !found {
		t.Error("Clear of crawl a deleted crawl a-b's robots.txt")
	}
}

// Redis stopped mid-run: calls fail with errors naming the server, and
// when it is back (from its append-only file) the frontier is intact:
// counts, queue order, leases and seen set.
func TestSurvivesRestart(t *testing.T) {
	srv := redistest.Start(t)
	if os.Getenv(redistest.EnvServer) != "" {
		t.Skip("cannot restart an external server")
	}
	ctx := context.Background()
	s := open(t, srv, "c")
	if _, err := s.EnqueueNew(ctx, []Job{{URL: "http://h/1", Host: "h"}, {URL: "http://h/2", Host: "h"}, {URL: "http://h/3", Host: "h"}}); err != nil {
		t.Fatal(err)
	}
	leased, _, err := s.Take(ctx, "w", "h", time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	cctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
	_, _, err = s.Take(cctx, "w", "h", time.Minute)
	cancel()
	if err == nil || !strings.Contains(err.Error(), s.addr) {
		t.Fatalf("Take with Redis down = %v, want an error naming %s", err, s.addr)
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	pending(t, s, 2, 1)
	// The scripts are gone from the restarted server's cache: Run loads them.
	j, ok, err := s.Take(ctx, "w", "h", time.Minute)
	if err != nil || !ok || j.URL != "http://h/2" {
		t.Fatalf("Take after restart = %+v, %v, %v; want http://h/2", j, ok, err)
	}
	if err := s.Ack(ctx, "w", leased.ID); err != nil {
		t.Fatalf("Ack of a lease taken before the restart: %v", err)
	}
	if fresh, err := s.MarkSeen(ctx, []string{"http://h/3", "http://h/4"}); err != nil || fresh[0] || !fresh[1] {
		t.Fatalf("MarkSeen after restart = %v, %v; want [false true]", fresh, err)
	}
	pending(t, s, 1, 1)
}
