package extract

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Test paragraphs: a few hundred bytes each, like a short news item.
const (
	simplifiedPara = "新华社北京1月20日电 国家统计局今天发布数据，2020年全年国内生产总值比上年增长2.3%，" +
		"经济总量突破一百万亿元。专家表示，我国经济发展韧性强，长期向好的基本面没有改变，" +
		"各地区各部门坚持稳中求进工作总基调，扎实做好各项工作。"
	traditionalPara = "中央社記者台北20日電，行政院今天召開會議，討論明年度的經濟發展計畫。院長表示，" +
		"政府將持續推動產業轉型，協助中小企業開拓國際市場，並加強與各國的經貿合作，" +
		"讓台灣在全球供應鏈中扮演更重要的角色。"
	// Characters outside GB2312 that a GBK/GB18030 page may hold.
	gbkOnlyPara = "王玥、李瑄和張昇今天說，會議很成功。"
	frenchPara  = "Le président a déclaré à la presse que la réforme des retraites serait présentée " +
		"mercredi. « Nous irons jusqu'au bout », a-t-il ajouté, évoquant une « étape décisive »."
)

func encodeWith(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// page wraps body text in a minimal HTML document with the given head.
func page(head, body string) string {
	return "<!DOCTYPE html>\n<html>\n<head>\n" + head + "<title>" + "</title>\n</head>\n<body>\n<p>" + body + "</p>\n</body>\n</html>\n"
}

func TestDecode(t *testing.T) {
	gbk := func(s string) []byte { return encodeWith(t, simplifiedchinese.GBK, s) }
	gb18030 := func(s string) []byte { return encodeWith(t, simplifiedchinese.GB18030, s) }
	big5 := func(s string) []byte { return encodeWith(t, traditionalchinese.Big5, s) }
	latin := func(s string) []byte { return encodeWith(t, charmap.Windows1252, s) }
	metaGB := `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` + "\n"
	script := "<script>\n" + strings.Repeat("var x = 1; // filler to push the meta past 1 KB\n", 30) + "</script>\n"

	tests := []struct {
		name        string
		raw         []byte
		contentType string
		override    string
		wantEnc     string
		wantSource  string
		wantText    string // must appear in Text
		wantWarn    []string
	}{
		{
			name:       "gbk declared gb2312 with GBK-only characters",
			raw:        gbk(page(metaGB, gbkOnlyPara+simplifiedPara)),
			wantEnc:    "gbk",
			wantSource: "meta",
			wantText:   gbkOnlyPara,
		},
		{
			name:       "gb18030 four-byte characters under a gbk label",
			raw:        gb18030(page(`<meta charset="gbk">`, "𠀀㐀"+simplifiedPara)),
			wantEnc:    "gbk",
			wantSource: "meta",
			wantText:   "𠀀㐀",
		},
		{
			name:       "gb18030 declared",
			raw:        gb18030(page(`<meta charset="GB18030">`, simplifiedPara)),
			wantEnc:    "gb18030",
			wantSource: "meta",
			wantText:   simplifiedPara,
		},
		{
			name:        "GB-18030 chardet spelling in header",
			raw:         gbk(page("", simplifiedPara)),
			contentType: "text/html; charset=GB-18030",
			wantEnc:     "gb18030",
			wantSource:  "header",
			wantText:    simplifiedPara,
		},
		{
			name:       "gbk undeclared",
			raw:        gbk(page("", simplifiedPara)),
			wantEnc:    "gbk",
			wantSource: "detected",
			wantText:   simplifiedPara,
		},
		{
			name:       "traditional text in gbk undeclared",
			raw:        gbk(page("", traditionalPara)),
			wantEnc:    "gbk",
			wantSource: "detected",
			wantText:   traditionalPara,
		},
		{
			name:        "utf-8 header on gbk bytes",
			raw:         gbk(page("", simplifiedPara)),
			contentType: "text/html; charset=utf-8",
			wantEnc:     "gbk",
			wantSource:  "detected",
			wantText:    simplifiedPara,
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:       "utf-8 meta on gbk bytes",
			raw:        gbk(page(`<meta charset="utf-8">`, traditionalPara)),
			wantEnc:    "gbk",
			wantSource: "detected",
			wantText:   traditionalPara,
			wantWarn:   []string{"charset_mismatch"},
		},
		{
			name:       "meta after 1 KB of script",
			raw:        gbk(page(script+`<meta charset=gbk>`, "短文")),
			wantEnc:    "gbk",
			wantSource: "meta",
			wantText:   "短文",
		},
		{
			name:       "bare content charset after script",
			raw:        gbk(page(script+`<META NAME="x" CONTENT="charset=GBK">`, "短文")),
			wantEnc:    "gbk",
			wantSource: "meta",
			wantText:   "短文",
		},
		{
			name:       "charset attribute on script is not a declaration",
			raw:        gbk(page(`<script charset="utf-8" src="a.js"></script>`, simplifiedPara)),
			wantEnc:    "gbk",
			wantSource: "detected",
			wantText:   simplifiedPara,
		},
		{
			name:       "big5 declared",
			raw:        big5(page(`<meta http-equiv="Content-Type" content="text/html; charset=big5">`, traditionalPara)),
			wantEnc:    "big5",
			wantSource: "meta",
			wantText:   traditionalPara,
		},
		{
			name:        "x-x-big5 header",
			raw:         big5(page("", traditionalPara)),
			contentType: "text/html;charset=x-x-big5;",
			wantEnc:     "big5",
			wantSource:  "header",
			wantText:    traditionalPara,
		},
		{
			name:       "big5 undeclared",
			raw:        big5(page("", traditionalPara)),
			wantEnc:    "big5",
			wantSource: "detected",
			wantText:   traditionalPara,
		},
		{
			name:       "big5 bytes declared gb2312",
			raw:        big5(page(metaGB, traditionalPara)),
			wantEnc:    "big5",
			wantSource: "detected",
			wantText:   traditionalPara,
			wantWarn:   []string{"charset_mismatch"},
		},
		{
			name:       "utf-8 with BOM",
			raw:        append([]byte("\xEF\xBB\xBF"), page(`<meta charset="gbk">`, simplifiedPara)...),
			wantEnc:    "utf-8",
			wantSource: "bom",
			wantText:   "<!DOCTYPE html>",
		},
		{
			name:       "utf-16le BOM",
			raw:        encodeWith(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), page("", traditionalPara)),
			wantEnc:    "utf-16le",
			wantSource: "bom",
			wantText:   "<!DOCTYPE html>\n<html>",
		},
		{
			name:       "utf-16be BOM",
			raw:        encodeWith(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), page("", simplifiedPara)),
			wantEnc:    "utf-16be",
			wantSource: "bom",
			wantText:   simplifiedPara,
		},
		{
			name:        "header wins over meta when the bytes agree",
			raw:         gbk(page(`<meta charset="big5">`, simplifiedPara)),
			contentType: "text/html; charset=GBK",
			wantEnc:     "gbk",
			wantSource:  "header",
			wantText:    simplifiedPara,
		},
		{
			name:        "meta wins when the bytes contradict the header",
			raw:         gbk(page(metaGB, simplifiedPara)),
			contentType: "text/html; charset=utf-8",
			wantEnc:     "gbk",
			wantSource:  "meta",
			wantText:    simplifiedPara,
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:        "iso-8859-1 server default on a gbk page",
			raw:         gbk(page(metaGB, simplifiedPara)),
			contentType: "text/html; charset=ISO-8859-1",
			wantEnc:     "gbk",
			wantSource:  "meta",
			wantText:    simplifiedPara,
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:       "gb2312 declared on utf-8 bytes",
			raw:        []byte(page(metaGB, simplifiedPara)),
			wantEnc:    "utf-8",
			wantSource: "detected",
			wantText:   simplifiedPara,
			wantWarn:   []string{"charset_mismatch"},
		},
		{
			name:       "gb2312 declared on a short utf-8 page",
			raw:        []byte(page(metaGB, "中国")),
			wantEnc:    "utf-8",
			wantSource: "detected",
			wantText:   "中国",
			wantWarn:   []string{"charset_mismatch"},
		},
		{
			name:       "gbk page whose only characters happen to be valid utf-8",
			raw:        gbk(page(metaGB, "说说")), // CB B5 CB B5 is also "˵˵" in UTF-8
			wantEnc:    "gbk",
			wantSource: "meta",
			wantText:   "说说",
		},
		{
			name:       "windows-1252 undeclared",
			raw:        latin(page("", frenchPara)),
			wantEnc:    "windows-1252",
			wantSource: "detected",
			wantText:   frenchPara,
		},
		{
			name:        "iso-8859-1 header means windows-1252",
			raw:         latin(page("", frenchPara+" 10 €")),
			contentType: "text/html; charset=iso-8859-1",
			wantEnc:     "windows-1252",
			wantSource:  "header",
			wantText:    "10 €",
		},
		{
			name:       "utf-8 undeclared",
			raw:        []byte(page("", traditionalPara)),
			wantEnc:    "utf-8",
			wantSource: "detected",
			wantText:   traditionalPara,
		},
		{
			name:       "ascii only",
			raw:        []byte(page("", "plain")),
			wantEnc:    "utf-8",
			wantSource: "detected",
			wantText:   "plain",
		},
		{
			name:       "override wins over everything",
			raw:        gbk(page(`<meta charset="utf-8">`, simplifiedPara)),
			override:   "cp936",
			wantEnc:    "gbk",
			wantSource: "override",
			wantText:   simplifiedPara,
		},
		{
			name:       "exclamation mark before Chinese is kept",
			raw:        gbk(page(metaGB, "Hello!中国 好!我们 "+simplifiedPara)),
			wantEnc:    "gbk",
			wantSource: "meta",
			wantText:   "Hello!中国 好!我们 ",
		},
		{
			name:       "damaged lead byte repaired",
			raw:        bytes.Replace(gbk(page(metaGB, simplifiedPara+"“要加快建设”徐建青说。")), gbk("”徐"), append([]byte{'!'}, gbk("”徐")[1:]...), 1),
			wantEnc:    "gbk",
			wantSource: "meta",
			wantText:   "建设”徐建青说。",
			wantWarn:   []string{"mojibake_repaired"},
		},
		{
			name:       "a few corrupt bytes in a gbk page",
			raw:        append(gbk(page("", simplifiedPara+simplifiedPara)), 0xFF, 0x80, 0xC8, '\n'),
			wantEnc:    "gbk",
			wantSource: "detected",
			wantText:   simplifiedPara,
			wantWarn:   []string{"invalid_bytes"},
		},
		{
			name:        "utf-8 page cut inside a character stays utf-8",
			raw:         []byte(page("", traditionalPara+traditionalPara[:len(traditionalPara)-1])),
			contentType: "text/html; charset=utf-8",
			wantEnc:     "utf-8",
			wantSource:  "header",
			wantText:    traditionalPara,
			wantWarn:    []string{"invalid_bytes"},
		},
		{
			name:       "utf-8 page cut inside a character, undeclared",
			raw:        []byte(page("", traditionalPara+traditionalPara[:len(traditionalPara)-1])),
			wantEnc:    "utf-8",
			wantSource: "detected",
			wantText:   traditionalPara,
			wantWarn:   []string{"invalid_bytes"},
		},
		{
			name:       "gbk user-defined area decodes to private use, not U+FFFD",
			raw:        append(gbk(page(metaGB, simplifiedPara)), 0xAA, 0xA5, 0xFE, 0x51),
			wantEnc:    "gbk",
			wantSource: "meta",
			wantText:   "\uE004\uE816",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode(tt.raw, tt.contentType, tt.override)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if d.Encoding != tt.wantEnc || d.Source != tt.wantSource {
				t.Errorf("got %s from %s, want %s from %s", d.Encoding, d.Source, tt.wantEnc, tt.wantSource)
			}
			if !bytes.Contains(d.Text, []byte(tt.wantText)) {
				t.Errorf("text lacks %q:\n%s", tt.wantText, d.Text)
			}
			if bytes.HasPrefix(d.Text, []byte("\uFEFF")) {
				t.Errorf("BOM kept")
			}
			wantInvalid := slices.Contains(tt.wantWarn, "invalid_bytes")
			if hasFFFD := bytes.ContainsRune(d.Text, '\uFFFD'); hasFFFD != wantInvalid {
				t.Errorf("U+FFFD in text = %v, want %v", hasFFFD, wantInvalid)
			}
			if !slices.Equal(d.Warnings, tt.wantWarn) {
				t.Errorf("warnings %q, want %q", d.Warnings, tt.wantWarn)
			}
		})
	}
}

func TestDecodeUnknownOverride(t *testing.T) {
	_, err := Decode([]byte("<p>x"), "", "no-such-charset")
	if !errors.Is(err, ErrUnknownCharset) {
		t.Fatalf("err = %v, want ErrUnknownCharset", err)
	}
}

// TestDecodeShortSamples checks that GBK and Big5 are told apart on little text.
func TestDecodeShortSamples(t *testing.T) {
	texts := []string{
		"行政院今天召開會議，討論經濟發展計畫。",
		"國家統計局今天發布數據，經濟總量突破一百萬億元。",
		"院長表示政府將持續推動產業轉型",
	}
	for _, s := range texts {
		for _, c := range []struct {
			enc  encoding.Encoding
			name string
		}{{simplifiedchinese.GBK, "gbk"}, {traditionalchinese.Big5, "big5"}} {
			raw := encodeWith(t, c.enc, page("", s))
			d, err := Decode(raw, "", "")
			if err != nil {
				t.Fatal(err)
			}
			if d.Encoding != c.name || !bytes.Contains(d.Text, []byte(s)) {
				t.Errorf("%s text %q decoded as %s", c.name, s, d.Encoding)
			}
		}
	}
}

func TestPrescanCharset(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<meta charset="gbk">`, "gbk"},
		{`<meta charset=big5 />`, "big5"},
		{`<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB2312">`, "GB2312"},
		{`<meta content="text/html; charset = 'utf-8'" http-equiv="content-type">`, "utf-8"},
		{`<meta content="text/html; charset=&quot;gbk&quot;">`, "gbk"},
		{`<?xml version="1.0" encoding="gb2312"?><html>`, "gb2312"},
		{`<!-- <meta charset="big5"> --><meta charset="gbk">`, "gbk"},
		{`<script>document.write('<meta charset="big5">')</script><meta charset="gbk">`, "gbk"},
		{`<metadata charset="big5"><meta charset="gbk">`, "gbk"},
		{`<head><style>p{color:red}</style><meta charset="gbk">`, "gbk"},
		{`<style>a{}</style><script>var x;</script><meta charset="big5">`, "big5"},
		{`<link charset="utf-8"><meta name="charset"><meta charset="gbk">`, "gbk"},
		{`</head><meta charset="gbk">`, ""},
		{`<body><meta charset="gbk">`, ""},
		{`<html>`, ""},
	}
	for _, tt := range tests {
		if got := prescanCharset([]byte(tt.in)); got != tt.want {
			t.Errorf("prescanCharset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContentTypeCharset(t *testing.T) {
	tests := []struct{ in, want string }{
		{"text/html; charset=GBK", "GBK"},
		{`text/html; Charset="big5"`, "big5"},
		{"text/html;charset=utf-8;", "utf-8"},
		{"text/html", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := contentTypeCharset(tt.in); got != tt.want {
			t.Errorf("contentTypeCharset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLookupCharset(t *testing.T) {
	tests := []struct{ label, want string }{
		{"gb2312", "gbk"}, {"GB-2312", "gbk"}, {"GBK", "gbk"}, {"x-gbk", "gbk"}, {"cp936", "gbk"}, {"euc-cn", "gbk"},
		{"GB-18030", "gb18030"}, {"gb18030", "gb18030"},
		{"big5", "big5"}, {"x-x-big5", "big5"}, {"cn-big5", "big5"},
		{"iso-8859-1", "windows-1252"}, {"latin1", "windows-1252"}, {"us-ascii", "windows-1252"},
		{"UTF8", "utf-8"}, {"shift_jis", "shift_jis"}, {"euc-kr", "euc-kr"},
	}
	for _, tt := range tests {
		cs, ok := lookupCharset(tt.label)
		if !ok || cs.name != tt.want {
			t.Errorf("lookupCharset(%q) = %q, %v; want %q", tt.label, cs.name, ok, tt.want)
		}
	}
	if _, ok := lookupCharset("bogus"); ok {
		t.Errorf("lookupCharset(bogus) succeeded")
	}
}

// sharedDir is the read-only reference material; tests that need it skip
// when it is absent.
const sharedDir = "/work/shared"

func requireShared(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(sharedDir); err != nil {
		t.Skipf("reference material %s absent (%v): skipping", sharedDir, err)
	}
}

// TestDecodeCorpora decodes every reference page and checks that none gets
// U+FFFD except the known pages with corrupt bytes.
func TestDecodeCorpora(t *testing.T) {
	requireShared(t)
	cwced, _ := filepath.Glob(filepath.Join(sharedDir, "corpus/cwced-chinese-web-content/original/*.html"))
	var gne []string
	filepath.WalkDir(filepath.Join(sharedDir, "corpus/gne-testpages"), func(p string, de os.DirEntry, err error) error {
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
	requireShared(t)
	raw, err := os.ReadFile(filepath.Join(sharedDir, "corpus/gne-testpages/tests/163/9.html"))
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
	requireShared(t)
	raw, err := os.ReadFile(filepath.Join(sharedDir, "fixtures/seed/taiwan-cn-mobile-20210121.html"))
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

func BenchmarkDecode(b *testing.B) {
	gbkPage := encodeWith(b, simplifiedchinese.GBK, page(`<meta charset="gb2312">`, strings.Repeat(simplifiedPara+"</p>\n<p>", 100)))
	utf8Page := []byte(page(`<meta charset="utf-8">`, strings.Repeat(simplifiedPara+"</p>\n<p>", 100)))
	big5Page := encodeWith(b, traditionalchinese.Big5, page("", strings.Repeat(traditionalPara+"</p>\n<p>", 100)))
	for _, bc := range []struct {
		name string
		raw  []byte
		ct   string
	}{
		{"utf8-declared", utf8Page, "text/html; charset=utf-8"},
		{"utf8-meta", utf8Page, ""},
		{"gbk-meta", gbkPage, ""},
		{"gbk-mislabeled-utf8", gbkPage, "text/html; charset=utf-8"},
		{"big5-sniffed", big5Page, ""},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(bc.raw, bc.ct, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeCorpus decodes the cwced pages (two thirds GB2312/GBK, the
// rest UTF-8), as the pipeline would see them.
func BenchmarkDecodeCorpus(b *testing.B) {
	paths, _ := filepath.Glob(filepath.Join(sharedDir, "corpus/cwced-chinese-web-content/original/*.html"))
	if len(paths) == 0 {
		b.Skipf("reference corpus under %s absent: skipping", sharedDir)
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
