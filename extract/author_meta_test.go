package extract

import (
	"fmt"
	"slices"
	"testing"
)

// englishPara is a plain body paragraph for the English author tests.
const englishPara = "The council approved the budget on Tuesday after a long debate about parking fees, bus lanes and the cost of repairing the old bridge over the river."

// Yoast's Twitter card pairs credit the writer when a page has no author
// meta; only a pair labelled as a credit counts.
func TestWrittenByMeta(t *testing.T) {
	tests := []struct {
		name, head string
		authors    []string
	}{
		{"written by pair", `<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Amy Roeder">`, []string{"Amy Roeder"}},
		{"second pair", `<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="8 minutes"><meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Kev">`, []string{"Kev"}},
		{"reading time is no writer", `<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="22 minutes">`, nil},
		{"empty data", `<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="">`, nil},
		{"author meta first", `<meta name="author" content="Jane Doe"><meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Sam Lee">`, []string{"Jane Doe"}},
	}
	for _, tt := range tests {
		page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>Budget approved</title>%s</head><body>
<h1>Budget approved</h1><div class="content"><p>%s</p><p>%s</p><p>%s</p></div></body></html>`, tt.head, englishPara, englishPara, englishPara)
		art, err := Extract([]byte(page), "https://example.com/news/budget", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(art.Authors, tt.authors) {
			t.Errorf("%s: authors %q; want %q", tt.name, art.Authors, tt.authors)
		}
	}
}

// A JSON-LD article may name its author only by @id; the Person carrying
// that @id gives the name, unless it is a CMS placeholder account.
func TestLDAuthorByReference(t *testing.T) {
	const article = `{"@type":"BlogPosting","@id":"https://example.com/news/budget#article","headline":"Budget approved","author":{"@id":"https://example.com/#/schema/person/1"}}`
	tests := []struct {
		name, ld string
		authors  []string
	}{
		{"person in the same graph", `{"@graph":[` + article + `,{"@type":"Person","@id":"https://example.com/#/schema/person/1","name":"Christian Dupuis"}]}`, []string{"Christian Dupuis"}},
		{"person in a later script", article + `</script><script type="application/ld+json">{"@type":"Person","@id":"https://example.com/#/schema/person/1","name":"Christian Dupuis"}`, []string{"Christian Dupuis"}},
		{"admin account is nobody", `{"@graph":[` + article + `,{"@type":"Person","@id":"https://example.com/#/schema/person/1","name":"admin"}]}`, nil},
		{"other id does not match", `{"@graph":[` + article + `,{"@type":"Person","@id":"https://example.com/#/schema/person/2","name":"Sam Lee"}]}`, nil},
		{"an organization is no person", `{"@graph":[` + article + `,{"@type":"Organization","@id":"https://example.com/#/schema/person/1","name":"Example Media"}]}`, nil},
	}
	for _, tt := range tests {
		page := fmt.Sprintf(`<html><head><meta charset="utf-8"><title>Budget approved</title><script type="application/ld+json">%s</script></head><body>
<h1>Budget approved</h1><div class="content"><p>%s</p><p>%s</p><p>%s</p></div></body></html>`, tt.ld, englishPara, englishPara, englishPara)
		art, err := Extract([]byte(page), "https://example.com/news/budget", nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(art.Authors, tt.authors) {
			t.Errorf("%s: authors %q; want %q", tt.name, art.Authors, tt.authors)
		}
	}
}
