package crawler

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// skipExt are path extensions of resources that are never HTML pages; links
// to them are not even requested. Responses are still checked by
// Content-Type, since many downloads have no extension.
var skipExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".zip": true, ".rar": true, ".7z": true, ".gz": true, ".tgz": true, ".bz2": true, ".xz": true, ".tar": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".bmp": true, ".svg": true, ".ico": true,
	".mp3": true, ".mp4": true, ".avi": true, ".mov": true, ".wmv": true, ".flv": true, ".m4a": true, ".wav": true,
	".css": true, ".js": true, ".json": true, ".woff": true, ".woff2": true, ".ttf": true, ".eot": true,
	".exe": true, ".apk": true, ".dmg": true, ".iso": true, ".bin": true, ".swf": true,
}

func skippedByExtension(u *url.URL) bool {
	return skipExt[strings.ToLower(path.Ext(u.Path))]
}

var (
	// listingWords are path segments of home, channel and listing pages.
	listingWords = regexp.MustCompile(`(?i)^(index|default|home|list|lists|channel|channels|category|categories|tag|tags|topic|topics|section|sections|archive|archives|search|page|node|column|col|more|roll|calendar|author|authors)(_\d+)?(\.s?html?|\.php|\.aspx?|\.jsp)?$`)
	// pagingQuery marks pagination and search query parameters.
	pagingQuery = regexp.MustCompile(`(?i)(^|&)(page|p|pg|pn|paged|offset|start|q|query|keyword|s|cat|category|tag)=`)
	// taxonomyDir is a directory of tag, category or author pages.
	taxonomyDir = regexp.MustCompile(`(?i)/(tag|tags|category|categories|topic|topics|author|authors|label|labels|search|column|channel)/`)
	// articleLeaf is a last path segment that looks like one document: long
	// digit runs (ids, dates) or a long hyphenated slug, optionally with an
	// extension.
	articleLeaf = regexp.MustCompile(`(?i)(\d{5,}|\d{4}[-_/]?\d{2}[-_/]?\d{2}.*[a-z0-9]{2,}|[a-z0-9]+(-[a-z0-9]+){3,})`)
	// datePath is a path that ends in a date (/2024/05/12, /2024-05-12/,
	// /archive/202405); group 1 is what comes before the date. Years run
	// from 1990 and months and days must be real ones, so that numeric
	// story ids (/artikel/900368, /1927) are not dates.
	datePath = regexp.MustCompile(`(?i)^(.*?)/(199\d|20\d{2})([-/_](0?[1-9]|1[0-2])([-/_](0?[1-9]|[12]\d|3[01]))?|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])?)?/?$`)
)

// urlShape classifies a URL by its form alone.
type urlShape int

const (
	shapeUnknown urlShape = iota
	shapeListing          // home, channel, pagination, search, calendar
	shapeArticle          // one document
)

func classifyURL(u *url.URL) urlShape {
	p := u.Path
	if p == "" || p == "/" {
		return shapeListing
	}
	if isCalendar(u) {
		return shapeListing
	}
	if u.RawQuery != "" && pagingQuery.MatchString(u.RawQuery) {
		return shapeListing
	}
	leaf := path.Base(p)
	if strings.HasSuffix(p, "/") {
		leaf = path.Base(strings.TrimSuffix(p, "/"))
		if !isArticleLeaf(leaf) {
			return shapeListing
		}
	}
	if listingWords.MatchString(leaf) {
		return shapeListing
	}
	if !isArticleLeaf(leaf) && taxonomyDir.MatchString(path.Dir(p)+"/") {
		return shapeListing // /tag/economy, /author/jane-doe
	}
	if isArticleLeaf(leaf) || isArticleLeaf(u.RawQuery) {
		return shapeArticle
	}
	return shapeUnknown
}

// isCalendar reports whether u looks like a date-navigation page, the
// classic endless crawler trap. It runs for every link found, so each
// regexp is tried only where a cheap look at the URL leaves it a chance.
func isCalendar(u *url.URL) bool {
	if isCalendarQuery(u.RawQuery) || isCalendarDir(u.Path) {
		return true
	}
	if !endsInDigit(u.Path) {
		return false // datePath ends in a year, month or day
	}
	m := datePath.FindStringSubmatch(u.Path)
	// A story's slug followed by its date (/some-long-story-slug/2025/11)
	// is the story, not a day's archive.
	return m != nil && !isArticleLeaf(path.Base(m[1]))
}

// calendarKeys are the query keys of a query selecting a date, year, month
// or day (calendarQueryRef in the tests is the regexp it replaced).
var calendarKeys = [...]string{"date", "day", "month", "year", "d", "ym", "ymd", "cal"}

// isCalendarQuery is calendarQueryRef.MatchString(q) without the regexp: a
// parameter (at the start or after "&") named by calendarKeys, in any case,
// whose value starts with a digit or "-".
func isCalendarQuery(q string) bool {
	for q != "" {
		var param string
		param, q, _ = strings.Cut(q, "&")
		key, val, ok := strings.Cut(param, "=")
		if !ok || val == "" || !(val[0] == '-' || val[0] >= '0' && val[0] <= '9') {
			continue
		}
		for _, k := range calendarKeys {
			if strings.EqualFold(key, k) {
				return true
			}
		}
	}
	return false
}

// calendarDirs are the last path segments that name a calendar or an
// archive (calendarDirRef in the tests is the regexp it replaced).
var calendarDirs = [...]string{"calendar", "cal", "archive", "archives", "date"}

// isCalendarDir is calendarDirRef.MatchString(p) without the regexp: the last
// segment of p, past at most one trailing "/", is one of calendarDirs in
// any case (EqualFold folds as (?i) does, ſ for s included).
func isCalendarDir(p string) bool {
	p = strings.TrimSuffix(p, "/")
	slash := strings.LastIndexByte(p, '/')
	if slash < 0 {
		return false
	}
	for _, d := range calendarDirs {
		if strings.EqualFold(p[slash+1:], d) {
			return true
		}
	}
	return false
}

// endsInDigit reports whether p, past at most one trailing "/", ends in an
// ASCII digit: what a path matched by datePath or by the /page/2/ form of
// pagedPath does.
func endsInDigit(p string) bool {
	p = strings.TrimSuffix(p, "/")
	return p != "" && p[len(p)-1] >= '0' && p[len(p)-1] <= '9'
}

// isArticleLeaf is articleLeaf.MatchString(s), answered without the
// regexp when s holds a run of five digits (its first alternative), as
// most story URLs do: the regexp, unanchored, is tried at every position.
func isArticleLeaf(s string) bool {
	return hasDigitRun(s, 5) || articleLeaf.MatchString(s)
}

// hasDigitRun reports whether s holds n ASCII digits in a row.
func hasDigitRun(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
