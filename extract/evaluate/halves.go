package evaluate

import (
	"context"
	"hash/fnv"
	"time"
)

// Half names one of the two fixed halves every dataset is split into, so
// that a change tuned on some pages can be checked on pages it was not
// tuned on. The zero value stands for the whole dataset.
type Half string

// The halves of a dataset.
const (
	HalfAll Half = ""  // the whole dataset
	HalfA   Half = "A" // pages whose name hashes to A
	HalfB   Half = "B" // the other pages
)

// String returns "A", "B", or "all" for the whole dataset.
func (h Half) String() string {
	if h == HalfAll {
		return "all"
	}
	return string(h)
}

// HalfOf returns the half a page belongs to: A when the 32-bit FNV-1a hash
// of its name, passed through MurmurHash3's 32-bit finaliser, is even,
// else B. The split depends on the name alone, so a page stays in its half
// whatever else the dataset holds or however it is sampled. The finaliser
// matters: FNV-1a's own low bit is only the parity of the bytes' low bits,
// and its top bit barely moves between names like "0001" and "0002".
func HalfOf(name string) Half {
	h := fnv.New32a()
	h.Write([]byte(name)) // a hash.Hash never returns an error
	if mix32(h.Sum32())%2 == 0 {
		return HalfA
	}
	return HalfB
}

// mix32 is MurmurHash3's fmix32: every input bit affects every output bit.
func mix32(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// halfIndices returns the indices of ds's pages that belong to h, in page
// order; all of them for HalfAll.
func halfIndices(ds *Dataset, h Half) []int {
	idx := make([]int, 0, len(ds.Pages))
	for i := range ds.Pages {
		if h == HalfAll || HalfOf(ds.Pages[i].Name) == h {
			idx = append(idx, i)
		}
	}
	return idx
}

// InHalf returns a dataset holding the pages of ds that belong to h (ds
// itself for HalfAll). The pages are shared with ds, not copied.
func (ds *Dataset) InHalf(h Half) *Dataset {
	if h == HalfAll {
		return ds
	}
	sub := *ds
	sub.Pages = nil
	for _, i := range halfIndices(ds, h) {
		sub.Pages = append(sub.Pages, ds.Pages[i])
	}
	return &sub
}

// ScoreHalves scores a tool's outputs on the whole of ds and on each of
// its halves, as Score does, and returns the three results in the order
// whole, A, B, each with its Half set.
func ScoreHalves(ds *Dataset, tool string, outs []Output, errs []error) []Result {
	res := make([]Result, 0, 3)
	for _, h := range []Half{HalfAll, HalfA, HalfB} {
		idx := halfIndices(ds, h)
		sub := *ds
		sub.Pages = make([]Page, len(idx))
		o := make([]Output, len(idx))
		var e []error
		if errs != nil {
			e = make([]error, len(idx))
		}
		for j, i := range idx {
			sub.Pages[j], o[j] = ds.Pages[i], outs[i]
			if errs != nil {
				e[j] = errs[i]
			}
		}
		r := Score(&sub, tool, o, e)
		r.Half = h
		res = append(res, r)
	}
	return res
}

// EvaluateHalves is Evaluate with every dataset also scored on its two
// halves: it returns three Results per dataset (whole, A, B; see
// ScoreHalves), the pages being extracted once.
func EvaluateHalves(ctx context.Context, datasets []*Dataset, tool string, fn Extractor, workers int) ([]Result, time.Duration, error) {
	return evaluate(ctx, datasets, fn, workers, func(ds *Dataset, outs []Output, errs []error) []Result {
		return ScoreHalves(ds, tool, outs, errs)
	})
}
