package crawler

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/newspipe/newspipe/extract"
)

// The emitter writes a.MarshalJSON() instead of json.Marshal(a), skipping
// json's compaction pass: the bytes must be the same, HTML-sensitive and
// line-separator characters included.
func TestRecordEncodingMatchesJSONMarshal(t *testing.T) {
	a := &extract.Article{
		URL: "http://a.test/x?a=1&b=<2>", Title: "Tom & Jerry <live> \u2028 \u2029 \"quoted\"",
		Body: "line one\nline two\t<script>&amp;</script> é ü 漢字", Authors: []string{"A & B"},
		PublishedAt: time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC), FetchedAt: time.Date(2026, 2, 4, 0, 0, 0, 0, time.FixedZone("X", 3600)),
		ContentHash: "abc", Warnings: []string{"w<1>"},
	}
	want, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("MarshalJSON:\n%s\njson.Marshal:\n%s", got, want)
	}
}
