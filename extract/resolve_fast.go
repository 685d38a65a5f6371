package extract

import (
	"net/url"
	"strings"
)

// This file holds the short cut of document.resolve for the plain links
// most pages are made of ("/list?page=0", "https://site.test/a/b.html"):
// net/url's Parse, ResolveReference and String cost a few allocations and a
// microsecond a link, while for such a link the answer is the page's origin
// and the link, or the link itself. Anything net/url could escape, reject,
// or normalize (dot segments, percent escapes, user info, odd hosts) takes
// the long way.

// fastResolve returns what resolve returns for href (trimmed, non-empty),
// with ok false when href is not one of the plain forms it knows.
func (p *document) fastResolve(href string) (string, bool) {
	if i := strings.IndexByte(href, '#'); i >= 0 {
		if !plainQuery(href[i+1:]) {
			return "", false
		}
		href = href[:i]
	}
	switch {
	case strings.HasPrefix(href, "https://"):
		return plainAbsolute(href, len("https://"))
	case strings.HasPrefix(href, "http://"):
		return plainAbsolute(href, len("http://"))
	case len(href) > 0 && href[0] == '/' && (len(href) == 1 || href[1] != '/'):
		origin := p.baseOrigin()
		if origin == "" || !plainPathQuery(href) {
			return "", false
		}
		return origin + href, true
	}
	return "", false
}

// plainAbsolute returns href, an http(s) URL whose authority starts at
// offset at, when net/url would print it back unchanged.
func plainAbsolute(href string, at int) (string, bool) {
	end := len(href)
	if i := strings.IndexAny(href[at:], "/?"); i >= 0 {
		end = at + i
	}
	if !plainHost(href[at:end]) || !plainPathQuery(href[end:]) {
		return "", false
	}
	return href, true
}

// baseOrigin returns "scheme://host" of the page's base URL when links
// starting with "/" resolve to it followed by the link, else "". It is
// worked out once per base (a <base> element may change it mid-scan).
func (p *document) baseOrigin() string {
	if p.originOf != p.base {
		p.originOf, p.origin = p.base, ""
		if b := p.base; b != nil && (b.Scheme == "http" || b.Scheme == "https") &&
			b.User == nil && b.Opaque == "" && !b.OmitHost && plainHost(b.Host) {
			p.origin = b.Scheme + "://" + b.Host
		}
	}
	return p.origin
}

// plainHost reports a non-empty host of ASCII letters, digits, dots and
// hyphens with an optional numeric port: net/url keeps it as it is.
func plainHost(h string) bool {
	name := h
	if i := strings.IndexByte(h, ':'); i >= 0 {
		name = h[:i]
		port := h[i+1:]
		if port == "" || !allDigits(port) {
			return false
		}
	}
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !isASCIILetterByte(c) && (c < '0' || c > '9') && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// plainPathQuery reports an empty or "/"-led path of characters net/url
// never escapes, without "." or ".." segments, and an optional plain query.
func plainPathQuery(s string) bool {
	path, query, hasQuery := strings.Cut(s, "?")
	if path != "" && path[0] != '/' {
		return false
	}
	for i := 0; i < len(path); i++ {
		c := path[i]
		if !isASCIILetterByte(c) && (c < '0' || c > '9') && !strings.ContainsRune("-._~/$&+,:;=@", rune(c)) {
			return false
		}
		if c == '.' && path[i-1] == '/' {
			// A "." or ".." segment is resolved away.
			j := i + 1
			if j < len(path) && path[j] == '.' {
				j++
			}
			if j == len(path) || path[j] == '/' {
				return false
			}
		}
	}
	return !hasQuery || plainQuery(query)
}

// plainQuery reports a query or fragment of printable ASCII without '%',
// '#' or blanks: net/url copies it as it is and never rejects it.
func plainQuery(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i]; c <= ' ' || c >= 0x7f || c == '%' || c == '#' {
			return false
		}
	}
	return true
}

// slowResolve is resolve's long way through net/url.
func (p *document) slowResolve(href string) (string, bool) {
	var u *url.URL
	var err error
	if p.base != nil {
		u, err = p.base.Parse(href)
	} else {
		u, err = url.Parse(href)
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	u.Fragment = ""
	u.RawFragment = ""
	return u.String(), true
}
