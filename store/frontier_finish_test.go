package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Finish leaves a frontier file the size of what it carries, not of the
// run: a run's seen set is dropped without being read back.
func TestFrontierFinishShrinksFile(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	f, _ := openTestFrontier(t, dir, now)
	ctx := context.Background()
	var urls []string
	for i := range 20000 {
		urls = append(urls, fmt.Sprintf("http://a/2026/02/story-%07d.html", i))
	}
	if _, err := f.FirstSeen(ctx, urls); err != nil {
		t.Fatal(err)
	}
	if err := f.Enqueue(ctx, []Job{{Host: "http://slow", URL: "http://slow/1", Data: []byte("s1")}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "frontier.db")
	before := fileSize(t, path)
	n, err := f.Finish(ctx, func(h string) bool { return h == "http://slow" })
	if err != nil || n != 1 {
		t.Fatalf("Finish = %d, %v; want 1 carried", n, err)
	}
	after := fileSize(t, path)
	if before < 1<<20 || after > 64<<10 {
		t.Errorf("frontier.db is %d bytes before Finish and %d after; want over 1 MiB, then at most 64 KiB", before, after)
	}
	if _, err := os.Stat(path + ".new"); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
	// The frontier stays usable in the same process, and the next run
	// sees the carried request and a cleared seen set.
	if first, err := f.FirstSeen(ctx, urls[:1]); err != nil || !first[0] {
		t.Errorf("FirstSeen after Finish = %v, %v; want a cleared seen set", first, err)
	}
	f.Close()
	f, r := openTestFrontier(t, dir, now.Add(time.Minute))
	defer f.Close()
	if r.Resumed {
		t.Errorf("a finished run was resumed: %+v", r)
	}
	if jobs, err := f.TakeCarry(ctx); err != nil || len(jobs) != 1 || jobs[0].URL != "http://slow/1" || string(jobs[0].Data) != "s1" {
		t.Errorf("TakeCarry = %+v, %v; want http://slow/1 with its data", jobs, err)
	}
}

// Requests carried by an earlier Finish and not yet taken survive the next
// Finish, and new ones get fresh keys.
func TestFrontierFinishKeepsEarlierCarry(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	now := time.Now()
	slow := func(h string) bool { return h == "http://slow" }
	for i, u := range []string{"http://slow/1", "http://slow/2"} {
		f, _ := openTestFrontier(t, dir, now.Add(time.Duration(i)*time.Hour))
		if err := f.Enqueue(ctx, []Job{{Host: "http://slow", URL: u}}); err != nil {
			t.Fatal(err)
		}
		if n, err := f.Finish(ctx, slow); err != nil || n != 1 {
			t.Fatalf("run %d: Finish = %d, %v", i, n, err)
		}
		f.Close()
	}
	f, _ := openTestFrontier(t, dir, now.Add(3*time.Hour))
	defer f.Close()
	jobs, err := f.TakeCarry(ctx)
	if err != nil || len(jobs) != 2 || jobs[0].URL == jobs[1].URL {
		t.Fatalf("TakeCarry = %+v, %v; want both carried requests", jobs, err)
	}
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// A Finish that cannot write the fresh file fails naming the frontier and
// leaves the run's frontier as it was, still usable.
func TestFrontierFinishWriteFails(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	f, _ := openTestFrontier(t, dir, time.Now())
	defer f.Close()
	if _, err := f.FirstSeen(ctx, []string{"http://a/1"}); err != nil {
		t.Fatal(err)
	}
	// A non-empty directory where the fresh file goes cannot be removed.
	blocker := filepath.Join(dir, "frontier.db.new", "x")
	if err := os.MkdirAll(blocker, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := f.Finish(ctx, func(string) bool { return false })
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "frontier.db")) {
		t.Fatalf("Finish = %v; want an error naming frontier.db", err)
	}
	if first, err := f.FirstSeen(ctx, []string{"http://a/1", "http://a/2"}); err != nil || first[0] || !first[1] {
		t.Errorf("after a failed Finish, FirstSeen = %v, %v; want the run's seen set kept", first, err)
	}
}
