package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"time"
)

// columns are the CSV header, in the order of the record schema, with the
// page's own UTC offset of published_at beside it.
var columns = []string{"url", "canonical_url", "site_name", "title", "published_at", "published_offset_minutes",
	"source", "authors", "editor", "body", "lang", "encoding", "fetched_at", "content_hash", "warnings"}

// csvWriter writes RFC 4180 CSV: null is an empty field, instants are RFC
// 3339 with the offset they were written with, lists are JSON arrays.
type csvWriter struct {
	bw  *bufio.Writer
	w   *csv.Writer
	row []string
}

func newCSVWriter(w io.Writer) (*csvWriter, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	c := &csvWriter{bw: bw, w: csv.NewWriter(bw), row: make([]string, len(columns))}
	return c, c.w.Write(columns)
}

func (c *csvWriter) Write(r Record) error {
	off := ""
	if m := offsetMinutes(r.PublishedAt); m != nil {
		off = strconv.Itoa(int(*m))
	}
	copy(c.row, []string{r.URL, str(r.CanonicalURL), str(r.SiteName), str(r.Title), instant(r.PublishedAt), off,
		str(r.Source), list(r.Authors), str(r.Editor), str(r.Body), str(r.Lang), str(r.Encoding),
		instant(r.FetchedAt), str(r.ContentHash), list(r.Warnings)})
	return c.w.Write(c.row)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func instant(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func list(l []string) string {
	if l == nil {
		l = []string{}
	}
	b, _ := json.Marshal(l) // strings always encode
	return string(b)
}
