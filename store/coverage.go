package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Coverage is how often one site's articles had each field in one crawl
// run: the crawl compares it with the site's recent runs to notice a portal
// whose new layout stopped giving dates or authors.
type Coverage struct {
	At       time.Time      `json:"at"`
	Articles int            `json:"n"`
	Has      map[string]int `json:"has"` // field -> articles that had it
}

// Share returns the share of articles that had field (0 without articles).
func (c Coverage) Share(field string) float64 {
	if c.Articles == 0 {
		return 0
	}
	return float64(c.Has[field]) / float64(c.Articles)
}

// AddCoverage implements State.
func (s *Bolt) AddCoverage(_ context.Context, site string, c Coverage, keep int) ([]Coverage, error) {
	var before []Coverage
	err := s.update("coverage of "+site, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSites)
		if v := b.Get([]byte(site)); v != nil {
			if err := json.Unmarshal(v, &before); err != nil {
				before = nil // a damaged history only costs one comparison
			}
		}
		hist := append(append([]Coverage(nil), before...), c)
		if len(hist) > keep {
			hist = hist[len(hist)-keep:]
		}
		v, err := json.Marshal(hist)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		return b.Put([]byte(site), v)
	})
	return before, err
}

// CoverageFields are the fields whose coverage is measured, in report
// order: by the crawl (site drift) and by newspipe stats alike.
var CoverageFields = []string{"title", "date", "date_time", "source", "authors", "editor", "body"}

// Fields is what one record shows of the CoverageFields.
type Fields struct {
	Title, Source, Editor, Body string
	Published                   time.Time // zero when unknown
	Authors                     int
}

// Present lists the CoverageFields f has. A date at midnight in its own
// zone is a day without a time of day: pages that print only a day get
// 00:00.
func (f Fields) Present() []string {
	var out []string
	add := func(name string, ok bool) {
		if ok {
			out = append(out, name)
		}
	}
	p := f.Published
	add("title", f.Title != "")
	add("date", !p.IsZero())
	add("date_time", !p.IsZero() && p.Hour()+p.Minute()+p.Second() > 0)
	add("source", f.Source != "")
	add("authors", f.Authors > 0)
	add("editor", f.Editor != "")
	add("body", f.Body != "")
	return out
}
