package crawler

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newspipe/newspipe/store"
)

func cov(n int, has map[string]int) store.Coverage { return store.Coverage{Articles: n, Has: has} }

// TestDrifted: a sharp drop of a well-covered field against the mean of
// recent runs is drift; noise, a field rarely found, too few runs or too
// few articles are not.
func TestDrifted(t *testing.T) {
	full := map[string]int{"title": 20, "date": 20, "date_time": 20, "authors": 16, "body": 20}
	for _, tc := range []struct {
		name string
		hist []store.Coverage
		cur  store.Coverage
		want string
	}{
		{"dates gone", []store.Coverage{cov(20, full), cov(20, full)}, cov(20, map[string]int{"title": 20, "body": 20, "authors": 16}), "date 100%→0%, date_time 100%→0%"},
		{"authors halved and more", []store.Coverage{cov(20, full), cov(20, full)}, cov(20, map[string]int{"title": 20, "date": 20, "date_time": 20, "body": 20, "authors": 2}), "authors 80%→10%"},
		{"a small dip", []store.Coverage{cov(20, full), cov(20, full)}, cov(20, map[string]int{"title": 20, "date": 17, "date_time": 17, "authors": 13, "body": 20}), ""},
		{"one run of history", []store.Coverage{cov(20, full)}, cov(20, map[string]int{"title": 20}), ""},
		{"small runs ignored", []store.Coverage{cov(5, full), cov(5, full), cov(20, full)}, cov(20, map[string]int{"title": 20}), ""},
		{"rare field", []store.Coverage{cov(20, map[string]int{"editor": 6}), cov(20, map[string]int{"editor": 8})}, cov(20, map[string]int{}), ""},
	} {
		if got := drifted(tc.hist, tc.cur); got != tc.want {
			t.Errorf("%s: drifted = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestSiteDriftAfterRedesign crawls a portal three times, then once more
// after its template stopped printing dates: only the last run reports the
// site's date coverage dropping, and the state keeps the history.
func TestSiteDriftAfterRedesign(t *testing.T) {
	var redesigned atomic.Bool
	site := newMiniSite(t, 12, func(s *miniSite) {
		s.hook = func(w http.ResponseWriter, r *http.Request) bool {
			if !redesigned.Load() || !strings.HasPrefix(r.URL.Path, "/news/") {
				return false
			}
			var id int
			if _, err := fmt.Sscanf(r.URL.Path, "/news/%d.html", &id); err != nil || id >= 12 {
				return false
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			page := miniArticle(id)
			i := strings.Index(page, `<p class="date">`)
			j := strings.Index(page[i:], "</p>")
			w.Write([]byte(page[:i] + page[i+j+4:]))
			return true
		}
	})
	cfg := miniConfig(site)
	dir, out := t.TempDir(), filepath.Join(t.TempDir(), "out.jsonl")
	for run := 1; run <= 4; run++ {
		redesigned.Store(run == 4)
		st, err := crawlOnce(t, context.Background(), cfg, dir, out)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if st.Articles < 12 {
			t.Fatalf("run %d: %d articles, want 12", run, st.Articles)
		}
		switch {
		case run < 4 && len(st.SiteDrift) != 0:
			t.Errorf("run %d: drift %v before the redesign", run, st.SiteDrift)
		case run == 4 && (len(st.SiteDrift) != 1 || !strings.Contains(st.SiteDrift[0], "127.0.0.1: date 100%→0%")):
			t.Errorf("run 4: drift %v; want the site's dates gone", st.SiteDrift)
		}
	}
	s, err := store.Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hist, err := s.AddCoverage(context.Background(), "127.0.0.1", store.Coverage{}, driftKeepRuns)
	if err != nil || len(hist) != 4 || hist[3].Share("date") != 0 || hist[0].Share("date") != 1 {
		t.Errorf("history = %+v, %v; want 4 runs, dates in the first, none in the last", hist, err)
	}
}
