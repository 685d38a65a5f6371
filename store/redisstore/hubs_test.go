package redisstore

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store/redistest"
)

// TestHubsFirst: a host's hubs (listing pages, feeds) are taken ahead of
// the jobs queued before them, oldest first, at most a quarter of a batch
// (at least one), so that articles keep flowing; a single Take takes a hub
// first too; queue lengths and SetAside count and move both queues.
func TestHubsFirst(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	s := open(t, srv, "hubs")
	var jobs []Job
	for i := range 10 {
		jobs = append(jobs, Job{URL: fmt.Sprintf("http://a/story/%d", i), Host: "a"})
	}
	for i := range 3 {
		jobs = append(jobs, Job{URL: fmt.Sprintf("http://a/list?page=%d", i), Host: "a", Hub: true})
	}
	if _, err := s.EnqueueNew(ctx, jobs); err != nil {
		t.Fatal(err)
	}
	if q, err := s.HostQueues(ctx, 10); err != nil || q["a"] != 13 {
		t.Fatalf("HostQueues = %v, %v; want a: 13", q, err)
	}
	urls := func(js []Job) []string {
		var out []string
		for _, j := range js {
			out = append(out, j.URL)
		}
		return out
	}
	got, err := s.TakeN(ctx, "w1", "a", 8, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"http://a/list?page=0", "http://a/list?page=1",
		"http://a/story/0", "http://a/story/1", "http://a/story/2", "http://a/story/3", "http://a/story/4", "http://a/story/5"}
	if !reflect.DeepEqual(urls(got), want) {
		t.Fatalf("TakeN(8) = %q\nwant %q", urls(got), want)
	}
	j, ok, err := s.Take(ctx, "w1", "a", time.Minute)
	if err != nil || !ok || j.URL != "http://a/list?page=2" {
		t.Fatalf("Take = %q, %v, %v; want the last hub", j.URL, ok, err)
	}
	pending(t, s, 4, 9)
	// A hub found now goes out with the next batch, not after the stories.
	if _, err := s.EnqueueNew(ctx, []Job{{URL: "http://a/list?page=3", Host: "a", Hub: true}}); err != nil {
		t.Fatal(err)
	}
	got, err = s.TakeN(ctx, "w2", "a", 2, time.Minute)
	if err != nil || !reflect.DeepEqual(urls(got), []string{"http://a/list?page=3", "http://a/story/6"}) {
		t.Fatalf("TakeN(2) = %q, %v", urls(got), err)
	}
	if _, err := s.EnqueueNew(ctx, []Job{{URL: "http://a/list?page=4", Host: "a", Hub: true}}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.SetAside(ctx, "w9", "a", true, nil); err != nil || n != 4 {
		t.Fatalf("SetAside = %d, %v; want the 3 stories and the hub", n, err)
	}
	pending(t, s, 0, 11)
	carried, err := s.TakeCarry(ctx)
	if err != nil || len(carried) != 4 || carried[0].URL != "http://a/list?page=4" {
		t.Fatalf("TakeCarry = %q, %v; want the hub first, then 3 stories", urls(carried), err)
	}
	if q, err := s.HostQueues(ctx, 10); err != nil || len(q) != 0 {
		t.Errorf("HostQueues after SetAside = %v, %v; want none", q, err)
	}
}
