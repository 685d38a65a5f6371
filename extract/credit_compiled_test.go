package extract

import "testing"

func TestCompiledBy(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{"经过文刃重新编排", "文刃"},
		{"本文由李四整理", "李四"},
		{"张三 整理", "张三"},
		{"（王五 编译）", "王五"},
		{"由陈晓明编译", "陈晓明"},
		{"经小编整理", ""},        // a role, not a name
		{"由编辑部整理", ""},       // a desk
		{"资料整理", ""},         // a section head: no name, no 经/由
		{"数据整理", ""},         // same
		{"张三 编辑", ""},        // an editor credit: left to the editor field
		{"经过专家重新编排", ""},     // a role
		{"会议纪要由秘书处负责整理", ""}, // prose: the "name" is too long
		{"本文由新华网整理", ""},     // an outlet
		{"本文由新华社整理", ""},     // an agency
		{"本文由网络整理", ""},      // no one
		{"本文由本站编辑整理", ""},    // a desk
		{"本文由律师整理", ""},      // a role
		{"经翻译整理", ""},        // a process
		{"由本台编译", ""},        // the station
		{"他把材料重新整理", ""},     // prose: no surname, no 经/由
		{"信息来源于网络", ""},      // no compiling verb
		{"经过张三重新编排。", ""},    // sentence punctuation
		{"（左一为张三）", ""},      // a caption
		{"（张三 摄）", ""},       // a photo credit
	}
	for _, tt := range tests {
		got, ok := compiledBy(tt.line)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("compiledBy(%q) = %q, %v, want %q", tt.line, got, ok, tt.want)
		}
	}
}
