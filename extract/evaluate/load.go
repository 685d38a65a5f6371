package evaluate

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

// Kind names a corpus format.
type Kind string

// Corpus formats LoadDataset understands.
const (
	KindScrapinghub Kind = "scrapinghub" // ground-truth.json + html/<id>.html.gz
	KindTrafilatura Kind = "trafilatura" // evaldata.json + html/<file>.gz
	KindHTMLDate    Kind = "htmldate"    // eval_*.json + html/<dir>/<file>.gz
	KindCWCED       Kind = "cwced"       // original/, cleaned/, date/, author/
	KindGNE         Kind = "gne"         // tests/**.html + gne-result-2019.json
	KindNewspaper4k Kind = "newspaper4k" // html/, metadata/, txt/
	KindReadability Kind = "readability" // <case>/source.html.gz + expected*
	KindFolder      Kind = "folder"      // NAME.html + NAME.expected.json
	KindWCXB        Kind = "wcxb"        // ground-truth/NNNN.json + html/NNNN.html.gz
)

// ErrUnknownFormat is returned for a folder whose layout no loader knows.
var ErrUnknownFormat = errors.New("unknown corpus layout")

// LoadOptions tune loading.
type LoadOptions struct {
	// Sample, when positive, keeps at most that many pages per dataset,
	// evenly spaced over the sorted pages so the choice is deterministic.
	Sample int
}

// DetectKind tells which loader reads dir, from the files it holds.
func DetectKind(dir string) (Kind, error) {
	has := func(p string) bool { _, err := os.Stat(filepath.Join(dir, p)); return err == nil }
	switch {
	case has("ground-truth.json"):
		return KindScrapinghub, nil
	case has("evaldata.json"):
		return KindTrafilatura, nil
	case has("eval_default.json") || has("eval_mediacloud_2020.json"):
		return KindHTMLDate, nil
	case has("cleaned") && has("original"):
		return KindCWCED, nil
	case has("ground-truth") && has("html") && has("metadata.json"):
		return KindWCXB, nil
	case has("gne-result-2019.json"):
		return KindGNE, nil
	case has("metadata") && has("txt") && has("html"):
		return KindNewspaper4k, nil
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*", "expected-metadata.json")); len(m) > 0 {
		return KindReadability, nil
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*.expected.json")); len(m) > 0 {
		return KindFolder, nil
	}
	return "", fmt.Errorf("%s: %w", dir, ErrUnknownFormat)
}

// LoadDataset reads the labelled corpus in dir, whatever its format.
func LoadDataset(ctx context.Context, dir string, opts *LoadOptions) (*Dataset, error) {
	kind, err := DetectKind(dir)
	if err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &LoadOptions{}
	}
	ds := &Dataset{Name: filepath.Base(filepath.Clean(dir)), Dir: dir, Kind: kind}
	load := loaders[kind]
	if err := load(ctx, ds, opts); err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if len(ds.Pages) == 0 {
		return nil, fmt.Errorf("load %s: no pages", dir)
	}
	return ds, nil
}

// LoadCorpus loads every dataset found directly under root, in name order.
// Sub-folders of unknown layout are skipped.
func LoadCorpus(ctx context.Context, root string, opts *LoadOptions) ([]*Dataset, error) {
	ents, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("read corpus %s: %w", root, err)
	}
	var out []*Dataset
	for _, e := range ents {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		if _, err := DetectKind(dir); err != nil {
			continue
		}
		ds, err := LoadDataset(ctx, dir, opts)
		if err != nil {
			return nil, err
		}
		out = append(out, ds)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus %s: no datasets found", root)
	}
	return out, nil
}

type loader func(ctx context.Context, ds *Dataset, opts *LoadOptions) error

var loaders = map[Kind]loader{
	KindScrapinghub: loadScrapinghub,
	KindTrafilatura: loadTrafilatura,
	KindHTMLDate:    loadHTMLDate,
	KindCWCED:       loadCWCED,
	KindGNE:         loadGNE,
	KindNewspaper4k: loadNewspaper4k,
	KindReadability: loadReadability,
	KindFolder:      loadFolder,
	KindWCXB:        loadWCXB,
}

// readFile reads path, gunzipping it when its name ends in .gz.
func readFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil || filepath.Ext(path) != ".gz" {
		return b, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", path, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gunzip %s: %w", path, err)
	}
	return out, nil
}

// nanValueRE matches a bare NaN value, which Python's json module writes
// (htmldate-eval has some) but JSON does not allow.
var nanValueRE = regexp.MustCompile(`:\s*NaN\s*([,}\]])`)

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	b = nanValueRE.ReplaceAll(b, []byte(": null$1"))
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

// pick returns the indices of n evenly spaced items out of total, or all
// of them when n is not positive or not smaller than total.
func pick(total, n int) []int {
	idx := make([]int, 0, min(max(n, 0), total))
	if n <= 0 || n >= total {
		for i := range total {
			idx = append(idx, i)
		}
		return idx
	}
	for i := range n {
		idx = append(idx, i*total/n)
	}
	return idx
}

// pending is a page whose bytes are read after sampling, so a sampled load
// does not pay for the pages it drops.
type pending struct {
	page Page
	path string
	fill func(p *Page) error // optional: labels that need more reading
}

// finish sorts, samples and reads the pending pages into ds.
func finish(ctx context.Context, ds *Dataset, opts *LoadOptions, ps []pending) error {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i].page, ps[j].page
		return a.Name < b.Name || a.Name == b.Name && a.URL < b.URL
	})
	for _, i := range pick(len(ps), opts.Sample) {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := ps[i]
		b, err := readFile(p.path)
		if err != nil {
			return err
		}
		p.page.HTML = b
		p.page.SourceFFFD = hasSourceFFFD(b)
		if p.fill != nil {
			if err := p.fill(&p.page); err != nil {
				return err
			}
		}
		ds.Pages = append(ds.Pages, p.page)
	}
	return nil
}

// hasSourceFFFD reports whether raw holds U+FFFD in UTF-8 form or as a
// numeric character reference.
func hasSourceFFFD(raw []byte) bool {
	if bytes.Contains(raw, []byte("\xef\xbf\xbd")) {
		return true
	}
	low := bytes.ToLower(raw)
	return bytes.Contains(low, []byte("&#65533;")) || bytes.Contains(low, []byte("&#xfffd;"))
}
