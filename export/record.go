package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Record is one JSONL record as newspipe writes it (extract/record.schema.json).
// Absent or null values are nil.
type Record struct {
	URL          string     `json:"url"`
	CanonicalURL *string    `json:"canonical_url"`
	SiteName     *string    `json:"site_name"`
	Title        *string    `json:"title"`
	PublishedAt  *time.Time `json:"published_at"`
	Source       *string    `json:"source"`
	Authors      []string   `json:"authors"`
	Editor       *string    `json:"editor"`
	Body         *string    `json:"body"`
	Lang         *string    `json:"lang"`
	Encoding     *string    `json:"encoding"`
	FetchedAt    *time.Time `json:"fetched_at"`
	ContentHash  *string    `json:"content_hash"`
	Warnings     []string   `json:"warnings"`
	// DuplicateOf is the url of the earliest record of the same story
	// (newspipe dedup); nil for the first of a story, or when not computed.
	DuplicateOf *string `json:"duplicate_of"`
}

var errNoURL = errors.New(`no "url"`)

// parseRecord decodes one JSONL line.
func parseRecord(line []byte) (Record, error) {
	var r Record
	if err := json.Unmarshal(line, &r); err != nil {
		return Record{}, fmt.Errorf("not a newspipe record: %w", err)
	}
	if r.URL == "" {
		return Record{}, errNoURL
	}
	return r, nil
}

// offsetMinutes returns the UTC offset t was written with, in minutes: a
// Parquet instant keeps the moment, this keeps the page's own zone.
func offsetMinutes(t *time.Time) *int32 {
	if t == nil {
		return nil
	}
	_, off := t.Zone()
	m := int32(off / 60)
	return &m
}
