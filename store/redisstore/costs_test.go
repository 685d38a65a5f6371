package redisstore

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store"
	"github.com/newspipe/newspipe/store/redistest"
	"github.com/redis/go-redis/v9"
)

// meter counts a client's round trips, commands and bytes on the wire.
type meter struct {
	trips, cmds, sent, recv atomic.Int64
}

func (m *meter) reset() { m.trips.Store(0); m.cmds.Store(0); m.sent.Store(0); m.recv.Store(0) }

func (m *meter) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := next(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countConn{Conn: c, m: m}, nil
	}
}

func (m *meter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		m.trips.Add(1)
		m.cmds.Add(1)
		return next(ctx, cmd)
	}
}

func (m *meter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		m.trips.Add(1)
		m.cmds.Add(int64(len(cmds)))
		return next(ctx, cmds)
	}
}

type countConn struct {
	net.Conn
	m *meter
}

func (c *countConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.m.recv.Add(int64(n))
	return n, err
}

func (c *countConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.m.sent.Add(int64(n))
	return n, err
}

// serverInfo returns the fields of INFO section.
func serverInfo(t testing.TB, c *redis.Client, section string) map[string]string {
	t.Helper()
	s, err := c.Info(context.Background(), section).Result()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), ":"); ok {
			m[k] = v
		}
	}
	return m
}

// serverCalls sums the calls of INFO commandstats, scripts' inner calls
// included, the INFO calls left out.
func serverCalls(t testing.TB, c *redis.Client) int64 {
	var n int64
	for k, v := range serverInfo(t, c, "commandstats") {
		if !strings.HasPrefix(k, "cmdstat_") || k == "cmdstat_info" {
			continue
		}
		for _, f := range strings.Split(v, ",") {
			if x, ok := strings.CutPrefix(f, "calls="); ok {
				i, _ := strconv.ParseInt(x, 10, 64)
				n += i
			}
		}
	}
	return n
}

func usedMemory(t testing.TB, c *redis.Client) int64 {
	n, err := strconv.ParseInt(serverInfo(t, c, "memory")["used_memory"], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// testURL is a typical article URL of a Chinese portal (about 70 bytes).
func testURL(host string, i int) string {
	return fmt.Sprintf("https://%s/news/2026/12/02/content_%08d.htm", host, i)
}

// testPayload stands for the crawler's serialized request.
var testPayload = []byte(strings.Repeat("p", 120))

// urlCosts is what one URL costs the frontier: enqueued (in batches of 20,
// the links of a page), taken and acked, and with politeness also a slot
// acquired and released.
type urlCosts struct {
	trips, cmds, serverCmds, bytes float64
}

func measureURL(t testing.TB, srv *redistest.Server, n int, polite bool) urlCosts {
	ctx := context.Background()
	crawl := "cost"
	if polite {
		crawl = "cost-polite"
	}
	// A client of its own, so that the meter sees every connection.
	o := open(t, srv, crawl)
	m := &meter{}
	c := redis.NewClient(o.rdb.Options())
	c.AddHook(m)
	defer c.Close()
	s := &Store{rdb: c, crawl: o.crawl, addr: o.addr, k: o.k}
	run := func(from, to int) {
		jobs := make([]Job, 0, 20)
		for i := from; i < to; i++ {
			host := fmt.Sprintf("www%d.portal.example", i%10)
			jobs = append(jobs, Job{URL: testURL(host, i), Host: host, Depth: 2, Source: "link", Payload: testPayload})
			if len(jobs) == cap(jobs) || i == to-1 {
				if _, err := s.EnqueueNew(ctx, jobs); err != nil {
					t.Fatal(err)
				}
				jobs = jobs[:0]
			}
		}
		for i := from; i < to; i++ {
			host := fmt.Sprintf("www%d.portal.example", i%10)
			if polite {
				if ok, _, err := s.Acquire(ctx, host, "w", 0, 4, time.Minute, 0); err != nil || !ok {
					t.Fatal(ok, err)
				}
			}
			j, ok, err := s.Take(ctx, "w", host, time.Minute)
			if err != nil || !ok {
				t.Fatal(ok, err)
			}
			if err := s.Ack(ctx, "w", j.ID); err != nil {
				t.Fatal(err)
			}
			if polite {
				if err := s.Release(ctx, host, "w"); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	run(0, 40) // loads the scripts, opens the connection
	m.reset()
	before := serverCalls(t, s.rdb)
	run(40, 40+n)
	after := serverCalls(t, s.rdb)
	f := float64(n)
	return urlCosts{
		trips:      float64(m.trips.Load()) / f,
		cmds:       float64(m.cmds.Load()) / f,
		serverCmds: float64(after-before) / f,
		bytes:      float64(m.sent.Load()+m.recv.Load()) / f,
	}
}

// memoryPer measures the server memory that n items cost, added by add
// in batches.
func memoryPer(t testing.TB, s *Store, n, batch int, add func(from, to int)) float64 {
	before := usedMemory(t, s.rdb)
	for i := 0; i < n; i += batch {
		add(i, min(i+batch, n))
	}
	return float64(usedMemory(t, s.rdb) - before)
}

// TestCosts measures, for the README, the Redis commands and bytes one URL
// costs and the memory of 100,000 seen and 100,000 queued URLs. The bounds
// only catch a regression by an order of magnitude.
func TestCosts(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	for _, polite := range []bool{false, true} {
		c := measureURL(t, srv, 3000, polite)
		what := "enqueue+take+ack"
		if polite {
			what += "+acquire+release"
		}
		t.Logf("per URL (%s): %.2f round trips, %.2f client commands, %.2f server commands (script calls included), %.0f bytes on the wire",
			what, c.trips, c.cmds, c.serverCmds, c.bytes)
		maxTrips := 2.1
		if polite {
			maxTrips = 4.1
		}
		if c.trips > maxTrips || c.trips < 1 {
			t.Errorf("%.2f round trips per URL, want between 1 and %.1f", c.trips, maxTrips)
		}
		if c.bytes > 2000 || c.bytes < 300 {
			t.Errorf("%.0f bytes per URL, want 300..2000", c.bytes)
		}
	}

	const n = 100_000
	s := open(t, srv, "mem")
	seen := memoryPer(t, s, n, 1000, func(from, to int) {
		keys := make([]string, 0, to-from)
		for i := from; i < to; i++ {
			keys = append(keys, testURL(fmt.Sprintf("www%d.portal.example", i%100), i))
		}
		if _, err := s.MarkSeen(ctx, keys); err != nil {
			t.Fatal(err)
		}
	})
	queued := memoryPer(t, s, n, 500, func(from, to int) {
		jobs := make([]Job, 0, to-from)
		for i := from; i < to; i++ {
			host := fmt.Sprintf("www%d.portal.example", i%100)
			jobs = append(jobs, Job{URL: testURL(host, n+i), Host: host, Depth: 2, Source: "link", Payload: testPayload})
		}
		if _, err := s.Enqueue(ctx, jobs); err != nil {
			t.Fatal(err)
		}
	})
	// Stories as the crawl files them: 16 band keys and a 64-byte
	// signature each, every key new (distinct articles).
	const nStories = 20_000
	st := s.State()
	none := func([]store.Story) string { return "" }
	stories := memoryPer(t, s, nStories, 1000, func(from, to int) {
		for i := from; i < to; i++ {
			keys := make([]uint64, 16)
			for b := range keys {
				keys[b] = uint64(i)<<8 | uint64(b)
			}
			u := testURL(fmt.Sprintf("www%d.portal.example", i%100), 2*n+i)
			if _, err := st.FileStory(ctx, store.Story{URL: u, Sig: []byte(strings.Repeat("s", 64))}, keys, none); err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Logf("memory per 20k stories filed (16 band keys, 64-byte signature): %.1f MB (%.0f bytes per story)", stories/1e6, stories/nStories)
	if per := stories / nStories; per < 500 || per > 20000 {
		t.Errorf("%.0f bytes per story, want 500..20000", per)
	}
	t.Logf("memory per 100k seen URLs (~%d bytes each): %.1f MB (%.0f bytes per URL)", len(testURL("www1.portal.example", 0)), seen/1e6, seen/n)
	t.Logf("memory per 100k queued URLs (%d-byte payload, 100 hosts, not marked seen): %.1f MB (%.0f bytes per URL)", len(testPayload), queued/1e6, queued/n)
	if per := seen / n; per < 60 || per > 300 {
		t.Errorf("%.0f bytes per seen URL, want 60..300", per)
	}
	if per := queued / n; per < 150 || per > 600 {
		t.Errorf("%.0f bytes per queued URL, want 150..600", per)
	}
}

// BenchmarkURL reports the cost of one URL through the frontier
// (EnqueueNew in batches of 20, Acquire, Take, Ack, Release).
func BenchmarkURL(b *testing.B) {
	srv := redistest.Start(b)
	c := measureURL(b, srv, b.N, true)
	b.ReportMetric(c.trips, "trips/URL")
	b.ReportMetric(c.serverCmds, "rediscmds/URL")
	b.ReportMetric(c.bytes, "B/URL")
}
