package extract

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// Selectors are optional per-site CSS selectors, for portals where the
// general rules need help. Each is tried first; when it matches nothing the
// general extraction runs as usual.
type Selectors struct {
	Title   string `yaml:"title" json:"title,omitempty"`     // the headline element
	Body    string `yaml:"body" json:"body,omitempty"`       // the element holding the article text
	Date    string `yaml:"date" json:"date,omitempty"`       // an element whose datetime/content attribute or text is the publish date
	Authors string `yaml:"authors" json:"authors,omitempty"` // elements naming the authors
	Remove  string `yaml:"remove" json:"remove,omitempty"`   // elements dropped before extraction (ads, inline promos)
}

// Rules are compiled Selectors, ready for many pages. A nil *Rules is valid
// and means none.
type Rules struct {
	title, body, date, authors, remove goquery.Matcher
}

// CompileRules checks and compiles s, so that a bad selector is reported
// once, when a config is loaded, rather than on every page.
func CompileRules(s Selectors) (*Rules, error) {
	r := &Rules{}
	for _, f := range []struct {
		name, sel string
		dst       *goquery.Matcher
	}{
		{"title", s.Title, &r.title}, {"body", s.Body, &r.body}, {"date", s.Date, &r.date},
		{"authors", s.Authors, &r.authors}, {"remove", s.Remove, &r.remove},
	} {
		if strings.TrimSpace(f.sel) == "" {
			continue
		}
		m, err := cascadia.Compile(f.sel)
		if err != nil {
			return nil, fmt.Errorf("selector %s %q: %w", f.name, f.sel, err)
		}
		*f.dst = m
	}
	return r, nil
}

// siteOverrides is what the rules found on one page.
type siteOverrides struct {
	title   string
	body    *html.Node
	date    string
	authors []string
}

// apply runs the rules on the parsed page; it removes the Remove matches
// from the tree.
func (r *Rules) apply(root *html.Node) siteOverrides {
	var o siteOverrides
	if r == nil {
		return o
	}
	doc := goquery.NewDocumentFromNode(root)
	if r.remove != nil {
		doc.FindMatcher(r.remove).Remove()
	}
	if r.title != nil {
		o.title = collapseSpace(doc.FindMatcher(r.title).First().Text())
	}
	if r.body != nil {
		if sel := doc.FindMatcher(r.body); sel.Length() > 0 {
			o.body = sel.Get(0)
		}
	}
	if r.date != nil {
		d := doc.FindMatcher(r.date).First()
		for _, a := range []string{"datetime", "content", "title"} {
			if v, ok := d.Attr(a); ok && strings.TrimSpace(v) != "" {
				o.date = v
				break
			}
		}
		if o.date == "" {
			o.date = collapseSpace(d.Text())
		}
	}
	if r.authors != nil {
		doc.FindMatcher(r.authors).Each(func(_ int, s *goquery.Selection) {
			if t := collapseSpace(s.Text()); t != "" {
				o.authors = append(o.authors, t)
			}
		})
	}
	return o
}
