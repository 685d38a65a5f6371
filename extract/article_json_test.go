package extract

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// referenceRecord is the record as encoding/json encodes it: what
// appendRecord must reproduce byte for byte.
func referenceRecord(t testing.TB, a *Article) []byte {
	b, err := json.Marshal(record{
		URL:          a.URL,
		CanonicalURL: nullable(a.CanonicalURL),
		SiteName:     nullable(a.SiteName),
		Title:        nullable(a.Title),
		PublishedAt:  nullableTime(a.PublishedAt),
		Source:       nullable(a.Source),
		Authors:      nonNil(a.Authors),
		Editor:       nullable(a.Editor),
		Body:         nullable(a.Body),
		Lang:         nullable(a.Lang),
		Encoding:     nullable(a.Encoding),
		FetchedAt:    nullableTime(a.FetchedAt),
		ContentHash:  nullable(a.ContentHash),
		Warnings:     nonNil(a.Warnings),
		DuplicateOf:  duplicateOf(a.DuplicateOf),
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nullableTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// duplicateOf encodes Article.DuplicateOf (nil: the key is left out).
func duplicateOf(d *string) json.RawMessage {
	switch {
	case d == nil:
		return nil
	case *d == "":
		return json.RawMessage("null")
	}
	b, _ := json.Marshal(*d) // a string always encodes
	return b
}

func TestMarshalJSONMatchesEncodingJSON(t *testing.T) {
	first, dup := "", "http://a.example/1?x=<y>&z"
	shanghai := time.FixedZone("CST", 8*3600)
	cases := []*Article{
		{},
		{URL: "http://a.example/1"},
		{
			URL: "http://a.example/2", CanonicalURL: "http://a.example/2?a=1&b=2", SiteName: "人民网",
			Title: `He said "no" <b>\ again`, PublishedAt: time.Date(2026, 3, 1, 8, 30, 0, 0, shanghai),
			Source: "新华社", Authors: []string{"张三", "Jane \"JD\" Doe"}, Editor: "李四",
			Body: "第一段\n第二段\twith tab\r\x00\x01\x1f\b\f end\u2028\u2029", Lang: "zh-Hans", Encoding: "gbk",
			FetchedAt: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), ContentHash: "sha256:ab",
			Warnings: []string{"pinyin_removed"}, DuplicateOf: &dup,
		},
		{URL: "x", Body: "bad \xff\xfe utf-8 \xe4\xb8 cut", Authors: []string{}, DuplicateOf: &first},
		{URL: "x", Title: strings.Repeat("ü€𝄞", 50), Warnings: []string{""}},
	}
	for i, a := range cases {
		got, err := a.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceRecord(t, a); !bytes.Equal(got, want) {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

func FuzzMarshalJSON(f *testing.F) {
	f.Add("http://a/1", "Title <&>", "body\n\"x\"\\ \u2028", "作者", int64(1700000000))
	f.Add("", "\xff", "\x00\x1f\x7f", "", int64(0))
	f.Fuzz(func(t *testing.T, u, title, body, author string, sec int64) {
		a := &Article{URL: u, Title: title, Body: body, Authors: []string{author, title}, Editor: body}
		if sec > 0 && sec < 1<<40 {
			a.PublishedAt = time.Unix(sec, 0).UTC()
		}
		got, _ := a.MarshalJSON()
		if want := referenceRecord(t, a); !bytes.Equal(got, want) {
			t.Fatalf("got %s\nwant %s", got, want)
		}
		var back Article
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("record does not decode: %v", err)
		}
	})
}

// BenchmarkMarshalJSON encodes the record of the crawl benchmark's small
// article (bench_small_test.go), as the crawl does for each one emitted.
func BenchmarkMarshalJSON(b *testing.B) {
	a, err := Extract(smallPageBytes(1234567), "http://portal.test/2026/02/12/story-1234567.html", nil, &Options{Now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		b.Fatal(err)
	}
	a.FetchedAt = time.Now()
	b.Run("appendRecord", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			a.MarshalJSON()
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			referenceRecord(b, a)
		}
	})
}
