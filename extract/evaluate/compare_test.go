package evaluate

import (
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	res := func(half Half, f1 float64, titleOK int) Result {
		return Result{Dataset: "d", Half: half, Body: BodyScore{N: 10, F1: f1}, Title: Count{OK: titleOK, N: 10}}
	}
	base := []Result{res(HalfAll, 0.90, 8), res(HalfA, 0.92, 4), res(HalfB, 0.88, 4)}
	now := []Result{res(HalfAll, 0.91, 8), res(HalfA, 0.95, 4), res(HalfB, 0.87, 4),
		{Dataset: "new", Body: BodyScore{N: 1, F1: 1}}} // not in base: skipped
	changes := Compare(base, now)
	if len(changes) != 3 {
		t.Fatalf("got %d changes, want 3: %+v", len(changes), changes)
	}
	var drops []Change
	for _, c := range changes {
		if c.Dropped() {
			drops = append(drops, c)
		}
	}
	if len(drops) != 1 || drops[0].Half != HalfB || drops[0].Field != "body F1" || drops[0].Before != 0.88 || drops[0].After != 0.87 {
		t.Errorf("drops = %+v, want body F1 of half B 0.88 → 0.87", drops)
	}
	var b strings.Builder
	if err := WriteChanges(&b, changes); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "- **DOWN** d [B] body F1: 0.8800 → 0.8700\n") || !strings.Contains(out, "1 scores dropped") {
		t.Errorf("WriteChanges:\n%s", out)
	}
	if got := Compare(base, base); len(got) != 0 {
		t.Errorf("Compare(base, base) = %+v, want none", got)
	}
}
