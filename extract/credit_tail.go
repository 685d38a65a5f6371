package extract

import "strings"

// tailAuthors returns the writers a credit line printed just after the
// body names, or nil. Old CMS templates lay the article out as a table and
// print the writer in a row of its own below the text ("<td>作者：刘建国</td>",
// over "打印本页 关闭窗口"), outside the element holding the body, and blogs
// close a post with its poster ("作者:zboygirl 阅读(1660) 评论(5) 发表于:…"),
// who is credited beside the reporters of the story the post reprints. The
// line must open with a Chinese credit label, among the short lines that
// follow the text: prose there ("本文作者认为…") is longer or does not start
// with a label, and an English "By …" below an article is more often a
// related story's byline than the writer's. The scan stops at a section
// another heading opens below the text (related reading, comments) and at a
// teaser list: credits there are other articles' or commenters'.
func (r *pageRun) tailAuthors() []string {
	if len(r.idx) == 0 {
		return nil
	}
	w := r.w
	last := r.idx[len(r.idx)-1]
	for i := last + 1; i < len(w.blocks) && i <= last+3; i++ {
		if w.blocks[i].runes > 80 {
			return nil
		}
		if why := w.blocks[i].why; why == "section" || why == "teaser" {
			// Under a "相关阅读", "网友评论" or "推荐阅读" heading, or in a
			// teaser list, a credit is another article's or a commenter's.
			return nil
		}
		if names := tailCreditNames(w.blocks[i].text); len(names) > 0 {
			return names
		}
	}
	return nil
}

// tailCreditNames reads the authors of a line that opens with a Chinese
// credit label ("作者：刘建国", "【作者：某某 来源：某某报】").
func tailCreditNames(line string) []string {
	var out labels
	first := scanLabels(line, modeLine, &out)
	if first < 0 || strings.TrimFunc(line[:first], func(r rune) bool { return isValueEdge(r) || isOpenBracket(r) }) != "" ||
		!isHanRune(firstRune(line[first:])) {
		return nil
	}
	return out.Authors
}
