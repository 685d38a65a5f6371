package crawler

import (
	"fmt"
	"testing"
)

// seenCache answers for URLs added, keeps the ones in use, and stays
// bounded.
func TestSeenCache(t *testing.T) {
	var s seenCache
	ts := []target{{url: "http://a/1"}, {url: "http://a/2"}, {url: "http://a/3"}}
	if got := s.drop(ts); len(got) != 3 {
		t.Fatalf("empty cache dropped %v", got)
	}
	s.add("http://a/2")
	if got := s.drop(ts); len(got) != 2 || got[0].url != "http://a/1" || got[1].url != "http://a/3" {
		t.Fatalf("drop = %v, want /1 and /3", got)
	}
	if len(ts) != 3 || ts[1].url != "http://a/2" {
		t.Fatalf("drop changed its argument: %v", ts)
	}
	for i := range 3 * seenCacheSize {
		s.add(fmt.Sprintf("http://b/%d", i))
		if i%100 == 0 {
			s.drop(ts[1:2]) // /2 in use
		}
	}
	if got := s.drop(ts[1:2]); len(got) != 0 {
		t.Error("a URL in use was forgotten")
	}
	if got := s.drop([]target{{url: "http://b/0"}}); len(got) != 1 {
		t.Error("an old URL was kept")
	}
	if n := len(s.cur) + len(s.prev); n > 2*seenCacheSize {
		t.Errorf("cache holds %d URLs", n)
	}
}
