package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Opinion and commentary pages print a writer's post after the name in the
// credit itself: "作者：李四 中国社会科学院研究员", "文/王五 某某大学",
// "作者：张三，北京大学法学院教授", "By Jane Doe, Harvard University". The
// names are the authors; the affiliation is not another one.

// hanInstitutions are words that make a Han credit part an institution
// (a university, an academy, a research body, a company, an office).
var hanInstitutions = [...]string{
	"大学", "大學", "学院", "學院", "研究院", "研究所", "研究中心", "研究室", "科学院", "科學院", "社科院",
	"党校", "黨校", "中学", "中學", "小学", "小學", "医院", "醫院", "公司", "集团", "集團", "委员会",
	"委員會", "研究会", "研究會", "学会", "學會", "协会", "協會", "基金会", "基金會", "实验室", "實驗室",
	"办公室", "辦公室", "出版社", "杂志社", "雜誌社", "报社", "報社", "政府", "法院", "检察院", "檢察院",
	"银行", "銀行", "智库", "智庫",
}

// hanPosts are academic and professional posts printed after a name:
// alone after a blank ("李四 研究员") they are not a name.
var hanPosts = map[string]bool{
	"教授": true, "副教授": true, "研究员": true, "研究員": true, "副研究员": true, "副研究員": true,
	"助理研究员": true, "特约研究员": true, "特約研究員": true, "讲师": true, "講師": true, "博士": true,
	"博士生": true, "博士后": true, "博士後": true, "硕士": true, "碩士": true, "研究生": true, "院长": true,
	"院長": true, "所长": true, "所長": true, "主任": true, "院士": true, "学者": true, "學者": true,
	"专家": true, "專家": true, "校长": true, "校長": true, "律师": true, "律師": true, "经济学家": true,
	"經濟學家": true, "分析师": true, "分析師": true,
}

// latinInstitutions are words that make an English credit part an
// affiliation rather than a name ("Harvard University", "Professor of Law").
var latinInstitutions = map[string]bool{
	"university": true, "institute": true, "college": true, "professor": true, "department": true,
	"academy": true, "school": true, "faculty": true, "laboratory": true, "lecturer": true,
}

// isAffiliation reports a credit part that names a writer's institution or
// post rather than a writer: Han text of four or more runes holding an
// institution word ("某某大学", "中国社会科学院研究员"), a post alone
// ("研究员"), or English words naming an institution. A name of two to four
// Han runes holds none of these words at that length; a minority name
// joined by "·" is never one.
func isAffiliation(s string) bool {
	s = trimValue(s)
	if s == "" || strings.ContainsAny(s, "·•") {
		return false
	}
	if isHanRune(firstRune(s)) {
		if hanPosts[s] {
			return true
		}
		if utf8.RuneCountInString(s) < 4 {
			return false
		}
		for _, w := range hanInstitutions {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	words := strings.Fields(s)
	if titledName(words) {
		return false
	}
	for _, w := range words {
		if latinInstitutions[strings.ToLower(strings.Trim(w, ".,()"))] {
			return true
		}
	}
	return false
}

// titledName reports an English name after a post used as a title,
// "Professor Mary Beard": the post first, then two or more capitalised
// words ("Professor of Law" and "Professor Emeritus" are posts).
func titledName(words []string) bool {
	if len(words) < 3 || !latinInstitutions[strings.ToLower(strings.Trim(words[0], ".,"))] {
		return false
	}
	for _, w := range words[1:] {
		if latinInstitutions[strings.ToLower(strings.Trim(w, ".,()"))] || !unicode.IsUpper(firstRune(w)) {
			return false
		}
	}
	return true
}

// dropAffiliations removes the affiliations that follow a name in one
// credit's parts ("李四", "中国社会科学院研究员" → "李四"). An institution
// credited alone, or before any name, is left as it is: some pages credit
// a body ("作者：某某研究院课题组"), and that is for the caller to judge.
// A part joined by a conjunction (joined[k]: "and", "&", 和, 与) is a
// co-author, whatever words it holds ("Jane Doe and Tom College"); an
// affiliation follows a comma or a blank.
func dropAffiliations(parts []string, joined []bool) []string {
	named := false
	out := parts[:0]
	for k, p := range parts {
		if named && !joined[k] && isAffiliation(p) {
			continue
		}
		named = named || !isAffiliation(p)
		out = append(out, p)
	}
	return out
}
