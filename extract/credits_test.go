package extract

import "testing"

func TestCleanAuthor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"von Peter Addor", "Peter Addor"},
		{"Par Barbara Stiegler", "Barbara Stiegler"},
		{"Eingestellt von der Michel", "der Michel"},
		{"Christoph Hein Chefredakteur", "Christoph Hein"},
		{"Tatyana Turner.", "Tatyana Turner"},
		{"Raphael Felice'", "Raphael Felice"},
		{"李榮", "李榮"},
		{"Byron Lee", "Byron Lee"},
		{"Vonda Shepard", "Vonda Shepard"},
	}
	for _, tt := range tests {
		if got := cleanAuthor(tt.in); got != tt.want {
			t.Errorf("cleanAuthor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTailEditor(t *testing.T) {
	rest, ed := tailEditor("今年全区工业性投入确保达百亿元。（责任编辑：张三）")
	if rest != "今年全区工业性投入确保达百亿元。" || ed != "张三" {
		t.Errorf("tailEditor = %q, %q", rest, ed)
	}
	rest, ed = tailEditor("他是一名编辑，也是作家。")
	if ed != "" || rest != "他是一名编辑，也是作家。" {
		t.Errorf("prose mentioning 编辑 changed: %q, %q", rest, ed)
	}
}
