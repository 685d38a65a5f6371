package extract

import "testing"

func TestIsAffiliation(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"某某大学", true},
		{"中国社会科学院研究员", true},
		{"北京大学法学院教授", true},
		{"研究员", true},
		{"Harvard University", true},
		{"Professor of Law", true},
		// Names, of every shape a credit prints.
		{"张三", false},
		{"欧阳修远", false},
		{"司马南", false},
		{"买买提·艾力", false},
		{"王学院", false}, // three runes: a name, whatever it holds
		{"John Smith", false},
		{"教授级", false},
		{"Professor Mary Beard", false}, // a post as a title: a name
		{"Professor Emeritus", true},
	}
	for _, tt := range tests {
		if got := isAffiliation(tt.in); got != tt.want {
			t.Errorf("isAffiliation(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestAuthorAffiliation checks that a writer's post printed in the credit
// after the name leaves the names alone.
func TestAuthorAffiliation(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"作者：张三（北京大学法学院教授）", []string{"张三"}},
		{"作者：李四 中国社会科学院研究员", []string{"李四"}},
		{"文/王五 某某大学", []string{"王五"}},
		{"作者：张三，北京大学法学院教授", []string{"张三"}},
		{"作者：司马南 中国社会科学院大学教授", []string{"司马南"}},
		{"作者：欧阳修远（清华大学公共管理学院副教授）", []string{"欧阳修远"}},
		{"作者：买买提·艾力 新疆大学教授", []string{"买买提·艾力"}},
		{"作者：李四 中国社会科学院 研究员", []string{"李四"}},
		{"作者：张三（北京大学教授） 李四（中国人民大学教授）", []string{"张三", "李四"}},
		{"作者：张三（北京大学教授）、李四（中国人民大学教授）", []string{"张三", "李四"}},
		{"By John Smith, Harvard University", []string{"John Smith"}},
		{"作者：John Smith, Harvard University", []string{"John Smith"}},
		// Unchanged: names only, and a body credited alone.
		{"作者：张三 李四", []string{"张三", "李四"}},
		{"作者：某某研究院课题组", []string{"某某研究院课题组"}},
		{"作者：张三（实习生）", []string{"张三"}},
		// A part after a conjunction is a co-author, whatever it holds; a
		// post used as a title leads a name.
		{"By Jane Doe and Tom College", []string{"Jane Doe", "Tom College"}},
		{"By Jane Doe and Professor John Smith", []string{"Jane Doe", "Professor John Smith"}},
		{"By Jane Doe, John Smith and Professor Mary Beard", []string{"Jane Doe", "John Smith", "Professor Mary Beard"}},
		{"By Jane Doe, Professor Mary Beard", []string{"Jane Doe", "Professor Mary Beard"}},
		{"By Jane Doe, Professor", []string{"Jane Doe"}},
		{"By Jane Doe and John Smith, Harvard University", []string{"Jane Doe", "John Smith"}},
	}
	for _, tt := range tests {
		if got := labelFields(tt.in).Authors; !sameNames(got, tt.want) {
			t.Errorf("labelFields(%q).Authors = %q, want %q", tt.in, got, tt.want)
		}
	}
}
