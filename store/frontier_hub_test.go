package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// Hubs are handed out ahead of the requests queued before them, oldest
// first and at most a quarter of each pop; they count as queued, are
// carried over and resumed like any request.
func TestFrontierHubsFirst(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	f, _ := openTestFrontier(t, dir, now)
	var jobs []Job
	for i := range 100 {
		jobs = append(jobs, Job{Host: "http://a", URL: fmt.Sprintf("http://a/story-%d", i)})
	}
	for i := range 20 {
		jobs = append(jobs, Job{Host: "http://a", URL: fmt.Sprintf("http://a/list?page=%d", i), Hub: true})
	}
	jobs = append(jobs, Job{Host: "http://b", URL: "http://b/story", Data: []byte("x")}, Job{Host: "http://b", URL: "http://b/", Hub: true})
	if err := f.Enqueue(context.Background(), jobs); err != nil {
		t.Fatal(err)
	}
	got, _, err := f.PopN(context.Background(), "http://a", 64)
	if err != nil || len(got) != 64 {
		t.Fatalf("PopN = %d jobs, %v", len(got), err)
	}
	for i, j := range got {
		want := fmt.Sprintf("http://a/story-%d", i-16)
		if i < 16 {
			want = fmt.Sprintf("http://a/list?page=%d", i)
		}
		if j.URL != want {
			t.Fatalf("job %d of the first pop is %s, want %s", i, j.URL, want)
		}
	}
	f.Close()

	// A killed run: its successor resumes the queued hubs and requeues
	// the taken requests.
	f, r := openTestFrontier(t, dir, now.Add(time.Minute))
	if !r.Resumed || r.Queued["http://a"] != 120 || r.Queued["http://b"] != 2 {
		t.Fatalf("resumed %v, queued %v", r.Resumed, r.Queued)
	}
	if j, _, ok, err := f.Pop(context.Background(), "http://b"); err != nil || !ok || j.URL != "http://b/" {
		t.Fatalf("Pop(b) = %+v, %v, %v", j, ok, err)
	}
	n, err := f.Finish(context.Background(), func(string) bool { return true })
	if err != nil || n != 122 {
		t.Fatalf("Finish carried %d, %v; want 122", n, err)
	}
	carried, err := f.TakeCarry(context.Background())
	if err != nil || len(carried) != 122 {
		t.Fatalf("TakeCarry = %d jobs, %v", len(carried), err)
	}
	f.Close()
}
