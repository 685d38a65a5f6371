package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
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

Slow hosts and long runs: each host has its own --delay and --concurrency,
so a slow host holds up only its own URLs. A host that answers 429 or 503
with Retry-After, or keeps failing, is paused; a pause longer than
--max-pause is not waited out: that host's remaining URLs stay in --state
and the next run requests them. --max-duration ends the run at a deadline
the same way: the output is flushed, the run exits 0, and the next run
continues with the URLs left. Pages that answered 404 or 410 are not
requested again for --dead-link-ttl.

Several machines: with --redis, every process with the same --redis and
--crawl-id shares one crawl (frontier, dedup, per-host politeness,
robots.txt, per-URL state); each writes its own output, named with its
--worker-id. A worker that dies loses nothing: its URLs go to the others
after --redis-lease. Example, on each machine:
  newspipe crawl --config sites.yaml --redis redis://10.0.0.5:6379/0 --crawl-id portals --worker-id "$(hostname -s)" --out out/

Exit status: 0 done (also when --max-duration, --max-pages or a long pause
left URLs for the next run), 1 the run failed (no seed reachable, output or
state error, Redis unreachable), 2 usage error (bad flags, seeds, config
file, pattern or selector; nothing is opened), 3 another crawl holds the
state lock (with --redis: this worker id is running), 130 stopped by a
signal. The summary on stderr shows the status and the duration.

Flags:
`

// crawlFlags are the parsed flags of "newspipe crawl".
type crawlFlags struct {
	config, out, state, userAgent, logFormat, logLevel, articlePattern string
	demoAddr                                                           string
	delay, timeout, revisit, maxPause, maxDuration, deadLinkTTL        time.Duration
	concurrency, maxPages, maxHostPages, maxDepth, retries             int
	maxBody                                                            byteSize
	allow, feeds, sitemaps                                             listFlag
	demo, noProgress                                                   bool
	shared                                                             // --redis and its companions
	warcFlags                                                          // --warc and --warc-max-size
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

// defaultStateDir is $XDG_STATE_HOME/newspipe, else ~/.local/state/newspipe,
// else "" when neither XDG_STATE_HOME nor HOME is set.
func defaultStateDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "newspipe")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		return filepath.Join(home, ".local", "state", "newspipe")
	}
	return ""
}

// parseCrawlFlags parses the flags and positional seeds of "newspipe
// crawl". When the flags parse but their values are wrong it returns both
// the flags and the error, so that the error can be logged in the chosen
// --log-format.
func parseCrawlFlags(args []string, stderr io.Writer) (*crawlFlags, error) {
	f := &crawlFlags{maxBody: 10 << 20}
	fs := newFlagSet("crawl", crawlUsage, stderr)
	fs.StringVar(&f.config, "config", "", "YAML `file` listing sites (seeds, allowed domains, article pattern, delay, concurrency); see examples/sites.yaml")
	fs.StringVar(&f.out, "out", "-", "where records go: `PATH` of a file (records appended, whole lines only), a directory (one new file per run, named by its start time; none when nothing is new), or - for stdout")
	fs.StringVar(&f.state, "state", defaultStateDir(), "crawl state `dir` (what was emitted, cache validators, the run lock); required when neither XDG_STATE_HOME nor HOME is set")
	fs.DurationVar(&f.delay, "delay", time.Second, "minimum time between request starts to one host")
	fs.IntVar(&f.concurrency, "concurrency", 2, "requests in flight to one host at most")
	fs.IntVar(&f.maxPages, "max-pages", 0, "stop after this many requests in the run (0 = no limit)")
	fs.IntVar(&f.maxHostPages, "max-host-pages", 10000, "at most this many requests to one host in a run, all workers of a shared crawl together (crawler-trap guard)")
	fs.IntVar(&f.maxDepth, "max-depth", 5, "link depth followed from the seeds (seeds are 1; pages from feeds and sitemaps 2)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Second, "timeout of one request (connect to end of body)")
	fs.Var(&f.maxBody, "max-body", "largest response body read, e.g. 10MiB; larger pages are skipped, not truncated")
	fs.StringVar(&f.userAgent, "user-agent", crawler.DefaultUserAgent, "User-Agent sent, and matched against robots.txt")
	fs.Var(&f.allow, "allow-domain", "domain the seeds' crawl may enter, with its subdomains; repeatable or comma-separated (default: the seeds' hosts)")
	fs.StringVar(&f.articlePattern, "article-pattern", "", "regexp an article URL of the seeds' site must match (default: decided from the page)")
	fs.Var(&f.feeds, "feed", "extra RSS/Atom feed `URL` of the seeds' site; repeatable")
	fs.Var(&f.sitemaps, "sitemap", "extra sitemap `URL` of the seeds' site; repeatable")
	fs.DurationVar(&f.revisit, "revisit-window", 48*time.Hour, "articles emitted this recently are revalidated every run (a 304 when unchanged) so that edits are emitted again; 0 disables")
	fs.IntVar(&f.retries, "retries", 3, "retries of a request after 429, 5xx or a timeout (exponential backoff, Retry-After honoured up to --max-pause)")
	fs.DurationVar(&f.maxPause, "max-pause", 3*time.Minute, "longest pause of one host for a Retry-After or a retry backoff; the URLs of a host asking for a longer pause are left in --state for the next run")
	fs.DurationVar(&f.maxDuration, "max-duration", 0, "stop the run after this long (0 = no limit), flushing the output; the next run continues with the URLs left in --state")
	fs.DurationVar(&f.deadLinkTTL, "dead-link-ttl", 7*24*time.Hour, "a URL that answered 404 or 410 is not requested again for this long (0 = ask again every run)")
	fs.StringVar(&f.logFormat, "log-format", "text", "log format on stderr: text or json")
	fs.StringVar(&f.logLevel, "log-level", "info", "least log level: debug, info, warn or error")
	fs.BoolVar(&f.noProgress, "no-progress", false, "no progress line, even on a terminal")
	f.shared.register(fs)
	f.warcFlags.register(fs)
	fs.BoolVar(&f.demo, "demo", false, "serve a bundled demo portal on loopback and crawl it (offline; state in a temporary dir unless --state is given)")
	fs.StringVar(&f.demoAddr, "demo-addr", demoAddr, "`ADDR` the --demo portal listens on (when taken, any free loopback port; its URLs, and so a kept --state, then change)")
	seeds, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	f.seeds = seeds
	f.set = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	switch {
	case f.logFormat != "text" && f.logFormat != "json":
		err := fmt.Errorf("--log-format must be text or json, not %q", f.logFormat)
		f.logFormat = "text" // to report this error
		return f, err
	case f.concurrency < 1:
		return f, errors.New("--concurrency must be at least 1")
	case f.delay < 0 || f.timeout <= 0:
		return f, errors.New("--delay must be >= 0 and --timeout > 0")
	case f.maxPages < 0 || f.maxHostPages < 1 || f.maxDepth < 1 || f.retries < 0:
		return f, errors.New("--max-pages must be >= 0, --max-host-pages and --max-depth >= 1, --retries >= 0")
	case f.maxPause <= 0:
		return f, fmt.Errorf("--max-pause must be > 0, not %v", f.maxPause)
	case f.maxDuration < 0 || f.deadLinkTTL < 0:
		return f, errors.New("--max-duration and --dead-link-ttl must be >= 0")
	case !f.demo && f.config == "" && len(f.seeds) == 0:
		if f.logFormat != "json" {
			fs.Usage()
		}
		return f, errors.New("give SEED_URLs, --config or --demo")
	case f.demo && (f.config != "" || len(f.seeds) > 0):
		return f, errors.New("--demo crawls the bundled portal only; drop --config and seeds")
	case f.state == "" && !f.demo:
		return f, errors.New("no state directory: neither XDG_STATE_HOME nor HOME is set; pass --state DIR")
	}
	if _, err := parseLevel(f.logLevel); err != nil {
		return f, err
	}
	return f, f.shared.check()
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
		fc, err := crawler.LoadConfig(f.config)
		if err != nil {
			return nil, err
		}
		sites = fc.Sites
		if !f.set["redis"] && fc.Redis != "" {
			f.redis = fc.Redis
		}
		if !f.set["crawl-id"] && fc.CrawlID != "" {
			f.crawlID = fc.CrawlID
		}
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

// crawlConfig maps the flags onto a crawler.Config for sites.
func (f *crawlFlags) crawlConfig(sites []crawler.Site, logger *slog.Logger) crawler.Config {
	cfg := crawler.Config{
		Sites: sites, UserAgent: f.userAgent, Delay: f.delay, Concurrency: f.concurrency,
		MaxPages: f.maxPages, MaxHostPages: f.maxHostPages, MaxDepth: f.maxDepth,
		Timeout: f.timeout, MaxBody: int64(f.maxBody), Retries: f.retries, RevisitWindow: f.revisit,
		DeadLinkTTL: f.deadLinkTTL, MaxPause: f.maxPause, MaxDuration: f.maxDuration, Logger: logger,
	}
	// In the flags 0 means none; in a Config it means the default.
	if cfg.Delay == 0 {
		cfg.Delay = -1
	}
	if cfg.Retries == 0 {
		cfg.Retries = -1
	}
	if cfg.RevisitWindow == 0 {
		cfg.RevisitWindow = -1
	}
	if cfg.DeadLinkTTL == 0 {
		cfg.DeadLinkTTL = -1
	}
	return cfg
}

// crawlLog writes a crawl's messages on stderr: slog records, and the run's
// failure and summary as plain text or, with --log-format json, as JSON
// records like every other line.
type crawlLog struct {
	*slog.Logger
	w    io.Writer // stderr, or the line-clearing writer in front of it
	json bool
}

// newCrawlLog returns the log for f's --log-format and --log-level on w.
func newCrawlLog(f *crawlFlags, w io.Writer) *crawlLog {
	level, _ := parseLevel(f.logLevel) // checked by parseCrawlFlags; info if bad
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if f.logFormat == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	l := slog.New(h)
	if f.workerID != "" { // a shared crawl: logs of many workers get mixed
		l = l.With("worker_id", f.workerID)
	}
	return &crawlLog{Logger: l, w: w, json: f.logFormat == "json"}
}

// always writes a record whatever --log-level.
func (l *crawlLog) always(level slog.Level, msg string, args ...any) {
	r := slog.NewRecord(time.Now(), level, msg, 0)
	r.Add(args...)
	l.Handler().Handle(context.Background(), r)
}

// fail reports err, the reason the run ends with status code, and returns
// code.
func (l *crawlLog) fail(code int, err error) int {
	if l.json {
		l.always(slog.LevelError, err.Error(), "exit_status", code)
	} else {
		fmt.Fprintf(l.w, "newspipe crawl: %v\n", err)
	}
	return code
}

// summary reports the run's statistics, its exit status and its duration.
func (l *crawlLog) summary(stats crawler.Stats, code int, d time.Duration) {
	if l.json {
		var shared []any
		if stats.CrawlWide != nil {
			shared = append(shared, "crawl_wide", stats.CrawlWide)
		}
		l.always(slog.LevelInfo, "summary", append(shared, "requests", stats.Requests, "fetched", stats.Fetched, "not_modified", stats.NotModified,
			"articles", stats.Articles, "emitted", stats.Emitted, "unchanged", stats.Unchanged, "other_pages", stats.NonArticles,
			"skipped", stats.Skipped, "errors", stats.Errors, "seeds_ok", stats.SeedsOK, "seeds", stats.Seeds,
			"cancelled", stats.Cancelled, "failed", stats.Failed, "truncated", stats.Truncated, "deadline_reached", stats.DeadlineReached,
			"resumed", stats.Resumed, "recovered", stats.Recovered, "rejected", stats.Rejected,
			"aside_hosts", stats.AsideHosts, "aside_urls", stats.AsideURLs, "carried", stats.Carried,
			"site_drift", len(stats.SiteDrift), "drifted_sites", stats.SiteDrift,
			"duration", d.Round(time.Millisecond).String(), "duration_s", math.Round(d.Seconds()*1000)/1000,
			"exit_status", code)...)
		return
	}
	stats.WriteSummary(l.w)
	fmt.Fprintf(l.w, "  exit status %d (%s) after %s\n", code, statusText(code), d.Round(time.Millisecond))
}

// statusText names an exit status of a run.
func statusText(code int) string {
	switch code {
	case exitOK:
		return "done"
	case exitStopped:
		return "stopped by a signal"
	default:
		return "failed"
	}
}

func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	f, err := parseCrawlFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if f == nil { // the flags did not parse; there is no log format yet
		fmt.Fprintf(stderr, "newspipe crawl: %v\n", err)
		return exitUsage
	}
	// The crawl's CPU work is extraction: the same collector tuning as
	// newspipe extract (a crawl of real pages ran 1.2x faster with it).
	defer tuneGC(os.Getenv, systemMemory)()
	tty := isTerminal(stderr) && !f.noProgress && f.logFormat == "text"
	logw := stderr
	if tty {
		logw = &lineClearingWriter{w: stderr}
	}
	log := newCrawlLog(f, logw)
	if err != nil {
		return log.fail(exitUsage, err)
	}

	sites, err := f.sites()
	if err != nil {
		return log.fail(exitUsage, err)
	}
	if f.demo {
		demo, err := startDemo(f.demoAddr)
		if err != nil {
			return log.fail(exitFailed, fmt.Errorf("demo portal: %w", err))
		}
		defer demo.Close()
		log.Info("demo portal serving", "url", demo.URL)
		sites = []crawler.Site{{Name: "demo", Seeds: []string{demo.URL + "/"}}}
		if !f.set["delay"] {
			f.delay = 20 * time.Millisecond
		}
	}
	cfg := f.crawlConfig(sites, log.Logger)
	if tty {
		cfg.Progress = logw
	}
	// Before the lock and the output: a usage error leaves no trace.
	if err := cfg.Validate(); err != nil {
		return log.fail(exitUsage, err)
	}

	stateDir := f.state
	if f.demo && !f.set["state"] {
		tmp, err := os.MkdirTemp("", "newspipe-demo-state-")
		if err != nil {
			return log.fail(exitFailed, err)
		}
		defer os.RemoveAll(tmp)
		stateDir = tmp
	}
	env, closeEnv, failCode, err := openEnv(ctx, f, stateDir, log)
	if err != nil {
		return log.fail(failCode, err)
	}
	defer closeEnv()
	start := time.Now()
	out, err := store.OpenWorkerOutput(f.out, start, stdout, f.workerID)
	if err != nil {
		return log.fail(exitFailed, err)
	}
	env.Output = out
	archive, err := f.openWARC(start, f.workerID, log)
	if err != nil {
		out.Close()
		return log.fail(exitFailed, err)
	}
	if archive != nil { // a nil *Writer would make a non-nil Archiver
		env.Archive = archive
	}

	log.Info("crawl starting", "sites", len(sites), "out", out.Name(), "state", stateDir)
	stats, runErr := crawler.Run(ctx, cfg, env)
	if archive != nil {
		// Renames the last WARC file to its final name before the summary.
		if err := archive.Close(); err != nil && runErr == nil {
			runErr = err
		}
	}
	if err := out.Close(); err != nil && runErr == nil {
		runErr = err
	}
	d := stats.Duration
	if d <= 0 {
		d = time.Since(start)
	}
	// Only our context (a signal) means "stopped": a run cut short by its
	// own limits (--max-duration, page caps) has finished.
	code := exitOK
	switch {
	case ctx.Err() != nil:
		code, runErr = exitStopped, nil
	case runErr != nil:
		code = exitFailed
	}
	if runErr != nil && log.json {
		log.fail(code, runErr) // before the summary, which stays the last line
	}
	log.summary(stats, code, d)
	if runErr != nil && !log.json {
		log.fail(code, runErr)
	}
	return code
}
