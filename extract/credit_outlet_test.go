package extract

import "testing"

func TestClosingOutlet(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"——《北京之春》1996年3月号", "北京之春", true},
		{"（原载《读书》2005年第3期）", "读书", true},
		{"摘自《青年文摘》", "青年文摘", true},
		{"—— 《南方周末》 2020.01.02", "南方周末", true},
		{"《红楼梦》", "", false},                     // a bare title may be a heading
		{"——《红楼梦》是一部伟大的小说", "", false},           // prose after the title
		{"摘自《读书》，有删节，并经作者本人审定后发表于此处", "", false}, // prose after the title
		{"原载报纸", "", false},
		{"《光明日报》（ 2022年02月13日 02版）", "光明日报", true}, // a print edition's credit
		{"《光明日报》（记者 张三）", "", false},               // not an issue reference
		{"《红楼梦》（第一卷）", "", false},                  // no date: a heading

	}
	for _, tt := range tests {
		got, ok := closingOutlet(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("closingOutlet(%q) = %q %v; want %q %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	body, bc := edgeCredits([]string{para, para, "——《北京之春》1996年3月号"})
	if bc.source != "北京之春" || len(body) != 2 {
		t.Errorf("edgeCredits: source %q body %q", bc.source, body)
	}
	lines := []string{"——《北京之春》1996年3月号", para, para, para, para}
	if body, bc := edgeCredits(lines); bc.source != "" || len(body) != len(lines) {
		t.Errorf("a reprint line far from the end stays: source %q body %q", bc.source, body)
	}
}
