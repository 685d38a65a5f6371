package extract

import "testing"

func TestMainCluster(t *testing.T) {
	mk := func(c blockClass, eff int) block { return block{class: c, runes: eff} }
	w := &blockWalker{}
	// Article (3 paragraphs), a wide boilerplate column (25 link rows), then a
	// live-blog stretch with less prose: the article wins.
	for range 3 {
		w.blocks = append(w.blocks, mk(blockGood, 500))
	}
	for range 25 {
		w.blocks = append(w.blocks, mk(blockBad, 60))
	}
	for range 2 {
		w.blocks = append(w.blocks, mk(blockGood, 400))
	}
	noSkip := func(int) bool { return false }
	if f, l := mainCluster(w, 0, len(w.blocks)-1, noSkip); f != 0 || l != 2 {
		t.Errorf("mainCluster = %d..%d, want 0..2", f, l)
	}
	// A small inline box does not split the article.
	w.blocks = w.blocks[:0]
	w.blocks = append(w.blocks, mk(blockGood, 500), mk(blockBad, 40), mk(blockBad, 40), mk(blockGood, 500))
	if f, l := mainCluster(w, 0, 3, noSkip); f != 0 || l != 3 {
		t.Errorf("mainCluster with inline box = %d..%d, want 0..3", f, l)
	}
}
