package extract

import "strings"

// This file holds web-archive addresses. Wayback-style archives (the
// Internet Archive, Archive-It, national web archives, any Memento
// service) serve a capture at
//
//	/web/20160218174457/http://example.com/2010/05/post
//	/wayback/20160218174457im_/http://example.com/img.jpg
//
// The 14-digit segment is the capture time, months or years after the
// page appeared; the archived page's own address follows it.

// archivedURL returns the archived page's address when u is a web-archive
// capture address, else u unchanged. The segment must be exactly 14
// digits, optionally followed by a two-letter replay modifier and "_"
// ("im_", "id_", "js_"), and be followed by the captured address, which
// starts with a scheme or with a host name and a path ("example.com/…").
func archivedURL(u string) string {
	for i := 0; i+15 < len(u); i++ {
		if u[i] != '/' || digitRun(u, i+1) != 14 || !captureStamp(u[i+1:i+15]) {
			continue
		}
		j := i + 15
		if j+3 <= len(u) && isLowerASCII(u[j]) && isLowerASCII(u[j+1]) && u[j+2] == '_' {
			j += 3
		}
		if j >= len(u) || u[j] != '/' {
			continue
		}
		rest := u[j+1:]
		if strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "http%3A") || strings.HasPrefix(rest, "https%3A") {
			return rest
		}
		if k := strings.IndexByte(rest, '/'); k > 0 {
			if host := rest[:k]; strings.IndexByte(host, '.') > 0 && !strings.ContainsAny(host, "?=&%") {
				return "http://" + rest
			}
		}
	}
	return u
}

func isLowerASCII(b byte) bool { return b >= 'a' && b <= 'z' }

// captureStamp reports whether s, 14 digits, reads as a date and time.
func captureStamp(s string) bool {
	return validYMD(atoi(s[0:4]), atoi(s[4:6]), atoi(s[6:8]), 9999) &&
		atoi(s[8:10]) < 24 && atoi(s[10:12]) < 60 && atoi(s[12:14]) < 61
}
