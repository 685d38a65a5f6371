package extract

import "strings"

// outletRoleLabels are author labels an outlet may be glued to: "新京报记者",
// "本报实习生", "本报通讯员", "某网专栏作者" (any *作者 longer than 作者).
var outletRoleLabels = [...]string{"记者", "記者", "实习生", "實習生", "通讯员", "通訊員"}

// outletRoleLabel reports an author label that may follow an outlet's name
// with no gap.
func outletRoleLabel(text string) bool {
	for _, l := range outletRoleLabels {
		if strings.HasSuffix(text, l) {
			return true
		}
	}
	return len(text) > len("作者") && strings.HasSuffix(text, "作者")
}
