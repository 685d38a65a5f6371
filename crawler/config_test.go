package crawler

import (
	"strings"
	"testing"
	"time"
)

func TestLoadExampleSites(t *testing.T) {
	sites, err := LoadSites("../examples/sites.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 2 {
		t.Fatalf("%d sites, want 2", len(sites))
	}
	s := sites[0]
	if s.Name != "example-news" || len(s.Seeds) != 2 || s.Delay != 2*time.Second || s.Concurrency != 1 ||
		strings.Join(s.AllowDomains, ",") != "news.example.com,www.example.com" || s.ArticlePattern == "" {
		t.Errorf("site 1 = %+v", s)
	}
	cfg := Config{Sites: sites}
	if err := cfg.setDefaults(); err != nil {
		t.Fatal(err)
	}
	if got := cfg.Sites[1].AllowDomains; len(got) != 1 || got[0] != "www.example.com.tw" {
		t.Errorf("default allowed domains %v", got)
	}
}

func TestParseSitesErrors(t *testing.T) {
	for _, bad := range []string{
		"sites: []",
		"sites:\n  - name: x\n",
		"sites:\n  - seeds: [http://a/]\n    delay: soon\n",
		"sites:\n  - seeds: [http://a/]\n    sedes: [http://b/]\n",
	} {
		if _, err := ParseSites(strings.NewReader(bad), "test.yaml"); err == nil {
			t.Errorf("ParseSites(%q) accepted a bad config", bad)
		}
	}
	cfg := Config{Sites: []Site{{Seeds: []string{"http://a/"}, ArticlePattern: "("}}}
	if err := cfg.setDefaults(); err == nil {
		t.Error("bad article_pattern accepted")
	}
}
