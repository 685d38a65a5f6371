package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strings"
)

// demoSite is the bundled demo portal: a home page, a paginated listing,
// articles in UTF-8, GBK (declared gb2312, with GBK-only characters) and
// Big5, one article reachable only through the RSS feed and one only through
// the sitemap, and a robots.txt that disallows /admin/.
//
//go:embed demosite
var demoSite embed.FS

// demoServer serves demoSite on a loopback port.
type demoServer struct {
	URL string
	srv *http.Server
}

// demoAddr is the demo portal's preferred address: a fixed port keeps its
// URLs, and so a --state kept across demo runs, stable.
const demoAddr = "127.0.0.1:47913"

// startDemo serves the demo portal on addr, or on any free loopback port
// when addr is taken.
func startDemo(addr string) (*demoServer, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(context.Background(), "tcp", addr)
	if err != nil {
		ln, err = lc.Listen(context.Background(), "tcp", "127.0.0.1:0") // taken: any free port
	}
	if err != nil {
		return nil, err
	}
	d := &demoServer{URL: "http://" + ln.Addr().String()}
	root, err := fs.Sub(demoSite, "demosite")
	if err != nil {
		return nil, err
	}
	d.srv = &http.Server{Handler: demoHandler(root, d.URL)}
	go d.srv.Serve(ln)
	return d, nil
}

// Close stops the demo server.
func (d *demoServer) Close() error { return d.srv.Close() }

// demoHandler serves files from root with ETags (so a second crawl of the
// same state sees 304s); {{BASE}} in XML and robots.txt becomes base.
func demoHandler(root fs.FS, base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			name = path.Join(name, "index.html")
		}
		data, err := fs.ReadFile(root, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(name) {
		case ".html":
			w.Header().Set("Content-Type", "text/html") // charset left to <meta>, as on many portals
		case ".xml":
			w.Header().Set("Content-Type", "application/xml")
			if name == "rss.xml" {
				w.Header().Set("Content-Type", "application/rss+xml")
			}
			data = bytes.ReplaceAll(data, []byte("{{BASE}}"), []byte(base))
		case ".txt":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			data = bytes.ReplaceAll(data, []byte("{{BASE}}"), []byte(base))
		}
		etag := fmt.Sprintf(`"%x"`, sha256.Sum256(data))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(data)
	})
}
