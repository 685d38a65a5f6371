// Package countfmt prints counters by name the way newspipe's summaries
// show them: "name=3 other=1", sorted by name, "none" when empty.
package countfmt

import (
	"fmt"
	"sort"
	"strings"
)

// Format prints m as "a=1 b=2" in name order, or "none".
func Format[V ~int | ~int64](m map[string]V) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}
