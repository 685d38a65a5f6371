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

func TestParseSitesSelectors(t *testing.T) {
	good := "sites:\n  - seeds: [http://a.test/]\n    selectors:\n      body: div.article-body\n      remove: .ad, .promo\n"
	sites, err := ParseSites(strings.NewReader(good), "good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if sites[0].Selectors.Body != "div.article-body" || sites[0].Selectors.Remove != ".ad, .promo" {
		t.Errorf("selectors = %+v", sites[0].Selectors)
	}
	cfg := Config{Sites: sites}
	if err := cfg.setDefaults(); err != nil {
		t.Fatal(err)
	}
	if cfg.Sites[0].rules == nil {
		t.Error("rules not compiled")
	}
	bad := "sites:\n  - seeds: [http://a.test/]\n    selectors:\n      body: 'div[['\n"
	sites, err = ParseSites(strings.NewReader(bad), "bad.yaml")
	if err == nil {
		cfg = Config{Sites: sites}
		err = cfg.setDefaults()
	}
	if err == nil || !strings.Contains(err.Error(), "selectors") {
		t.Errorf("bad selector: err = %v", err)
	}
}
