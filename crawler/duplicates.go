package crawler

import (
	"context"
	"fmt"

	"github.com/newspipe/newspipe/dedup"
	"github.com/newspipe/newspipe/extract"
	"github.com/newspipe/newspipe/store"
)

// markDuplicate sets a.DuplicateOf: the url of the first copy of the same
// story the crawl emitted, in this run or an earlier one (the stories are
// filed in State, shared by every worker of a shared crawl), or "" (null)
// when a is the first copy, which it then files. A story's first copy is
// compared with every later one, as newspipe dedup does; an edit of a
// first copy stays first. State.FileStory looks up and files in one step,
// so that of two copies emitted at once, in one process or two, exactly
// one is first. Bodies too short to compare are first copies and are not
// filed.
func markDuplicate(ctx context.Context, st store.State, a *extract.Article) error {
	first := ""
	a.DuplicateOf = &first
	sig, ok := dedup.Of(a.Body)
	if !ok {
		return nil
	}
	match := func(stories []store.Story) string { return bestMatch(&sig, a.URL, stories) }
	best, err := st.FileStory(ctx, store.Story{URL: a.URL, Sig: sig.Bytes()}, dedup.BandKeys(&sig), match)
	if err != nil {
		return fmt.Errorf("state: file story %s: %w", a.URL, err)
	}
	if best != "" {
		a.DuplicateOf = &best
	}
	return nil
}

// bestMatch returns the url of the story most like sig, at or above the
// threshold, other than url itself, or "".
func bestMatch(sig *dedup.Signature, url string, stories []store.Story) string {
	best, bestSim := "", 0.0
	for _, s := range stories {
		if s.URL == url {
			continue
		}
		other, err := dedup.ParseSignature(s.Sig)
		if err != nil {
			continue // a damaged entry only misses one match
		}
		if sim := dedup.Similarity(sig, &other); sim >= dedup.DefaultThreshold && sim > bestSim {
			best, bestSim = s.URL, sim
		}
	}
	return best
}
