package extract

import (
	"testing"
	"time"
)

// TestJSONLDInCDATA covers JSON-LD wrapped in a CDATA section, with and
// without the comment markers that hide it from old parsers.
func TestJSONLDInCDATA(t *testing.T) {
	const ld = `{"@context":{"@vocab":"http://schema.org"},"@type":"NewsArticle","headline":"Impeachment fails","datePublished":"2024-12-06T22:00:40.000Z"}`
	for _, wrap := range []string{"<![CDATA[ " + ld + " ]]>", "//<![CDATA[\n" + ld + "\n//]]>", ld} {
		page := `<html><head><script type="application/ld+json">` + wrap + `</script></head><body><h1>Impeachment fails</h1><p>The council met on Tuesday evening and agreed, after a long debate, that the work would start in spring.</p></body></html>`
		a, err := Extract([]byte(page), "", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.PublishedAt.UTC().Format(time.RFC3339); got != "2024-12-06T22:00:40Z" {
			t.Errorf("%q: published %s", wrap[:12], got)
		}
	}
}
