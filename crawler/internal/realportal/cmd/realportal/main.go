// Command realportal serves the real-page test portal on loopback until
// interrupted, for trying newspipe crawl by hand the way a user runs it:
//
//	go run ./crawler/internal/realportal/cmd/realportal -hosts 2 -crawl-delay 0=20
//	newspipe crawl --delay 0 http://127.0.0.2:PORT/ http://127.0.0.3:PORT/
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
)

func main() {
	hosts := flag.Int("hosts", 2, "number of hosts (127.0.0.2, 127.0.0.3, ...)")
	articles := flag.Int("articles", 40, "articles per host")
	delays := flag.String("crawl-delay", "", "robots.txt Crawl-delay per host, e.g. 0=20,1=5")
	retryAfter := flag.Int("retry-after", 1, "Retry-After of the 503 article, in seconds")
	calm := flag.Bool("calm", false, "no slow, hanging, huge or 503 pages (for speed measurements)")
	perPage := flag.Int("per-page", 20, "articles per listing page")
	clean := flag.Bool("no-trouble", false, "no trouble at all: every page answers at once (for throughput measurements)")
	flag.Parse()
	opts := realportal.Options{Hosts: *hosts, ArticlesPerHost: *articles, PerPage: *perPage, RetryAfter: *retryAfter, CrawlDelay: map[int]float64{}}
	if *calm {
		opts.Without = realportal.Slow | realportal.Hang | realportal.Huge | realportal.Unavailable
	}
	if *clean {
		opts.Without = realportal.AllTrouble
	}
	for _, kv := range strings.Split(*delays, ",") {
		k, v, ok := strings.Cut(kv, "=")
		i, err1 := strconv.Atoi(k)
		d, err2 := strconv.ParseFloat(v, 64)
		if ok && err1 == nil && err2 == nil {
			opts.CrawlDelay[i] = d
		}
	}
	p, err := realportal.Start(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "realportal:", err)
		os.Exit(1)
	}
	defer p.Close()
	for i := 0; i < *hosts; i++ {
		fmt.Println(p.URL(i) + "/")
	}
	fmt.Fprintf(os.Stderr, "serving %d articles on %d hosts; Ctrl-C stops\n", len(p.Articles()), *hosts)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
}
