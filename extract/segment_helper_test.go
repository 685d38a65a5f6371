package extract

import "golang.org/x/net/html"

// segmentBlocks is segmentCounted for tests that have a page but not its
// element counts: it guesses them from the page's byte length.
// sizeHint is the page's byte length, used to size the slices once.
// host is the page's host name, "" when unknown; links to other sites are
// counted apart (block.extRunes).
func segmentBlocks(root *html.Node, sizeHint int, host string) *blockWalker {
	// Roughly one block per 300 bytes of HTML and two elements per block;
	// a short page (a 2 KB article, an index stub) starts from 16 blocks,
	// append grows them where a page has more.
	nb := min(max(sizeHint/300, 16), 4096)
	return segmentCounted(root, nb, 2*nb, host)
}
