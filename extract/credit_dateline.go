package extract

import (
	"strings"
	"unicode/utf8"
)

// maxWirePlace is the longest place, in runes, between a wire agency and 电
// in an undated dateline ("新华社拉萨电", "新华社乌鲁木齐电").
const maxWirePlace = 5

// undatedWire returns the agency of a wire dateline printed without its
// date, as reprints do: "据新华社拉萨电", "新华社北京电", "据中新社电". It
// takes only agencies in knownAgencies (an outlet's own 本报/本网 never
// files a 电), so prose such as "据他说电" is no dateline.
func undatedWire(prefix string) string {
	rest := prefix
	if r, ok := strings.CutPrefix(rest, "据"); ok {
		rest = r
	} else if r, ok := strings.CutPrefix(rest, "據"); ok {
		rest = r
	}
	body, ok := strings.CutSuffix(rest, "电")
	if !ok {
		if body, ok = strings.CutSuffix(rest, "電"); !ok {
			return ""
		}
	}
	for _, a := range knownAgencies {
		if strings.HasPrefix(a, "本") {
			continue
		}
		if place, ok := strings.CutPrefix(body, a); ok && utf8.RuneCountInString(place) <= maxWirePlace {
			return a
		}
	}
	return ""
}
