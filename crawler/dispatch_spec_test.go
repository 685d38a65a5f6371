package crawler

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"reflect"
	"strconv"
	"testing"

	"github.com/gocolly/colly/v2"
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

// requestJSON is the JSON form of the request for u that the crawl gave
// colly.Collector.UnmarshalRequest before newRequest: TestNewRequest holds
// newRequest to what UnmarshalRequest made of it.
func requestJSON(s jobSpec, u string) []byte {
	ctx := map[string]string{ctxKind: s.Kind, ctxKey: u}
	if s.Seed {
		ctx[ctxSeed] = "1"
	}
	if s.Cal > 0 {
		ctx[ctxCal] = strconv.Itoa(s.Cal)
	}
	if s.Tries > 0 {
		ctx[ctxTry] = strconv.Itoa(s.Tries)
	}
	b, _ := json.Marshal(struct {
		URL    string
		Method string
		Depth  int
		Ctx    map[string]string
	}{u, http.MethodGet, s.Depth, ctx})
	return b
}

func TestNewRequest(t *testing.T) {
	col := colly.NewCollector()
	tmpl, err := col.UnmarshalRequest([]byte(`{"Method":"GET"}`))
	if err != nil {
		t.Fatal(err)
	}
	c := &crawl{col: col, reqTmpl: tmpl}
	for _, tc := range []struct {
		u string
		s jobSpec
	}{
		{"http://example.com/a/b.html?x=1&y=%20", jobSpec{Kind: kindPage, Depth: 3}},
		{"https://例え.jp/パス?q=ü", jobSpec{Kind: kindFeed, Depth: 1, Seed: true, Cal: 2, Tries: 1}},
		{"http://[::1]:8080/", jobSpec{Kind: kindSitemap, Cal: 0, Tries: 3, Carried: 2}},
		{"http://a/%zz", jobSpec{Kind: kindPage}},
	} {
		want, werr := col.UnmarshalRequest(requestJSON(tc.s, tc.u))
		got, err := c.newRequest(tc.u, tc.s)
		if (err != nil) != (werr != nil) {
			t.Fatalf("newRequest(%q): %v, UnmarshalRequest: %v", tc.u, err, werr)
		}
		if err != nil {
			continue
		}
		wb, _ := io.ReadAll(want.Body)
		gb, _ := io.ReadAll(got.Body)
		if got.Method != want.Method || got.URL.String() != want.URL.String() || !reflect.DeepEqual(got.URL, want.URL) ||
			got.Depth != want.Depth || string(gb) != string(wb) || !reflect.DeepEqual(*got.Headers, *want.Headers) ||
			*got.Headers != nil || got.Host != want.Host || got.ProxyURL != want.ProxyURL {
			t.Errorf("newRequest(%q) = %+v, want %+v", tc.u, got, want)
		}
		for _, k := range []string{ctxKind, ctxKey, ctxSeed, ctxCal, ctxTry} {
			if g, w := got.Ctx.Get(k), want.Ctx.Get(k); g != w {
				t.Errorf("newRequest(%q): ctx %s = %q, want %q", tc.u, k, g, w)
			}
		}
		got.Ctx.ForEach(func(k string, v any) any {
			if want.Ctx.GetAny(k) == nil {
				t.Errorf("newRequest(%q): extra ctx %s", tc.u, k)
			}
			return nil
		})
	}
}
