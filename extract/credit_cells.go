package extract

import (
	"strings"
	"unicode/utf8"
)

// Info rows split into cells by bars often print a label glued to its value
// with no colon: "发表于2014-08-24 21:30 | 来源CSDN | 作者魏星". A label glued
// to the next word is normally the start of a longer word ("作者认为…"), so
// the glued form counts only when the label opens a cell and the value fills
// the rest of it: a bar or the line's start before the label, a bar or the
// line's end after a short value without blanks or punctuation.

// maxCellValue is the longest glued value, in runes, read as a credit;
// a glued Han author value is a name of two to four characters.
const (
	maxCellValue   = 12
	maxCellHanName = 4
)

func isBar(r rune) bool { return r == '|' || r == '丨' || r == '｜' }

// gluedCellValue reports whether the label of kind at line[i:end] opens a
// bar delimited cell whose remainder is its value.
func gluedCellValue(line string, i, end int, kind labelKind) bool {
	before := strings.TrimRightFunc(line[:i], isBlankRune)
	barBefore := before != "" && isBar(lastRune(before))
	openCell := before == "" || barBefore
	if !openCell && len(before) == i {
		return false // glued to the text before it
	}
	n, han, j := 0, 0, end
	for j < len(line) {
		r, w := utf8.DecodeRuneInString(line[j:])
		if isBar(r) || isBlankRune(r) {
			break
		}
		if isHanRune(r) {
			han++
		}
		if !isHanRune(r) && !isASCIILetter(r) && !isDigitRune(r) && r != '·' && r != '_' && r != '-' && r != '.' {
			return false
		}
		n++
		j += w
	}
	if n == 0 || n > maxCellValue || kind == labelAuthor && han > maxCellHanName {
		return false
	}
	after := strings.TrimLeftFunc(line[j:], isBlankRune)
	barAfter := after != "" && isBar(firstRune(after))
	if han == 0 && j-end == n && isASCIILetter(firstRune(line[end:])) && (j == len(line) || isBlankRune(firstRune(line[j:])) || barAfter) {
		// A Latin value glued to a Han label cannot be the rest of a
		// word: "版权声明 来源CSDN".
		return true
	}
	// One bar at least: a lone "作者魏星" line is not a cell.
	return openCell && (after == "" || barAfter) && (barBefore || barAfter)
}

// gluedYuValue reports whether a 来源于 label at line[:end] is followed by a
// short value that ends the line ("信息来源于网络", "本文来源于新华网"): 于
// stands where a colon would. A longer run is prose ("来源于生活，高于生活").
func gluedYuValue(line string, end int) bool {
	v := strings.TrimRightFunc(line[end:], isBlankRune)
	n := utf8.RuneCountInString(v)
	if n == 0 || n > maxCellValue {
		return false
	}
	for _, r := range v {
		if !isHanRune(r) && !isASCIILetter(r) && !isDigitRune(r) && r != '·' && r != '.' {
			return false
		}
	}
	return true
}

// noticeWords open the reprint and copyright notices printed after a
// credit on the same line ("来源：某某日报 转载请注明出处"). After a blank
// they end the value; at its start they are the value (a 转载 placeholder).
var noticeWords = [...]string{"转载", "轉載", "版权", "版權", "未经", "未經", "如需", "免责", "免責"}

func noticeAfterValue(s string) bool {
	for _, w := range noticeWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}
