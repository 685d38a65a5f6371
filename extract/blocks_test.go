package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestFigureCaptions checks which blocks inside <figure> count as captions:
// the caption text does, a data table set in a figure does not.
func TestFigureCaptions(t *testing.T) {
	page := `<html><body><figure class="wp-block-image"><img src="a.jpg"><figcaption>Photo: Jane Doe</figcaption></figure>` +
		`<figure class="wp-block-table"><table><tr><th>Year</th><th>Price</th></tr><tr><td>2013</td><td>+13.1%</td></tr></table>` +
		`<figcaption>Source: county records</figcaption></figure><p>After the table.</p></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	w := segmentBlocks(root, len(page), "")
	want := map[string]bool{"Photo: Jane Doe": true, "Year": false, "+13.1%": false, "Source: county records": true, "After the table.": false}
	seen := 0
	for _, b := range w.blocks {
		c, ok := want[b.text]
		if !ok {
			continue
		}
		seen++
		if b.caption != c {
			t.Errorf("block %q: caption = %v, want %v", b.text, b.caption, c)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of %d blocks", seen, len(want))
	}
}
