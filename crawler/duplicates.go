package crawler

import (
	"fmt"
	"sync"

	"github.com/newspipe/newspipe/dedup"
	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// markDuplicate sets a.DuplicateOf: the url of the first copy of the same
// story the crawl emitted, in this run or an earlier one (the stories are
// filed in State, shared by every worker of a shared crawl), or "" (null)
// when a is the first copy, which it then files. A story's first copy is
// compared with every later one, as newspipe dedup does. Lookups and
// filings are serialized in a process (mu), so two copies fetched at once
// find each other; two workers of a shared crawl emitting copies at the
// same moment may both count as first. Bodies too short to compare are
// first copies and are not filed.
func markDuplicate(mu *sync.Mutex, st store.State, a *extract.Article) error {
	first := ""
	a.DuplicateOf = &first
	sig, ok := dedup.Of(a.Body)
	if !ok {
		return nil
	}
	keys := dedup.BandKeys(&sig)
	mu.Lock()
	defer mu.Unlock()
	stories, err := st.Stories(keys)
	if err != nil {
		return fmt.Errorf("state: stories of %s: %w", a.URL, err)
	}
	best, bestSim, filed := "", 0.0, false
	for _, s := range stories {
		if s.URL == a.URL {
			filed = true // an edit of a first copy: still the first
			continue
		}
		other, err := dedup.ParseSignature(s.Sig)
		if err != nil {
			continue // a damaged entry only misses one match
		}
		if sim := dedup.Similarity(&sig, &other); sim >= dedup.DefaultThreshold && sim > bestSim {
			best, bestSim = s.URL, sim
		}
	}
	switch {
	case best != "":
		a.DuplicateOf = &best
	case !filed:
		if err := st.FileStory(store.Story{URL: a.URL, Sig: sig.Bytes()}, keys); err != nil {
			return fmt.Errorf("state: file story %s: %w", a.URL, err)
		}
	}
	return nil
}
