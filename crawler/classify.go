package crawler

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/newspipe/newspipe/extract"
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
	// calendarPath is a path that ends in a date and nothing after it
	// (/2024/05/12, /2024-05-12/, /archive/202405) or names a calendar.
	calendarPath = regexp.MustCompile(`(?i)(/\d{4}([-/_]?\d{1,2}){0,2}/?$|/(calendar|cal|archive|archives|date)(/|$))`)
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
	return calendarPath.MatchString(u.Path) || calendarQuery.MatchString(u.RawQuery)
}

// linkDensity is the share of the page's visible link text in all of its
// text (body plus link text): high on listings, low on articles.
func linkDensity(a *extract.Article) float64 {
	linkChars := 0
	for _, l := range a.Links {
		if l.Rel == "" {
			linkChars += utf8.RuneCountInString(l.Text)
		}
	}
	body := utf8.RuneCountInString(a.Body)
	if body+linkChars == 0 {
		return 1
	}
	return float64(linkChars) / float64(body+linkChars)
}

// minArticleRunes is the least body length a page needs to be an article
// when the extractor itself is not sure.
const minArticleRunes = 200

// isArticle decides whether a fetched page becomes a record, from general
// signals only: the extractor's verdict, the URL's shape, the page's link
// density and body length. pattern, when set, is a site's article-URL
// pattern and must match.
func isArticle(a *extract.Article, u *url.URL, pattern *regexp.Regexp) bool {
	if a.Title == "" || a.Body == "" || a.ContentHash == "" {
		return false
	}
	if pattern != nil && !pattern.MatchString(u.String()) {
		return false
	}
	shape := classifyURL(u)
	if pattern != nil && shape == shapeListing {
		shape = shapeUnknown // the site's own pattern outranks our guess
	}
	if shape == shapeListing {
		return false
	}
	density := linkDensity(a)
	if a.IsArticle {
		return density < 0.6
	}
	// The extractor was not convinced; accept only clear cases.
	return (shape == shapeArticle || pattern != nil) &&
		utf8.RuneCountInString(a.Body) >= minArticleRunes && density < 0.35
}
