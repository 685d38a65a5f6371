package extract

import "testing"

func TestStripGluedRole(t *testing.T) {
	tests := []struct{ in, want string }{
		{"记者王敬照", "王敬照"},
		{"本报记者欧阳修远", "欧阳修远"},
		{"实习生刘国栋", "刘国栋"},
		{"王敬照", "王敬照"},
		{"记者站", "记者站"},           // no name after the role
		{"记者节特别报道组", "记者节特别报道组"}, // more than a name
	}
	for _, tt := range tests {
		if got := stripGluedRole(tt.in); got != tt.want {
			t.Errorf("stripGluedRole(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
