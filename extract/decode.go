package extract

// The decode stage: raw page bytes to UTF-8. Which charset to use is
// decided in charset.go and charset_sniff.go, damaged GB bytes are repaired
// in mojibake.go before conversion, and GB18030 details live in gb18030.go.

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/text/encoding"
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

// decode is the first stage of extract: it refuses what is not HTML and
// converts the page to UTF-8 (Decode).
func (r *pageRun) decode(raw []byte, header http.Header) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return ErrEmpty
	}
	contentType := header.Get("Content-Type")
	if !looksLikeHTML(raw, contentType) {
		return ErrNotHTML
	}
	dec, err := Decode(raw, contentType, r.opts.Charset)
	if err != nil {
		return err
	}
	r.dec = dec
	r.art.Encoding = dec.Encoding
	r.art.Warnings = append(r.art.Warnings, dec.Warnings...)
	return nil
}

// looksLikeHTML rejects bodies that are clearly not HTML: a non-HTML
// Content-Type or binary content.
func looksLikeHTML(raw []byte, contentType string) bool {
	// Only types that are clearly something else are refused outright;
	// misconfigured servers label HTML application/octet-stream or worse,
	// so anything else is sniffed.
	ct := strings.ToLower(contentType)
	for _, t := range [...]string{"image/", "audio/", "video/", "font/", "application/pdf", "application/json",
		"application/zip", "application/gzip", "application/x-gzip", "application/msword", "application/vnd."} {
		if strings.HasPrefix(ct, t) {
			return false
		}
	}
	head := raw
	if len(head) > 512 {
		head = head[:512]
	}
	sniffed := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(sniffed, "text/html"), strings.HasPrefix(sniffed, "text/xml"), strings.Contains(sniffed, "utf-16"):
		return true
	case strings.HasPrefix(sniffed, "image/"), strings.HasPrefix(sniffed, "audio/"), strings.HasPrefix(sniffed, "video/"),
		strings.HasPrefix(sniffed, "font/"), strings.HasPrefix(sniffed, "application/pdf"), strings.HasPrefix(sniffed, "application/zip"),
		strings.HasPrefix(sniffed, "application/x-gzip"), strings.HasPrefix(sniffed, "application/wasm"), bytes.IndexByte(head, 0) >= 0:
		return false
	}
	// Legacy pages may open with any tag (or none); look for markup.
	probe := raw[:min(len(raw), 8192)]
	for i := 0; i+1 < len(probe); i++ {
		if probe[i] == '<' && (probe[i+1]|0x20 >= 'a' && probe[i+1]|0x20 <= 'z' || probe[i+1] == '!') {
			return true
		}
	}
	return false
}
