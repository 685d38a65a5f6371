package sitestats

import (
	"net/url"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/newspipe/newspipe/export"
	"github.com/newspipe/newspipe/store"
)

// Fields whose coverage is measured, in report order (the crawl's own).
var Fields = store.CoverageFields

// Site is the health of one site's records.
type Site struct {
	Host       string             `json:"host"`
	Records    int                `json:"records"`
	Share      map[string]float64 `json:"share"`       // per Fields: records with the field / Records
	MedianBody int                `json:"median_body"` // characters
	Duplicates float64            `json:"duplicates"`  // share with duplicate_of set
	Warnings   map[string]int     `json:"warnings"`
	Days       map[string]int     `json:"days"` // published_at day (in the page's own zone) -> records

	has     map[string]int
	bodies  []int32
	dupes   int
	lastDay time.Time
}

// Collector adds up records site by site.
type Collector struct {
	sites map[string]*Site
}

// NewCollector returns an empty Collector.
func NewCollector() *Collector { return &Collector{sites: map[string]*Site{}} }

// Add counts one record under its URL's host.
func (c *Collector) Add(r export.Record) {
	host := hostOf(r.URL)
	s := c.sites[host]
	if s == nil {
		s = &Site{Host: host, Warnings: map[string]int{}, Days: map[string]int{}, has: map[string]int{}}
		c.sites[host] = s
	}
	s.Records++
	for _, f := range fieldsOf(r).Present() {
		s.has[f]++
	}
	body := 0
	if r.Body != nil {
		body = utf8.RuneCountInString(*r.Body)
	}
	s.bodies = append(s.bodies, int32(body))
	if r.DuplicateOf != nil {
		s.dupes++
	}
	for _, w := range r.Warnings {
		s.Warnings[w]++
	}
	if r.PublishedAt != nil {
		day := r.PublishedAt.Format(time.DateOnly)
		s.Days[day]++
		if d, _ := time.Parse(time.DateOnly, day); d.After(s.lastDay) {
			s.lastDay = d
		}
	}
}

// Sites returns the sites, most records first, with their shares and
// median body length computed.
func (c *Collector) Sites() []*Site {
	out := make([]*Site, 0, len(c.sites))
	for _, s := range c.sites {
		s.Share = map[string]float64{}
		for _, f := range Fields {
			s.Share[f] = float64(s.has[f]) / float64(s.Records)
		}
		s.Duplicates = float64(s.dupes) / float64(s.Records)
		s.MedianBody = median(s.bodies)
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Records != out[j].Records {
			return out[i].Records > out[j].Records
		}
		return out[i].Host < out[j].Host
	})
	return out
}

// fieldsOf is what r shows of the Fields.
func fieldsOf(r export.Record) store.Fields {
	f := store.Fields{Title: str(r.Title), Source: str(r.Source), Editor: str(r.Editor), Body: str(r.Body), Authors: len(r.Authors)}
	if r.PublishedAt != nil {
		f.Published = *r.PublishedAt
	}
	return f
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(no host)"
	}
	return u.Hostname()
}

func median(v []int32) int {
	if len(v) == 0 {
		return 0
	}
	s := append([]int32(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return int(s[len(s)/2])
}
