package evaluate

import (
	"math"
	"reflect"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestWordTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, world! it's 2020_x", []string{"Hello", "world", "it", "s", "2020_x"}},
		{"  ", nil},
		{"Größe — ½ café", []string{"Größe", "½", "café"}},
		{"中文，测试", []string{"中文", "测试"}},
	}
	for _, tt := range tests {
		if got := wordTokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wordTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShingleMatch(t *testing.T) {
	tests := []struct {
		name         string
		truth, pred  string
		tp, fp, fn   float64
		wantP, wantR float64
	}{
		// 5 tokens -> 2 shingles each; identical -> all TP.
		{"same", "a b c d e", "a b c d e", 1, 0, 0, 1, 1},
		// pred has one extra token: shingles abcd,bcde,cdef vs abcd,bcde -> tp 2 fp 1.
		{"extra", "a b c d e", "a b c d e f", 2.0 / 3, 1.0 / 3, 0, 2.0 / 3, 1},
		{"empty pred", "a b c d e", "", 0, 0, 1, 0, 0},
		// short texts give one short shingle each.
		{"short", "a b", "a b", 1, 0, 0, 1, 1},
		{"both empty", "", "", 0, 0, 0, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tp, fp, fn := ShingleMatch(tt.truth, tt.pred)
			if !near(tp, tt.tp) || !near(fp, tt.fp) || !near(fn, tt.fn) {
				t.Fatalf("ShingleMatch = %v %v %v, want %v %v %v", tp, fp, fn, tt.tp, tt.fp, tt.fn)
			}
			if p := shinglePrecision(tp, fp, fn); !near(p, tt.wantP) {
				t.Errorf("precision = %v, want %v", p, tt.wantP)
			}
			if r := shingleRecall(tp, fp, fn); !near(r, tt.wantR) {
				t.Errorf("recall = %v, want %v", r, tt.wantR)
			}
		})
	}
}

func TestBagScore(t *testing.T) {
	tests := []struct {
		name      string
		got, want string
		p, r, f1  float64
	}{
		{"tokens same", "The cat sat.", "the  cat sat", 1, 1, 1},
		{"tokens half", "the cat", "the cat sat on", 1, 0.5, 2.0 / 3},
		// CJK: whitespace ignored, bigrams 中文 文测 测试.
		{"bigrams ignore space", "中文 测试", "中文测试", 1, 1, 1},
		// got bigrams 中文,文字 ; want 中文,文测,测试 -> tp 1.
		{"bigrams partial", "中文字", "中文测试", 0.5, 1.0 / 3, 0.4},
		// NFKC folds full-width forms.
		{"nfkc", "ＡＢＣ def", "abc def", 1, 1, 1},
		{"empty got", "", "abc", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f := BagScore(tt.got, tt.want)
			if !near(p, tt.p) || !near(r, tt.r) || !near(f, tt.f1) {
				t.Errorf("BagScore = %v %v %v, want %v %v %v", p, r, f, tt.p, tt.r, tt.f1)
			}
		})
	}
}

func TestSegmentCounts(t *testing.T) {
	text := "Intro line.\nThe  main\tstory goes on.\nFooter"
	tp, fp, fn, tn := SegmentCounts(text,
		[]string{"The main story", "missing bit"},
		[]string{"Footer", "Cookies"})
	if tp != 1 || fn != 1 || fp != 1 || tn != 1 {
		t.Errorf("SegmentCounts = tp %d fp %d fn %d tn %d, want 1 1 1 1", tp, fp, fn, tn)
	}
}
