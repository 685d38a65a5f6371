package extract

import (
	"fmt"
	"io"
)

// candidates is the fifth stage: blocks are labelled prose, chrome or
// neutral (body.go), the block classifier and the readability-style second
// candidate each propose a body element and the arbiter picks one
// (arbiter.go); a per-site body selector wins over both.
func (r *pageRun) candidates() {
	w := r.w
	if r.headNode != nil && r.ov.title == "" {
		w.head = int32(findHeadline(w, r.headNode, "", -1))
	}
	classify(w)
	r.best = chooseBody(w, r.opts.Trace)
	if r.ov.body != nil {
		for i := range w.spans {
			if w.spans[i].node == r.ov.body {
				r.best, r.forced = int32(i), true
				break
			}
		}
	}
	r.headIdx = findHeadline(w, r.headNode, r.title, r.best)
}

// assemble picks the body's blocks inside the chosen element, leaving out
// the headline and the credit rows.
func (r *pageRun) assemble(isCredit []bool) {
	w := r.w
	skip := func(i int) bool { return isCredit[i] || i == r.headIdx }
	switch {
	case r.forced:
		// The site's own body selector: keep all but chrome.
		for i := w.spans[r.best].start; i < w.spans[r.best].end; i++ {
			if w.blocks[i].class != blockBad && !skip(int(i)) {
				r.idx = append(r.idx, int(i))
			}
		}
	case r.best >= 0:
		r.idx = trimTailCalls(w, assemble(w, r.best, skip))
	default:
		// No prose anywhere (a stub or a tiny page): keep whatever text is
		// not boilerplate, so nothing real is lost.
		for i := range w.blocks {
			if w.blocks[i].class != blockBad && !skip(i) {
				r.idx = append(r.idx, i)
			}
		}
	}
	r.idx = trimBodyBlocks(w, r.idx) // split leads, comments and threads at the edges (body_trim.go)
	if r.opts.Trace != nil {
		traceBlocks(r.opts.Trace, w, r.best, r.idx, r.headIdx)
	}
}

// firstBody is the index of the body's first block (len(blocks) if none).
func (r *pageRun) firstBody() int {
	if len(r.idx) > 0 {
		return r.idx[0]
	}
	return len(r.w.blocks)
}

// traceBlocks writes the block table that Options.Trace asks for.
func traceBlocks(out io.Writer, w *blockWalker, best int32, idx []int, head int) {
	in := make(map[int]bool, len(idx))
	for _, i := range idx {
		in[i] = true
	}
	var lo, hi int32 = -1, -1
	if best >= 0 {
		lo, hi = w.spans[best].start, w.spans[best].end
		fmt.Fprintf(out, "chosen element: <%s class=%q id=%q> blocks %d..%d\n", w.spans[best].node.Data, attr(w.spans[best].node, "class"), attr(w.spans[best].node, "id"), lo, hi)
	}
	names := [...]string{"short", "GOOD", "bad"}
	for i := range w.blocks {
		b := &w.blocks[i]
		mark := " "
		switch {
		case in[i]:
			mark = "+"
		case i == head:
			mark = "H"
		case int32(i) >= lo && int32(i) < hi:
			mark = "."
		}
		t := b.text
		if r := []rune(t); len(r) > 70 {
			t = string(r[:70]) + "…"
		}
		fmt.Fprintf(out, "%s %4d %-5s %-8s eff=%-5d ld=%.2f p=%-3d <%s> %s\n", mark, i, names[b.class], b.why, b.eff(), b.linkDensity(), b.punct, b.node.Data, t)
	}
}
