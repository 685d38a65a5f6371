package extract

import (
	"bytes"
	"fmt"
	"net/url"

	"golang.org/x/net/html"
)

// parse is the second stage: one x/net/html parse of the decoded page, the
// user's per-site rules (which may remove nodes, so they run before anything
// reads the tree) and one walk for metadata, headline candidates and links
// (scan.go).
func (r *pageRun) parse() error {
	root, err := html.Parse(bytes.NewReader(r.dec.Text))
	if err != nil {
		// x/net/html gives up on trees deeper than 512 elements (legacy
		// pages with unclosed tags in loops); keep the text, drop the depth.
		root, err = html.Parse(bytes.NewReader(flattenDeep(r.dec.Text, 256)))
		if err != nil {
			return fmt.Errorf("parse html: %w", err)
		}
	}
	p := &document{root: root, collect: r.opts.CollectLinks}
	if p.collect {
		if n := linkTagGuess(r.dec.Text); n > 0 {
			p.links = make([]Link, 0, n)
		}
	}
	if u, err := url.Parse(r.url); err == nil && u.Scheme != "" {
		p.base = u
	}
	r.ov = r.opts.Rules.apply(root)
	p.scan(root)
	if p.body == nil {
		p.body = root
	}
	r.doc = p
	return nil
}

// flattenDeep rewrites a page so that no element nests deeper than limit:
// start and end tags below that depth are dropped, their text is kept.
func flattenDeep(page []byte, limit int) []byte {
	z := html.NewTokenizer(bytes.NewReader(page))
	out := make([]byte, 0, len(page))
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, _ := z.TagName()
			if isVoidElement(string(name)) {
				break
			}
			depth++
			if depth > limit {
				continue
			}
		case html.EndTagToken:
			depth--
			if depth >= limit {
				continue
			}
		}
		out = append(out, z.Raw()...)
	}
}

func isVoidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr":
		return true
	}
	return false
}

// linkTagGuess counts the "<a " tags of page (either case): the room to
// give the links collected, which append would otherwise reach by doubling
// (a portal page holds hundreds). One pass from tag to tag: two
// bytes.Count cost twice as much.
func linkTagGuess(page []byte) int {
	n := 0
	for i := 0; ; {
		j := bytes.IndexByte(page[i:], '<')
		if j < 0 {
			return n
		}
		i += j + 1
		if i+1 < len(page) && page[i]|0x20 == 'a' && page[i+1] == ' ' {
			n++
		}
	}
}
