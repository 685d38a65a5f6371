package extract

import (
	"bytes"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// family groups charsets by how they are validated and sniffed.
type family uint8

const (
	famUTF8   family = iota
	famUTF16         // UTF-16 LE/BE
	famGB            // GB2312, GBK, GB18030: decoded as GB18030
	famBig5          // Big5 with HKSCS
	famSingle        // single-byte tables: windows-1252, koi8-r, ...
	famOther         // other multi-byte charsets: shift_jis, euc-kr, ...
)

// charsetInfo is a resolved charset label.
type charsetInfo struct {
	name string            // reported name, lower case
	enc  encoding.Encoding // nil for UTF-8, which is handled natively
	fam  family
}

var (
	utf8Charset    = charsetInfo{name: "utf-8", fam: famUTF8}
	gbkCharset     = charsetInfo{name: "gbk", enc: simplifiedchinese.GB18030, fam: famGB}
	gb18030Charset = charsetInfo{name: "gb18030", enc: simplifiedchinese.GB18030, fam: famGB}
	big5Charset    = charsetInfo{name: "big5", enc: traditionalchinese.Big5, fam: famBig5}
	cp1252Charset  = charsetInfo{name: "windows-1252", enc: charmap.Windows1252, fam: famSingle}
	utf16LECharset = charsetInfo{name: "utf-16le", enc: unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), fam: famUTF16}
	utf16BECharset = charsetInfo{name: "utf-16be", enc: unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), fam: famUTF16}
)

// lookupCharset resolves a charset label. Chinese labels are mapped first,
// including the non-WHATWG spellings found in the wild (cp936, GB-18030,
// x-x-big5); everything else goes through the WHATWG label table.
func lookupCharset(label string) (charsetInfo, bool) {
	l := strings.ToLower(strings.Trim(label, " \t\r\n\f\"'"))
	switch l {
	case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "euc-cn", "x-euc-cn",
		"gb_2312-80", "gb_2312", "gb-2312", "gb2312-80", "csgb2312", "x-gb2312", "chinese",
		"iso-ir-58", "csiso58gb231280":
		return gbkCharset, true
	case "gb18030", "gb-18030", "gb_18030":
		return gb18030Charset, true
	case "big5", "big-5", "big_5", "x-x-big5", "cn-big5", "csbig5", "x-big5",
		"big5-hkscs", "big5hkscs", "cp950", "ms950", "windows-950":
		return big5Charset, true
	case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
		return utf8Charset, true
	case "hz-gb-2312":
		return charsetInfo{name: "hz-gb-2312", enc: simplifiedchinese.HZGB2312, fam: famOther}, true
	}
	e, name := charset.Lookup(l)
	if e == nil || name == "replacement" {
		return charsetInfo{}, false
	}
	switch {
	case name == "utf-8":
		return utf8Charset, true
	case name == "utf-16le":
		return utf16LECharset, true
	case name == "utf-16be":
		return utf16BECharset, true
	case name == "windows-1252":
		return cp1252Charset, true
	case strings.HasPrefix(name, "windows-125"), strings.HasPrefix(name, "iso-8859-"),
		strings.HasPrefix(name, "koi8-"), name == "windows-874", name == "macintosh",
		name == "ibm866", name == "x-mac-cyrillic":
		return charsetInfo{name: name, enc: e, fam: famSingle}, true
	}
	return charsetInfo{name: name, enc: e, fam: famOther}, true
}

// bomCharset reports the charset named by a byte order mark and the mark's length.
func bomCharset(raw []byte) (charsetInfo, int) {
	switch {
	case len(raw) >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF:
		return utf8Charset, 3
	case len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF:
		return utf16BECharset, 2
	case len(raw) >= 2 && raw[0] == 0xFF && raw[1] == 0xFE:
		return utf16LECharset, 2
	}
	return charsetInfo{}, 0
}

// contentTypeCharset returns the charset parameter of a Content-Type value.
// It is more forgiving than mime.ParseMediaType, which rejects the sloppy
// values servers send ("text/html;charset=gb2312;").
func contentTypeCharset(ct string) string { return charsetParam(ct) }

// prescanLimit bounds the <meta> search: pages often put kilobytes of script
// before their charset declaration, far past the 1024 bytes browsers scan.
const prescanLimit = 64 << 10

// prescanCharset finds a charset declared in the document itself: an XML
// declaration's encoding, or charset= inside any <meta> tag (charset
// attribute, http-equiv content, or a bare content="...charset=gbk") before
// </head> or <body>. Comments, scripts and styles are skipped.
func prescanCharset(raw []byte) string {
	b := raw[:min(len(raw), prescanLimit)]
	if label := xmlDeclEncoding(b); label != "" {
		return label
	}
	for i := 0; i < len(b); {
		k := bytes.IndexByte(b[i:], '<')
		if k < 0 {
			return ""
		}
		i += k
		rest := b[i:]
		switch {
		case hasPrefixFoldASCII(rest, "<!--"):
			end := bytes.Index(rest[4:], []byte("-->"))
			if end < 0 {
				return ""
			}
			i += 4 + end + 3
		case isTagOpen(rest, "<meta"):
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				end = len(rest)
			}
			if label := charsetInTag(rest[5:end]); label != "" {
				return label
			}
			i += end
		case isTagOpen(rest, "<script"), isTagOpen(rest, "<style"):
			closing := "</script"
			if isTagOpen(rest, "<style") {
				closing = "</style"
			}
			end := indexFoldASCII(rest, closing)
			if end < 0 {
				return ""
			}
			i += end + len(closing)
		case isTagOpen(rest, "</head"), isTagOpen(rest, "<body"):
			return ""
		default:
			i++
		}
	}
	return ""
}

// charsetInTag returns the label following "charset" and "=" in a tag's attributes.
func charsetInTag(s []byte) string { return charsetParam(s) }

// charsetParam returns the label after the first "charset=" in s that has
// one, in a header value or a tag's attributes alike.
func charsetParam[T string | []byte](s T) string {
	for i := 0; i < len(s); {
		k := indexFoldASCII(s[i:], "charset")
		if k < 0 {
			return ""
		}
		i += k + len("charset")
		j := skipHTMLSpace(s, i)
		if j < len(s) && s[j] == '=' {
			j = skipHTMLSpace(s, j+1)
			// Skip quotes and the entity some generators write for them.
			for j < len(s) && (s[j] == '"' || s[j] == '\'') {
				j++
			}
			if hasPrefixFoldASCII(s[j:], "&quot;") {
				j += len("&quot;")
			}
			if label := readLabel(s, j); label != "" {
				return label
			}
		}
	}
	return ""
}

// xmlDeclEncoding returns the encoding of a leading <?xml ...?> declaration.
func xmlDeclEncoding(b []byte) string {
	b = bytes.TrimLeft(b, " \t\r\n")
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return ""
	}
	end := bytes.IndexByte(b, '>')
	if end < 0 {
		return ""
	}
	b = b[:end]
	k := bytes.Index(b, []byte("encoding"))
	if k < 0 {
		return ""
	}
	j := skipHTMLSpace(b, k+len("encoding"))
	if j >= len(b) || b[j] != '=' {
		return ""
	}
	j = skipHTMLSpace(b, j+1)
	for j < len(b) && (b[j] == '"' || b[j] == '\'') {
		j++
	}
	return readLabel(b, j)
}

// readLabel returns the charset label starting at s[i].
func readLabel[T string | []byte](s T, i int) string {
	j := i
	for j < len(s) && isLabelByte(s[j]) {
		j++
	}
	return string(s[i:j])
}

func isLabelByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == ':'
}

func skipHTMLSpace[T string | []byte](s T, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
		i++
	}
	return i
}

// isTagOpen reports whether b starts with the tag opener name (such as
// "<meta") followed by a byte that ends a tag name.
func isTagOpen(b []byte, name string) bool {
	if !hasPrefixFoldASCII(b, name) {
		return false
	}
	if len(b) == len(name) {
		return true
	}
	switch b[len(name)] {
	case ' ', '\t', '\n', '\r', '\f', '/', '>':
		return true
	}
	return false
}

// hasPrefixFoldASCII is bytes.HasPrefix ignoring ASCII case; prefix is lower case.
func hasPrefixFoldASCII[T string | []byte](b T, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// indexFoldASCII is strings.Index ignoring ASCII case; sub is lower case and
// starts with a byte that has no case variant or is a letter.
func indexFoldASCII[T string | []byte](s T, sub string) int {
	first, upper := sub[0], sub[0]
	if 'a' <= first && first <= 'z' {
		upper = first - ('a' - 'A')
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if c := s[i]; c != first && c != upper {
			continue
		}
		if hasPrefixFoldASCII(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
