package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// BenchmarkFrontierCrawl replays what the big crawl benchmark asks of the
// frontier, per 100 articles: one listing page queues them (EnqueueNew),
// then they are taken 16 at a time (PopN) and each is marked done with its
// validators (Done, AddPending). One op is one article.
//
//	go test ./store -run '^$' -bench FrontierCrawl -benchmem
func BenchmarkFrontierCrawl(b *testing.B) {
	f, err := OpenFrontier(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	now := time.Now()
	if _, err := f.Begin(context.Background(), now, time.Hour); err != nil {
		b.Fatal(err)
	}
	const host, perPage = "http://127.0.0.1:8080", 100
	data := []byte(`{"kind":"page","depth":3}`)
	b.ResetTimer()
	for done := 0; done < b.N; {
		jobs := make([]Job, perPage)
		for i := range jobs {
			id := done + i
			jobs[i] = Job{Host: host, URL: fmt.Sprintf("%s/2026/02/%02d/story-%07d.html", host, id%28+1, id), Data: data}
		}
		if _, err := f.EnqueueNew(context.Background(), jobs, true, nil); err != nil {
			b.Fatal(err)
		}
		for {
			popped, _, err := f.PopN(context.Background(), host, 16)
			if err != nil {
				b.Fatal(err)
			}
			if len(popped) == 0 {
				break
			}
			for _, j := range popped {
				if err := f.Done(context.Background(), j.ID); err != nil {
					b.Fatal(err)
				}
				if err := f.AddPending(context.Background(), Validators{URL: j.URL, ETag: `"abc"`, FetchedAt: now}); err != nil {
					b.Fatal(err)
				}
				done++
			}
		}
	}
}
