package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/newspipe/newspipe/extract"
)

// outcome is one input's result, ready to print: the encoded record or the
// error, and what --explain wrote for it.
type outcome struct {
	record []byte
	trace  []byte
	err    error // names the input
}

// pending is an input handed to the workers, with the slot its outcome
// arrives in.
type pending struct {
	in   string
	page *warcPage    // set for a page read from a WARC file (in is then its label)
	done chan outcome // buffered: a worker never waits for the printer
}

// extractAll extracts every input with f.jobs workers and prints each
// outcome in input order: the record to w, the --explain trace and the
// error line to f.stderr. At most 2*f.jobs inputs wait for printing, so
// memory stays bounded however many inputs there are. It returns the number
// of failed inputs, counting an interruption (ctx done before every input
// started) as one.
func (f *extractFlags) extractAll(ctx context.Context, stdin io.Reader, w *bufio.Writer) int {
	jobs := min(f.jobs, len(f.inputs))
	if warcInputs(f.inputs) {
		jobs = f.jobs // a WARC file's pages are shared among all the workers
	}
	queue := make(chan *pending, 2*jobs) // printing order; its capacity bounds the inputs in flight
	work := make(chan *pending)
	interrupted := false // written by the feeder before it closes queue

	go func() {
		defer close(queue)
		defer close(work)
		for _, in := range f.inputs {
			if ctx.Err() != nil {
				interrupted = true
				return
			}
			if isWARCInput(in) {
				if !f.feedWARC(ctx, in, queue, work) {
					interrupted = true
					return
				}
				continue
			}
			p := &pending{in: in, done: make(chan outcome, 1)}
			queue <- p
			work <- p
		}
	}()
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			var scratch []byte // this worker's read buffer, reused input after input
			for p := range work {
				p.done <- f.extractEncoded(ctx, p, stdin, &scratch)
			}
		})
	}

	failed := 0
	flushEach := f.pretty || len(f.inputs) > 1
	for p := range queue {
		o := <-p.done
		if len(o.trace) > 0 {
			f.stderr.Write(o.trace)
		}
		if o.err != nil {
			fmt.Fprintf(f.stderr, "newspipe extract: %v\n", o.err)
			failed++
			continue
		}
		_, err := w.Write(o.record)
		if err == nil && flushEach {
			err = w.Flush()
		}
		if err != nil {
			fmt.Fprintf(f.stderr, "newspipe extract: %s: write: %v\n", p.in, err)
			failed++
		}
	}
	wg.Wait()
	if interrupted {
		fmt.Fprintf(f.stderr, "newspipe extract: interrupted\n")
		failed++
	}
	return failed
}

// extractEncoded extracts one input and encodes its record, so that the
// JSON encoding runs on the workers too; nothing it returns refers to
// *scratch, which the next input may overwrite. Errors are wrapped with the
// input.
func (f *extractFlags) extractEncoded(ctx context.Context, p *pending, stdin io.Reader, scratch *[]byte) outcome {
	in := p.in
	var trace bytes.Buffer
	var traceTo io.Writer // nil unless --explain: a nil *bytes.Buffer would not be a nil io.Writer
	if f.explain {
		traceTo = &trace
	}
	var o outcome
	var art *extract.Article
	var err error
	if p.page != nil {
		art, err = f.extractWARCPage(p.page, traceTo)
		if errors.Is(err, extract.ErrEmpty) || errors.Is(err, extract.ErrNotHTML) || errors.Is(err, errNotArticle) {
			// Archives hold blank and non-page responses: not a failure.
			return outcome{trace: trace.Bytes()}
		}
	} else {
		art, err = f.extractOne(ctx, in, stdin, traceTo, scratch)
	}
	if err == nil {
		var rec bytes.Buffer
		if err = writeRecord(&rec, art, f.pretty, f.withLinks); err != nil {
			err = fmt.Errorf("encode: %w", err)
		}
		o.record = rec.Bytes()
	}
	if err != nil {
		o.err = fmt.Errorf("%s: %w", in, err)
		o.record = nil
	}
	o.trace = trace.Bytes()
	return o
}
