package extract

import (
	"testing"
	"unicode/utf8"
)

// runesOver answers as utf8.RuneCountInString(s) > n does, for ASCII,
// multi-byte and invalid UTF-8, at every limit around the length.
func TestRunesOver(t *testing.T) {
	for _, s := range []string{"", "a", "abc", "日本語", "a日b本c", "\xff\xfe", "é\xffx", "𝄞𝄞", "plain ascii text of some length"} {
		for n := 0; n <= len(s)+2; n++ {
			if got, want := runesOver(s, n), utf8.RuneCountInString(s) > n; got != want {
				t.Errorf("runesOver(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}
