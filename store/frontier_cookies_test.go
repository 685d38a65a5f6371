package store

import (
	"net/url"
	"testing"
	"time"
)

// A host's cookies last as long as its run: kept when the run resumes in a
// new process, read back after every change, and gone with the run, though
// the frontier serves them from memory.
func TestFrontierCookies(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	a, b := &url.URL{Scheme: "http", Host: "a.example"}, &url.URL{Scheme: "http", Host: "b.example"}
	f, _ := openTestFrontier(t, dir, t0)
	if got := f.Cookies(a); got != "" {
		t.Fatalf("cookies of a new run = %q, want none", got)
	}
	f.SetCookies(a, "sid=1")
	f.SetCookies(b, "lang=zh")
	f.SetCookies(a, "sid=2")
	if got := f.Cookies(a); got != "sid=2" {
		t.Errorf("cookies after a change = %q, want sid=2", got)
	}
	f.Close()

	f, r := openTestFrontier(t, dir, t0.Add(time.Hour))
	if !r.Resumed {
		t.Fatal("run not resumed")
	}
	if got, gotB := f.Cookies(a), f.Cookies(b); got != "sid=2" || gotB != "lang=zh" {
		t.Errorf("cookies of a resumed run = %q, %q, want sid=2, lang=zh", got, gotB)
	}
	if _, err := f.Finish(t.Context(), func(string) bool { return false }); err != nil {
		t.Fatal(err)
	}
	if got := f.Cookies(a); got != "" {
		t.Errorf("cookies after the run finished = %q, want none", got)
	}
	f.SetCookies(a, "sid=3")
	if _, err := f.Begin(t.Context(), t0.Add(48*time.Hour), 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := f.Cookies(a); got != "" {
		t.Errorf("cookies of a fresh run = %q, want the stale run's dropped", got)
	}
	f.Close()
}
