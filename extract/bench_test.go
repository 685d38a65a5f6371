package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func loadBenchPages(b *testing.B) ([][]byte, int64) {
	b.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "pages", "*.html"))
	if seed := filepath.Join("..", "..", "shared", "fixtures", "seed", "taiwan-cn-mobile-20210121.html"); fileExists(seed) {
		paths = append(paths, seed)
	}
	if len(paths) == 0 {
		b.Fatal("no pages in ../testdata/pages")
	}
	var pages [][]byte
	var total int64
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
		total += int64(len(raw))
	}
	return pages, total
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// BenchmarkExtract measures the whole pipeline (decode, parse, extract) over
// the testdata pages; compare with BenchmarkBareParse on the same bytes.
// Run: go test ./extract -run '^$' -bench . -benchmem
func BenchmarkExtract(b *testing.B) {
	pages, total := loadBenchPages(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, raw := range pages {
			if _, err := Extract(raw, "http://bench.test/a.html", nil, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkBareParse is the speed ceiling: x/net/html parsing the raw bytes.
func BenchmarkBareParse(b *testing.B) {
	pages, total := loadBenchPages(b)
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, raw := range pages {
			if _, err := html.Parse(bytes.NewReader(raw)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractVsParse reports extraction time as a multiple of the bare
// parse of the same bytes (the "x-parse" metric; the budget is 3).
func BenchmarkExtractVsParse(b *testing.B) {
	pages, total := loadBenchPages(b)
	b.SetBytes(total)
	var extractNs, parseNs int64
	for b.Loop() {
		t0 := time.Now()
		for _, raw := range pages {
			if _, err := html.Parse(bytes.NewReader(raw)); err != nil {
				b.Fatal(err)
			}
		}
		t1 := time.Now()
		for _, raw := range pages {
			if _, err := Extract(raw, "http://bench.test/a.html", nil, nil); err != nil {
				b.Fatal(err)
			}
		}
		parseNs += int64(t1.Sub(t0))
		extractNs += int64(time.Since(t1))
	}
	b.ReportMetric(float64(extractNs)/float64(parseNs), "x-parse")
}
