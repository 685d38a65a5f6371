package store

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestPageCodecRoundTrip(t *testing.T) {
	t1 := time.Date(2026, 3, 1, 10, 0, 0, 123456789, time.UTC)
	old := time.Date(1960, 1, 2, 3, 4, 5, 6, time.UTC) // before 1970: negative seconds
	tests := []struct {
		name string
		p    Page
	}{
		{"zero", Page{}},
		{"emitted", Page{ContentHash: "9f2c4e1a7b3d5c60", EmittedAt: t1}},
		{"validators", Page{ETag: `W/"abc"`, LastModified: "Sun, 01 Mar 2026 10:00:00 GMT", FetchedAt: t1}},
		{"hub with links", Page{FetchedAt: t1, Links: []string{"http://a/list?page=2", "http://a/", "http://a/中文.html"}}},
		{"dead", Page{FetchedAt: old, DeadAt: t1}},
		{"everything", Page{ContentHash: "h", EmittedAt: t1, ETag: "e", LastModified: "m", FetchedAt: old, Links: []string{""}, DeadAt: t1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := appendPage(nil, &tt.p)
			got, err := parsePage(v)
			if err != nil {
				t.Fatalf("parsePage(%x): %v", v, err)
			}
			if !reflect.DeepEqual(got, tt.p) {
				t.Errorf("round trip: got %+v, want %+v", got, tt.p)
			}
			// Every proper prefix is refused: a torn value never decodes
			// to a page with fields silently missing.
			for i := range len(v) {
				if _, err := parsePage(v[:i]); err == nil {
					t.Errorf("prefix of %d of %d bytes decoded", i, len(v))
				}
			}
		})
	}
}

// TestPageCodecSmaller checks the point of the binary form: a page as the
// crawl stores it takes well under half its JSON.
func TestPageCodecSmaller(t *testing.T) {
	now := time.Date(2026, 12, 3, 6, 8, 15, 123456789, time.UTC)
	p := Page{ContentHash: "9f2c4e1a7b3d5c60", EmittedAt: now, ETag: `"5f3a-61b2"`, FetchedAt: now}
	js, _ := json.Marshal(&p)
	bin := appendPage(nil, &p)
	if len(bin)*2 > len(js) {
		t.Errorf("binary %d bytes, JSON %d: want under half", len(bin), len(js))
	}
}

// TestPageCodecReadsJSON opens a state whose pages were written as JSON by
// an earlier version: they read back, and are rewritten in the new form
// when they change.
func TestPageCodecReadsJSON(t *testing.T) {
	dir := t.TempDir()
	st, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	t1 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	want := Page{ContentHash: "h1", EmittedAt: t1, ETag: `"x"`, FetchedAt: t1, Links: []string{"http://a/2"}}
	js, _ := json.Marshal(&want)
	if err := st.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketPages).Put([]byte("http://a/"), js) }); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	got, err := st.Page(ctx, "http://a/")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("JSON page: got %+v, %v; want %+v", got, err, want)
	}
	if err := st.PutValidators(ctx, []Validators{{URL: "http://a/", ETag: `"y"`, FetchedAt: t1}}); err != nil {
		t.Fatal(err)
	}
	want.ETag, want.Links = `"y"`, nil
	got, err = st.Page(ctx, "http://a/")
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after a change: got %+v, %v; want %+v", got, err, want)
	}
	st.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketPages).Get([]byte("http://a/")); len(v) == 0 || v[0] != pageCodecV1 {
			t.Errorf("changed page still stored as %q", v)
		}
		return nil
	})
	st.Close()
}
