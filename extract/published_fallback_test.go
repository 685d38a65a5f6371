package extract

import (
	"testing"
	"time"
)

// TestLastResortDate runs pages without any usual date evidence through
// Extract.
func TestLastResortDate(t *testing.T) {
	const body = `<h1>Notes on typesetting old books</h1>
<p>Setting type by hand teaches patience, and the old printers knew every trick for making a page look even when the letters were worn and the paper was rough.</p>
<p>We collected a few of those tricks from the manuals of the period and tried them on our own press, with results that surprised everyone in the workshop.</p>`
	tests := []struct {
		name, head, extra, want string // want: RFC 3339 day prefix, "" for none
	}{
		{"nothing at all", "", "", ""},
		{"hAtom published title", "", `<abbr class="published" title="2017-07-23T17:06:45+0000">Sunday</abbr>`, "2017-07-23"},
		{"hAtom updated title only", "", `<span class="updated" title="2013-04-04T18:52:11+00:00"></span>`, "2013-04-04"},
		{"published beats updated", "", `<span class="updated" title="2013-05-01T10:00:00Z"></span><abbr class="entry-date published" title="2013-04-04T18:52:11+00:00">x</abbr>`, "2013-04-04"},
		{"publish key in a script's JSON", "", `<script>window.__STATE__={"review":{"dates":{"publishedDate":"2016-11-04T20:37:27Z","updatedDate":"2016-11-05T20:39:47Z"}}}</script>`, "2016-11-04"},
		{"script key without a date value", "", `<script>var cfg={"publishedDate":"soon"};</script>`, ""},
		{"modification meta only", `<meta property="article:modified_time" content="2023-06-12T10:39:42+00:00">`, "", "2023-06-12"},
		{"JSON-LD dateModified only", `<script type="application/ld+json">{"@type":"Article","headline":"x","dateModified":"2021-02-03T04:05:06Z"}</script>`, "", "2021-02-03"},
		{"script publish key beats modification meta", `<meta property="article:modified_time" content="2023-06-12T10:39:42+00:00">`, `<script>{"publicationDate":"2022-01-31T15:58:43+01:00"}</script>`, "2022-01-31"},
		{"a printed date beats the modification meta", `<meta property="article:modified_time" content="2023-06-12T10:39:42+00:00">`, `<p class="date">March 3, 2020</p>`, "2020-03-03"},
	}
	for _, tt := range tests {
		page := `<html lang="en"><head>` + tt.head + `</head><body>` + tt.extra + body + `</body></html>`
		a, err := Extract([]byte(page), "https://example.org/notes/typesetting", nil, &Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := ""
		if !a.PublishedAt.IsZero() {
			got = a.PublishedAt.Format(time.RFC3339)[:10]
		}
		if got != tt.want {
			t.Errorf("%s: PublishedAt day = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestScriptDateValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"datePublished": "2020-01-02"}`, "2020-01-02"},
		{`{"title":"x","publishedAt" : "2021-05-06T07:08:09Z"}`, "2021-05-06T07:08:09Z"},
		{`{"publishedAt":null,"published_at":"2019-03-04"}`, "2019-03-04"},
		{`{"publishedDate":1507287600}`, ""},
		{`{"createdAt":"2019-03-04"}`, ""},
		{`"datePublished" is a key`, ""},
	}
	for _, tt := range tests {
		if got := scriptDateValue(tt.in); got != tt.want {
			t.Errorf("scriptDateValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPublishMetaNames checks the publish-date <meta> names of standard
// vocabularies (Dublin Core terms, PRISM, Open Graph variants) against an
// earlier, unknown publication-looking meta.
func TestPublishMetaNames(t *testing.T) {
	for _, name := range []string{"published-date", "published_date", "og:publish_date", "pub_date", "dcterms.issued", "prism.publicationDate", "DCTERMS.issued"} {
		page := `<html><head><title>Spring</title><meta name="published-time" content="2026-03-09T08:45:32.183Z">
<meta name="` + name + `" content="2021-02-16"></head><body><h1>Spring</h1>
<p>A photo of blossoms in the park, taken on a bright morning after a long winter of rain.</p></body></html>`
		a, err := Extract([]byte(page), "http://x.test/photo/1", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.PublishedAt.Format("2006-01-02"); got != "2021-02-16" {
			t.Errorf("%s: published = %s, want 2021-02-16", name, got)
		}
	}
}
