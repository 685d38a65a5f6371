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
	// calendarDir is a path that names a calendar or an archive.
	calendarDir = regexp.MustCompile(`(?i)/(calendar|cal|archive|archives|date)/?$`)
	// calendarQuery is a query selecting a date, year, month or day.
	calendarQuery = regexp.MustCompile(`(?i)(^|&)(date|day|month|year|d|ym|ymd|cal)=[0-9-]+`)
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
		if !articleLeaf.MatchString(leaf) {
			return shapeListing
		}
	}
	if listingWords.MatchString(leaf) {
		return shapeListing
	}
	if !articleLeaf.MatchString(leaf) && taxonomyDir.MatchString(path.Dir(p)+"/") {
		return shapeListing // /tag/economy, /author/jane-doe
	}
	if articleLeaf.MatchString(leaf) || articleLeaf.MatchString(u.RawQuery) {
		return shapeArticle
	}
	return shapeUnknown
}

// isCalendar reports whether u looks like a date-navigation page, the
// classic endless crawler trap.
func isCalendar(u *url.URL) bool {
	if calendarQuery.MatchString(u.RawQuery) || calendarDir.MatchString(u.Path) {
		return true
	}
	m := datePath.FindStringSubmatch(u.Path)
	// A story's slug followed by its date (/some-long-story-slug/2025/11)
	// is the story, not a day's archive.
	return m != nil && !articleLeaf.MatchString(path.Base(m[1]))
}
