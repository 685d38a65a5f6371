package extract

// A site wraps the article's text in an element of its own and sets end
// matter beside it in the same wrapper: a contact box, an author's bio, a
// disclaimer, a donation appeal, the opening of the next story. Structure
// scores the wrapper (its boxes carry a few sentences of prose each, no
// chrome class), the text candidate stops at the text's element. When the
// wrapper adds nothing above the text and only a little prose below it,
// the text's element is the article and the rest is end matter.

// trailMaxShare is the largest share of the wrapper's prose that may lie
// below the text candidate for the text candidate to win: beyond it the
// part below is more of the article (a second section in a box of its
// own), not a box or two of end matter.
const trailMaxShare = 0.15

// trailsMatter reports a structural candidate a that adds to the text
// candidate b inside it only a little prose below b and none above it.
func trailsMatter(w *blockWalker, a, b int32) bool {
	inside, after := 0, 0
	for i := w.spans[a].start; i < w.spans[a].end; i++ {
		if w.blocks[i].class != blockGood {
			continue
		}
		switch {
		case i < w.spans[b].start:
			return false // a lead or an intro set apart: a is the article
		case i < w.spans[b].end:
			inside += w.blocks[i].eff()
		default:
			after += w.blocks[i].eff()
		}
	}
	return after > 0 && inside > 0 && float64(after) <= trailMaxShare*float64(inside+after)
}
