package evaluate

import (
	"time"
)

// Dataset is one labelled corpus, loaded into memory.
type Dataset struct {
	Name   string // folder name, e.g. "scrapinghub-aeb"
	Dir    string // folder it was loaded from
	Kind   Kind   // which loader read it
	Metric Metric // how its body labels are scored
	Note   string // caveat shown with its results, e.g. "reference output, not gold"
	Pages  []Page
}

// Bytes returns the total size of the pages' raw HTML.
func (d *Dataset) Bytes() int64 {
	var n int64
	for i := range d.Pages {
		n += int64(len(d.Pages[i].HTML))
	}
	return n
}

// Page is one page of a dataset with its labels.
type Page struct {
	Name  string // identifier within the dataset (file stem, id or path)
	URL   string // the page's address when the dataset knows it, else ""
	HTML  []byte // raw bytes as served, undecoded
	Truth Truth
	// SourceFFFD reports that the page itself carries U+FFFD (UTF-8
	// encoded or as a character reference), so finding one in the output
	// is not a decoding fault.
	SourceFFFD bool
}

// Truth holds a page's labels. A nil pointer or false Has flag means the
// dataset does not label that field for the page.
type Truth struct {
	Body    *string  // reference main text
	With    []string // segments the main text must contain (trafilatura-eval)
	Without []string // boilerplate segments it must not contain
	Title   *string
	Date    *DateLabel
	Authors []string // set when HasAuthors
	Source  *string
	Editor  *string

	HasAuthors bool

	// MustContain and MustNotContain are substrings checked in the body
	// (newspipe expected-record files).
	MustContain    []string
	MustNotContain []string
	// NotArticle marks a page that should not yield an article; only its
	// title is scored, as in score.py.
	NotArticle bool
	// Check asks for score.py's pass/fail body check (F1 >= CheckF1 and
	// the must/must-not strings honoured).
	Check bool
}

// CheckF1 is score.py's default minimum body F1 for a passing page.
const CheckF1 = 0.9

// Output is what one tool extracted from one page, reduced to the scored
// fields.
type Output struct {
	Title   string
	Body    string
	Date    time.Time // zero when none; its zone is the offset the tool stated
	Authors []string
	Source  string
	Editor  string
}

func ptr[T any](v T) *T { return &v }
