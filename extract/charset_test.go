package extract

import (
	"bytes"
	"errors"
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
	// filler pushes the only non-ASCII text past the first 16 KB.
	filler := strings.Repeat("<p>Plain ASCII filler text, like the scripts and menus of a long page.</p>\n", 300)

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
		// A server default in the header on UTF-8 pages whose few non-ASCII
		// characters sit past the first 16 KB, as on long English pages.
		{
			name:        "gbk header, meta utf-8, curly quote deep in the page",
			raw:         []byte(page(`<meta charset="utf-8">`, filler+"We’re here")),
			contentType: "text/html; charset=gbk",
			wantEnc:     "utf-8",
			wantSource:  "meta",
			wantText:    "We’re here",
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:        "iso-8859-1 header, meta utf-8, ascii only",
			raw:         []byte(page(`<meta charset="utf-8">`, "plain")),
			contentType: "text/html; charset=iso-8859-1",
			wantEnc:     "utf-8",
			wantSource:  "meta",
			wantText:    "plain",
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:        "iso-8859-1 header, no meta, curly quote deep in the page",
			raw:         []byte(page("", filler+"Into The Enterprise’s hands")),
			contentType: "text/html; charset=iso-8859-1",
			wantEnc:     "utf-8",
			wantSource:  "detected",
			wantText:    "Into The Enterprise’s hands",
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:        "windows-1252 header, no meta, one two-byte character",
			raw:         []byte(page("", filler+"a café")),
			contentType: "text/html; charset=windows-1252",
			wantEnc:     "utf-8",
			wantSource:  "detected",
			wantText:    "a café",
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:        "gbk header, no meta, one two-byte character deep in the page",
			raw:         []byte(page("", filler+"a café")),
			contentType: "text/html; charset=gbk",
			wantEnc:     "utf-8",
			wantSource:  "detected",
			wantText:    "a café",
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:        "big5 header on short cyrillic utf-8 text",
			raw:         []byte(page("", "Новости дня")),
			contentType: "text/html; charset=big5",
			wantEnc:     "utf-8",
			wantSource:  "detected",
			wantText:    "Новости дня",
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:        "utf-16 header without BOM on utf-8 bytes",
			raw:         []byte(page("", "We’re here")),
			contentType: "text/html; charset=utf-16",
			wantEnc:     "utf-8",
			wantSource:  "detected",
			wantText:    "We’re here",
			wantWarn:    []string{"charset_mismatch"},
		},
		{
			name:        "sloppy quoted utf8 label",
			raw:         []byte(page("", filler+"We’re here")),
			contentType: `text/html; charset="utf8"`,
			wantEnc:     "utf-8",
			wantSource:  "header",
			wantText:    "We’re here",
		},
		{
			name:        "empty charset parameter",
			raw:         []byte(page("", filler+"We’re here")),
			contentType: "text/html;charset=",
			wantEnc:     "utf-8",
			wantSource:  "detected",
			wantText:    "We’re here",
		},
		{
			name:        "gbk header on gbk bytes beats a meta utf-8",
			raw:         gbk(page(`<meta charset="utf-8">`, simplifiedPara)),
			contentType: "text/html; charset=gbk",
			wantEnc:     "gbk",
			wantSource:  "header",
			wantText:    simplifiedPara,
		},
		{
			name:        "gb2312 header on gbk characters that happen to be valid utf-8",
			raw:         gbk(page("", "说说")),
			contentType: "text/html; charset=gb2312",
			wantEnc:     "gbk",
			wantSource:  "header",
			wantText:    "说说",
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
