package crawler

import (
	"strings"
	"testing"
)

// TestWindowSetNeverMissesASubstring: every substring of the text may be
// in it, and most strings that are not in it are ruled out.
func TestWindowSetNeverMissesASubstring(t *testing.T) {
	body := "市政府今天召开新闻发布会，介绍春季植树活动的安排。\nThe council approved plan number 42 for the river district.\n责任编辑：王五"
	var ws windowSet
	ws.add(body)
	for i := 0; i < len(body); i++ {
		for j := i; j <= len(body); j++ {
			if !ws.mayContain(body[i:j]) {
				t.Fatalf("mayContain(%q) = false for a substring of the text", body[i:j])
			}
		}
	}
	absent := []string{"春季植树活动启动 市民可预约参加", "Story number 17 about the city", "城际铁路新增十二对列车", "the river district plan"}
	for _, s := range absent {
		if strings.Contains(body, s) {
			t.Fatalf("%q is in the text", s)
		}
		if ws.mayContain(s) {
			t.Errorf("mayContain(%q) = true for a string the text does not hold", s)
		}
	}
}

func FuzzWindowSet(f *testing.F) {
	f.Add("新闻发布会 press conference", 3, 9)
	f.Fuzz(func(t *testing.T, text string, i, j int) {
		if i < 0 || j < i || j > len(text) {
			return
		}
		var ws windowSet
		ws.add(text)
		if !ws.mayContain(text[i:j]) {
			t.Fatalf("mayContain(%q) = false for text[%d:%d] of %q", text[i:j], i, j, text)
		}
	})
}
