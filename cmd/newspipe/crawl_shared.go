package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/newspipe/newspipe/crawler"
	"github.com/newspipe/newspipe/store"
	"github.com/newspipe/newspipe/store/redisstore"
)

// shared holds the flags of a crawl shared by several processes through
// Redis (issue #8). Without --redis the crawl is one process on bbolt.
type shared struct {
	redis, crawlID, workerID string
	redisTimeout, redisLease time.Duration
}

func (s *shared) register(fs *flag.FlagSet) {
	fs.StringVar(&s.redis, "redis", "", "share the crawl with other newspipe processes through the Redis server at `URL` (redis://HOST:6379/0, unix:///path/redis.sock); also redis: in --config. Without it the crawl runs in this process on --state")
	fs.StringVar(&s.crawlID, "crawl-id", "default", "`name` of the shared crawl: processes with the same --redis and --crawl-id crawl together; also crawl_id: in --config")
	fs.StringVar(&s.workerID, "worker-id", defaultWorkerID(), "this process's `name` in the shared crawl (letters, digits, - and _): unique per process, and the same after a restart so that it finishes its own partial work; output file names carry it")
	fs.DurationVar(&s.redisTimeout, "redis-timeout", time.Minute, "while Redis is unreachable the crawl pauses and retries; after this long it stops (exit 1, output intact)")
	fs.DurationVar(&s.redisLease, "redis-lease", 30*time.Second, "how long the URLs and fetch slots of a worker that died wait before other workers take them over")
}

// check validates the shared-crawl flags.
func (s *shared) check() error {
	if s.redis == "" {
		s.workerID = "" // one process: output names as ever
		return nil
	}
	if err := redisstore.CheckCrawlID(s.crawlID); err != nil {
		return fmt.Errorf("--crawl-id: %w", err)
	}
	switch {
	case !validName(s.workerID):
		return fmt.Errorf("--worker-id %q: use letters, digits, - and _ (1 to 64)", s.workerID)
	case s.redisTimeout <= 0 || s.redisLease < time.Second:
		return errors.New("--redis-timeout must be > 0 and --redis-lease at least 1s")
	}
	return nil
}

// defaultWorkerID is the host name, with every character that may not name
// a worker replaced by '-'.
func defaultWorkerID() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "worker"
	}
	b := []byte(h)
	for i, c := range b {
		if !nameByte(c) {
			b[i] = '-'
		}
	}
	return string(b[:min(len(b), 64)])
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !nameByte(s[i]) {
			return false
		}
	}
	return true
}

func nameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// openEnv opens the crawl's state and frontier: the bbolt files in
// stateDir, or, with --redis, the shared crawl in Redis (stateDir then
// holds only this worker's lock). It returns the exit code for an error.
func openEnv(ctx context.Context, f *crawlFlags, stateDir string, log *crawlLog) (crawler.Env, func(), int, error) {
	lockDir := stateDir
	if f.redis != "" {
		lockDir = filepath.Join(stateDir, "workers", f.crawlID+"."+f.workerID)
	}
	st, err := store.Open(lockDir, 200*time.Millisecond)
	if errors.Is(err, store.ErrLocked) {
		what := "another crawl is running on state " + stateDir
		if f.redis != "" {
			what = fmt.Sprintf("worker %s of crawl %s is already running on this machine (lock %s)", f.workerID, f.crawlID, lockDir)
		}
		return crawler.Env{}, nil, exitLocked, fmt.Errorf("%s (its lock is held); exiting", what)
	}
	if err != nil {
		return crawler.Env{}, nil, exitFailed, err
	}
	if f.redis == "" {
		fr, err := store.OpenFrontier(stateDir)
		if err != nil {
			st.Close()
			return crawler.Env{}, nil, exitFailed, err
		}
		return crawler.Env{State: st, Frontier: fr}, func() { fr.Close(); st.Close() }, exitOK, nil
	}
	// go-redis logs connection retries itself, on stderr; newspipe reports
	// an outage once (see redisstore.Worker), so its lines go to debug.
	redis.SetLogger(redisLog{log.Logger})
	rs, err := redisstore.Open(ctx, f.redis, f.crawlID)
	if err != nil {
		st.Close()
		return crawler.Env{}, nil, exitFailed, fmt.Errorf("shared crawl %s: %w", f.crawlID, err)
	}
	w := rs.NewWorker(redisstore.WorkerOptions{Name: f.workerID, Lease: f.redisLease, Patience: f.redisTimeout, Logger: log.Logger})
	log.Info("shared crawl", "crawl_id", f.crawlID, "worker_id", f.workerID)
	closeAll := func() {
		if err := w.Close(); err != nil {
			log.Warn("leaving the shared run", "err", err)
		}
		rs.Close()
		st.Close()
	}
	return crawler.Env{State: w.State(), Frontier: w, Coordinator: w}, closeAll, exitOK, nil
}

// redisLog sends go-redis's own log lines to debug.
type redisLog struct{ l *slog.Logger }

func (r redisLog) Printf(ctx context.Context, format string, v ...any) {
	r.l.DebugContext(ctx, "redis client: "+fmt.Sprintf(format, v...))
}
