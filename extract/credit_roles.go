package extract

import (
	"strings"
	"unicode/utf8"
)

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

// gluedRoles are the reporter roles a page may print glued to the name
// inside another label's value ("作者： 记者王敬照"), longest first.
var gluedRoles = [...]string{"本报记者", "本報記者", "特约记者", "特約記者", "记者", "記者", "实习生", "實習生", "通讯员", "通訊員"}

// stripGluedRole returns the name in a credit part that opens with a
// reporter's role and no gap ("记者王敬照" → "王敬照"): the role is the
// label's word, not part of the name. A part whose rest is not a Han name
// of two to four characters is returned as it is.
func stripGluedRole(s string) string {
	for _, role := range gluedRoles {
		if rest, ok := strings.CutPrefix(s, role); ok {
			if n := utf8.RuneCountInString(rest); n >= 2 && n <= 4 && !strings.ContainsFunc(rest, func(r rune) bool { return !isHanRune(r) }) {
				return rest
			}
			return s
		}
	}
	return s
}
