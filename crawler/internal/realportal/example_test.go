package realportal_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/newspipe/newspipe/crawler/internal/realportal"
)

// A crawler test starts a portal, crawls it from its home pages, and then
// compares the records with Articles and the request log with what
// politeness demands.
func ExampleStart() {
	p, err := realportal.Start(realportal.Options{
		ArticlesPerHost: 20,
		CrawlDelay:      map[int]float64{1: 0.2},
		Without:         realportal.Huge | realportal.Hang, // not under test here
	})
	if errors.Is(err, realportal.ErrNoCorpus) {
		return // a test would t.Skip
	}
	if err != nil {
		log.Fatal(err)
	}
	defer p.Close()

	seeds := []string{p.URL(0) + "/", p.URL(1) + "/"}
	_ = seeds // ... crawl the seeds ...

	for _, r := range p.Requests() {
		if realportal.Disallowed(r.Path) {
			fmt.Println("disallowed path requested:", r.Path)
		}
	}
	for _, a := range p.Articles() {
		_ = a // the record for a.URL should hold a.Phrase and a.Marker
	}
}
