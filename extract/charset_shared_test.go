package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sharedDir returns the read-only reference material: the "shared" folder
// beside the repository (../shared from its root), found from the package
// directory upwards, or "" when it is absent.
func sharedDir() string {
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return filepath.Dir(c)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// requireShared returns sharedDir, skipping the test when it is absent.
func requireShared(t *testing.T) string {
	t.Helper()
	dir := sharedDir()
	if dir == "" {
		t.Skip("reference material ../shared not found beside the repository: skipping")
	}
	return dir
}

// TestDecodeCorpora decodes every reference page and checks that none gets
// U+FFFD except the known pages with corrupt bytes.
func TestDecodeCorpora(t *testing.T) {
	shared := requireShared(t)
	cwced, _ := filepath.Glob(filepath.Join(shared, "corpus/cwced-chinese-web-content/original/*.html"))
	var gne []string
	filepath.WalkDir(filepath.Join(shared, "corpus/gne-testpages"), func(p string, de os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			gne = append(gne, p)
		}
		return nil
	})
	if len(cwced) == 0 || len(gne) == 0 {
		t.Fatalf("corpora empty: %d cwced, %d gne pages", len(cwced), len(gne))
	}
	encodings := map[string]int{}
	var withFFFD []string
	for _, p := range append(cwced, gne...) {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Decode(raw, "", "")
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		encodings[d.Encoding+"/"+d.Source]++
		if d.Replacements > 0 {
			withFFFD = append(withFFFD, filepath.Base(p))
			t.Logf("%s: %d U+FFFD (%s from %s, warnings %q)", p, d.Replacements, d.Encoding, d.Source, d.Warnings)
		}
		if strings.Contains(p, "gne-testpages") && d.Encoding != "utf-8" {
			t.Errorf("%s: decoded as %s, the GNE pages are all UTF-8", p, d.Encoding)
		}
	}
	t.Logf("%d pages; encodings %v; %d with U+FFFD", len(cwced)+len(gne), encodings, len(withFFFD))
	// The cwced README names two pages with a few corrupt GBK bytes.
	if len(withFFFD) > 2 {
		t.Errorf("%d pages with U+FFFD, want at most 2: %v", len(withFFFD), withFFFD)
	}
}

func TestDecodeGNEDeclaredGB2312(t *testing.T) {
	shared := requireShared(t)
	raw, err := os.ReadFile(filepath.Join(shared, "corpus/gne-testpages/tests/163/9.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(bytes.ToLower(raw[:min(len(raw), 4096)]), []byte("gb2312")) {
		t.Fatalf("fixture no longer declares gb2312")
	}
	d, err := Decode(raw, "text/html", "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Encoding != "utf-8" || !slices.Contains(d.Warnings, "charset_mismatch") || d.Replacements != 0 {
		t.Errorf("got %s from %s, warnings %q, %d U+FFFD", d.Encoding, d.Source, d.Warnings, d.Replacements)
	}
}

func TestDecodeSeedMojibake(t *testing.T) {
	shared := requireShared(t)
	raw, err := os.ReadFile(filepath.Join(shared, "fixtures/seed/taiwan-cn-mobile-20210121.html"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decode(raw, "text/html", "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Encoding != "gbk" || d.Source != "meta" {
		t.Errorf("got %s from %s, want gbk from meta", d.Encoding, d.Source)
	}
	// The page carries pinyin after some characters: 設(shè).
	for _, want := range []string{"建設(shè)”徐建青說。", "紐帶”金山區(qū)投促辦", "新華網(wǎng)上海1月19日電"} {
		if !bytes.Contains(d.Text, []byte(want)) {
			t.Errorf("text lacks %q", want)
		}
	}
	for _, bad := range []string{"毙旖ㄇ嗾", "苯鹕絽", "\uFFFD"} {
		if bytes.Contains(d.Text, []byte(bad)) {
			t.Errorf("text still has %q", bad)
		}
	}
	if !slices.Contains(d.Warnings, "mojibake_repaired") {
		t.Errorf("warnings %q lack mojibake_repaired", d.Warnings)
	}
}

// BenchmarkDecodeCorpus decodes the cwced pages (two thirds GB2312/GBK, the
// rest UTF-8), as the pipeline would see them.
func BenchmarkDecodeCorpus(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(sharedDir(), "corpus/cwced-chinese-web-content/original/*.html"))
	if len(paths) == 0 {
		b.Skip("reference corpus ../shared/corpus/cwced-chinese-web-content absent: skipping")
	}
	var pages [][]byte
	size := 0
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
		size += len(raw)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, raw := range pages {
			if _, err := Decode(raw, "text/html", ""); err != nil {
				b.Fatal(err)
			}
		}
	}
}
