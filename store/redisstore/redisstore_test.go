package redisstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newspipe/newspipe/store/redistest"
)

// open opens a store on srv for crawl, closed when t ends.
func open(t testing.TB, srv *redistest.Server, crawl string) *Store {
	t.Helper()
	s, err := Open(context.Background(), srv.URL, crawl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, url, crawl string
		want             []string // substrings of the error
	}{
		{"empty crawl id", "redis://127.0.0.1:1/0", "", []string{"crawl id"}},
		{"slash in crawl id", "redis://127.0.0.1:1/0", "a/b", []string{"crawl id", "a/b"}},
		{"brace in crawl id", "redis://127.0.0.1:1/0", "a{b}", []string{"crawl id"}},
		{"bad scheme", "http://127.0.0.1:6379", "c", []string{"redis URL", "http://127.0.0.1:6379"}},
		{"password redacted", "ftp://u:secret@h:1", "c", []string{"redis URL", "u:xxx@h:1"}},
		{"tcp unreachable", "redis://127.0.0.1:1/0", "c", []string{"unreachable", "tcp:127.0.0.1:1"}},
		{"unix unreachable", "unix:///nonexistent-np/redis.sock", "c", []string{"unreachable", "unix:/nonexistent-np/redis.sock"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel() // the unreachable cases wait for go-redis's dial retries
			s, err := Open(ctx, tc.url, tc.crawl)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q, %q) succeeded", tc.url, tc.crawl)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
}

func TestOpenEvictionPolicy(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	admin := open(t, srv, "admin").Client()
	for _, tc := range []struct {
		policy string
		refuse bool
	}{
		{"noeviction", false},
		{"allkeys-lru", true},
		{"volatile-lru", true},
		{"allkeys-lfu", true},
		{"volatile-lfu", true},
		{"allkeys-random", true},
		{"volatile-random", true},
		{"volatile-ttl", true},
	} {
		t.Run(tc.policy, func(t *testing.T) {
			if err := admin.ConfigSet(ctx, "maxmemory-policy", tc.policy).Err(); err != nil {
				t.Fatal(err)
			}
			s, err := Open(ctx, srv.URL, "c")
			if !tc.refuse {
				if err != nil {
					t.Fatalf("Open with %s: %v", tc.policy, err)
				}
				s.Close()
				return
			}
			if err == nil {
				s.Close()
				t.Fatalf("Open accepted maxmemory-policy %s", tc.policy)
			}
			for _, w := range []string{"maxmemory-policy " + tc.policy, "noeviction", "evict"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	// A user that may not run CONFIG cannot check: Open proceeds.
	if err := admin.ConfigSet(ctx, "maxmemory-policy", "allkeys-lru").Err(); err != nil {
		t.Fatal(err)
	}
	if err := admin.Do(ctx, "ACL", "SETUSER", "crawler", "on", ">pw", "~*", "&*", "+@all", "-config").Err(); err != nil {
		t.Fatal(err)
	}
	u := strings.Replace(srv.URL, "unix://", "unix://crawler:pw@", 1)
	s, err := Open(ctx, u, "c")
	if err != nil {
		t.Fatalf("Open as a user without CONFIG: %v", err)
	}
	defer s.Close()
	if err := s.Client().ConfigGet(ctx, "maxmemory-policy").Err(); err == nil {
		t.Fatal("the restricted user can run CONFIG: the test proves nothing")
	}
	if _, err := s.MarkSeen(ctx, []string{"x"}); err != nil {
		t.Fatal(err)
	}
}

// slotTag returns the part of key Redis Cluster hashes: the first {...}.
func slotTag(key string) string {
	i := strings.IndexByte(key, '{')
	if i < 0 {
		return key
	}
	j := strings.IndexByte(key[i+1:], '}')
	if j <= 0 {
		return key
	}
	return key[i+1 : i+1+j]
}

func TestKeyNames(t *testing.T) {
	s := &Store{crawl: "news-1", k: newCrawlKeys("news-1")}
	for _, tc := range []struct {
		host     string
		tag      string
		queueKey string
	}{
		{"www.example.cn", "news-1/www.example.cn", "np:{news-1/www.example.cn}:q"},
		{"127.0.0.2:8080", "news-1/127.0.0.2:8080", "np:{news-1/127.0.0.2:8080}:q"},
		{"https://a.example", "news-1/https://a.example", "np:{news-1/https://a.example}:q"},
	} {
		hk := s.hostKeys(tc.host)
		if hk.queue != tc.queueKey {
			t.Errorf("queue key of %s = %q, want %q", tc.host, hk.queue, tc.queueKey)
		}
		for _, k := range []string{hk.queue, hk.slots, hk.next, hk.pause, hk.robots} {
			if got := slotTag(k); got != tc.tag {
				t.Errorf("key %q hashes %q, want %q (one slot per host)", k, got, tc.tag)
			}
		}
	}
	for _, k := range []string{s.k.seen, s.k.ready, s.k.counts, s.k.seq, s.k.leases, s.k.leaseJob, s.k.leaseWho} {
		if got := slotTag(k); got != "news-1" {
			t.Errorf("crawl key %q hashes %q, want news-1", k, got)
		}
		if !strings.HasPrefix(k, "np:{news-1}:") {
			t.Errorf("crawl key %q lacks the np:{news-1}: prefix", k)
		}
	}
	for _, h := range []string{"", "a{b", "a}b", "a b", "a\nb"} {
		if err := checkHost(h); !errors.Is(err, errBadHost) {
			t.Errorf("checkHost(%q) = %v, want errBadHost", h, err)
		}
	}
}

func TestCrawlsDoNotShareKeys(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	a, b := open(t, srv, "a"), open(t, srv, "b")
	if _, err := a.EnqueueNew(ctx, []Job{{URL: "http://h/1", Host: "h"}}); err != nil {
		t.Fatal(err)
	}
	if q, l, err := b.Pending(ctx); err != nil || q != 0 || l != 0 {
		t.Fatalf("crawl b Pending = %d, %d, %v; want 0, 0", q, l, err)
	}
	if fresh, err := b.MarkSeen(ctx, []string{"http://h/1"}); err != nil || !fresh[0] {
		t.Fatalf("crawl b MarkSeen = %v, %v; want new", fresh, err)
	}
	if _, ok, err := b.Take(ctx, "w", "h", time.Second); err != nil || ok {
		t.Fatalf("crawl b took crawl a's job: %v %v", ok, err)
	}
	if _, ok, err := a.Take(ctx, "w", "h", time.Second); err != nil || !ok {
		t.Fatalf("crawl a lost its job: %v %v", ok, err)
	}
}

func TestMs(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want int64
	}{
		{0, 0}, {-time.Second, 0}, {time.Microsecond, 1}, {time.Millisecond, 1},
		{1500 * time.Microsecond, 2}, {200 * time.Millisecond, 200}, {time.Minute, 60000},
	} {
		if got := ms(tc.d); got != tc.want {
			t.Errorf("ms(%v) = %d, want %d", tc.d, got, tc.want)
		}
	}
}
