package dedup

import "sync"

//go:generate go run ./internal/gent2s -o t2s_table.go

// The tokenizer folds Traditional characters to Simplified ones, so that a
// reprint in the other script gives the same tokens. The table
// (t2s_table.go) is OpenCC's character dictionary, TSCharacters, generated
// by internal/gent2s from github.com/longbridgeapp/opencc; a character
// with several Simplified forms takes the first (OpenCC's default).
// Folding character by character is less exact than OpenCC's phrase
// conversion (乾隆 and 乾淨 both fold 乾 to 干), but it is applied alike to
// both bodies of a pair, so what matters is that both scripts land on one
// token, and it costs one array read per character instead of a
// dictionary search.

// Code points of the dense part of the table: CJK Extension A and the CJK
// Unified Ideographs, where most entries are (the rest are beyond the BMP,
// in Extensions B and later, and are looked up in a map).
const (
	foldLo = 0x3400
	foldHi = 0x9FFF
)

// foldTable maps a Traditional character to its Simplified form.
type foldTable struct {
	dense [foldHi - foldLo + 1]rune // by r-foldLo; 0: r is kept
	other map[rune]rune             // the entries outside foldLo..foldHi
}

// fold returns the Simplified form of r, or r itself.
func (t *foldTable) fold(r rune) rune {
	if r >= foldLo && r <= foldHi {
		if s := t.dense[r-foldLo]; s != 0 {
			return s
		}
		return r
	}
	if r > foldHi { // kana and Hangul Jamo are below foldLo: never looked up
		if s, ok := t.other[r]; ok {
			return s
		}
	}
	return r
}

// t2s returns the table, built once on first use from t2sPairs (about
// 0.1 ms; 108 KiB, read-only from then on).
var t2s = sync.OnceValue(func() *foldTable { return newFoldTable(t2sPairs) })

// newFoldTable builds the table from pairs: each Traditional character
// followed by its Simplified form.
func newFoldTable(pairs string) *foldTable {
	t := &foldTable{other: map[rune]rune{}}
	var trad rune = -1
	for _, r := range pairs {
		switch {
		case trad < 0:
			trad = r
			continue
		case trad >= foldLo && trad <= foldHi:
			t.dense[trad-foldLo] = r
		default:
			t.other[trad] = r
		}
		trad = -1
	}
	return t
}
