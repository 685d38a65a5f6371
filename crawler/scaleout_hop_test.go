package crawler_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store/redistest"
)

// hopArticles is how many articles the hop test's target host serves, each
// reached only through a redirect from the first host.
const hopArticles = 10

// hopSite is a loopback host that logs when each request reached it.
type hopSite struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits []time.Time // of the requests for pages, robots.txt left out
}

func newHopSite(t *testing.T, page func(w http.ResponseWriter, r *http.Request)) *hopSite {
	s := &hopSite{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			io.WriteString(w, "User-agent: *\nAllow: /\n")
			return
		}
		s.mu.Lock()
		s.hits = append(s.hits, time.Now())
		s.mu.Unlock()
		page(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// A redirect hop to another host waits for that host's turn in a shared
// crawl too: the delay between two requests to a host holds across all
// workers, whichever host's link led there. Two hosts link /go/N.html
// only, and each of those redirects to an article on a third host, which
// nothing else links: every request the third host sees is a hop, taken
// by two workers at once.
func testScaleCrossHostHop(t *testing.T, bin string, srv *redistest.Server) {
	const delay = 250 * time.Millisecond
	var target *hopSite
	target = newHopSite(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/news/%d.html", &n); err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour plan %d</title></head><body>
<article><h1>Harbour plan %d: the council approves new homes by the river</h1><p class="date">March %d, 2026 10:00</p>
<p>The city council on Tuesday approved plan number %d for the river district, ending a debate that has lasted for more than two years and divided residents of the old harbour quarter.</p>
<p>Under the plan, some four hundred new homes will be built on former industrial land, with a park along the water and a school for six hundred pupils, officials said after the vote.</p>
<p>Opponents argued that the area lacks transport links and that traffic on the two bridges is already heavy at peak hours; the council promised a new bus line before the first homes open.</p>
</article></body></html>`, n, n, n+1, n)
	})
	// Two hosts link half the articles each: each spaces its own requests,
	// so only the target host's own turn can space the hops that arrive
	// there from both.
	var seeds []string
	for half := range 2 {
		o := newHopSite(t, func(w http.ResponseWriter, r *http.Request) {
			switch p := r.URL.Path; {
			case p == "/":
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				io.WriteString(w, `<!DOCTYPE html><html><head><title>Links</title></head><body><ul>`)
				for i := half; i < hopArticles; i += 2 {
					fmt.Fprintf(w, `<li><a href="/go/%d.html">Harbour plan number %d for the river district</a></li>`, i, i)
				}
				io.WriteString(w, `</ul></body></html>`)
			case strings.HasPrefix(p, "/go/"):
				http.Redirect(w, r, target.srv.URL+"/news/"+strings.TrimPrefix(p, "/go/"), http.StatusFound)
			default:
				http.NotFound(w, r)
			}
		})
		seeds = append(seeds, o.srv.URL+"/")
	}

	dir := t.TempDir()
	spec := crawlSpec{
		bin: bin, redis: srv.URL, crawlID: "hop", delay: delay, concurrency: 2,
		seeds:    seeds,
		stateFor: func(id string) string { return filepath.Join(dir, "state-"+id) },
		outFor:   func(id string) string { return filepath.Join(dir, "out-"+id) + "/" },
		extra:    []string{"--allow-domain", "127.0.0.1"},
	}
	ws := startWorkers(t, spec, 2)
	waitAll(t, ws, scaleWait, 0)

	var outs []string
	for _, w := range ws {
		outs = append(outs, spec.outFor(w.id))
	}
	recs, _ := readOutputs(t, outputFiles(t, outs...))
	got := map[string]int{}
	for _, r := range recs {
		got[r.URL]++
	}
	for i := range hopArticles {
		if u := fmt.Sprintf("%s/news/%d.html", target.srv.URL, i); got[u] != 1 {
			t.Errorf("%s emitted %d times, want once", u, got[u])
		}
	}

	target.mu.Lock()
	hits := append([]time.Time(nil), target.hits...)
	target.mu.Unlock()
	sort.Slice(hits, func(i, j int) bool { return hits[i].Before(hits[j]) })
	if len(hits) != hopArticles {
		t.Errorf("the target host got %d requests, want %d", len(hits), hopArticles)
	}
	// Slack for a loaded machine, as in TestRedirectHopKeepsDelay: the
	// server stamps a request when it reads it; hops without a turn
	// arrive about together.
	short := 0
	for i := 1; i < len(hits); i++ {
		if gap := hits[i].Sub(hits[i-1]); gap < delay*4/5 {
			short++
			t.Logf("requests %d and %d to the target host came %v apart", i-1, i, gap.Round(time.Millisecond))
		}
	}
	if short > 0 {
		t.Errorf("%d of %d gaps between hops to the target host were shorter than the %v delay", short, len(hits)-1, delay)
	}
}
