package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// kill closes f's file without the writes Close makes first: what a
// killed process leaves.
func kill(t *testing.T, f *Frontier) {
	t.Helper()
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
}

// fetchedOnDisk reports whether the fetched bucket on disk holds url.
func fetchedOnDisk(t *testing.T, f *Frontier, url string) bool {
	t.Helper()
	var ok bool
	if err := f.view(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketFetched).Get([]byte(url)) != nil
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ok
}

// A claim PopN keeps in memory counts as written: a redirect to the URL is
// refused. It reaches the file with the request's Done mark, never after:
// a run killed before that queues the request again, one killed after
// finds the claim.
func TestFrontierClaimsKeptUntilDone(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	f, _ := openTestFrontier(t, dir, t0)
	f.Enqueue(ctx, []Job{{Host: "http://a", URL: "http://a/1"}})
	j, claimed, ok, err := f.Pop(ctx, "http://a")
	if err != nil || !ok || !claimed {
		t.Fatalf("Pop = %v %v %v", claimed, ok, err)
	}
	if fetchedOnDisk(t, f, j.URL) {
		t.Error("PopN wrote its claim itself")
	}
	if ok, _ := f.Claim(ctx, j.URL, "http://a/old"); ok {
		t.Error("redirect to a URL popped, claim not yet written, was allowed")
	}
	if ok, _ := f.Claim(ctx, j.URL, j.URL); !ok {
		t.Error("the request's own claim was refused")
	}
	kill(t, f)

	// Killed before Done: the request is queued again and claims anew.
	f, r := openTestFrontier(t, dir, t0.Add(time.Minute))
	if r.Queued["http://a"] != 1 {
		t.Fatalf("resume = %+v, want the taken request queued", r)
	}
	j, claimed, _, _ = f.Pop(ctx, "http://a")
	if !claimed {
		t.Error("the request queued again was refused its claim")
	}
	if err := f.Done(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.update(func(*bolt.Tx) error { return nil }); err != nil { // the batch of Done marks
		t.Fatal(err)
	}
	kill(t, f)

	// Killed after the Done mark was written: so was the claim.
	f, r = openTestFrontier(t, dir, t0.Add(2*time.Minute))
	defer f.Close()
	if r.Queued["http://a"] != 0 {
		t.Fatalf("resume = %+v, want nothing queued", r)
	}
	if ok, _ := f.Claim(ctx, j.URL, "http://a/old"); ok {
		t.Error("redirect to a URL fetched before the kill was allowed")
	}
}

// Requests popped much faster than they are done: past maxUnwrittenClaims
// PopN writes the claims itself.
func TestFrontierClaimsBounded(t *testing.T) {
	ctx := context.Background()
	f, _ := openTestFrontier(t, t.TempDir(), time.Now())
	defer f.Close()
	n := maxUnwrittenClaims + 2*popAhead
	jobs := make([]Job, n)
	for i := range jobs {
		jobs[i] = Job{Host: "http://a", URL: fmt.Sprintf("http://a/%d", i)}
	}
	if err := f.Enqueue(ctx, jobs); err != nil {
		t.Fatal(err)
	}
	for popped := 0; popped < n; {
		got, claimed, err := f.PopN(ctx, "http://a", popAhead)
		if err != nil || len(got) == 0 {
			t.Fatalf("PopN after %d: %d jobs, err %v", popped, len(got), err)
		}
		for i := range got {
			if !claimed[i] {
				t.Fatalf("%s not claimed", got[i].URL)
			}
		}
		popped += len(got)
		f.claimMu.Lock()
		kept := len(f.claims)
		f.claimMu.Unlock()
		if kept > maxUnwrittenClaims+popAhead {
			t.Fatalf("%d claims kept in memory after %d pops", kept, popped)
		}
	}
	if !fetchedOnDisk(t, f, "http://a/0") {
		t.Error("claims past the bound not written")
	}
	if ok, _ := f.Claim(ctx, fmt.Sprintf("http://a/%d", n-1), "http://a/old"); ok {
		t.Error("redirect to the last URL popped was allowed")
	}
}
