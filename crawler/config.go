package crawler

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"time"

	"github.com/newspipe/newspipe/extract"
	"gopkg.in/yaml.v3"
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
	// Delay and Concurrency override the run's per-host politeness.
	Delay       time.Duration `yaml:"delay"`
	Concurrency int           `yaml:"concurrency"`
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

// fileConfig is the shape of a --config YAML file.
type fileConfig struct {
	Sites []Site `yaml:"sites"`
}

// LoadSites reads a YAML config file (see examples/sites.yaml).
func LoadSites(path string) ([]Site, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	defer f.Close()
	return ParseSites(f, path)
}

// ParseSites parses a YAML config from r; name is used in messages.
func ParseSites(r io.Reader, name string) ([]Site, error) {
	var fc fileConfig
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil {
		return nil, fmt.Errorf("config %s: %w", name, err)
	}
	if len(fc.Sites) == 0 {
		return nil, fmt.Errorf("config %s: no sites", name)
	}
	for i, s := range fc.Sites {
		if len(s.Seeds) == 0 {
			return nil, fmt.Errorf("config %s: site %d (%s) has no seeds", name, i+1, s.Name)
		}
	}
	return fc.Sites, nil
}

// Config tunes a crawl. Zero values take the defaults named below.
type Config struct {
	Sites []Site

	UserAgent   string        // default DefaultUserAgent
	Delay       time.Duration // per host, between request starts; default 1s; negative means none
	Concurrency int           // per host; default 2
	MaxPages    int           // requests per run, 0 = no limit
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
	Timeout       time.Duration // per request; default 30s
	MaxBody       int64         // bytes; default 10 MiB
	MaxRedirects  int           // default 5
	// Retries is how many times a request is retried after a 429, 5xx or
	// timeout; default 3. RetryBase is the first backoff (doubling each
	// time; default 1s); MaxRetryWait caps any wait, a longer Retry-After
	// gives up (default 60s).
	Retries      int
	RetryBase    time.Duration
	MaxRetryWait time.Duration

	Logger   *slog.Logger // default: discard
	Progress io.Writer    // progress line target (a terminal), or nil
	// Now returns the current time; default time.Now.
	Now func() time.Time
	// Transport is the HTTP transport under the crawler's own; default a
	// clone of http.DefaultTransport.
	Transport http.RoundTripper
}

// DefaultUserAgent identifies newspipe to the sites it visits and to their
// robots.txt.
const DefaultUserAgent = "newspipe/0.1 (+https://github.com/newspipe/newspipe; news crawler)"

func (c *Config) setDefaults() error {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Delay == 0 {
		c.Delay = time.Second
	} else if c.Delay < 0 {
		c.Delay = 0
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 2
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
	if c.MaxBody <= 0 {
		c.MaxBody = 10 << 20
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = 5
	}
	if c.Retries < 0 {
		c.Retries = 0
	} else if c.Retries == 0 {
		c.Retries = 3
	}
	if c.RetryBase <= 0 {
		c.RetryBase = time.Second
	}
	if c.MaxRetryWait <= 0 {
		c.MaxRetryWait = time.Minute
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
	if len(c.Sites) == 0 {
		return fmt.Errorf("no seeds")
	}
	for i := range c.Sites {
		s := &c.Sites[i]
		if len(s.Seeds) == 0 {
			return fmt.Errorf("site %q has no seeds", s.Name)
		}
		for j, seed := range s.Seeds {
			n := Normalize(seed)
			if n == "" {
				return fmt.Errorf("seed %q is not an http(s) URL", seed)
			}
			s.Seeds[j] = n
		}
		if len(s.AllowDomains) == 0 {
			for _, seed := range s.Seeds {
				u, _ := url.Parse(seed)
				s.AllowDomains = append(s.AllowDomains, hostOf(u))
			}
		}
		for j, d := range s.AllowDomains {
			s.AllowDomains[j] = normalizeDomain(d)
		}
		if s.ArticlePattern != "" {
			re, err := regexp.Compile(s.ArticlePattern)
			if err != nil {
				return fmt.Errorf("site %q article_pattern: %w", s.Name, err)
			}
			s.pattern = re
		}
		if s.Selectors != (extract.Selectors{}) {
			r, err := extract.CompileRules(s.Selectors)
			if err != nil {
				return fmt.Errorf("site %q selectors: %w", s.Name, err)
			}
			s.rules = r
		}
		if s.Name == "" {
			s.Name = s.AllowDomains[0]
		}
	}
	return nil
}
