package countfmt

import "testing"

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		m    map[string]int64
		want string
	}{
		{nil, "none"},
		{map[string]int64{"robots": 3, "depth": 1}, "depth=1 robots=3"},
	} {
		if got := Format(tc.m); got != tc.want {
			t.Errorf("Format(%v) = %q, want %q", tc.m, got, tc.want)
		}
	}
	if got := Format(map[string]int{"b": 2, "a": 1}); got != "a=1 b=2" {
		t.Errorf("Format(int) = %q", got)
	}
}
