package extract

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"testing"
	"time"
)

// TestRecordMatchesSchema keeps the JSON Schema file and MarshalJSON in step.
func TestRecordMatchesSchema(t *testing.T) {
	raw, err := os.ReadFile("record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Required   []string                   `json:"required"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	for _, a := range []*Article{{URL: "http://x.test/"}, {
		URL: "http://x.test/a", Title: "t", PublishedAt: time.Date(2021, 1, 21, 13, 15, 0, 0, time.FixedZone("", 8*3600)),
		Authors: []string{"a"}, Body: "b", Warnings: []string{"w"},
	}} {
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range m {
			keys = append(keys, k)
			if _, ok := schema.Properties[k]; !ok {
				t.Errorf("key %q not in schema", k)
			}
		}
		sort.Strings(keys)
		want := append([]string(nil), schema.Required...)
		sort.Strings(want)
		if !reflect.DeepEqual(keys, want) {
			t.Errorf("record keys = %v, schema requires %v", keys, want)
		}
	}
}

func TestRecordNullsAndRoundTrip(t *testing.T) {
	a := &Article{URL: "http://x.test/a", Title: "標題", PublishedAt: time.Date(2021, 5, 3, 4, 5, 6, 0, time.UTC)}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"url":"http://x.test/a","canonical_url":null,"site_name":null,"title":"標題","published_at":"2021-05-03T04:05:06Z","source":null,"authors":[],"editor":null,"body":null,"lang":null,"encoding":null,"fetched_at":null,"content_hash":null,"warnings":[]}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	var back Article
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Title != a.Title || !back.PublishedAt.Equal(a.PublishedAt) || back.URL != a.URL {
		t.Errorf("round trip: got %+v", back)
	}
}
