package redisstore

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/newspipe/newspipe/store/redistest"
)

// Eight workers store their own fetch of one host's robots.txt at once: one
// wins, and all of them, and later readers, use the winner's.
func TestRobotsFirstWriterWins(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	const workers = 8
	type result struct {
		r      Robots
		stored bool
	}
	results := make([]result, workers)
	var wg sync.WaitGroup
	for w := range workers {
		s := open(t, srv, "c")
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := Robots{Status: 200, Body: []byte(fmt.Sprintf("User-agent: *\nDisallow: /w%d\n", w))}
			r, stored, err := s.SetRobots(ctx, "https://portal.example", mine)
			if err != nil {
				t.Error(err)
				return
			}
			if stored && !reflect.DeepEqual(r, mine) {
				t.Errorf("worker %d stored, got back %+v", w, r)
			}
			results[w] = result{r, stored}
		}()
	}
	wg.Wait()
	winners := 0
	var win Robots
	for _, res := range results {
		if res.stored {
			winners++
			win = res.r
		}
	}
	if winners != 1 {
		t.Fatalf("%d workers stored robots.txt, want 1", winners)
	}
	for w, res := range results {
		if !reflect.DeepEqual(res.r, win) {
			t.Errorf("worker %d uses %q, want the winner's %q", w, res.r.Body, win.Body)
		}
	}
	s := open(t, srv, "c")
	for _, tc := range []struct {
		host  string
		set   *Robots
		want  Robots
		found bool
	}{
		{"https://portal.example", nil, win, true},
		{"https://unknown.example", nil, Robots{}, false},
		{"http://none.example", &Robots{Status: 404}, Robots{Status: 404}, true},
		{"http://down.example", &Robots{Status: 503, Body: []byte("busy\n\nbusy")}, Robots{Status: 503, Body: []byte("busy\n\nbusy")}, true},
	} {
		if tc.set != nil {
			if _, stored, err := s.SetRobots(ctx, tc.host, *tc.set); err != nil || !stored {
				t.Fatalf("SetRobots(%s) = %v, %v", tc.host, stored, err)
			}
		}
		got, found, err := s.GetRobots(ctx, tc.host)
		if err != nil {
			t.Fatal(err)
		}
		if found != tc.found || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("GetRobots(%s) = %+v, %v; want %+v, %v", tc.host, got, found, tc.want, tc.found)
		}
	}
	// Another crawl fetches its own.
	other := open(t, srv, "other")
	if _, found, err := other.GetRobots(ctx, "https://portal.example"); err != nil || found {
		t.Errorf("crawl other sees crawl c's robots.txt: %v %v", found, err)
	}
}
