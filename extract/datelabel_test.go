package extract

import (
	"strings"
	"testing"
)

// dateLabelRef is dateLabel without the byte-pair filter; the two must
// agree on every text.
func dateLabelRef(before string) (updated, published bool) {
	if len(before) > 32 {
		before = before[len(before)-32:]
	}
	if before == "" {
		return false, false
	}
	low := strings.ToLower(before)
	u, uEnd, p := -1, -1, -1
	for _, l := range updateLabels {
		if k := strings.LastIndex(low, l); k > u {
			u, uEnd = k, k+len(l)
		}
	}
	for _, l := range publishLabels {
		k := strings.LastIndex(low, l)
		if k >= u && k < uEnd {
			k = strings.LastIndex(low[:u], l)
		}
		if k > p {
			p = k
		}
	}
	return u > p, p > u
}

func TestDateLabelMatchesSearch(t *testing.T) {
	var texts []string
	for _, l := range append(updateLabels[:], publishLabels[:]...) {
		for _, f := range []string{"%s", "%s: ", "Story %s on ", "x%sx", "UPDATED · %s "} {
			texts = append(texts, strings.ReplaceAll(f, "%s", l), strings.ReplaceAll(f, "%s", strings.ToUpper(l)))
		}
	}
	texts = append(texts, "", "Updated: ", "Published on Monday, ", "Last updated date: ", "发布时间：", "更新日期 ",
		"By Jane Doe | ", "The city council on Tuesday approved plan number ", "İstanbul güncellendi ")
	for _, s := range texts {
		gu, gp := dateLabel(s)
		wu, wp := dateLabelRef(s)
		if gu != wu || gp != wp {
			t.Errorf("dateLabel(%q) = %v, %v, want %v, %v", s, gu, gp, wu, wp)
		}
	}
}
