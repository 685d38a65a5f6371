package export

import (
	"io"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// row is the Parquet schema: the record's keys as typed columns. Instants
// are UTC-adjusted timestamps (DuckDB: TIMESTAMP WITH TIME ZONE, pandas:
// datetime64[ns, UTC]); published_offset_minutes keeps the page's own zone.
type row struct {
	URL            string     `parquet:"url"`
	CanonicalURL   *string    `parquet:"canonical_url,optional"`
	SiteName       *string    `parquet:"site_name,optional"`
	Title          *string    `parquet:"title,optional"`
	PublishedAt    *time.Time `parquet:"published_at,optional,timestamp(millisecond:utc)"`
	PublishedOffst *int32     `parquet:"published_offset_minutes,optional"`
	Source         *string    `parquet:"source,optional"`
	Authors        []string   `parquet:"authors,list"`
	Editor         *string    `parquet:"editor,optional"`
	Body           *string    `parquet:"body,optional"`
	Lang           *string    `parquet:"lang,optional"`
	Encoding       *string    `parquet:"encoding,optional"`
	FetchedAt      *time.Time `parquet:"fetched_at,optional,timestamp(millisecond:utc)"`
	ContentHash    *string    `parquet:"content_hash,optional"`
	Warnings       []string   `parquet:"warnings,list"`
}

// Row groups are cut at rowGroupBytes of text or rowGroupRows rows,
// whichever comes first: the writer buffers one row group in memory.
const (
	rowGroupBytes = 32 << 20
	rowGroupRows  = 1 << 16
)

// parquetWriter writes zstd-compressed Parquet in bounded row groups.
type parquetWriter struct {
	w       *parquet.GenericWriter[row]
	batch   []row
	pending int // text bytes in the current row group
}

func newParquetWriter(w io.Writer) *parquetWriter {
	return &parquetWriter{w: parquet.NewGenericWriter[row](w, parquet.Compression(&zstd.Codec{}),
		parquet.MaxRowsPerRowGroup(rowGroupRows)), batch: make([]row, 0, 256)}
}

func (p *parquetWriter) Write(r Record) error {
	p.batch = append(p.batch, row{URL: r.URL, CanonicalURL: r.CanonicalURL, SiteName: r.SiteName, Title: r.Title,
		PublishedAt: utc(r.PublishedAt), PublishedOffst: offsetMinutes(r.PublishedAt), Source: r.Source,
		Authors: nonNil(r.Authors), Editor: r.Editor, Body: r.Body, Lang: r.Lang, Encoding: r.Encoding,
		FetchedAt: utc(r.FetchedAt), ContentHash: r.ContentHash, Warnings: nonNil(r.Warnings)})
	p.pending += len(r.URL) + len(str(r.Body)) + len(str(r.Title))
	if len(p.batch) == cap(p.batch) {
		if err := p.flushBatch(); err != nil {
			return err
		}
	}
	if p.pending >= rowGroupBytes {
		if err := p.flushBatch(); err != nil {
			return err
		}
		p.pending = 0
		return p.w.Flush() // ends the row group: its buffers are freed
	}
	return nil
}

func (p *parquetWriter) flushBatch() error {
	_, err := p.w.Write(p.batch)
	clear(p.batch)
	p.batch = p.batch[:0]
	return err
}

func (p *parquetWriter) Close() error {
	if err := p.flushBatch(); err != nil {
		return err
	}
	return p.w.Close()
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
