package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newspipe/newspipe/crawler"
	"github.com/newspipe/newspipe/store"
)

const crawlUsage = `Usage: newspipe crawl [flags] [SEED_URL...]
       newspipe crawl --config sites.yaml [flags]
       newspipe crawl --demo [flags]

Crawls news portals and writes one JSON line per new or changed article.
Seeds (home, channel or listing pages) are followed through links,
pagination, RSS/Atom feeds and sitemaps (robots.txt Sitemap: lines and
/sitemap.xml); only pages that look like articles become records. State in
--state remembers what was emitted, so a rerun emits only articles that are
new or whose body changed, and an unchanged portal costs mostly 304s. Safe
to run from cron: a second run on the same --state exits at once (status 3);
SIGINT/SIGTERM stop within seconds, flushing the output; a run killed at any
point and started again emits every article exactly once over both runs.

Examples:
  newspipe crawl --demo --out -                   # offline demo on a bundled portal
  newspipe crawl https://news.example.com/
  newspipe crawl --config examples/sites.yaml --out /var/lib/newspipe/out/
  newspipe crawl --out news.jsonl --delay 2s --max-pages 500 https://news.example.com/china/

Exit status: 0 done, 1 the run failed (no seed reachable, output or state
error), 2 usage error, 3 another crawl holds the state lock, 130 stopped by
a signal.

Flags:
`

// crawlFlags are the parsed flags of "newspipe crawl".
type crawlFlags struct {
	config, out, state, userAgent, logFormat, logLevel, articlePattern string
	delay, timeout, revisit                                            time.Duration
	concurrency, maxPages, maxHostPages, maxDepth, retries             int
	maxBody                                                            byteSize
	allow, feeds, sitemaps                                             listFlag
	demo, progress, noProgress                                         bool
	seeds                                                              []string
	set                                                                map[string]bool // flags given explicitly
}

// listFlag is a repeatable, comma-separated flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// byteSize is a flag such as 10MiB, 512KB or 1048576.
type byteSize int64

func (b *byteSize) String() string {
	switch n := int64(*b); {
	case n > 0 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n > 0 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	default:
		return strconv.FormatInt(n, 10)
	}
}
func (b *byteSize) Set(v string) error {
	s := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("not a size: %q (e.g. 10MiB, 512KB, 1048576)", v)
	}
	*b = byteSize(n * mult)
	return nil
}

// defaultStateDir is $XDG_STATE_HOME/newspipe, else ~/.local/state/newspipe.
func defaultStateDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "newspipe")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "newspipe")
	}
	return ".newspipe-state"
}

func parseCrawlFlags(args []string, stderr io.Writer) (*crawlFlags, error) {
	f := &crawlFlags{maxBody: 10 << 20}
	fs := newFlagSet("crawl", crawlUsage, stderr)
	fs.StringVar(&f.config, "config", "", "YAML `file` listing sites (seeds, allowed domains, article pattern, delay, concurrency); see examples/sites.yaml")
	fs.StringVar(&f.out, "out", "-", "where records go: `PATH` of a file (records appended, whole lines only), a directory (one new file per run, named by its start time; none when nothing is new), or - for stdout")
	fs.StringVar(&f.state, "state", defaultStateDir(), "crawl state `dir` (what was emitted, cache validators, the run lock)")
	fs.DurationVar(&f.delay, "delay", time.Second, "minimum time between request starts to one host")
	fs.IntVar(&f.concurrency, "concurrency", 2, "requests in flight to one host at most")
	fs.IntVar(&f.maxPages, "max-pages", 0, "stop after this many requests in the run (0 = no limit)")
	fs.IntVar(&f.maxHostPages, "max-host-pages", 10000, "at most this many requests to one host in a run (crawler-trap guard)")
	fs.IntVar(&f.maxDepth, "max-depth", 5, "link depth followed from the seeds (seeds are 1; pages from feeds and sitemaps 2)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout of one request (connect to end of body)")
	fs.Var(&f.maxBody, "max-body", "largest response body read, e.g. 10MiB; larger pages are skipped, not truncated")
	fs.StringVar(&f.userAgent, "user-agent", crawler.DefaultUserAgent, "User-Agent sent, and matched against robots.txt")
	fs.Var(&f.allow, "allow-domain", "domain the seeds' crawl may enter, with its subdomains; repeatable or comma-separated (default: the seeds' hosts)")
	fs.StringVar(&f.articlePattern, "article-pattern", "", "regexp an article URL of the seeds' site must match (default: decided from the page)")
	fs.Var(&f.feeds, "feed", "extra RSS/Atom feed `URL` of the seeds' site; repeatable")
	fs.Var(&f.sitemaps, "sitemap", "extra sitemap `URL` of the seeds' site; repeatable")
	fs.DurationVar(&f.revisit, "revisit-window", 48*time.Hour, "articles emitted this recently are revalidated every run (a 304 when unchanged) so that edits are emitted again; 0 disables")
	fs.IntVar(&f.retries, "retries", 3, "retries of a request after 429, 5xx or a timeout (exponential backoff, Retry-After honoured)")
	fs.StringVar(&f.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.StringVar(&f.logLevel, "log-level", "info", "least log level: debug, info, warn or error")
	fs.BoolVar(&f.noProgress, "no-progress", false, "no progress line, even on a terminal")
	fs.BoolVar(&f.demo, "demo", false, "serve a bundled demo portal on loopback and crawl it (offline; state in a temporary dir unless --state is given)")
	seeds, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	f.seeds = seeds
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	switch {
	case f.logFormat != "text" && f.logFormat != "json":
		return nil, fmt.Errorf("--log-format must be text or json, not %q", f.logFormat)
	case f.concurrency < 1:
		return nil, errors.New("--concurrency must be at least 1")
	case f.delay < 0 || f.timeout <= 0:
		return nil, errors.New("--delay must be >= 0 and --timeout > 0")
	case f.maxPages < 0 || f.maxHostPages < 1 || f.maxDepth < 1 || f.retries < 0:
		return nil, errors.New("--max-pages must be >= 0, --max-host-pages and --max-depth >= 1, --retries >= 0")
	case !f.demo && f.config == "" && len(f.seeds) == 0:
		fs.Usage()
		return nil, errors.New("give SEED_URLs, --config or --demo")
	case f.demo && (f.config != "" || len(f.seeds) > 0):
		return nil, errors.New("--demo crawls the bundled portal only; drop --config and seeds")
	}
	if _, err := parseLevel(f.logLevel); err != nil {
		return nil, err
	}
	return f, nil
}

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("--log-level: %q is not debug, info, warn or error", s)
	}
	return l, nil
}

// sites builds the crawl's sites from --config and the positional seeds.
func (f *crawlFlags) sites() ([]crawler.Site, error) {
	var sites []crawler.Site
	if f.config != "" {
		s, err := crawler.LoadSites(f.config)
		if err != nil {
			return nil, err
		}
		sites = s
	}
	if len(f.seeds) > 0 {
		sites = append(sites, crawler.Site{
			Name: "command line", Seeds: f.seeds, AllowDomains: f.allow,
			ArticlePattern: f.articlePattern, Feeds: f.feeds, Sitemaps: f.sitemaps,
		})
	}
	return sites, nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// lineClearingWriter clears the progress line before each log line.
type lineClearingWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lineClearingWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	io.WriteString(l.w, "\r\033[K")
	return l.w.Write(p)
}

func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, err := parseCrawlFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "newspipe crawl: %v\n", err)
		return exitUsage
	}
	tty := isTerminal(stderr) && !f.noProgress && f.logFormat == "text"
	logw := stderr
	if tty {
		logw = &lineClearingWriter{w: stderr}
	}
	level, _ := parseLevel(f.logLevel)
	hopts := &slog.HandlerOptions{Level: level}
	var logger *slog.Logger
	if f.logFormat == "json" {
		logger = slog.New(slog.NewJSONHandler(logw, hopts))
	} else {
		logger = slog.New(slog.NewTextHandler(logw, hopts))
	}

	sites, err := f.sites()
	if err != nil {
		fmt.Fprintf(stderr, "newspipe crawl: %v\n", err)
		return exitUsage
	}
	stateDir := f.state
	if f.demo {
		demo, err := startDemo()
		if err != nil {
			fmt.Fprintf(stderr, "newspipe crawl: demo portal: %v\n", err)
			return exitFailed
		}
		defer demo.Close()
		logger.Info("demo portal serving", "url", demo.URL)
		sites = []crawler.Site{{Name: "demo", Seeds: []string{demo.URL + "/"}}}
		if !f.set["state"] {
			tmp, err := os.MkdirTemp("", "newspipe-demo-state-")
			if err != nil {
				fmt.Fprintf(stderr, "newspipe crawl: %v\n", err)
				return exitFailed
			}
			defer os.RemoveAll(tmp)
			stateDir = tmp
		}
		if !f.set["delay"] {
			f.delay = 20 * time.Millisecond
		}
	}

	st, err := store.Open(stateDir, 200*time.Millisecond)
	if errors.Is(err, store.ErrLocked) {
		fmt.Fprintf(stderr, "newspipe crawl: another crawl is running on state %s (its lock is held); exiting\n", stateDir)
		return exitLocked
	}
	if err != nil {
		fmt.Fprintf(stderr, "newspipe crawl: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	fr, err := store.OpenFrontier(stateDir)
	if err != nil {
		fmt.Fprintf(stderr, "newspipe crawl: %v\n", err)
		return exitFailed
	}
	defer fr.Close()
	start := time.Now()
	out, err := store.OpenOutput(f.out, start, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "newspipe crawl: %v\n", err)
		return exitFailed
	}

	cfg := crawler.Config{
		Sites: sites, UserAgent: f.userAgent, Delay: f.delay, Concurrency: f.concurrency,
		MaxPages: f.maxPages, MaxHostPages: f.maxHostPages, MaxDepth: f.maxDepth,
		Timeout: f.timeout, MaxBody: int64(f.maxBody), Logger: logger,
	}
	if cfg.Delay == 0 {
		cfg.Delay = -1 // explicit "no delay"
	}
	cfg.RevisitWindow = f.revisit
	if f.revisit <= 0 {
		cfg.RevisitWindow = -1
	}
	if f.retries == 0 {
		cfg.Retries = -1
	} else {
		cfg.Retries = f.retries
	}
	if tty {
		cfg.Progress = logw
	}
	logger.Info("crawl starting", "sites", len(sites), "out", out.Name(), "state", stateDir)
	stats, runErr := crawler.Run(ctx, cfg, crawler.Env{State: st, Frontier: fr, Output: out})
	if err := out.Close(); err != nil && runErr == nil {
		runErr = err
	}
	if f.logFormat == "json" {
		logger.Info("summary", "requests", stats.Requests, "fetched", stats.Fetched, "not_modified", stats.NotModified,
			"articles", stats.Articles, "emitted", stats.Emitted, "unchanged", stats.Unchanged, "other_pages", stats.NonArticles,
			"skipped", stats.Skipped, "errors", stats.Errors, "seeds_ok", stats.SeedsOK, "seeds", stats.Seeds,
			"cancelled", stats.Cancelled, "truncated", stats.Truncated, "duration", stats.Duration.String())
	} else {
		stats.WriteSummary(logw)
	}
	switch {
	case stats.Cancelled:
		return exitStopped
	case runErr != nil:
		fmt.Fprintf(stderr, "newspipe crawl: %v\n", runErr)
		return exitFailed
	}
	return exitOK
}
