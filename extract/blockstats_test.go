package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
)

// TestBlockCountsMatchTextStats checks that the counts collapsedText takes
// while it copies a block's text are those textStats takes from the text,
// on the test pages and on text with invalid bytes next to dropped runes.
func TestBlockCountsMatchTextStats(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join("..", "testdata", "pages", "*.html"))
	var docs [][]byte
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, raw)
	}
	docs = append(docs,
		[]byte("<p>a\xe4\u200b\xb8\xadb, c。</p><p>\xff \xfe\u00a0x</p><p>中文，测试\xe4</p>"),
		[]byte("<div>\xe4<span>\u200b</span>\xb8\xad end.</div>"))
	blocks := 0
	for _, raw := range docs {
		root, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		w := segmentBlocks(root, len(raw), "")
		for _, b := range w.blocks {
			blocks++
			n, cjk, punct := textStats(b.text)
			if b.runes != n || b.cjk != cjk || b.punct != punct {
				t.Errorf("block %q: counted %d, %d, %d; textStats %d, %d, %d", b.text, b.runes, b.cjk, b.punct, n, cjk, punct)
			}
		}
	}
	if blocks < 100 {
		t.Fatalf("only %d blocks checked", blocks)
	}
}
