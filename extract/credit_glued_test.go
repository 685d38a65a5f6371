package extract

import (
	"reflect"
	"testing"
)

func TestSplitGluedPair(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"罗科苏盈", []string{"罗科", "苏盈"}},
		{"王芳李明", []string{"王芳", "李明"}},
		{"欧阳晓娟", nil}, // compound surname: one name
		{"罗科", nil},
		{"王小明李", nil},   // third character no surname
		{"茉莉花开", nil},   // no surname first
		{"王芳ab", nil},   // not all Han
		{"张三李四王五", nil}, // six characters: ambiguous
	}
	for _, tt := range tests {
		if got := splitGluedPair(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitGluedPair(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestGluedReporterNames(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"本报记者罗科苏盈发自北京", []string{"罗科", "苏盈"}},
		{"记者 王芳李明 通讯员 张伟", []string{"王芳", "李明", "张伟"}},
		{"作者：王芳李明", []string{"王芳李明"}}, // a writer's label may carry a pen name
		{"本报记者 欧阳晓娟", []string{"欧阳晓娟"}},
	}
	for _, tt := range tests {
		if got := labelFields(tt.line).Authors; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("labelFields(%q).Authors = %q; want %q", tt.line, got, tt.want)
		}
	}
}
