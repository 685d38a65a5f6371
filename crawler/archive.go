package crawler

import (
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/newspipe/newspipe/internal/warcfile"
)

// Archiver keeps the raw exchanges of a crawl (see Env.Archive); a
// *warcfile.Writer is one. Write must be safe for concurrent use.
type Archiver interface {
	Write(warcfile.Exchange) error
}

// archive hands a response read in full to Env.Archive, with the headers,
// URL and time the page is extracted with, so that extracting the archived
// copy gives the record the crawl made. A failure to archive ends the run,
// like a failure to write the output: a crawl asked to keep its pages must
// not go on without them.
func (c *crawl) archive(r *colly.Response, now time.Time) {
	if c.env.Archive == nil {
		return
	}
	header := r.Headers.Clone()
	if ct := header.Get(origContentType); ct != "" {
		header.Set("Content-Type", ct)
	}
	header.Del(origContentType)
	var reqHeader map[string][]string
	if r.Request.Headers != nil {
		reqHeader = r.Request.Headers.Clone()
	}
	err := c.env.Archive.Write(warcfile.Exchange{
		URL: r.Request.URL.String(), Method: r.Request.Method, RequestHeader: reqHeader,
		Status: r.StatusCode, Header: header, Body: r.Body, FetchedAt: now,
	})
	if err != nil {
		c.cnt.fail("warc")
		c.fail(err)
	}
}
