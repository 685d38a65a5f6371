package redisstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/newspipe/newspipe/store/redistest"
)

func TestMarkSeen(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "c")
	for _, tc := range []struct {
		keys []string
		want []bool
	}{
		{nil, []bool{}},
		{[]string{"a", "b"}, []bool{true, true}},
		{[]string{"a", "c", "b"}, []bool{false, true, false}},
		{[]string{"d", "d", "e"}, []bool{true, false, true}},
		{[]string{""}, []bool{true}},
		{[]string{"", "a"}, []bool{false, false}},
	} {
		got, err := s.MarkSeen(ctx, tc.keys)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("MarkSeen(%q) = %v, want %v", tc.keys, got, tc.want)
		}
	}
	got, err := s.Seen(ctx, []string{"a", "zz", "d"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{true, false, true}; !slices.Equal(got, want) {
		t.Errorf("Seen = %v, want %v", got, want)
	}
}

// Eight workers, each with its own connection, mark the same 500 keys at
// once, each in its own order and batches: every key is new to exactly one.
func TestMarkSeenConcurrent(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	const workers, nkeys = 8, 500
	keys := make([]string, nkeys)
	for i := range keys {
		keys[i] = fmt.Sprintf("https://portal.example/news/%d.html", i)
	}
	stores := make([]*Store, workers)
	for i := range stores {
		stores[i] = open(t, srv, "c")
	}
	counts := make([][]int, workers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[w] = make([]int, nkeys)
			order := rand.Perm(nkeys)
			<-start
			for len(order) > 0 {
				n := min(len(order), 1+rand.IntN(40))
				batch := make([]string, n)
				for i, k := range order[:n] {
					batch[i] = keys[k]
				}
				fresh, err := stores[w].MarkSeen(ctx, batch)
				if err != nil {
					t.Error(err)
					return
				}
				for i, k := range order[:n] {
					if fresh[i] {
						counts[w][k]++
					}
				}
				order = order[n:]
			}
		}()
	}
	close(start)
	wg.Wait()
	winners := map[int]int{}
	for k := range nkeys {
		total := 0
		for w := range workers {
			total += counts[w][k]
			if counts[w][k] > 0 {
				winners[w]++
			}
		}
		if total != 1 {
			t.Errorf("key %d reported new %d times, want 1", k, total)
		}
	}
	t.Logf("new keys per worker: %v", winners)
	if n := stores[0].Client().SCard(ctx, stores[0].k.seen).Val(); n != nkeys {
		t.Errorf("seen set holds %d keys, want %d", n, nkeys)
	}
}

// Four workers discover the same 200 URLs at once: each is queued once.
func TestEnqueueNewConcurrent(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	const workers, nurls = 4, 200
	var wg sync.WaitGroup
	queued := make([]int, workers)
	for w := range workers {
		s := open(t, srv, "c")
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, i := range rand.Perm(nurls) {
				ids, err := s.EnqueueNew(ctx, []Job{{URL: fmt.Sprintf("http://h%d/%d", i%3, i), Host: fmt.Sprintf("h%d", i%3)}})
				if err != nil {
					t.Error(err)
					return
				}
				if ids[0] != "" {
					queued[w]++
				}
			}
		}()
	}
	wg.Wait()
	s := open(t, srv, "c")
	total := 0
	for _, n := range queued {
		total += n
	}
	q, l, err := s.Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if total != nurls || q != nurls || l != 0 {
		t.Errorf("queued %d (per worker %v), Pending = %d, %d; want %d, %d, 0", total, queued, q, l, nurls, nurls)
	}
	// Drain: every URL comes out exactly once.
	got := map[string]int{}
	for h := range 3 {
		for {
			j, ok, err := s.Take(ctx, "w", fmt.Sprintf("h%d", h), 10e9)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			got[j.URL]++
		}
	}
	if len(got) != nurls {
		t.Errorf("took %d distinct URLs, want %d", len(got), nurls)
	}
	for u, n := range got {
		if n != 1 {
			t.Errorf("%s queued %d times", u, n)
		}
	}
}
