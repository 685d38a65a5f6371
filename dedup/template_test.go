package dedup

import (
	"fmt"
	"strings"
	"testing"
)

func TestTemplatesStrip(t *testing.T) {
	tp := NewTemplates(16)
	footer := "（责任编辑：王晓明）\n版权所有 未经授权禁止转载"
	for i := 0; i < TemplateMin; i++ {
		tp.Learn("a.example", fmt.Sprintf("第%d篇报道的正文。\n%s", i, footer))
	}
	tp.Learn("b.example", "另一家网站的正文。\n"+footer) // once on b: not b's template
	for _, tc := range []struct{ host, body, want string }{
		{"a.example", "新的正文。\n" + footer, "新的正文。"},
		{"a.example", "新的正文。\n（ 责任编辑：王晓明 ）\n版权所有  未经授权禁止转载。", "新的正文。"}, // spacing and punctuation ignored
		{"b.example", "新的正文。\n" + footer, "新的正文。\n" + footer},
		{"a.example", "第0篇报道的正文。", "第0篇报道的正文。"}, // seen once: story text
	} {
		if got := tp.Strip(tc.host, tc.body); got != tc.want {
			t.Errorf("Strip(%s, %q) = %q, want %q", tc.host, tc.body, got, tc.want)
		}
	}
	// A line repeated inside one record counts once.
	tp2 := NewTemplates(16)
	tp2.Learn("a.example", strings.Repeat("重复的一行\n", 5))
	if got := tp2.Strip("a.example", "重复的一行"); got != "重复的一行" {
		t.Errorf("one record's repeated line taken for template: %q", got)
	}
}
