package extract

import (
	"bytes"
	"encoding/binary"
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
// contradict (UTF-8 declared on GBK bytes, GB2312 declared on UTF-8 bytes, a
// Latin charset on Chinese bytes) is not used; Warnings then holds
// "charset_mismatch". All GB labels decode as GB18030 so characters outside
// GB2312 survive, and Big5 uses the WHATWG (HKSCS) table.
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
			if s.consistent(cs) {
				d.Source = sourceHeader
				d.convert(s, cs)
				return d, nil
			}
		}
	}
	if label := prescanCharset(raw); label != "" {
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

// sniffer judges charsets against one page's bytes. Each statistic is
// computed lazily and at most once, so a page declared UTF-8 that is valid
// UTF-8 costs one validation pass and nothing else.
type sniffer struct {
	raw []byte

	valid     bool // raw is valid UTF-8
	validDone bool
	u8        utf8Stats
	u8Done    bool

	sample  []byte // text outside tags that holds non-ASCII bytes
	high    int    // non-ASCII bytes in sample
	buf     []byte // decoding scratch space for the sample
	sampled bool

	scores [numCandidates]float64
	scored [numCandidates]bool
}

// Sniffing candidates, in order of preference on a tie.
const (
	candGB = iota
	candBig5
	cand1252
	numCandidates
)

var candidates = [numCandidates]charsetInfo{gbkCharset, big5Charset, cp1252Charset}

// consistent reports whether the page bytes agree with a declared charset.
func (s *sniffer) consistent(cs charsetInfo) bool {
	switch cs.fam {
	case famUTF8:
		return s.validUTF8() || s.utf8().mostlyUTF8()
	case famUTF16:
		return true
	case famGB, famBig5:
		if s.utf8Evidence(cs) {
			return false
		}
		own, other := candGB, candBig5
		if cs.fam == famBig5 {
			own, other = candBig5, candGB
		}
		if s.sampleHigh() < minEvidence {
			return true
		}
		v := s.score(own)
		// GBK and Big5 byte ranges overlap, so either decodes the other's
		// bytes without errors; only a much better reading overrules.
		return v >= 0.3 || s.score(other) < v+0.3
	case famSingle:
		if s.utf8Evidence(cs) {
			return false
		}
		if s.sampleHigh() < minEvidence {
			return true
		}
		// Chinese servers that default to ISO-8859-1 are common.
		cjk := max(s.score(candGB), s.score(candBig5))
		return cjk < 0.5 || cjk <= s.score(cand1252)
	}
	st := s.utf8()
	return st.invalid > 0 || st.multi < 2
}

// detect picks a charset from the bytes alone.
func (s *sniffer) detect() charsetInfo {
	if s.validUTF8() || s.utf8().mostlyUTF8() {
		return utf8Charset
	}
	best, bestScore := 0, s.score(0)
	for c := 1; c < numCandidates; c++ {
		if v := s.score(c); v > bestScore {
			best, bestScore = c, v
		}
	}
	return candidates[best]
}

// utf8Evidence reports whether bytes declared as the legacy charset cs are
// in fact UTF-8 (a page re-saved as UTF-8 that still declares gb2312).
func (s *sniffer) utf8Evidence(cs charsetInfo) bool {
	st := s.utf8()
	switch {
	case st.multi == 0:
		return false
	case st.invalid > 0:
		return st.multi >= 20 && st.mostlyUTF8()
	case st.multi >= 64:
		return true
	case cs.fam == famOther:
		return st.multi >= 2
	}
	// A few GBK characters can happen to form valid UTF-8 ("说" is CB B5);
	// compare how well the two readings read.
	s.takeSample()
	own := candGB
	switch cs.fam {
	case famBig5:
		own = candBig5
	case famSingle:
		own = cand1252
	}
	return scoreText(s.sample) > s.score(own)
}

// score returns how plausible the sample reads in candidate c, from about
// -3 (nothing but invalid bytes) to 1 (only common characters).
func (s *sniffer) score(c int) float64 {
	if !s.scored[c] {
		s.takeSample()
		if s.buf == nil {
			// 3x covers one U+FFFD (3 bytes) per undecodable input byte.
			s.buf = make([]byte, 3*len(s.sample)+16)
		}
		n, _, _ := candidates[c].enc.NewDecoder().Transform(s.buf, s.sample, true)
		s.scores[c] = scoreText(s.buf[:n])
		s.scored[c] = true
	}
	return s.scores[c]
}

// validUTF8 caches utf8.Valid, the fast check that settles most pages.
func (s *sniffer) validUTF8() bool {
	if !s.validDone {
		s.valid = utf8.Valid(s.raw)
		s.validDone = true
	}
	return s.valid
}

func (s *sniffer) utf8() utf8Stats {
	if !s.u8Done {
		if s.validUTF8() {
			// Every multi-byte sequence has exactly one lead byte >= 0xC0.
			s.u8 = utf8Stats{multi: countLeadBytes(s.raw)}
		} else {
			s.u8 = countUTF8(s.raw)
		}
		s.u8Done = true
	}
	return s.u8
}

func countLeadBytes(b []byte) int {
	n := 0
	for _, c := range b {
		if c >= 0xC0 {
			n++
		}
	}
	return n
}

// sampleLimit bounds the bytes scored per candidate charset.
const sampleLimit = 4 << 10

// takeSample collects the text between tags that contains non-ASCII bytes,
// which is where the charset shows; markup is ASCII and would only dilute
// it. '<' and '>' are never trail bytes in GBK, Big5 or Shift_JIS, so
// cutting there keeps multi-byte characters whole.
func (s *sniffer) takeSample() {
	if s.sampled {
		return
	}
	s.sampled = true
	raw := s.raw
	var sample []byte
	high := 0
	for pos := 0; pos < len(raw) && len(sample) < sampleLimit; {
		lt := bytes.IndexByte(raw[pos:], '<')
		if lt < 0 {
			lt = len(raw) - pos
		}
		seg := raw[pos : pos+lt]
		if h := countHighBytes(seg); h > 0 {
			if sample == nil {
				sample = make([]byte, 0, sampleLimit+256)
			}
			high += h
			if room := sampleLimit + 256 - len(sample) - 1; len(seg) > room {
				seg = seg[:room]
			}
			sample = append(sample, seg...)
			sample = append(sample, '\n')
		}
		pos += lt
		gt := bytes.IndexByte(raw[pos:], '>')
		if gt < 0 {
			break
		}
		pos += gt + 1
	}
	if high < 64 {
		// Too little text: the non-ASCII bytes may all sit in attributes.
		sample = raw[:min(len(raw), 4*sampleLimit)]
		high = countHighBytes(sample)
	}
	s.sample, s.high = sample, high
}

// minEvidence is the number of non-ASCII bytes (about 20 Chinese
// characters) below which sniffing never overrules a declared charset.
const minEvidence = 40

func (s *sniffer) sampleHigh() int {
	s.takeSample()
	return s.high
}

func countHighBytes(b []byte) int {
	n := 0
	for _, c := range b {
		n += int(c >> 7)
	}
	return n
}

// utf8Stats counts multi-byte sequences and invalid bytes.
type utf8Stats struct{ multi, invalid int }

// mostlyUTF8 reports whether damage is rare enough (at most one bad
// sequence in 20) to call the bytes UTF-8 with a few corrupt bytes.
func (st utf8Stats) mostlyUTF8() bool {
	return st.multi > 0 && st.invalid*20 <= st.multi
}

// countUTF8 scans b, skipping ASCII a word at a time. It stops early once
// the bytes are plainly not UTF-8.
func countUTF8(b []byte) utf8Stats {
	var st utf8Stats
	for i := 0; i < len(b); {
		if i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			st.invalid++
			if st.invalid >= 16 && st.invalid*4 > st.multi {
				return st
			}
		} else {
			st.multi++
		}
		i += n
	}
	return st
}

// scoreText rates UTF-8 text as a plausible reading of a page: the share of
// non-ASCII characters that are common Chinese characters, CJK punctuation
// or accented letters inside Latin words, minus three times the share of
// replacement characters, private-use and C1 control codes.
func scoreText(text []byte) float64 {
	good, bad, total := 0, 0, 0
	prevLetter := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			prevLetter = isASCIILetterByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		i += n
		total++
		switch {
		case r == utf8.RuneError || r >= 0xE000 && r <= 0xF8FF || r >= 0x80 && r <= 0x9F:
			bad++
		case isCommonHan(r) || isCJKPunct(r):
			good++
		case isLatinLetter(r):
			if prevLetter || i < len(text) && isASCIILetterByte(text[i]) {
				good++
			}
		}
		prevLetter = false
	}
	if total == 0 {
		return 0
	}
	return float64(good-3*bad) / float64(total)
}

func isASCIILetterByte(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isLatinLetter(r rune) bool {
	return r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7
}

// isCJKPunct reports the punctuation of running Chinese text.
func isCJKPunct(r rune) bool {
	switch r {
	case 0x3000, 0x3001, 0x3002, // ideographic space 、。
		0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, // ！（），：；？
		0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026, 0x00B7: // “”‘’—…·
		return true
	}
	return r >= 0x3008 && r <= 0x3011 // 〈〉《》「」『』【】
}

// isCommonHan reports whether r is among the most frequent characters of
// Chinese news text, in simplified or traditional form.
func isCommonHan(r rune) bool {
	if r < hanFirst || r > hanLast {
		return false
	}
	i := r - hanFirst
	return commonHan[i/64]&(1<<(i%64)) != 0
}

const hanFirst, hanLast = 0x4E00, 0x9FFF

// commonHan is a bit set over the CJK Unified Ideographs block; built once,
// never written.
var commonHan = func() (set [(hanLast - hanFirst + 64) / 64]uint64) {
	for _, r := range commonHanSimplified + commonHanTraditional {
		i := r - hanFirst
		set[i/64] |= 1 << (i % 64)
	}
	return set
}()

// commonHanSimplified holds about 700 characters that cover ~85% of the
// running text of Chinese news pages; commonHanTraditional the traditional
// forms of those that differ. Together they separate a right reading from
// a GBK/Big5 mix-up, which produces valid but rare characters.
const commonHanSimplified = "" +
	"的一人是国不有在了中大为新这和个时学上年家要以我信来生到会他发地行网用分对小出方们多可前自公机能理成间日也现本就动业于关" +
	"资民经市作后子得过下报务高开好都同物全友法所工说政与者力看闻长事实还其部之流体而外被心天当定没最产进道面种易回空码如通重" +
	"月主更目员利查美合二等科内手数性度明商无那场情表么三相至些应第服从及化点文位问论投万因电司平提入但你设然区只样调制此期由" +
	"城金南享去比意车起权特察加监术正建气或次运专将任已知各向里做己基题据十并东府收北客着管广教视把受名项交活复安想女跟展品港" +
	"维两打四江果量规评海很技代认系贴原条研元价感程朋老常息口取式号计线解台首京单示儿西处结华推门记营联共立扫使户变别观强身反" +
	"院总风何传今少许举路圈保校州速育图确施际让股买社界话告飞精士先放证头求世该医指究配持改花财较片邮站快集接造准供选频直非创" +
	"益尔近送件称质航注满母几龙爱给播乐岁什山孩死考英级议师费见又布每它录水洋汉备游企浪房消统战标再识争需宝治案马钱奖省走亲责" +
	"础语越失达具未影决百书完约整导军思极职参难球限增委包支真男太警构组值济热办湖转命克义货领星则类格率置必况引温载她显验容眼" +
	"往周即环款轮童局形存像态藏五官获党仅带超光模除张清斯型农算源俄步习留批密李段节购言且声险觉简免根依楼兴神登承护象离史试击" +
	"续势照排低众才例效艺严连读装健采却策版范洲兵始功富亿王古响米住望尽武讲足付半劳杀音香病深境德康歌断族吗致赞降请园课普占六" +
	"若媒白箱父列斗违域压食八沙预革红便融候卖庆初讯青优戏疗亚拉控曾千远刚访随怎河救队页充端落欢升厂铁退陈荐景旅银历份某志角养" +
	"协属呢器火愿余停助移终负破涉色居干盘班罪字律演择轻否村切差审找县坐"
const commonHanTraditional = "" +
	"國為這個時學來會發網對們機間現動業於關資經後過報務開說聞長實還體當沒產進種碼員內數無場麼應從點問論萬電設區樣調車權監術氣" +
	"運專將裡裏題據並東廣著視項復複維兩規評認係繫貼條價號計線臺颱單兒處結華門記營聯掃戶變別觀強總風傳許舉圖確際讓買話飛證頭該" +
	"醫財較郵準選頻創爾稱質滿幾龍愛給樂歲級議師費見錄漢備統戰標識爭寶馬錢獎親責礎語達決書約導軍極職參難構組濟熱辦轉義貨領則類" +
	"況溫載顯驗環輪態獲黨僅帶張農習節購聲險覺簡樓興護離試擊續勢眾藝嚴連讀裝採卻範億響盡講勞殺斷嗎贊請園課鬥違壓預紅賣慶訊優戲" +
	"療亞遠剛訪隨隊頁歡廠鐵陳薦銀歷養協屬願終負幹乾盤擇輕審縣灣"
