package extract

import (
	"testing"
	"time"
)

// TestJSONLDInMeta covers JSON-LD printed as <meta name="script:ld+json">
// (a Remix meta descriptor rendered by a framework that does not know it),
// and other metas holding JSON, which are not JSON-LD.
func TestJSONLDInMeta(t *testing.T) {
	const ld = `{&quot;@type&quot;:&quot;Article&quot;,&quot;headline&quot;:&quot;A guide to electric cars&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}`
	const body = `<body><h1>A guide to electric cars</h1><p>The council met on Tuesday evening and agreed, after a long debate, that the work would start in spring.</p></body></html>`
	for _, tc := range []struct {
		name, head, want string
	}{
		{"script:ld+json", `<meta name="script:ld+json" content="` + ld + `">`, "2025-11-17T14:00:00Z"},
		{"upper case key", `<meta name="Script:LD+JSON" content="` + ld + `">`, "2025-11-17T14:00:00Z"},
		{"other JSON meta", `<meta name="page-data" content="` + ld + `">`, "0001-01-01T00:00:00Z"},
		{"malformed", `<meta name="script:ld+json" content="{&quot;datePublished&quot;:">`, "0001-01-01T00:00:00Z"},
	} {
		page := `<html><head>` + tc.head + `</head>` + body
		a, err := Extract([]byte(page), "", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.PublishedAt.UTC().Format(time.RFC3339); got != tc.want {
			t.Errorf("%s: published %s, want %s", tc.name, got, tc.want)
		}
	}
}
