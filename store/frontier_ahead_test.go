package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// PopN takes requests ahead of the caller (popAhead per transaction):
// they come out in queue order over later calls, and a run killed with
// requests taken ahead queues them again on resume, like requests in
// flight.
func TestFrontierPopAhead(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Now()
	f, _ := openTestFrontier(t, dir, t0)
	const n = 100
	var jobs []Job
	for i := range n {
		jobs = append(jobs, Job{Host: "http://a", URL: fmt.Sprintf("http://a/%d", i), Data: []byte("d")})
	}
	jobs = append(jobs, Job{Host: "http://b", URL: "http://b/0"})
	if err := f.Enqueue(context.Background(), jobs); err != nil {
		t.Fatal(err)
	}
	next := 0
	for range 2 {
		got, claimed, err := f.PopN(context.Background(), "http://a", 16)
		if err != nil || len(got) != 16 {
			t.Fatalf("PopN: %d jobs, %v", len(got), err)
		}
		for i, j := range got {
			if want := fmt.Sprintf("http://a/%d", next); j.URL != want || !claimed[i] {
				t.Fatalf("PopN gave %s (claimed %v), want %s", j.URL, claimed[i], want)
			}
			next++
		}
	}
	if got, _, err := f.PopN(context.Background(), "http://b", 16); err != nil || len(got) != 1 || got[0].URL != "http://b/0" {
		t.Fatalf("PopN of another host: %v, %v", got, err)
	}
	// Killed: nothing was done. Everything of host a comes back.
	f.db.Close()
	f, r := openTestFrontier(t, dir, t0.Add(time.Minute))
	defer f.Close()
	if !r.Resumed || r.Queued["http://a"] != n || r.Queued["http://b"] != 1 {
		t.Fatalf("resumed: %+v, want %d requests of a and 1 of b queued", r, n)
	}
	for next = 0; next < n; {
		got, _, err := f.PopN(context.Background(), "http://a", 16)
		if err != nil || len(got) == 0 {
			t.Fatalf("PopN after resume at %d: %d jobs, %v", next, len(got), err)
		}
		for _, j := range got {
			if want := fmt.Sprintf("http://a/%d", next); j.URL != want {
				t.Fatalf("after resume PopN gave %s, want %s", j.URL, want)
			}
			next++
		}
	}
	if got, _, err := f.PopN(context.Background(), "http://a", 16); err != nil || len(got) != 0 {
		t.Fatalf("PopN of an empty queue: %d jobs, %v", len(got), err)
	}
}

// Requests of several hosts, taken ahead (see popAhead) and popped in
// turns, come out each once, in queue order, and none is left ahead.
func TestFrontierPopAheadManyHosts(t *testing.T) {
	f, _ := openTestFrontier(t, t.TempDir(), time.Now())
	defer f.Close()
	const hosts, per = 5, 500
	var jobs []Job
	for i := range per {
		for h := range hosts {
			host := fmt.Sprintf("http://h%d", h)
			jobs = append(jobs, Job{Host: host, URL: fmt.Sprintf("%s/%d", host, i), Data: []byte("d")})
		}
	}
	if err := f.Enqueue(context.Background(), jobs); err != nil {
		t.Fatal(err)
	}
	next := make([]int, hosts)
	for active := hosts; active > 0; {
		active = 0
		for h := range hosts {
			host := fmt.Sprintf("http://h%d", h)
			got, _, err := f.PopN(context.Background(), host, 16)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) > 0 {
				active++
			}
			for _, j := range got {
				if want := fmt.Sprintf("%s/%d", host, next[h]); j.URL != want {
					t.Fatalf("PopN gave %s, want %s", j.URL, want)
				}
				next[h]++
			}
		}
	}
	for h, n := range next {
		if n != per {
			t.Errorf("host %d: %d requests popped, want %d", h, n, per)
		}
	}
	f.popMu.Lock()
	if f.nAhead != 0 || len(f.popped) != 0 {
		t.Errorf("after the queues ran dry: %d requests in %d hosts still ahead", f.nAhead, len(f.popped))
	}
	f.popMu.Unlock()
}
