package main

import (
	"flag"
	"time"

	"github.com/newspipe/newspipe/crawler"
	"github.com/newspipe/newspipe/internal/warcfile"
)

// warcFlags holds --warc and --warc-max-size of newspipe crawl: the raw
// responses archived as WARC files, for newspipe extract FILE.warc.gz to
// extract again without fetching.
type warcFlags struct {
	warcDir     string
	warcMaxSize byteSize
}

func (w *warcFlags) register(fs *flag.FlagSet) {
	w.warcMaxSize = 1 << 30
	fs.StringVar(&w.warcDir, "warc", "", "also write every response read in full (pages, feeds, sitemaps) and its request to gzip-compressed WARC 1.1 files in `DIR`, named newspipe-<start UTC>-<serial>[-<worker id>].warc.gz; newspipe extract FILE.warc.gz extracts them again")
	fs.Var(&w.warcMaxSize, "warc-max-size", "start a new WARC file past this `size` (e.g. 100MiB)")
}

// openWARC finishes the WARC files a killed run of this worker left open
// and opens the writer of this run; it returns nil without --warc.
func (w *warcFlags) openWARC(start time.Time, worker string, log *crawlLog) (*warcfile.Writer, error) {
	if w.warcDir == "" {
		return nil, nil
	}
	done, err := warcfile.Recover(w.warcDir, worker)
	for _, name := range done {
		log.Warn("WARC file of a run that did not finish cut back to its last whole record", "file", name)
	}
	if err != nil {
		return nil, err
	}
	return warcfile.Open(warcfile.Options{Dir: w.warcDir, Start: start, Worker: worker,
		MaxSize: int64(w.warcMaxSize), Software: "newspipe (" + crawler.DefaultUserAgent + ")"})
}
