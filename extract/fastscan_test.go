package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// TestBlockCountsMatchTextStats checks that the counts collapsedText takes
// while it copies a block's text are those textStats takes from the text,
// on the test pages and on text with invalid bytes next to dropped runes.
func TestBlockCountsMatchTextStats(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join("..", "testdata", "pages", "*.html"))
	var docs [][]byte
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, raw)
	}
	docs = append(docs,
		[]byte("<p>a\xe4\u200b\xb8\xadb, c。</p><p>\xff \xfe\u00a0x</p><p>中文，测试\xe4</p>"),
		[]byte("<div>\xe4<span>\u200b</span>\xb8\xad end.</div>"))
	blocks := 0
	for _, raw := range docs {
		root, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		w := segmentBlocks(root, len(raw), "")
		for _, b := range w.blocks {
			blocks++
			n, cjk, punct := textStats(b.text)
			if b.runes != n || b.cjk != cjk || b.punct != punct {
				t.Errorf("block %q: counted %d, %d, %d; textStats %d, %d, %d", b.text, b.runes, b.cjk, b.punct, n, cjk, punct)
			}
		}
	}
	if blocks < 100 {
		t.Fatalf("only %d blocks checked", blocks)
	}
}

func TestContainsAnyRuneMatchesContainsAny(t *testing.T) {
	sets := []string{"。！？", " ·•・", "，。：:！？", "a", ""}
	texts := []string{"", "abc", "中文。", "中文", "a·b", "\xe3。", "\xe3\x80", "x\xef\xbc\x81", "\xff・", "评论 ", "！", "?"}
	for _, s := range texts {
		for _, chars := range sets {
			if got, want := containsAnyRune(s, chars), strings.ContainsAny(s, chars); got != want {
				t.Errorf("containsAnyRune(%q, %q) = %v, want %v", s, chars, got, want)
			}
		}
	}
}

// isSectionHeadingRef is isSectionHeading without its first-rune filter.
func isSectionHeadingRef(b *block) bool {
	if b.runes > 24 {
		return false
	}
	t := squeezeCJKLabel(strings.ToLower(strings.Trim(b.text, " :：>»›|【】[]■●▌")))
	switch t {
	case "评论", "評論", "留言", "网友留言", "讨论", "comment", "discussion", "responses", "replies":
		return true
	}
	if n := strings.TrimLeft(t, "0123456789 "); n != t && (n == "comments" || n == "comment" || n == "responses" || n == "条评论" || n == "則留言") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t)
	for _, h := range headingSet.startingWith(r) {
		if strings.HasPrefix(t, h) {
			if len(t) > len(h)+12 && !isCJK(r) {
				continue
			}
			return true
		}
	}
	return false
}

func TestSectionHeadingFilter(t *testing.T) {
	var texts []string
	for _, h := range append(sectionHeadings[:], "评论", "評論", "留言", "网友留言", "讨论", "comment", "discussion", "responses", "replies",
		"12 comments", "3条评论", "5則留言", "Comments", "Related", "RELATED STORIES", "Ähnliche Artikel", "À lire aussi", "Home", "",
		"【相关 · 推荐】", "延伸 · 推荐", "\xffabc", "İstanbul", "Kommentare (3)") {
		texts = append(texts, h, strings.ToUpper(h), " » "+h+":", strings.ToUpper(h[:min(1, len(h))])+h[min(1, len(h)):])
	}
	pages, _ := filepath.Glob(filepath.Join("..", "testdata", "pages", "*.html"))
	for _, p := range pages {
		raw, _ := os.ReadFile(p)
		root, err := html.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range segmentBlocks(root, len(raw), "").blocks {
			texts = append(texts, b.text)
		}
	}
	for _, s := range texts {
		n, _, _ := textStats(s)
		b := &block{text: s, runes: n}
		if got, want := isSectionHeading(b), isSectionHeadingRef(b); got != want {
			t.Errorf("isSectionHeading(%q) = %v, want %v", s, got, want)
		}
	}
}
