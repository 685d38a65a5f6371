package crawler

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"time"

	"github.com/newspipe/newspipe/extract"
	"go.yaml.in/yaml/v3"
)

// Site is one portal to crawl.
type Site struct {
	Name string `yaml:"name"`
	// Seeds are the start pages (home, channel or listing pages).
	Seeds []string `yaml:"seeds"`
	// AllowDomains limits the crawl to these hosts and their subdomains;
	// empty means the seeds' hosts.
	AllowDomains []string `yaml:"allow_domains"`
	// ArticlePattern, when set, is a regexp a URL must match to be emitted.
	ArticlePattern string `yaml:"article_pattern"`
	// Delay and Concurrency override the run's per-host politeness for
	// this site's hosts; see Politeness. A positive Delay replaces the
	// run's delay, a negative one means no delay, and zero keeps the run's
	// delay. A positive Concurrency replaces the run's concurrency. In a
	// config file an absent key keeps the run's value and "delay: 0s"
	// means no delay (ParseSites stores it as a negative Delay).
	Delay       time.Duration `yaml:"-"`
	Concurrency int           `yaml:"-"`
	// Feeds and Sitemaps are extra discovery sources besides those found
	// on pages, in robots.txt and at /sitemap.xml.
	Feeds    []string `yaml:"feeds"`
	Sitemaps []string `yaml:"sitemaps"`
	// Selectors optionally point the extractor at this site's title, body,
	// date and author elements, and at elements to drop.
	Selectors extract.Selectors `yaml:"selectors"`

	pattern *regexp.Regexp
	rules   *extract.Rules
}

// Politeness returns def with the site's overrides applied: a positive
// Delay replaces def.Delay, a negative Delay makes it zero (no delay), and
// a positive Concurrency replaces def.Concurrency. Zero fields keep def's
// values, and so does a nil site.
func (s *Site) Politeness(def Politeness) Politeness {
	if s == nil {
		return def
	}
	p := def
	switch {
	case s.Delay > 0:
		p.Delay = s.Delay
	case s.Delay < 0:
		p.Delay = 0
	}
	if s.Concurrency > 0 {
		p.Concurrency = s.Concurrency
	}
	return p
}

// prepare checks and normalizes the site: it normalizes the seeds and the
// allowed domains (defaulting to the seeds' hosts), checks the feed and
// sitemap URLs, compiles the article pattern and the selectors, and names
// an unnamed site after its first allowed domain. Calling it again on a
// prepared site changes nothing.
func (s *Site) prepare() error {
	if len(s.Seeds) == 0 {
		return errors.New("no seeds")
	}
	for j, seed := range s.Seeds {
		n := Normalize(seed)
		if n == "" {
			return fmt.Errorf("seed %q is not an http(s) URL", seed)
		}
		s.Seeds[j] = n
	}
	for _, f := range s.Feeds {
		if Normalize(f) == "" {
			return fmt.Errorf("feed %q is not an http(s) URL", f)
		}
	}
	for _, m := range s.Sitemaps {
		if Normalize(m) == "" {
			return fmt.Errorf("sitemap %q is not an http(s) URL", m)
		}
	}
	if len(s.AllowDomains) == 0 {
		for _, seed := range s.Seeds {
			u, _ := url.Parse(seed)
			s.AllowDomains = append(s.AllowDomains, hostOf(u))
		}
	}
	for j, d := range s.AllowDomains {
		n := normalizeDomain(d)
		if n == "" {
			return fmt.Errorf("allowed domain %q is not a host name", d)
		}
		s.AllowDomains[j] = n
	}
	s.pattern = nil
	if s.ArticlePattern != "" {
		re, err := regexp.Compile(s.ArticlePattern)
		if err != nil {
			return fmt.Errorf("article_pattern: %w", err)
		}
		s.pattern = re
	}
	s.rules = nil
	if s.Selectors != (extract.Selectors{}) {
		r, err := extract.CompileRules(s.Selectors)
		if err != nil {
			return fmt.Errorf("selectors: %w", err)
		}
		s.rules = r
	}
	if s.Name == "" {
		s.Name = s.AllowDomains[0]
	}
	return nil
}

// fileConfig is the shape of a --config YAML file.
type fileConfig struct {
	Sites   []siteEntry `yaml:"sites"`
	Redis   string      `yaml:"redis"`
	CrawlID string      `yaml:"crawl_id"`
}

// FileConfig is a --config file: its sites, and for a crawl shared by
// several processes the Redis URL and crawl id (empty when absent).
type FileConfig struct {
	Sites   []Site
	Redis   string
	CrawlID string
}

// LoadConfig reads a YAML config file (see examples/sites.yaml).
func LoadConfig(path string) (FileConfig, error) {
	f, err := os.Open(path)
	if err != nil {
		return FileConfig{}, fmt.Errorf("config %s: %w", path, err)
	}
	defer f.Close()
	return ParseConfig(f, path)
}

// siteEntry is one site of a config file. Delay and Concurrency are
// pointers to tell an absent key (keep the run's value) from an explicit
// one such as "delay: 0s".
type siteEntry struct {
	Site        `yaml:",inline"`
	Delay       *time.Duration `yaml:"delay"`
	Concurrency *int           `yaml:"concurrency"`
}

// LoadSites reads a YAML config file (see examples/sites.yaml).
func LoadSites(path string) ([]Site, error) {
	fc, err := LoadConfig(path)
	return fc.Sites, err
}

// ParseSites parses a YAML config from r; name is used in messages. It
// rejects unknown keys, sites without seeds, seeds, feeds and sitemaps that
// are not http(s) URLs, article patterns and selectors that do not
// compile, a negative delay and a concurrency below 1. A "delay: 0s"
// becomes a negative Site.Delay: no delay for that site.
func ParseSites(r io.Reader, name string) ([]Site, error) {
	fc, err := ParseConfig(r, name)
	return fc.Sites, err
}

// ParseConfig parses a YAML config from r like ParseSites, with the
// top-level redis and crawl_id keys.
func ParseConfig(r io.Reader, name string) (FileConfig, error) {
	var fc fileConfig
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil {
		return FileConfig{}, fmt.Errorf("config %s: %w", name, err)
	}
	if len(fc.Sites) == 0 {
		return FileConfig{}, fmt.Errorf("config %s: no sites", name)
	}
	sites := make([]Site, len(fc.Sites))
	for i, e := range fc.Sites {
		s := e.Site
		err := e.apply(&s)
		if err == nil {
			err = s.prepare()
		}
		if err != nil {
			return FileConfig{}, fmt.Errorf("config %s: site %d (%s): %w", name, i+1, e.Name, err)
		}
		sites[i] = s
	}
	return FileConfig{Sites: sites, Redis: fc.Redis, CrawlID: fc.CrawlID}, nil
}

// apply copies the entry's explicit delay and concurrency into s.
func (e *siteEntry) apply(s *Site) error {
	if e.Delay != nil {
		switch d := *e.Delay; {
		case d < 0:
			return fmt.Errorf("delay %v is negative", d)
		case d == 0:
			s.Delay = -1 // explicit: no delay
		default:
			s.Delay = d
		}
	}
	if e.Concurrency != nil {
		if *e.Concurrency < 1 {
			return fmt.Errorf("concurrency %d: must be at least 1", *e.Concurrency)
		}
		s.Concurrency = *e.Concurrency
	}
	return nil
}

// Config tunes a crawl. Zero values take the defaults named below;
// Validate checks a Config and fills them in.
type Config struct {
	Sites []Site

	UserAgent   string        // default DefaultUserAgent
	Delay       time.Duration // per host, between request starts; default 1s; negative means none
	Concurrency int           // per host; default 2
	// Workers is the number of goroutines fetching and processing pages,
	// across all hosts together; default 32. Delay and Concurrency still
	// limit each host.
	Workers  int
	MaxPages int // requests per run, 0 = no limit
	// MaxHostPages caps the requests to one host per run (crawler-trap
	// guard); default 10000.
	MaxHostPages int
	// MaxDepth is the link depth followed from seeds (seeds are depth 1,
	// pages listed in feeds and sitemaps depth 2); default 5.
	MaxDepth int
	// MaxCalendarDepth bounds chains of calendar-like pages (a date page
	// linking to the next date page ...); default 3.
	MaxCalendarDepth int
	// RevisitWindow: articles emitted less than this long ago are
	// revalidated (conditional GET) on each run even when the listings that
	// link them did not change, so that an edited story is emitted again;
	// default 48h, negative disables.
	RevisitWindow time.Duration
	// DeadLinkTTL is how long a URL that answered 404 or 410 is not
	// requested again, in this run and the next ones; default 7 days
	// (168h); negative means such URLs are requested again on every run.
	DeadLinkTTL  time.Duration
	Timeout      time.Duration // per request; default 30s
	MaxBody      int64         // bytes; default 10 MiB
	MaxRedirects int           // default 5
	// Retries is how many times a request is retried after a 429, 5xx or
	// timeout; default 3, negative means none. RetryBase is the first
	// backoff (doubling each time; default 1s); MaxRetryWait caps any
	// wait, a longer Retry-After gives up (default 60s).
	Retries      int
	RetryBase    time.Duration
	MaxRetryWait time.Duration
	// MaxPause caps how long one host is paused for a Retry-After or a
	// retry backoff; default 3m, negative is an error. URLs of a host that
	// asks for a longer pause are not requested in this run: they stay in
	// the state and the next run requests them.
	MaxPause time.Duration
	// MaxDuration is a hard deadline for the whole run; 0 means none,
	// negative is an error. When it passes the run stops as when a page
	// cap is reached: the output is flushed, and the URLs not yet
	// requested stay in the state for the next run to continue.
	MaxDuration time.Duration

	Logger   *slog.Logger // default: discard
	Progress io.Writer    // progress line target (a terminal), or nil
	// Now returns the current time; default time.Now.
	Now func() time.Time
	// Transport is the HTTP transport under the crawler's own; default a
	// clone of http.DefaultTransport.
	Transport http.RoundTripper

	validated bool // the defaults of Delay and Retries are applied
}

// DefaultUserAgent identifies newspipe to the sites it visits and to their
// robots.txt.
const DefaultUserAgent = "newspipe/0.1 (+https://github.com/newspipe/newspipe; news crawler)"

// Validate checks c and fills in the defaults named in the field comments.
// It returns an error naming the first bad value: no sites, a site without
// seeds, a seed, feed or sitemap that is not an http(s) URL, an article
// pattern or selector that does not compile, or a negative Workers,
// MaxPause or MaxDuration. Run validates its Config itself; calling
// Validate first lets a caller reject a bad configuration before it opens
// any state or output. Validate may be called more than once: a second
// call changes nothing.
func (c *Config) Validate() error {
	switch {
	case c.Workers < 0:
		return fmt.Errorf("workers %d: must not be negative", c.Workers)
	case c.MaxPause < 0:
		return fmt.Errorf("max pause %v: must not be negative", c.MaxPause)
	case c.MaxDuration < 0:
		return fmt.Errorf("max duration %v: must not be negative", c.MaxDuration)
	}
	if len(c.Sites) == 0 {
		return errors.New("no sites to crawl")
	}
	for i := range c.Sites {
		s := &c.Sites[i]
		label := fmt.Sprintf("site %d", i+1)
		if s.Name != "" {
			label = fmt.Sprintf("site %q", s.Name)
		}
		if err := s.prepare(); err != nil {
			return fmt.Errorf("%s: %w", label, err)
		}
	}
	c.applyDefaults()
	return nil
}

// applyDefaults fills in the defaults of c's zero fields. Delay and
// Retries, where negative means none, are mapped only once.
func (c *Config) applyDefaults() {
	if !c.validated {
		if c.Delay == 0 {
			c.Delay = time.Second
		} else if c.Delay < 0 {
			c.Delay = 0
		}
		if c.Retries < 0 {
			c.Retries = 0
		} else if c.Retries == 0 {
			c.Retries = 3
		}
		c.validated = true
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 2
	}
	if c.Workers == 0 {
		c.Workers = 32
	}
	if c.MaxHostPages <= 0 {
		c.MaxHostPages = 10000
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = 5
	}
	if c.MaxCalendarDepth <= 0 {
		c.MaxCalendarDepth = 3
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.RevisitWindow == 0 {
		c.RevisitWindow = 48 * time.Hour
	}
	if c.DeadLinkTTL == 0 {
		c.DeadLinkTTL = 7 * 24 * time.Hour
	}
	if c.MaxBody <= 0 {
		c.MaxBody = 10 << 20
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = 5
	}
	if c.RetryBase <= 0 {
		c.RetryBase = time.Second
	}
	if c.MaxRetryWait <= 0 {
		c.MaxRetryWait = time.Minute
	}
	if c.MaxPause == 0 {
		c.MaxPause = 3 * time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		// Keep a connection per slot alive: the default of 2 idle
		// connections per host makes every further request dial anew.
		t.MaxIdleConnsPerHost = 64
		t.ResponseHeaderTimeout = c.Timeout
		c.Transport = t
	}
}
