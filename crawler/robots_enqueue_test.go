package crawler

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoto/robotstxt"
)

// TestKnownDisallowed: a URL is known disallowed only when its host's
// robots.txt is read and disallows it; an unknown, still loading or failed
// robots.txt leaves the decision to the take.
func TestKnownDisallowed(t *testing.T) {
	parsed := func(body string) *robotsEntry {
		e := &robotsEntry{ready: make(chan struct{}), status: 200, body: []byte(body)}
		e.data, e.err = robotstxt.FromStatusAndBytes(200, e.body)
		close(e.ready)
		return e
	}
	tr := newTransport(http.DefaultTransport, nil, nil, "newspipe", 1<<20)
	tr.robots["http://known.example"] = parsed("User-agent: *\nDisallow: /private/\n")
	tr.robots["http://loading.example"] = &robotsEntry{ready: make(chan struct{})}
	failed := &robotsEntry{ready: make(chan struct{}), err: fmt.Errorf("robots.txt of failed.example: timeout")}
	close(failed.ready)
	tr.robots["http://failed.example"] = failed
	tr.robots["http://agents.example"] = parsed("User-agent: otherbot\nDisallow: /\n")
	for _, c := range []struct {
		url  string
		want bool
	}{
		{"http://known.example/private/1.html", true},
		{"http://known.example/private/?q=1", true},
		{"http://known.example/news/1.html", false},
		{"http://known.example/", false},
		{"http://unknown.example/private/1.html", false},
		{"http://loading.example/private/1.html", false},
		{"http://failed.example/private/1.html", false},
		{"http://agents.example/private/1.html", false},
		{"https://known.example/private/1.html", false}, // another origin
	} {
		u, err := url.Parse(c.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := tr.knownDisallowed(u, "newspipe"); got != c.want {
			t.Errorf("knownDisallowed(%s) = %v, want %v", c.url, got, c.want)
		}
	}
}

// TestDisallowedLinksNeverQueued: links to paths robots.txt disallows,
// found on every page of a host whose robots.txt is read, are counted once
// each and never queued (no take drops them), and never requested.
func TestDisallowedLinksNeverQueued(t *testing.T) {
	site := newMiniSite(t, 6, func(s *miniSite) {
		s.hook = func(w http.ResponseWriter, r *http.Request) bool {
			if !strings.HasPrefix(r.URL.Path, "/news/") {
				return false
			}
			page := miniArticle(int(r.URL.Path[len("/news/")] - '0'))
			page = strings.Replace(page, `<a href="/">Home</a>`, `<a href="/">Home</a> <a href="/private/a.html">Staff</a> <a href="/private/b.html?x=1">Archive</a>`, 1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
			return true
		}
	})
	cfg := miniConfig(site)
	var logs strings.Builder
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	dir := t.TempDir()
	stats, err := crawlOnce(t, context.Background(), cfg, dir, filepath.Join(dir, "out.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if stats.Emitted != 6 {
		t.Errorf("emitted %d of the 6 articles", stats.Emitted)
	}
	if n := len(site.pageHits("/private/")); n != 0 {
		t.Errorf("disallowed paths requested %d times", n)
	}
	if stats.Skipped["robots"] != 2 {
		t.Errorf("robots skips = %d, want 2 (each disallowed URL once); skipped %v", stats.Skipped["robots"], stats.Skipped)
	}
	if strings.Contains(logs.String(), "disallowed by robots.txt") {
		t.Errorf("a disallowed link was queued and dropped when taken:\n%s", logs.String())
	}
}
