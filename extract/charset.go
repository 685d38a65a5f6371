package extract

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrUnknownCharset is returned by Decode when the override label names no
// known character set.
var ErrUnknownCharset = errors.New("unknown charset")

// Decoded is a page converted to UTF-8.
type Decoded struct {
	// Text is the page as UTF-8 HTML with any byte order mark removed. When
	// the page already was valid UTF-8, Text shares memory with the input.
	Text []byte
	// Encoding is the lower-case name of the charset actually used: "utf-8",
	// "gbk" (every GB2312/GBK label, decoded as GB18030), "gb18030" (only when
	// the page declared it), "big5", "windows-1252", "utf-16le", ...
	Encoding string
	// Source tells where the decision came from: "override", "bom", "header",
	// "meta" or "detected".
	Source string
	// Warnings lists doubts and repairs: "charset_mismatch" (a declared
	// charset was contradicted by the bytes), "mojibake_repaired" (damaged GB
	// lead bytes were restored), "invalid_bytes" (some bytes could not be
	// decoded and became U+FFFD).
	Warnings []string
	// Replacements counts the U+FFFD characters produced for undecodable bytes.
	Replacements int
}

// Values of Decoded.Source and Decoded.Warnings.
const (
	sourceOverride = "override"
	sourceBOM      = "bom"
	sourceHeader   = "header"
	sourceMeta     = "meta"
	sourceDetected = "detected"

	warnCharsetMismatch  = "charset_mismatch"
	warnMojibakeRepaired = "mojibake_repaired"
	warnInvalidBytes     = "invalid_bytes"
)

// Decode converts raw page bytes to UTF-8. contentType is the HTTP
// Content-Type header value ("" if none); override, when non-empty, is a
// charset label chosen by the user and wins over everything.
//
// Without an override the evidence is taken in order: byte order mark, the
// header's charset parameter, a <meta> charset anywhere in the first 64 KB of
// <head>, and finally sniffing. A declared charset that the bytes clearly
// contradict (UTF-8 declared on GBK bytes, GB2312 or ISO-8859-1 declared on
// UTF-8 bytes, a Latin charset on Chinese bytes) is not used; Warnings then
// holds "charset_mismatch". A legacy charset in the header also yields to a
// <meta> UTF-8 declaration when the bytes are valid UTF-8: servers stamp one
// default on every page, the markup was written with the page. All GB labels
// decode as GB18030 so characters outside GB2312 survive, and Big5 uses the
// WHATWG (HKSCS) table.
//
// Decode returns an error only for an unknown override label.
func Decode(raw []byte, contentType, override string) (*Decoded, error) {
	d := &Decoded{}
	if override != "" {
		cs, ok := lookupCharset(override)
		if !ok {
			return nil, fmt.Errorf("extract: charset override %q: %w", override, ErrUnknownCharset)
		}
		d.Source = sourceOverride
		if bcs, n := bomCharset(raw); n > 0 && bcs.name == cs.name {
			raw = raw[n:]
		}
		d.convert(&sniffer{raw: raw}, cs)
		return d, nil
	}
	if cs, n := bomCharset(raw); n > 0 {
		d.Source = sourceBOM
		d.convert(&sniffer{raw: raw[n:]}, cs)
		return d, nil
	}

	s := &sniffer{raw: raw}
	declared := 0
	if label := contentTypeCharset(contentType); label != "" {
		if cs, ok := lookupCharset(label); ok {
			declared++
			if s.consistent(cs) && !s.metaUTF8Overrides(cs) {
				d.Source = sourceHeader
				d.convert(s, cs)
				return d, nil
			}
		}
	}
	if label := s.metaLabel(); label != "" {
		if cs, ok := lookupCharset(label); ok {
			if cs.fam == famUTF16 {
				// A document that could read its own <meta> is not UTF-16;
				// the HTML standard says to take UTF-8 instead.
				cs = utf8Charset
			}
			declared++
			if s.consistent(cs) {
				d.Source = sourceMeta
				if declared > 1 {
					d.Warnings = append(d.Warnings, warnCharsetMismatch)
				}
				d.convert(s, cs)
				return d, nil
			}
		}
	}
	d.Source = sourceDetected
	if declared > 0 {
		d.Warnings = append(d.Warnings, warnCharsetMismatch)
	}
	d.convert(s, s.detect())
	return d, nil
}

// convert decodes the sniffer's bytes with cs into d.Text, repairing damaged
// GB bytes first and recording replacements.
func (d *Decoded) convert(s *sniffer, cs charsetInfo) {
	raw := s.raw
	d.Encoding = cs.name
	if cs.fam == famUTF8 {
		if s.validUTF8() {
			d.Text = raw
			return
		}
		d.Text = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	} else {
		if cs.fam == famGB {
			var n int
			if raw, n = repairGBMojibake(raw); n > 0 {
				d.Warnings = append(d.Warnings, warnMojibakeRepaired)
			}
		}
		d.Text = decodeBytes(cs.enc, raw)
		if cs.fam == famGB && bytes.Contains(d.Text, replacementUTF8) {
			d.Text = decodeGBUserDefined(raw)
		}
	}
	if n := bytes.Count(d.Text, replacementUTF8); n > 0 {
		d.Replacements = n
		d.Warnings = append(d.Warnings, warnInvalidBytes)
	}
}

var replacementUTF8 = []byte("\uFFFD")

// decodeBytes converts src to UTF-8 in one pass with a single allocation in
// the common case (CJK and Latin text grow at most 1.5x).
func decodeBytes(enc encoding.Encoding, src []byte) []byte {
	return appendDecoded(make([]byte, 0, len(src)+len(src)/2+16), enc.NewDecoder(), src)
}

// appendDecoded appends the decoding of src, which must end on a character
// boundary, to dst.
func appendDecoded(dst []byte, dec *encoding.Decoder, src []byte) []byte {
	for {
		n, nSrc, err := dec.Transform(dst[len(dst):cap(dst)], src, true)
		dst = dst[:len(dst)+n]
		src = src[nSrc:]
		if err != transform.ErrShortDst {
			// The x/text decoders replace invalid input instead of failing,
			// so any other error cannot happen; stop either way.
			return dst
		}
		grown := make([]byte, len(dst), 2*cap(dst)+len(src))
		copy(grown, dst)
		dst = grown
	}
}

// decodeGBUserDefined decodes GB18030 like decodeBytes, but maps the
// user-defined and reserved two-byte areas to the Private Use Area as the
// GB18030 standard (and Python, and browsers) do, where x/text gives U+FFFD.
// Sites use them for custom glyphs; as PUA they stay distinguishable from
// truly invalid bytes. It runs only on pages that have U+FFFD after the fast
// path.
func decodeGBUserDefined(raw []byte) []byte {
	dec := simplifiedchinese.GB18030.NewDecoder()
	dst := make([]byte, 0, len(raw)+len(raw)/2+16)
	start := 0
	for i := 0; i < len(raw); {
		if raw[i] < 0x80 {
			i++
			continue
		}
		n := gbCharLen(raw, i)
		if n == 2 {
			if r, ok := gbUserDefined(raw[i], raw[i+1]); ok {
				dst = appendDecoded(dst, dec, raw[start:i])
				dst = utf8.AppendRune(dst, r)
				start = i + 2
			}
		}
		i += n
	}
	return appendDecoded(dst, dec, raw[start:])
}

// gbUserDefined returns the Private Use Area code point of a GB18030
// two-byte code that x/text leaves unmapped.
func gbUserDefined(lead, trail byte) (rune, bool) {
	if lead < 0xA1 || lead > 0xAF && lead != 0xD7 && lead < 0xF8 {
		return 0, false
	}
	for _, a := range gbPUAAreas {
		if a.lead == lead && trail >= a.lo && trail <= a.hi {
			return a.first + rune(trail-a.lo), true
		}
	}
	return 0, false
}

// gbPUAAreas lists runs of consecutive GB18030 codes that map to
// consecutive PUA code points (GB18030-2005 table).
var gbPUAAreas = [...]struct {
	lead, lo, hi byte
	first        rune
}{
	{0xA1, 0x40, 0x7E, 0xE4C6},
	{0xA1, 0x80, 0xA0, 0xE505},
	{0xA2, 0x40, 0x7E, 0xE526},
	{0xA2, 0x80, 0xA0, 0xE565},
	{0xA2, 0xAB, 0xB0, 0xE766},
	{0xA2, 0xE4, 0xE4, 0xE76D},
	{0xA2, 0xEF, 0xF0, 0xE76E},
	{0xA2, 0xFD, 0xFE, 0xE770},
	{0xA3, 0x40, 0x7E, 0xE586},
	{0xA3, 0x80, 0x9F, 0xE5C5},
	{0xA4, 0x40, 0x7E, 0xE5E6},
	{0xA4, 0x80, 0xA0, 0xE625},
	{0xA4, 0xF4, 0xFE, 0xE772},
	{0xA5, 0x40, 0x7E, 0xE646},
	{0xA5, 0x80, 0xA0, 0xE685},
	{0xA5, 0xF7, 0xFE, 0xE77D},
	{0xA6, 0x40, 0x7E, 0xE6A6},
	{0xA6, 0x80, 0xA0, 0xE6E5},
	{0xA6, 0xB9, 0xC0, 0xE785},
	{0xA6, 0xD9, 0xDF, 0xE78D},
	{0xA6, 0xEC, 0xED, 0xE794},
	{0xA6, 0xF3, 0xF3, 0xE796},
	{0xA6, 0xF6, 0xFE, 0xE797},
	{0xA7, 0x40, 0x7E, 0xE706},
	{0xA7, 0x80, 0xA0, 0xE745},
	{0xA7, 0xC2, 0xD0, 0xE7A0},
	{0xA7, 0xF2, 0xFE, 0xE7AF},
	{0xA8, 0x96, 0xA0, 0xE7BC},
	{0xA8, 0xBC, 0xBC, 0xE7C7},
	{0xA8, 0xC1, 0xC4, 0xE7C9},
	{0xA8, 0xEA, 0xFE, 0xE7CD},
	{0xA9, 0x58, 0x58, 0xE7E2},
	{0xA9, 0x5B, 0x5B, 0xE7E3},
	{0xA9, 0x5D, 0x5F, 0xE7E4},
	{0xA9, 0x97, 0xA3, 0xE7F4},
	{0xA9, 0xF0, 0xFE, 0xE801},
	{0xAA, 0xA1, 0xFE, 0xE000},
	{0xAB, 0xA1, 0xFE, 0xE05E},
	{0xAC, 0xA1, 0xFE, 0xE0BC},
	{0xAD, 0xA1, 0xFE, 0xE11A},
	{0xAE, 0xA1, 0xFE, 0xE178},
	{0xAF, 0xA1, 0xFE, 0xE1D6},
	{0xD7, 0xFA, 0xFE, 0xE810},
	{0xF8, 0xA1, 0xFE, 0xE234},
	{0xF9, 0xA1, 0xFE, 0xE292},
	{0xFA, 0xA1, 0xFE, 0xE2F0},
	{0xFB, 0xA1, 0xFE, 0xE34E},
	{0xFC, 0xA1, 0xFE, 0xE3AC},
	{0xFD, 0xA1, 0xFE, 0xE40A},
	{0xFE, 0x51, 0x53, 0xE816},
	{0xFE, 0x59, 0x59, 0xE81E},
	{0xFE, 0x61, 0x61, 0xE826},
	{0xFE, 0x66, 0x67, 0xE82B},
	{0xFE, 0x6C, 0x6D, 0xE831},
	{0xFE, 0x76, 0x76, 0xE83B},
	{0xFE, 0x7E, 0x7E, 0xE843},
	{0xFE, 0x90, 0x91, 0xE854},
	{0xFE, 0xA0, 0xA0, 0xE864},
	{0xFE, 0xA1, 0xFE, 0xE468},
}

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
