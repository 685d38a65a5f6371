package extract

import (
	"strings"
	"testing"
)

func TestUnprintedHanName(t *testing.T) {
	w := &blockWalker{blocks: []block{{text: "首页 > 国务院公报"}, {text: "本报记者 张伟 北京报道"}, {text: "责任编辑：崔宁宁"}}}
	tests := []struct {
		v    string
		want bool
	}{
		{"马娟", true},        // an uploader the page never names
		{"张伟", false},       // printed in a byline
		{"崔宁宁", false},      // printed, as the editor
		{"青网校园崔宁宁", false},  // a desk's tag, not one plain name
		{"Jane Doe", false}, // not a Han name
		{"", false},
	}
	for _, tt := range tests {
		if got := unprintedHanName(w, tt.v); got != tt.want {
			t.Errorf("unprintedHanName(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestMetaAuthorUnprinted(t *testing.T) {
	page := func(meta, byline string) string {
		return `<html><head><meta charset="utf-8"><meta name="author" content="` + meta + `"><title>关于调整国债余额限额的决议</title></head><body>` +
			`<h1>关于调整国债余额限额的决议</h1><p>` + byline + `</p>` +
			strings.Repeat(`<p>第十届全国人民代表大会常务委员会第二十八次会议，听取了财政部部长代表国务院作的说明，并对议案进行了审议。会议同意国务院提出的议案。</p>`, 4) +
			`</body></html>`
	}
	tests := []struct {
		html string
		want []string
	}{
		{page("马娟", "2007年8月20日"), nil},
		{page("李明", "2007年8月20日 李明"), []string{"李明"}},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(tt.html), "https://www.example.gov.cn/a.htm", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(a.Authors, ",") != strings.Join(tt.want, ",") {
			t.Errorf("authors = %q, want %q", a.Authors, tt.want)
		}
	}
}
