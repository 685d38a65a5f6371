package dedup

import (
	"sync"

	"github.com/longbridgeapp/opencc"
)

// converters are OpenCC's Simplified→Traditional phrase converters, built
// once: the evaluation writes its Traditional reprints with them, as a
// portal's converter would. They convert by phrase (STPhrases, then
// STCharacters), so one Simplified character becomes different
// Traditional ones in different words (发展→發展, 头发→頭髮), and s2tw and
// s2hk use the variants Taiwan and Hong Kong print (為, 裡, 着→著). None
// of this is the fingerprint's own code or data.
var converters = sync.OnceValue(func() map[string]*opencc.OpenCC {
	m := map[string]*opencc.OpenCC{}
	for _, name := range []string{"s2t", "s2tw", "s2hk"} {
		cc, err := opencc.New(name)
		if err != nil {
			panic("opencc " + name + ": " + err.Error())
		}
		m[name] = cc
	}
	return m
})

// convert returns s converted by OpenCC's conversion name (s2t: OpenCC's
// standard Traditional characters; s2tw: Taiwan's; s2hk: Hong Kong's).
func convert(name, s string) string {
	out, err := converters()[name].Convert(s)
	if err != nil {
		panic("opencc " + name + ": " + err.Error())
	}
	return out
}

// toTraditional returns s in OpenCC's standard Traditional characters.
func toTraditional(s string) string { return convert("s2t", s) }
