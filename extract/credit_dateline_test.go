package extract

import (
	"reflect"
	"testing"
)

func TestUndatedWireDateline(t *testing.T) {
	tests := []struct {
		in      string
		agency  string
		authors []string
		ok      bool
	}{
		{"据新华社拉萨电（记者 格桑边觉）记者近日从西藏自治区了解到", "新华社", []string{"格桑边觉"}, true},
		{"新华社北京电（记者 张三、李四）国务院今天宣布", "新华社", []string{"张三", "李四"}, true},
		{"据中新社电 某地今天举行活动", "中新社", nil, true},
		{"据他说电话已经打通了", "", nil, false},           // prose
		{"据新华社报道，某地今天举行活动", "", nil, false},      // a report, no dateline
		{"本报北京电（记者 王五）今天", "", nil, false},       // no date, no wire
		{"新华社记者在乌鲁木齐和喀什等地采访发现电", "", nil, false}, // a sentence ending in 电
	}
	for _, tt := range tests {
		agency, authors, ok := parseDateline(tt.in)
		if agency != tt.agency || ok != tt.ok || !reflect.DeepEqual(authors, tt.authors) {
			t.Errorf("parseDateline(%q) = %q %q %v; want %q %q %v", tt.in, agency, authors, ok, tt.agency, tt.authors, tt.ok)
		}
	}
}
