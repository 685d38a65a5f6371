package crawler

import (
	"net"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// trackingParams are query keys that never change a page's content.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gclsrc": true, "msclkid": true,
	"yclid": true, "twclid": true, "igshid": true, "mc_cid": true, "mc_eid": true,
	"_ga": true, "_gl": true, "spm": true, "scm": true, "share_token": true,
	"jsessionid": true, "phpsessid": true, "sessionid": true,
	"aspsessionid": true, "cfid": true, "cftoken": true, "wt.mc_id": true,
	"ref_src": true, "ref_url": true, "cmpid": true, "__twitter_impression": true,
	"from_source": true, "share_from": true, "wxshare_count": true, "isappinstalled": true,
	"sharer_shareid": true, "sharer_sharetime": true, "share_source": true, "share_medium": true,
	"clicktime": true, "enterid": true, "tt_from": true, "tt_medium": true,
}

// shareFrom are values of "from" that name where a link was shared (WeChat,
// QQ and Weibo apps append ?from=timeline and the like); other values of
// "from" may select content and are kept.
var shareFrom = map[string]bool{
	"timeline": true, "singlemessage": true, "groupmessage": true, "message": true,
	"androidqq": true, "iosqq": true, "qq": true, "qzone": true, "weibo": true,
	"wechat": true, "weixin": true, "wx": true, "app": true, "share": true, "copy": true,
}

// trackingPrefixes are prefixes of tracking query keys (utm_source, hmsr ...).
var trackingPrefixes = []string{"utm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci", "pk_", "mtm_", "ga_"}

func isTrackingParam(k string) bool {
	k = strings.ToLower(k)
	if trackingParams[k] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// sessionInPath matches ";jsessionid=..." style path parameters.
var sessionInPath = regexp.MustCompile(`(?i);(jsessionid|phpsessid|sid|sessionid)=[^/?#]*`)

// Normalize returns the canonical form of an absolute http(s) URL: scheme
// and host lower-cased, default port and trailing host dot dropped, empty
// path as "/", dot segments resolved, fragment and tracking/session
// parameters removed, remaining query parameters sorted. It returns "" for
// anything that is not an http(s) URL with a host.
func Normalize(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return normalizeURL(u)
}

func normalizeURL(in *url.URL) string {
	u := *in
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Opaque != "" {
		return ""
	}
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	host, port := u.Hostname(), u.Port()
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	// The path is parsed again only when it changed, or when it starts
	// with "//" (which url.Parse reads as a host: kept as it was, since
	// the result is a state key): most paths have no session parameter
	// (no ';', the regexp's first byte) nor dot segment, and an unchanged
	// escaped path gives the same String.
	orig := u.EscapedPath()
	p := orig
	if strings.IndexByte(p, ';') >= 0 {
		p = sessionInPath.ReplaceAllString(p, "")
	}
	if p == "" {
		p = "/"
	} else if strings.Contains(p, "/.") {
		clean := path.Clean(p)
		if strings.HasSuffix(p, "/") && clean != "/" {
			clean += "/"
		}
		p = clean
	}
	if p != orig || strings.HasPrefix(p, "//") {
		if pu, err := url.Parse(p); err == nil {
			u.Path, u.RawPath = pu.Path, pu.RawPath
		}
	}
	if u.RawQuery != "" {
		u.RawQuery = cleanQuery(u.RawQuery)
	}
	u.ForceQuery = false
	return u.String()
}

// cleanQuery drops tracking parameters and sorts the rest, keeping the
// original encoding of each pair.
func cleanQuery(q string) string {
	parts := strings.FieldsFunc(q, func(r rune) bool { return r == '&' || r == ';' })
	kept := parts[:0]
	for _, p := range parts {
		k, v, _ := strings.Cut(p, "=")
		if ku, err := url.QueryUnescape(k); err == nil {
			k = ku
		}
		if k == "" || isTrackingParam(k) || strings.EqualFold(k, "from") && shareFrom[strings.ToLower(v)] {
			continue
		}
		kept = append(kept, p)
	}
	sort.Stable(byKey(kept))
	return strings.Join(kept, "&")
}

type byKey []string

func (s byKey) Len() int      { return len(s) }
func (s byKey) Swap(i, j int) { s[i], s[j] = s[j], s[i] }
func (s byKey) Less(i, j int) bool {
	a, _, _ := strings.Cut(s[i], "=")
	b, _, _ := strings.Cut(s[j], "=")
	return a < b
}

// hostOf returns the lower-case host name of a URL, without port.
func hostOf(u *url.URL) string {
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

// normalizeDomain turns a flag value such as "News.Example.com.", a URL or a
// host:port into a bare lower-case host name.
func normalizeDomain(d string) string {
	d = strings.TrimSpace(strings.ToLower(d))
	if strings.Contains(d, "://") {
		if u, err := url.Parse(d); err == nil {
			d = u.Host
		}
	}
	if h, _, err := net.SplitHostPort(d); err == nil {
		d = h
	}
	return strings.Trim(d, ".[]")
}
