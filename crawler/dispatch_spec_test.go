package crawler

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// TestJobSpecCodec checks that encode writes what json.Marshal writes and
// that decodeSpec reads what json.Unmarshal reads, its fast path included.
func TestJobSpecCodec(t *testing.T) {
	specs := []jobSpec{
		{Kind: kindPage}, {Kind: kindFeed, Depth: 1, Seed: true}, {Kind: kindSitemap, Depth: 3, Cal: 2, Tries: 1, Carried: 4},
		{Kind: "", Depth: -2}, {Kind: `odd"kind\`, Depth: 7}, {Kind: "<&>", Tries: 123456789}, {Kind: "é", Depth: 1 << 40},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		specs = append(specs, jobSpec{Kind: []string{kindPage, kindFeed, kindSitemap}[r.IntN(3)], Depth: r.IntN(40) - 2,
			Seed: r.IntN(2) == 0, Cal: r.IntN(3), Tries: r.IntN(3), Carried: r.IntN(3)})
	}
	for _, s := range specs {
		want, _ := json.Marshal(s)
		if got := s.encode(); string(got) != string(want) {
			t.Fatalf("encode %+v = %s, want %s", s, got, want)
		}
		checkDecode(t, want)
	}
	for _, in := range []string{
		`{"k":"page","d":2}`, `{"d":2,"k":"feed","s":true}`, `{ "k":"page","d":2}`, `{"k":"page","d":02}`,
		`{"k":"page","d":2,}`, `{"k":"page","k":"feed"}`, `{"k":"page","s":false}`, `{"k":"a,b","d":1}`,
		`{"k":"page","x":1}`, `{"k":"page","d":null}`, `{"k":"page","d":1e2}`, `{"k":"page","d":-0}`, `{}`,
		`{"k":"p\u0061ge"}`, `{"k":"page","d":99999999999}`, `[]`, `{"k":"page"`, `not json`, `{"k":"page","d":"2"}`,
	} {
		checkDecode(t, []byte(in))
	}
}

func checkDecode(t *testing.T, in []byte) {
	t.Helper()
	var want jobSpec
	werr := json.Unmarshal(in, &want)
	if want.Kind == "" {
		want.Kind = kindPage
	}
	got, err := decodeSpec(in)
	if (err != nil) != (werr != nil) || (err == nil && got != want) {
		t.Errorf("decodeSpec(%s) = %+v, %v; want %+v, %v", in, got, err, want, werr)
	}
}

func BenchmarkJobSpecCodec(b *testing.B) {
	s := jobSpec{Kind: kindPage, Depth: 3, Cal: 1}
	for b.Loop() {
		if _, err := decodeSpec(s.encode()); err != nil {
			b.Fatal(err)
		}
	}
}
