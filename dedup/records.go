package dedup

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/newspipe/newspipe/internal/jsonl"
)

// This file groups newspipe JSONL records (extract/record.schema.json):
// the offline half of `newspipe dedup`.

// DuplicateOfKey is the record key Records sets.
const DuplicateOfKey = "duplicate_of"

// LineError is a bad input line, skipped.
type LineError = jsonl.LineError

// ErrBadLines is returned (wrapped) by Records when it skipped bad lines:
// the output holds every good record, but the input was not clean.
var ErrBadLines = errors.New("bad input lines skipped")

// RecordOptions configure Records.
type RecordOptions struct {
	Threshold float64          // Grouper.Threshold; 0 means DefaultThreshold
	BadLine   func(*LineError) // called with each bad line, which is skipped
}

// RecordStats counts what Records did.
type RecordStats struct {
	Records    int // written
	Duplicates int // written with a non-null duplicate_of
	Short      int // bodies too short (or null) to fingerprint
	BadLines   int // skipped
}

// field is one key of a record, in the order of its line.
type field struct {
	key string
	val json.RawMessage
}

// parsed is what grouping needs of a record.
type parsed struct {
	fields  []field
	url     string
	body    string
	fetched time.Time // zero when absent or null
}

// parseLine decodes one JSONL line as an object, keeping its keys in order.
func parseLine(line []byte) (parsed, error) {
	var p parsed
	dec := json.NewDecoder(bytes.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return p, errors.New("not a newspipe record: not a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return p, fmt.Errorf("not a newspipe record: %w", err)
		}
		key := tok.(string) // object keys are strings once Token succeeds
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return p, fmt.Errorf("not a newspipe record: %w", err)
		}
		p.fields = append(p.fields, field{key, val})
		if err := p.take(key, val); err != nil {
			return p, err
		}
	}
	if _, err := dec.Token(); err != nil {
		return p, fmt.Errorf("not a newspipe record: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return p, errors.New("not a newspipe record: data after the object")
	}
	if p.url == "" {
		return p, errors.New(`no "url"`)
	}
	return p, nil
}

// take keeps the values grouping reads.
func (p *parsed) take(key string, val json.RawMessage) error {
	var s *string
	switch key {
	case "url", "body", "fetched_at":
		if err := json.Unmarshal(val, &s); err != nil {
			return fmt.Errorf("%q: %w", key, err)
		}
	default:
		return nil
	}
	if s == nil {
		return nil
	}
	switch key {
	case "url":
		p.url = *s
	case "body":
		p.body = *s
	case "fetched_at":
		t, err := time.Parse(time.RFC3339, *s)
		if err != nil {
			return fmt.Errorf(`"fetched_at": %w`, err)
		}
		p.fetched = t
	}
	return nil
}

// seen is what the fingerprinting pass keeps of one good record.
type seen struct {
	fetched time.Time
	url     string
	sig     Signature
	ok      bool // sig is set
}

// Records writes the records of the JSONL files to w, in input order, each
// with "duplicate_of" set: null, or the url of the earliest-seen record of
// the same story. Earliest means by fetched_at (records without it after
// those with it), then input order. Other keys keep their values and
// order; duplicate_of replaces an existing one in place or is added last.
// A later fetch of the same url is not a copy of another story: its
// duplicate_of stays null.
//
// Bodies are compared without their site's template lines (Templates,
// learnt from all the input first, each url once, the host being the
// url's). The files are read three times — to learn templates, to
// fingerprint every body, to write — so memory holds about 150 bytes per
// record and a fixed sketch, not the bodies.
func Records(ctx context.Context, files []string, w io.Writer, opts RecordOptions) (RecordStats, error) {
	var st RecordStats
	var all []seen
	bad := func(e *LineError) {
		st.BadLines++
		if opts.BadLine != nil {
			opts.BadLine(e)
		}
	}
	tp, err := learnTemplates(ctx, files)
	if err != nil {
		return st, err
	}
	err = scanLines(ctx, files, bad, func(p parsed) error {
		s := seen{fetched: p.fetched, url: p.url}
		s.sig, s.ok = Of(tp.Strip(hostOf(p.url), p.body))
		all = append(all, s)
		return nil
	})
	tp = nil
	if err != nil {
		return st, err
	}
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &all[order[i]], &all[order[j]]
		if a.fetched.IsZero() != b.fetched.IsZero() {
			return !a.fetched.IsZero()
		}
		return a.fetched.Before(b.fetched)
	})
	dupOf := make([]string, len(all))
	g := Grouper{Threshold: opts.Threshold}
	for _, i := range order {
		if !all[i].ok {
			st.Short++
			continue
		}
		if d := g.AddSignature(all[i].url, &all[i].sig); d != all[i].url {
			dupOf[i] = d
		}
	}
	all = nil

	bw := bufio.NewWriterSize(w, 1<<20)
	n := 0
	err = scanLines(ctx, files, func(*LineError) {}, func(p parsed) error {
		if n >= len(dupOf) {
			return errors.New("input changed while it was read")
		}
		d := dupOf[n]
		n++
		st.Records++
		if d != "" {
			st.Duplicates++
		}
		return writeRecord(bw, p.fields, d)
	})
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return st, err
	}
	if st.BadLines > 0 {
		return st, fmt.Errorf("%d %w (each reported above)", st.BadLines, ErrBadLines)
	}
	return st, nil
}

// learnTemplates learns the sites' template lines from every record, once
// per url. The sketch is sized from the input's bytes: about 4 counters
// per line of 50 bytes, between 3×64 KiB and 3×32 MiB.
func learnTemplates(ctx context.Context, files []string) (*Templates, error) {
	var size int64
	for _, name := range files {
		fi, err := os.Stat(name)
		if err != nil {
			return nil, fmt.Errorf("input %w", err)
		}
		size += fi.Size()
	}
	b := uint(bits.Len64(uint64(size / 12)))
	b = max(16, min(b, 25))
	tp := NewTemplates(b)
	urls := map[uint64]bool{}
	err := scanRaw(ctx, files, func(line []byte) error {
		var p struct {
			URL  string  `json:"url"`
			Body *string `json:"body"`
		}
		if json.Unmarshal(line, &p) != nil || p.URL == "" || p.Body == nil {
			return nil // reported by the next pass if bad; nothing to learn if no body
		}
		h := uint64(fnvOffset)
		for i := 0; i < len(p.URL); i++ {
			h = (h ^ uint64(p.URL[i])) * fnvPrime
		}
		if !urls[h] {
			urls[h] = true
			tp.Learn(hostOf(p.URL), *p.Body)
		}
		return nil
	})
	return tp, err
}

// hostOf returns the lower-cased host of a url ("" when it has none).
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.ToLower(p.Hostname())
}

// writeRecord writes one record line with duplicate_of set to dupOf (null
// when "").
func writeRecord(w *bufio.Writer, fields []field, dupOf string) error {
	val := json.RawMessage("null")
	if dupOf != "" {
		b, err := json.Marshal(dupOf)
		if err != nil {
			return err
		}
		val = b
	}
	w.WriteByte('{')
	set := false
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		v := f.val
		if f.key == DuplicateOfKey {
			v, set = val, true
		}
		writeField(w, f.key, v)
	}
	if !set {
		if len(fields) > 0 {
			w.WriteByte(',')
		}
		writeField(w, DuplicateOfKey, val)
	}
	w.WriteByte('}')
	return w.WriteByte('\n')
}

func writeField(w *bufio.Writer, key string, val json.RawMessage) {
	k, _ := json.Marshal(key) // a string always marshals
	w.Write(k)
	w.WriteByte(':')
	w.Write(val)
}

// scanLines calls fn with every good record of the files, in order; bad
// lines go to bad and are skipped. It stops at the first error of fn, of
// reading a file, or of ctx.
func scanLines(ctx context.Context, files []string, bad func(*LineError), fn func(parsed) error) error {
	return scanFiles(ctx, files, func(name string, n int, line []byte) error {
		p, err := parseLine(line)
		if err != nil {
			bad(&LineError{File: name, Line: n, Err: err})
			return nil
		}
		return fn(p)
	})
}

// scanRaw calls fn with every non-empty line of the files, unparsed.
func scanRaw(ctx context.Context, files []string, fn func([]byte) error) error {
	return scanFiles(ctx, files, func(_ string, _ int, line []byte) error { return fn(line) })
}

// scanFiles calls fn with every non-empty line of the files (trimmed),
// its file name and line number.
func scanFiles(ctx context.Context, files []string, fn func(name string, n int, line []byte) error) error {
	return jsonl.Scan(ctx, files, func(file, n int, line []byte) error { return fn(files[file], n, line) })
}
