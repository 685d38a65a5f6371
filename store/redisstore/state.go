package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/newspipe/newspipe/store"
)

// State is the durable per-URL crawl state (store.State) shared by every
// worker of a crawl: what was last emitted for a URL (so a rerun emits only
// what is new or changed, whichever worker fetches it), its cache validators,
// and each output's watermark. Keys, beside the frontier's:
//
//	np:{CRAWL}:page:URL   HASH   the page's fields (h, e, t, m, f, l, d)
//	np:{CRAWL}:emitted    ZSET   URL -> EmittedAt (Unix ms), for Recent
//	np:{CRAWL}:outputs    HASH   output key -> watermark offset
//
// Every write is one MULTI/EXEC transaction, so a worker that dies halfway
// leaves either all of a MarkEmitted or none of it, as the bbolt state does.
// Each call runs under the State's own timeout, derived from the caller's
// context: cancelling it stops the wait.
type State struct {
	s       *Store
	timeout time.Duration
}

// stateTimeout bounds one State call.
const stateTimeout = 10 * time.Second

// State returns the crawl's shared per-URL state. Closing it does not close
// the Store.
func (s *Store) State() *State { return &State{s: s, timeout: stateTimeout} }

var _ store.State = (*State)(nil)

// Page hash fields.
const (
	fHash     = "h"
	fEmitted  = "e"
	fETag     = "t"
	fLastMod  = "m"
	fFetched  = "f"
	fLinks    = "l"
	fDeadAt   = "d"
	timeFmt   = time.RFC3339Nano
	recentMax = 1024 // URLs read per round trip by Recent
)

func (st *State) pageKey(url string) string { return "np:{" + st.s.crawl + "}:page:" + url }
func (st *State) emittedKey() string        { return "np:{" + st.s.crawl + "}:emitted" }
func (st *State) outputsKey() string        { return "np:{" + st.s.crawl + "}:outputs" }

// ctx bounds one call made under the caller's parent: it ends at the State's
// timeout or when parent does.
func (st *State) ctx(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(parent, st.timeout)
}

// Page implements store.State.
func (st *State) Page(ctx context.Context, url string) (store.Page, error) {
	ctx, cancel := st.ctx(ctx)
	defer cancel()
	m, err := st.s.rdb.HGetAll(ctx, st.pageKey(url)).Result()
	if err != nil {
		return store.Page{}, fmt.Errorf("redis %s: page %s: %w", st.s.addr, url, err)
	}
	return st.page(url, m)
}

// Pages implements store.State in one round trip.
func (st *State) Pages(ctx context.Context, urls []string) ([]store.Page, error) {
	ctx, cancel := st.ctx(ctx)
	defer cancel()
	cmds := make([]*redis.MapStringStringCmd, len(urls))
	_, err := st.s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, u := range urls {
			cmds[i] = p.HGetAll(ctx, st.pageKey(u))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis %s: %d pages: %w", st.s.addr, len(urls), err)
	}
	out := make([]store.Page, len(urls))
	for i, u := range urls {
		if out[i], err = st.page(u, cmds[i].Val()); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// page decodes the page hash m of url.
func (st *State) page(url string, m map[string]string) (store.Page, error) {
	var err error
	var p store.Page
	p.ContentHash, p.ETag, p.LastModified = m[fHash], m[fETag], m[fLastMod]
	for f, t := range map[string]*time.Time{fEmitted: &p.EmittedAt, fFetched: &p.FetchedAt, fDeadAt: &p.DeadAt} {
		if v := m[f]; v != "" {
			if *t, err = time.Parse(timeFmt, v); err != nil {
				return store.Page{}, fmt.Errorf("redis %s: page %s: field %s: %w", st.s.addr, url, f, err)
			}
		}
	}
	if v := m[fLinks]; v != "" {
		if err := json.Unmarshal([]byte(v), &p.Links); err != nil {
			return store.Page{}, fmt.Errorf("redis %s: page %s: links: %w", st.s.addr, url, err)
		}
	}
	return p, nil
}

// MarkEmitted implements store.State: the records' hashes and times, their
// place in the emitted index, and output m.Key's watermark, in one
// transaction.
func (st *State) MarkEmitted(ctx context.Context, m store.Mark, recs []store.Emitted) error {
	ctx, cancel := st.ctx(ctx)
	defer cancel()
	_, err := st.s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, r := range recs {
			p.HSet(ctx, st.pageKey(r.URL), fHash, r.ContentHash, fEmitted, r.At.UTC().Format(timeFmt))
			p.ZAdd(ctx, st.emittedKey(), redis.Z{Score: float64(emittedScore(r.At)), Member: r.URL})
		}
		if m.Key != "" {
			p.HSet(ctx, st.outputsKey(), m.Key, strconv.FormatInt(m.Offset, 10))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis %s: mark %d emitted: %w", st.s.addr, len(recs), err)
	}
	return nil
}

// emittedScore is t in Unix milliseconds (exact in a float64 score), 0
// before 1970.
func emittedScore(t time.Time) int64 { return max(t.UnixMilli(), 0) }

// PutValidators implements store.State. A dead URL only gets DeadAt; the
// validators of its last complete fetch stay.
func (st *State) PutValidators(ctx context.Context, vs []store.Validators) error {
	if len(vs) == 0 {
		return nil
	}
	ctx, cancel := st.ctx(ctx)
	defer cancel()
	_, err := st.s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, v := range vs {
			key := st.pageKey(v.URL)
			if v.Dead {
				p.HSet(ctx, key, fDeadAt, v.FetchedAt.UTC().Format(timeFmt))
				continue
			}
			links, err := json.Marshal(v.Links)
			if err != nil {
				return err
			}
			p.HSet(ctx, key, fETag, v.ETag, fLastMod, v.LastModified, fFetched, v.FetchedAt.UTC().Format(timeFmt), fLinks, string(links))
			p.HDel(ctx, key, fDeadAt)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("redis %s: put %d validators: %w", st.s.addr, len(vs), err)
	}
	return nil
}

// Watermark implements store.State.
func (st *State) Watermark(ctx context.Context, key string) (int64, error) {
	ctx, cancel := st.ctx(ctx)
	defer cancel()
	v, err := st.s.rdb.HGet(ctx, st.outputsKey(), key).Result()
	if err == redis.Nil {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("redis %s: watermark of %s: %w", st.s.addr, key, err)
	}
	off, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("redis %s: watermark of %s: %q: %w", st.s.addr, key, v, err)
	}
	return off, nil
}

// Recent implements store.State: the URLs emitted at or after since, oldest
// first, read recentMax at a time; fn runs between reads, so it may use the
// State. As with the bbolt state, a URL marked emitted meanwhile may show up
// too, or twice.
func (st *State) Recent(ctx context.Context, since time.Time, fn func(url string) error) error {
	min := strconv.FormatInt(emittedScore(since), 10)
	offset := int64(0)
	for {
		ctx, cancel := st.ctx(ctx)
		zs, err := st.s.rdb.ZRangeByScoreWithScores(ctx, st.emittedKey(), &redis.ZRangeBy{
			Min: min, Max: "+inf", Offset: offset, Count: recentMax,
		}).Result()
		cancel()
		if err != nil {
			return fmt.Errorf("redis %s: recent since %s: %w", st.s.addr, since.Format(time.RFC3339), err)
		}
		for _, z := range zs {
			if err := fn(z.Member.(string)); err != nil {
				return err
			}
		}
		if len(zs) < recentMax {
			return nil
		}
		// Resume after the last score read; URLs sharing it are read again
		// from their first, which Recent's contract allows.
		last := int64(zs[len(zs)-1].Score)
		if next := strconv.FormatInt(last, 10); next == min {
			offset += int64(len(zs))
		} else {
			min, offset = next, 0
		}
	}
}

// Close implements store.State; the Store stays open.
func (st *State) Close() error { return nil }

// coverageKey is site's coverage history: a LIST of JSON store.Coverage,
// oldest first.
func (st *State) coverageKey(site string) string { return "np:{" + st.s.crawl + "}:coverage:" + site }

// AddCoverage implements store.State in one MULTI/EXEC: the history read,
// the new entry appended and the list trimmed happen together, so that
// workers adding their part of a run at once each see a consistent list.
func (st *State) AddCoverage(ctx context.Context, site string, c store.Coverage, keep int) ([]store.Coverage, error) {
	ctx, cancel := st.ctx(ctx)
	defer cancel()
	v, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("coverage of %s: %w", site, err)
	}
	key := st.coverageKey(site)
	var before *redis.StringSliceCmd
	_, err = st.s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		before = p.LRange(ctx, key, 0, -1)
		p.RPush(ctx, key, v)
		p.LTrim(ctx, key, int64(-keep), -1)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("redis %s: coverage of %s: %w", st.s.addr, site, err)
	}
	var hist []store.Coverage
	for _, s := range before.Val() {
		var h store.Coverage
		if json.Unmarshal([]byte(s), &h) == nil {
			hist = append(hist, h)
		}
	}
	return hist, nil
}

func (st *State) storyKey(k uint64) string { return fmt.Sprintf("np:{%s}:story:%x", st.s.crawl, k) }
func (st *State) storySigsKey() string     { return "np:{" + st.s.crawl + "}:storysigs" }

// Stories returns the stories filed under any of keys (FileStory), each
// once, in two round trips.
func (st *State) Stories(ctx context.Context, keys []uint64) ([]store.Story, error) {
	ctx, cancel := st.ctx(ctx)
	defer cancel()
	out, err := st.readStories(ctx, st.s.rdb, keys)
	if err != nil {
		return nil, fmt.Errorf("redis %s: stories: %w", st.s.addr, err)
	}
	return out, nil
}

// readStories reads the stories filed under any of keys, each once, with
// c: the client, or a transaction watching the keys. The band keys of one
// crawl share a hash slot, so one SUNION reads them all.
func (st *State) readStories(ctx context.Context, c redis.Cmdable, keys []uint64) ([]store.Story, error) {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = st.storyKey(k)
	}
	urls, err := c.SUnion(ctx, names...).Result()
	if err != nil || len(urls) == 0 {
		return nil, err
	}
	sigs, err := c.HMGet(ctx, st.storySigsKey(), urls...).Result()
	if err != nil {
		return nil, err
	}
	var out []store.Story
	for i, v := range sigs {
		if sig, ok := v.(string); ok {
			out = append(out, store.Story{URL: urls[i], Sig: []byte(sig)})
		}
	}
	return out, nil
}

// fileStoryTries bounds the tries of one FileStory: each retry means
// another worker filed a story under one of the same keys in between,
// which a crawl sees a few times a second at most.
const fileStoryTries = 32

// FileStory implements store.State optimistically, in one round trip for
// the common case of a first copy: a script files st unless stories are
// filed under its band keys; when some are, it returns them instead, match
// looks at them here, and the script is run again with their URLs, filing
// st only if the stories under the keys are still exactly those (another
// worker may have filed in between, and then match looks again). Only a
// story sharing a band key can be a match, so those keys are all it
// checks.
func (st *State) FileStory(ctx context.Context, s store.Story, keys []uint64, match func([]store.Story) string) (string, error) {
	ctx, cancel := st.ctx(ctx)
	defer cancel()
	rkeys := make([]string, 0, 1+len(keys))
	rkeys = append(rkeys, st.storySigsKey())
	for _, k := range keys {
		rkeys = append(rkeys, st.storyKey(k))
	}
	args := []any{s.URL, s.Sig}
	for try := range fileStoryTries {
		if try > 1 {
			// Lost to another worker again: wait a random while, doubling,
			// so that workers filing under one key at once do not keep
			// beating each other.
			if err := sleepCtx(ctx, rand.N(time.Millisecond<<min(try, 7))); err != nil {
				return "", fmt.Errorf("redis %s: file story %s: %w", st.s.addr, s.URL, err)
			}
		}
		res, err := fileStoryScript.Run(ctx, st.s.rdb, rkeys, args...).Slice()
		if err != nil {
			return "", fmt.Errorf("redis %s: file story %s: %w", st.s.addr, s.URL, err)
		}
		earlier, urls, filed, err := filedStories(res)
		if err != nil {
			return "", fmt.Errorf("redis %s: file story %s: %w", st.s.addr, s.URL, err)
		}
		if filed {
			return "", nil
		}
		if found := match(earlier); found != "" || store.Filed(earlier, s.URL) {
			return found, nil
		}
		args = args[:2]
		for _, u := range urls {
			args = append(args, u)
		}
	}
	return "", fmt.Errorf("redis %s: file story %s: %d tries in a row lost to other workers", st.s.addr, s.URL, fileStoryTries)
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// filedStories reads fileStoryScript's answer: whether it filed the
// story, or else the stories filed under the band keys and the URLs filed
// there (those whose signature is not stored are among the URLs, which
// the next try must name, and not among the stories).
func filedStories(res []any) (stories []store.Story, urls []string, filed bool, err error) {
	if len(res) == 0 || len(res)%2 == 0 {
		return nil, nil, false, fmt.Errorf("file story script returned %d values", len(res))
	}
	if n, _ := res[0].(int64); n == 1 {
		return nil, nil, true, nil
	}
	for i := 1; i+1 < len(res); i += 2 {
		u, _ := res[i].(string)
		urls = append(urls, u)
		if sig, _ := res[i+1].(string); sig != "" {
			stories = append(stories, store.Story{URL: u, Sig: []byte(sig)})
		}
	}
	return stories, urls, false, nil
}
