package dedup

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"time"
)

func TestIndexNearest(t *testing.T) {
	var ix Index
	if _, _, ok := ix.Nearest(&Signature{}, 0.4); ok {
		t.Fatal("empty index found a match")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	randSig := func() (s Signature) {
		for i := range s {
			s[i] = uint16(rng.Uint32())
		}
		return s
	}
	a, b := randSig(), randSig()
	ix.Add(&a) // id 0
	ix.Add(&b) // id 1
	// near: a with 10 of 32 values changed (similarity 22/32), in bands 0-4.
	near := a
	for i := 0; i < 10; i++ {
		near[i]++
	}
	for _, tc := range []struct {
		name    string
		q       Signature
		min     float64
		wantID  int
		wantSim float64
		wantOK  bool
	}{
		{"exact", a, 0.4, 0, 1, true},
		{"near", near, 0.4, 0, 22.0 / 32, true},
		{"near below threshold", near, 0.7, 0, 0, false},
		{"unrelated", randSig(), 0.1, 0, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, sim, ok := ix.Nearest(&tc.q, tc.min)
			if ok != tc.wantOK || ok && (id != tc.wantID || sim != tc.wantSim) {
				t.Errorf("Nearest = %d, %.3f, %v; want %d, %.3f, %v", id, sim, ok, tc.wantID, tc.wantSim, tc.wantOK)
			}
		})
	}
	// A tie goes to the earliest added.
	ix.Add(&a) // id 2, same as id 0
	if id, _, _ := ix.Nearest(&a, 0.4); id != 0 {
		t.Errorf("tie: Nearest = %d, want the earliest, 0", id)
	}
}

// TestIndexGrowth adds enough signatures to grow the table several times
// and checks every one is still found.
func TestIndexGrowth(t *testing.T) {
	var ix Index
	rng := rand.New(rand.NewPCG(3, 4))
	sigs := make([]Signature, 5000)
	for i := range sigs {
		for j := range sigs[i] {
			sigs[i][j] = uint16(rng.Uint32())
		}
		if id := ix.Add(&sigs[i]); id != i {
			t.Fatalf("Add returned id %d, want %d", id, i)
		}
	}
	for i := range sigs {
		if id, sim, ok := ix.Nearest(&sigs[i], 0.9); !ok || id != i || sim != 1 {
			t.Fatalf("signature %d: Nearest = %d, %.2f, %v", i, id, sim, ok)
		}
	}
	if ix.Len() != len(sigs) {
		t.Errorf("Len = %d, want %d", ix.Len(), len(sigs))
	}
}

// TestIndexMillion looks up and then adds 1,000,000 random signatures (as
// a Grouper does with a million distinct stories) and requires it to take
// under 10 s on one core; it logs the time and the heap held.
func TestIndexMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("1M-signature index test skipped in -short mode")
	}
	const n = 1_000_000
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	rng := rand.New(rand.NewPCG(5, 6))
	var ix Index
	var sig Signature
	found := 0
	start := time.Now()
	for i := 0; i < n; i++ {
		for j := range sig {
			sig[j] = uint16(rng.Uint32())
		}
		if _, _, ok := ix.Nearest(&sig, DefaultThreshold); ok {
			found++
		}
		ix.Add(&sig)
	}
	// Then look every 10th one up again: all must be found.
	rng = rand.New(rand.NewPCG(5, 6))
	again := 0
	for i := 0; i < n; i++ {
		for j := range sig {
			sig[j] = uint16(rng.Uint32())
		}
		if i%10 == 0 {
			if id, _, ok := ix.Nearest(&sig, DefaultThreshold); ok && id == i {
				again++
			}
		}
	}
	took := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d lookups+adds, then %d lookups, in %s on one core; %d false matches among random signatures; HeapAlloc %.0f MiB (%.0f bytes per signature)",
		n, n/10, took.Round(time.Millisecond), found, float64(ms.HeapAlloc)/(1<<20), float64(ms.HeapAlloc)/n)
	runtime.KeepAlive(&ix)
	if found != 0 {
		t.Errorf("%d random signatures matched an earlier one", found)
	}
	if again != n/10 {
		t.Errorf("%d of %d added signatures found again", again, n/10)
	}
	if took > 10*time.Second {
		t.Errorf("took %s, want under 10s", took)
	}
}

func BenchmarkIndexLookupAdd(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	var ix Index
	var sig Signature
	for i := 0; i < b.N; i++ {
		for j := range sig {
			sig[j] = uint16(rng.Uint32())
		}
		ix.Nearest(&sig, DefaultThreshold)
		ix.Add(&sig)
	}
}
