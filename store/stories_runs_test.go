package store

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// lowerBound agrees with a binary search on runs spread evenly (as hashes
// are) and on runs that are not (all entries in one corner, repeats), for
// values inside, between, before and after the entries.
func TestLowerBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	spreads := map[string]func() uint64{
		"even":    rng.Uint64,
		"corner":  func() uint64 { return rng.Uint64N(1 << 20) },
		"top":     func() uint64 { return ^rng.Uint64N(1 << 12) },
		"repeats": func() uint64 { return rng.Uint64N(4) << 60 },
	}
	for name, draw := range spreads {
		for _, n := range []int{0, 1, 2, 3, 10, 100, 5000} {
			entries := make([]uint64, n)
			for i := range entries {
				entries[i] = draw()
			}
			slices.Sort(entries)
			run := make([]byte, 0, 8*n)
			for _, e := range entries {
				run = binary.BigEndian.AppendUint64(run, e)
			}
			probes := []uint64{0, 1, ^uint64(0)}
			for range 200 {
				probes = append(probes, draw())
				if n > 0 {
					e := entries[rng.IntN(n)]
					probes = append(probes, e, e-1, e+1)
				}
			}
			for _, x := range probes {
				want := sort.Search(n, func(i int) bool { return entries[i] >= x })
				if got := lowerBound(run, n, x); got != want {
					t.Fatalf("%s, %d entries: lowerBound(%x) = %d, want %d", name, n, x, got, want)
				}
			}
		}
	}
}

// The key table gives a key's stories in the order they were put, the
// first storiesPerKey of them, however often it grew and wherever a key's
// slots wrapped past its end.
func TestKeyTableOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := range 300 {
		var tb keyTable
		put := map[uint64][]int{}
		keys := make([]uint64, 1+rng.IntN(12))
		for i := range keys {
			keys[i] = rng.Uint64()
		}
		for i := range 20 + rng.IntN(600) {
			k := keys[rng.IntN(len(keys))]
			tb.put(k, i)
			put[k] = append(put[k], i)
		}
		for k, want := range put {
			var got []int
			tb.under(k, func(i int) { got = append(got, i) })
			if want = want[:min(len(want), storiesPerKey)]; !slices.Equal(got, want) {
				t.Fatalf("trial %d: key %x gives %v, want %v", trial, k, got, want)
			}
		}
	}
}

// Until the state has a run, a look-up makes no read transaction (a crawl
// of one story's copies never writes a run); once it has, it reads them.
func TestLookUpReadsOnlyRuns(t *testing.T) {
	ctx := t.Context()
	st := openState(t, t.TempDir())
	defer st.Close()
	st.runAt = 4
	reads := func() int { return st.db.Stats().TxN }
	for i := range 3 {
		before := reads()
		if _, err := st.FileStory(ctx, Story{URL: fmt.Sprint(i), Sig: []byte{1}}, []uint64{uint64(i)}, fileNone); err != nil {
			t.Fatal(err)
		}
		if n := reads() - before; n != 0 {
			t.Fatalf("filing story %d with no runs made %d read transactions", i, n)
		}
	}
	for i := 3; i < 6; i++ {
		if _, err := st.FileStory(ctx, Story{URL: fmt.Sprint(i), Sig: []byte{1}}, []uint64{uint64(i)}, fileNone); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.MarkEmitted(ctx, Mark{}, nil); err != nil { // logs all six: a run
		t.Fatal(err)
	}
	before := reads()
	if got, err := st.Stories(ctx, []uint64{1}); err != nil || len(got) != 1 || got[0].URL != "1" {
		t.Fatalf("Stories(1) = %+v, %v after the run", got, err)
	}
	if reads() == before {
		t.Error("a look-up after the run did not read the runs")
	}
}

// Once the runs cover more than keepStories, the oldest runs go whole with
// their log entries: the newest keepStories stories are still found, the
// retired ones are not, the log holds no entry without a run, and the
// state opens again as it was.
func TestStoryRunsRetired(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	st := openState(t, dir)
	st.runAt, st.keepStories = 16, 100
	const n = 16 * 40
	keys := threeKeys
	fileNumbered(t, st, n)
	check := func(st *Bolt) {
		t.Helper()
		var first, covered uint64
		var logFirst uint64
		var logged int
		st.view("test", func(tx *bolt.Tx) error {
			k, _ := tx.Bucket(bucketStoryRuns).Cursor().First()
			first, _, _ = runRange(k)
			covered, _ = coveredTo(tx)
			lk, _ := tx.Bucket(bucketStoryLog).Cursor().First()
			logFirst = binary.BigEndian.Uint64(lk)
			logged = tx.Bucket(bucketStoryLog).Stats().KeyN
			return nil
		})
		indexed := covered - first + 1
		if indexed < uint64(st.keepStories) || indexed > 2*uint64(st.keepStories)+uint64(st.runAt) {
			t.Errorf("runs cover stories %d-%d (%d), want between %d and about twice that", first, covered, indexed, st.keepStories)
		}
		if logFirst != first || logged != n-int(first)+1 {
			t.Errorf("log holds %d stories from %d, want the %d from the oldest run's first, %d", logged, logFirst, n-int(first)+1, first)
		}
		for i := range n {
			got, err := st.Stories(ctx, keys(i)[1:2])
			if err != nil {
				t.Fatal(err)
			}
			if seq := uint64(i + 1); seq >= first && (len(got) != 1 || got[0].URL != fmt.Sprintf("http://c/%d", i)) {
				t.Fatalf("story %d, kept: Stories = %+v", i, got)
			} else if seq < first && len(got) != 0 {
				t.Fatalf("story %d, retired: Stories = %+v, want none", i, got)
			}
		}
	}
	check(st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = openState(t, dir)
	defer st.Close()
	st.runAt, st.keepStories = 16, 100
	check(st)
}
