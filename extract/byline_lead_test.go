package extract

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestLeadBylines parses small pages and checks the names read from the
// first lead that yields any.
func TestLeadBylines(t *testing.T) {
	tests := []struct {
		page string
		want []string
	}{
		{`<div><p>Written by</p><p>Edzel Tabing</p></div>`, []string{"Edzel Tabing"}},
		{`<div><div>Written by</div><div>Jack Shepherd</div><div>Hi! I'm Jack.</div></div>`, []string{"Jack Shepherd"}},
		{`<p>By <!-- -->Preetam Jinka</p>`, []string{"Preetam Jinka"}},
		{`<h3>Written by Cassidy Horton</h3>`, []string{"Cassidy Horton"}},
		{`<div><span>by </span></div><p><a href="/a/sg">Shannon Grilli</a></p>`, []string{"Shannon Grilli"}},
		{`<div><small>WRITTEN BY</small><p><strong><a>NETGEAR Orbi Team</a></strong></p></div>`, []string{"NETGEAR Orbi Team"}},
		{`<p>Posted on <a><time>May 2, 2024</time></a> by <a>Jane Doe</a></p>`, []string{"Jane Doe"}},
		{`<div>Written by <a>Jillian Kubala, MS, RD</a> — Updated on March 7, 2025</div>`, []string{"Jillian Kubala, MS, RD"}},
		{`<div>By <a>Jane Doe, March 5, 2024</a></div>`, []string{"Jane Doe"}},
		// Not the writer.
		{`<span><a>Medically reviewed</a> by <a>Kim Rose-Francis RDN</a></span>`, nil},
		{`<div><h4>By Event Type</h4><ul><li><a>Conferences</a></li></ul></div>`, nil},
		{`<p>BY COMPANY TYPE</p>`, nil},
		{`<p>By hand</p>`, nil},
		{`<p>By contrast, Apple Inc. makes phones.</p>`, nil},
		{`<p>Byron Smith wrote this</p>`, nil},
		{`<p>By the end of the year, most of the analysts who follow the company expected more.</p>`, nil},
	}
	for _, tt := range tests {
		root, err := html.Parse(strings.NewReader("<html><body>" + tt.page + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		var d document
		d.scan(root)
		var got []string
		for _, lead := range d.pageLeads() {
			if got = leadNames(lead); len(got) > 0 {
				break
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: leads %q → %q, want %q", tt.page, d.pageLeads(), got, tt.want)
		}
	}
}

func TestCutLeadWord(t *testing.T) {
	tests := []struct {
		in, word, rest string
		ok             bool
	}{
		{"Written by", "written by", "", true},
		{"By: Jane Doe", "by", "Jane Doe", true},
		{"Author:", "author", "", true},
		{"Authority figures", "", "", false},
		{"Byline", "", "", false},
	}
	for _, tt := range tests {
		word, rest, ok := cutLeadWord(tt.in)
		if word != tt.word || rest != tt.rest || ok != tt.ok {
			t.Errorf("cutLeadWord(%q) = %q, %q, %v; want %q, %q, %v", tt.in, word, rest, ok, tt.word, tt.rest, tt.ok)
		}
	}
}

// TestOpensLeadWordCoversLeadWords: the first-letter shortcut of
// opensLeadWord must let every lead word through, in any case.
func TestOpensLeadWordCoversLeadWords(t *testing.T) {
	for _, w := range leadWords {
		for _, s := range []string{w + " Jane Doe", strings.ToUpper(w) + " Jane Doe", "\u00a0 " + strings.ToUpper(w[:1]) + w[1:]} {
			if !opensLeadWord(s) {
				t.Errorf("opensLeadWord(%q) = false", s)
			}
		}
	}
	for _, s := range []string{"", "   ", "The council met", "新华社", "Byron said"} {
		if got, want := opensLeadWord(s), strings.HasPrefix(strings.ToLower(s), "by"); got != want {
			t.Errorf("opensLeadWord(%q) = %v, want %v", s, got, want)
		}
	}
}
