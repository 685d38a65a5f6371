package extract

import (
	"testing"
	"time"
)

// TestGluedClock checks dates whose time of day was printed in the next
// element with no space between them.
func TestGluedClock(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC; "" means no date
	}{
		{"macbacchi28.09.1912:44", "2019-09-28T12:44:00Z"},
		{"28.09.201912:44", "2019-09-28T12:44:00Z"},
		{"August 06, 20194:14 pm", "2019-08-06T16:14:00Z"},
		{"3 de mayo de 202221:25", "2022-05-03T21:25:00Z"},
		{"6. August 20194:14", "2019-08-06T04:14:00Z"},
		// A real year stays the year: ":44" alone is no time.
		{"28.09.2012:44", "2012-09-28T00:00:00Z"},
		// Not a clock: three digits before the colon, or none after it.
		{"12.05.2019123:45", ""},
		{"28.09.201912", ""},
		// Short years still need a clock to follow a letter.
		{"ab28.09.19", ""},
	}
	for _, tt := range tests {
		got := ""
		if tm, _, _, _, ok := findDate(tt.in, time.UTC); ok {
			got = tm.Format(time.RFC3339)
		}
		if got != tt.want {
			t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
