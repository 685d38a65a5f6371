package crawler

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestDuplicateOf: a reprint of a story on the same portal (another title,
// an editor line added) gets duplicate_of pointing at the copy emitted
// first, other stories get null, and a reprint found in a later run points
// at the first copy of an earlier run.
func TestDuplicateOf(t *testing.T) {
	reprints := map[int]bool{2: true} // ids serving story 0 again
	site := newMiniSite(t, 3, func(s *miniSite) {
		s.hook = func(w http.ResponseWriter, r *http.Request) bool {
			var id int
			if _, err := fmt.Sscanf(r.URL.Path, "/news/%d.html", &id); err != nil || id >= s.n {
				return false
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if id == 1 { // another story (the mini site's stories differ in numbers only)
				w.Write([]byte(otherStory))
				return true
			}
			if !reprints[id] {
				return false
			}
			page := strings.Replace(miniArticle(0), "Story 0:", fmt.Sprintf("Reprint %d:", id), 1)
			page = strings.Replace(page, "</article>", "<p>(Editor: Jane Roe)</p></article>", 1)
			w.Write([]byte(page))
			return true
		}
	})
	cfg := miniConfig(site)
	dir, out := t.TempDir(), filepath.Join(t.TempDir(), "out.jsonl")
	if _, err := crawlOnce(t, context.Background(), cfg, dir, out); err != nil {
		t.Fatal(err)
	}
	recs := readRecords(t, out, 0)
	dup := map[string]string{}
	for _, r := range recs {
		if r.DuplicateOf == nil {
			t.Fatalf("record %s has no duplicate_of key", r.URL)
		}
		dup[r.URL[strings.LastIndex(r.URL, "/")+1:]] = *r.DuplicateOf
	}
	zero, two := dup["0.html"], dup["2.html"]
	switch {
	case len(dup) != 3 || dup["1.html"] != "":
		t.Fatalf("duplicate_of = %v; want 3 records, story 1 first of its own", dup)
	case !(zero == "" && strings.HasSuffix(two, "/news/0.html")) && !(two == "" && strings.HasSuffix(zero, "/news/2.html")):
		t.Fatalf("duplicate_of = %v; want one of news/0 and news/2 pointing at the other", dup)
	}
	first := "0.html"
	if zero != "" {
		first = "2.html"
	}

	// A later run finds a new reprint: it points at the earlier run's copy.
	site.mu.Lock()
	site.n = 4
	reprints[3] = true
	site.mu.Unlock()
	if _, err := crawlOnce(t, context.Background(), cfg, dir, out); err != nil {
		t.Fatal(err)
	}
	recs = readRecords(t, out, len(recs))
	if len(recs) != 1 || !strings.HasSuffix(recs[0].URL, "/news/3.html") || recs[0].DuplicateOf == nil ||
		!strings.HasSuffix(*recs[0].DuplicateOf, "/news/"+first) {
		for _, r := range recs {
			t.Logf("run 2 record %s duplicate_of %v", r.URL, r.DuplicateOf)
		}
		t.Fatalf("run 2: want only news/3.html, a duplicate of news/%s", first)
	}
}

const otherStory = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Floods - Mini Portal</title></head><body>
<article><h1>Heavy rain floods the northern valley for the second time this month</h1><p class="date">March 3, 2026 08:15</p>
<p>Heavy rain overnight flooded farms and roads across the northern valley, and emergency crews evacuated two villages before dawn as the river rose above its banks for the second time this month.</p>
<p>Forecasters expect more storms through the weekend; the regional government opened three shelters in school gyms and asked drivers to avoid the mountain pass until engineers inspect its bridges.</p>
<p>Farmers said the flooding would delay spring planting by weeks, and several asked for help with the cost of clearing silt and debris from their fields once the water recedes.</p>
</article></body></html>`
