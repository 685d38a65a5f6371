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
	if err := cfg.Validate(); err != nil {
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
	if err := cfg.Validate(); err == nil {
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
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.Sites[0].rules == nil {
		t.Error("rules not compiled")
	}
	bad := "sites:\n  - seeds: [http://a.test/]\n    selectors:\n      body: 'div[['\n"
	sites, err = ParseSites(strings.NewReader(bad), "bad.yaml")
	if err == nil {
		cfg = Config{Sites: sites}
		err = cfg.Validate()
	}
	if err == nil || !strings.Contains(err.Error(), "selectors") {
		t.Errorf("bad selector: err = %v", err)
	}
}

func TestValidateErrors(t *testing.T) {
	site := func(mod func(*Site)) []Site {
		s := Site{Name: "news", Seeds: []string{"https://news.example.com/"}}
		mod(&s)
		return []Site{s}
	}
	tests := []struct {
		name string
		cfg  Config
		want string // in the error
	}{
		{"no sites", Config{}, "no sites"},
		{"no seeds", Config{Sites: []Site{{Name: "empty"}}}, `site "empty": no seeds`},
		{"ftp seed", Config{Sites: site(func(s *Site) { s.Seeds = []string{"ftp://x"} })}, `site "news": seed "ftp://x" is not an http(s) URL`},
		{"not a URL", Config{Sites: site(func(s *Site) { s.Seeds = []string{"not a url"} })}, `seed "not a url" is not an http(s) URL`},
		{"unnamed site", Config{Sites: []Site{{Seeds: []string{"http://a.test/"}}, {Seeds: []string{"x"}}}}, `site 2: seed "x"`},
		{"bad feed", Config{Sites: site(func(s *Site) { s.Feeds = []string{"feed.xml"} })}, `feed "feed.xml" is not an http(s) URL`},
		{"bad sitemap", Config{Sites: site(func(s *Site) { s.Sitemaps = []string{"mailto:a@b"} })}, `sitemap "mailto:a@b"`},
		{"bad domain", Config{Sites: site(func(s *Site) { s.AllowDomains = []string{" . "} })}, `allowed domain " . "`},
		{"bad pattern", Config{Sites: site(func(s *Site) { s.ArticlePattern = "(" })}, `site "news": article_pattern: error parsing regexp: missing closing )`},
		{"bad selector", Config{Sites: site(func(s *Site) { s.Selectors.Body = "div[[" })}, `site "news": selectors: `},
		{"negative workers", Config{Sites: site(func(*Site) {}), Workers: -1}, "workers -1"},
		{"negative max pause", Config{Sites: site(func(*Site) {}), MaxPause: -time.Second}, "max pause -1s"},
		{"negative max duration", Config{Sites: site(func(*Site) {}), MaxDuration: -time.Minute}, "max duration -1m0s"},
	}
	for _, tt := range tests {
		err := tt.cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestValidateDefaults(t *testing.T) {
	cfg := Config{Sites: []Site{{Seeds: []string{"HTTPS://News.Example.com:443/a#top"}}}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.Delay != time.Second || cfg.Concurrency != 2 || cfg.Workers != 32 || cfg.Retries != 3 ||
		cfg.MaxPause != 3*time.Minute || cfg.MaxDuration != 0 || cfg.DeadLinkTTL != 7*24*time.Hour ||
		cfg.RevisitWindow != 48*time.Hour || cfg.MaxHostPages != 10000 || cfg.MaxDepth != 5 {
		t.Errorf("defaults: delay %v concurrency %d workers %d retries %d max pause %v max duration %v dead-link TTL %v revisit %v",
			cfg.Delay, cfg.Concurrency, cfg.Workers, cfg.Retries, cfg.MaxPause, cfg.MaxDuration, cfg.DeadLinkTTL, cfg.RevisitWindow)
	}
	s := cfg.Sites[0]
	if s.Seeds[0] != "https://news.example.com/a" || s.Name != "news.example.com" || strings.Join(s.AllowDomains, ",") != "news.example.com" {
		t.Errorf("site after Validate: %+v", s)
	}

	// Explicit values are kept, and a second Validate (Run validates its
	// Config again) changes nothing: "none" must not become a default.
	cfg = Config{Sites: []Site{{Seeds: []string{"http://a.test/"}}}, Delay: -1, Retries: -1, Workers: 4,
		MaxPause: time.Minute, MaxDuration: time.Hour, DeadLinkTTL: -1}
	for i := 1; i <= 2; i++ {
		if err := cfg.Validate(); err != nil {
			t.Fatal(err)
		}
		if cfg.Delay != 0 || cfg.Retries != 0 || cfg.Workers != 4 || cfg.MaxPause != time.Minute ||
			cfg.MaxDuration != time.Hour || cfg.DeadLinkTTL != -1 {
			t.Errorf("after call %d: delay %v retries %d workers %d max pause %v max duration %v dead-link TTL %v",
				i, cfg.Delay, cfg.Retries, cfg.Workers, cfg.MaxPause, cfg.MaxDuration, cfg.DeadLinkTTL)
		}
	}
}

func TestSitePoliteness(t *testing.T) {
	def := Politeness{Delay: time.Second, Concurrency: 2}
	tests := []struct {
		name string
		site *Site
		want Politeness
	}{
		{"nil site", nil, def},
		{"no override", &Site{}, def},
		{"delay", &Site{Delay: 3 * time.Second}, Politeness{Delay: 3 * time.Second, Concurrency: 2}},
		{"no delay", &Site{Delay: -1}, Politeness{Delay: 0, Concurrency: 2}},
		{"concurrency", &Site{Concurrency: 5}, Politeness{Delay: time.Second, Concurrency: 5}},
		{"both", &Site{Delay: -1, Concurrency: 1}, Politeness{Delay: 0, Concurrency: 1}},
	}
	for _, tt := range tests {
		if got := tt.site.Politeness(def); got != tt.want {
			t.Errorf("%s: Politeness(%+v) = %+v, want %+v", tt.name, def, got, tt.want)
		}
	}
}

// TestParseSitesPoliteness: an explicit "delay: 0s" means no delay for the
// site, an absent key the run's delay.
func TestParseSitesPoliteness(t *testing.T) {
	const cfg = `sites:
  - name: zero
    seeds: [http://a.test/]
    delay: 0s
  - name: absent
    seeds: [http://b.test/]
  - name: slow
    seeds: [http://c.test/]
    delay: 5s
    concurrency: 1
`
	sites, err := ParseSites(strings.NewReader(cfg), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	def := Politeness{Delay: time.Second, Concurrency: 2}
	want := map[string]Politeness{
		"zero":   {Delay: 0, Concurrency: 2},
		"absent": {Delay: time.Second, Concurrency: 2},
		"slow":   {Delay: 5 * time.Second, Concurrency: 1},
	}
	for i := range sites {
		s := &sites[i]
		if got := s.Politeness(def); got != want[s.Name] {
			t.Errorf("site %s: Politeness = %+v, want %+v", s.Name, got, want[s.Name])
		}
	}
	for bad, msg := range map[string]string{
		"sites:\n  - seeds: [http://a.test/]\n    delay: -2s\n":      "delay -2s is negative",
		"sites:\n  - seeds: [http://a.test/]\n    concurrency: 0\n":  "concurrency 0: must be at least 1",
		"sites:\n  - seeds: [http://a.test/]\n    concurrency: -3\n": "concurrency -3",
		"sites:\n  - name: x\n    seeds: [ftp://a.test/]\n":          `config bad.yaml: site 1 (x): seed "ftp://a.test/" is not an http(s) URL`,
	} {
		if _, err := ParseSites(strings.NewReader(bad), "bad.yaml"); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseSites(%q) = %v, want an error containing %q", bad, err, msg)
		}
	}
}

// TestParseConfigShared: the top-level redis and crawl_id keys of a shared
// crawl are read beside the sites; a config without them has them empty.
func TestParseConfigShared(t *testing.T) {
	for _, tc := range []struct {
		yaml, redis, crawlID string
	}{
		{"redis: redis://10.0.0.5:6379/2\ncrawl_id: portals-hourly\nsites:\n  - seeds: [http://a/]\n", "redis://10.0.0.5:6379/2", "portals-hourly"},
		{"sites:\n  - seeds: [http://a/]\n", "", ""},
	} {
		fc, err := ParseConfig(strings.NewReader(tc.yaml), "test.yaml")
		if err != nil {
			t.Fatalf("ParseConfig(%q): %v", tc.yaml, err)
		}
		if fc.Redis != tc.redis || fc.CrawlID != tc.crawlID || len(fc.Sites) != 1 || fc.Sites[0].Seeds[0] != "http://a/" {
			t.Errorf("ParseConfig(%q) = %+v; want redis %q, crawl id %q, one site", tc.yaml, fc, tc.redis, tc.crawlID)
		}
	}
}
