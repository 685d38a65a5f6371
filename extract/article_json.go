package extract

import (
	"strings"
	"time"
	"unicode/utf8"
)

// appendRecord appends a's record to dst exactly as encoding/json would
// encode record (see MarshalJSON), without reflection: the crawl encodes
// every article it emits, and json.Marshal of the record struct cost as
// much as reading the article's stored state.
func appendRecord(dst []byte, a *Article) []byte {
	dst = append(dst, `{"url":`...)
	dst = appendJSONString(dst, a.URL)
	dst = appendField(dst, `,"canonical_url":`, a.CanonicalURL)
	dst = appendField(dst, `,"site_name":`, a.SiteName)
	dst = appendField(dst, `,"title":`, a.Title)
	dst = appendTimeField(dst, `,"published_at":`, a.PublishedAt)
	dst = appendField(dst, `,"source":`, a.Source)
	dst = appendList(dst, `,"authors":`, a.Authors)
	dst = appendField(dst, `,"editor":`, a.Editor)
	dst = appendField(dst, `,"body":`, a.Body)
	dst = appendField(dst, `,"lang":`, a.Lang)
	dst = appendField(dst, `,"encoding":`, a.Encoding)
	dst = appendTimeField(dst, `,"fetched_at":`, a.FetchedAt)
	dst = appendField(dst, `,"content_hash":`, a.ContentHash)
	dst = appendList(dst, `,"warnings":`, a.Warnings)
	if d := a.DuplicateOf; d != nil {
		dst = appendField(dst, `,"duplicate_of":`, *d)
	}
	return append(dst, '}')
}

// appendField appends key and s, null when s is empty.
func appendField(dst []byte, key, s string) []byte {
	dst = append(dst, key...)
	if s == "" {
		return append(dst, "null"...)
	}
	return appendJSONString(dst, s)
}

// appendTimeField appends key and t in RFC 3339, null when t is zero.
func appendTimeField(dst []byte, key string, t time.Time) []byte {
	dst = append(dst, key...)
	if t.IsZero() {
		return append(dst, "null"...)
	}
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339)
	return append(dst, '"')
}

// appendList appends key and the strings of list, [] when there are none.
func appendList(dst []byte, key string, list []string) []byte {
	dst = append(dst, key...)
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

const hexDigits = "0123456789abcdef"

// jsonSafe marks the ASCII bytes a JSON string holds as they are: not
// controls, quotes, backslashes or the HTML-sensitive <, > and &. A table
// is read-only: one lookup per byte instead of six comparisons.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = !strings.ContainsRune(`"\<>&`, rune(b))
	}
	return t
}()

// appendJSONString appends s as encoding/json encodes a string: with <, >
// and & escaped for HTML, invalid UTF-8 as \ufffd, and U+2028 and U+2029
// escaped for JavaScript.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
