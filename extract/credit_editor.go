package extract

import "strings"

// responsibleLabels name the editor who answers for the page. A page that
// reposts a story often prints the original outlet's desk editor too
// ("编辑 刘晓阳 校对 李铭" under the text, "编辑|甲 责编|乙" in a credit
// block); the 责任编辑 is the page's editor.
var responsibleLabels = [...]string{"责任编辑", "責任編輯", "责编", "責編"}

// isResponsibleEditor reports an editor line whose label is 责任编辑 or 责编
// rather than a plain 编辑. The label need not open the line: portals print
// it after the outlet in one credit row ("本文来源：新京报 责任编辑：姚立伟").
// Only lines parseEditor accepted are asked, so a mention in prose is not
// at stake.
func isResponsibleEditor(line string) bool {
	for _, l := range responsibleLabels {
		if strings.Contains(line, l) {
			return true
		}
	}
	return false
}
