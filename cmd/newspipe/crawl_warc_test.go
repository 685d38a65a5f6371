package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// warcRecord holds the fields compared between a crawl's record and the
// one extracted again from its WARC.
type warcRecord struct {
	URL          string   `json:"url"`
	CanonicalURL *string  `json:"canonical_url"`
	Title        string   `json:"title"`
	Body         string   `json:"body"`
	PublishedAt  *string  `json:"published_at"`
	Source       *string  `json:"source"`
	Authors      []string `json:"authors"`
	Editor       *string  `json:"editor"`
	Encoding     string   `json:"encoding"`
	FetchedAt    string   `json:"fetched_at"`
	ContentHash  string   `json:"content_hash"`
}

func decodeRecords(t *testing.T, data []byte) []warcRecord {
	t.Helper()
	var recs []warcRecord
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var r warcRecord
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		recs = append(recs, r)
	}
	return recs
}

// TestCrawlWARCReextracts crawls the demo portal (UTF-8, GBK and Big5
// articles) with --warc and a small --warc-max-size, then extracts the
// WARC files: every article the crawl emitted comes out again with the
// same text, dates, hash and fetch time, without a request.
func TestCrawlWARCReextracts(t *testing.T) {
	tmp := t.TempDir()
	dir, out := filepath.Join(tmp, "warc"), filepath.Join(tmp, "crawl.jsonl")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"crawl", "--demo", "--state", filepath.Join(tmp, "state"), "--out", out,
		"--log-level", "warn", "--warc", dir, "--warc-max-size", "8KiB"}, nil, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("crawl: exit %d, stderr %s", code, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	name := regexp.MustCompile(`^newspipe-\d{8}T\d{6}Z-\d{5}\.warc\.gz$`)
	for _, f := range files {
		if !name.MatchString(filepath.Base(f)) {
			t.Errorf("WARC file name %s (an .open file left, or a bad name)", filepath.Base(f))
		}
	}
	if len(files) < 2 {
		t.Errorf("8 KiB limit: %d WARC files, want several", len(files))
	}

	crawled, _ := os.ReadFile(out)
	code, again, errOut := runCLI(t, "", append([]string{"extract", "-j", "2"}, files...)...)
	if code != exitOK || errOut != "" {
		t.Fatalf("extract: exit %d, stderr %s", code, errOut)
	}
	byURL := map[string]warcRecord{}
	for _, r := range decodeRecords(t, []byte(again)) {
		byURL[r.URL] = r
		if r.CanonicalURL != nil {
			byURL[*r.CanonicalURL] = r
		}
	}
	encodings := map[string]bool{}
	recs := decodeRecords(t, crawled)
	for _, c := range recs {
		e, ok := byURL[c.URL]
		if !ok {
			t.Errorf("%s: crawled, not in the WARC", c.URL)
			continue
		}
		e.URL, e.CanonicalURL, c.CanonicalURL = c.URL, nil, nil // the crawl keys records by normalized URL
		cj, _ := json.Marshal(c)
		ej, _ := json.Marshal(e)
		if !bytes.Equal(cj, ej) {
			t.Errorf("record differs:\ncrawl %s\nwarc  %s", cj, ej)
		}
		encodings[c.Encoding] = true
	}
	if len(recs) != 6 || !encodings["gbk"] || !encodings["big5"] {
		t.Errorf("%d records, encodings %v: want the demo's 6 with GBK and Big5 ones", len(recs), encodings)
	}
	// Without --articles the home and listing pages come out too; with it,
	// exactly the crawl's records.
	if n := len(decodeRecords(t, []byte(again))); n <= len(recs) {
		t.Errorf("extract without --articles: %d records, want the %d articles and the listing pages", n, len(recs))
	}
	code, only, errOut := runCLI(t, "", append([]string{"extract", "--articles"}, files...)...)
	if code != exitOK || errOut != "" {
		t.Fatalf("extract --articles: exit %d, stderr %s", code, errOut)
	}
	var onlyURLs, crawledURLs []string
	for _, r := range decodeRecords(t, []byte(only)) {
		onlyURLs = append(onlyURLs, r.URL)
	}
	for _, r := range recs {
		crawledURLs = append(crawledURLs, r.URL)
	}
	slices.Sort(onlyURLs)
	slices.Sort(crawledURLs)
	if !slices.Equal(onlyURLs, crawledURLs) {
		t.Errorf("extract --articles gave %v, the crawl %v", onlyURLs, crawledURLs)
	}

	// A file left open by a killed run: cut to its whole records and
	// renamed when the next run starts.
	whole, _ := os.ReadFile(files[0])
	torn := filepath.Join(dir, "newspipe-20200101T000000Z-00001.warc.gz.open")
	os.WriteFile(torn, append(append([]byte{}, whole...), whole[:len(whole)/2]...), 0o644)
	stderr.Reset()
	code = run(context.Background(), []string{"crawl", "--demo", "--state", filepath.Join(tmp, "state"), "--out", out,
		"--warc", dir}, nil, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("second crawl: exit %d, stderr %s", code, stderr.String())
	}
	got, err := os.ReadFile(strings.TrimSuffix(torn, ".open"))
	if err != nil || len(got) <= len(whole) || len(got) >= len(whole)+len(whole)/2 {
		t.Errorf("torn file recovered to %d bytes (%v), want more than %d and less than %d", len(got), err, len(whole), len(whole)+len(whole)/2)
	}
	if !strings.Contains(stderr.String(), "cut back to its last whole record") {
		t.Errorf("no warning of the recovery: %s", stderr.String())
	}
	if code, _, errOut := runCLI(t, "", "extract", strings.TrimSuffix(torn, ".open")); code != exitOK {
		t.Errorf("recovered file does not read: %s", errOut)
	}
}
