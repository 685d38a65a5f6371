package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// scanLabelsCutRef is scanLabelsCut calling labelAt at every rune, as
// before its fast path for latin bytes.
func scanLabelsCutRef(line string, mode scanMode, cuts []int32, out *labels) int {
	first := -1
	for i := 0; i < len(line); {
		m, ok := labelAt(line, i, false, mode)
		if !ok {
			_, w := utf8.DecodeRuneInString(line[i:])
			i += w
			continue
		}
		if first < 0 {
			first = m.start
		}
		val, next := readValue(line, m.valueStart, mode)
		if m.kind == labelSource {
			val = cutValue(line, val, m.valueStart, cuts)
		}
		if rest := line[next:]; !strings.HasPrefix(rest, "摄") && !strings.HasPrefix(rest, "攝") {
			addLabel(out, m.kind, val, line[i:m.valueStart])
		}
		if next <= i {
			next = m.valueStart
			if next <= i {
				next = i + 1
			}
		}
		i = next
	}
	return first
}

// blockTexts returns the text blocks of the testdata pages.
func blockTexts(t *testing.T) []string {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "pages", "*.html"))
	var out []string
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		dec, err := Decode(raw, "", "")
		if err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(bytes.NewReader(dec.Text))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range segmentBlocks(root, len(raw), "").blocks {
			out = append(out, b.text)
		}
	}
	return out
}

// The latin fast path of scanLabelsCut finds the labels labelAt finds, on
// every block of the testdata pages and on credit lines of both scripts.
func TestScanLabelsCutFast(t *testing.T) {
	lines := append(blockTexts(t), "By John Doe", "Source: AP", "source:AP", "xSource: AP", "1By Jane", "Reporting by Jane Roe; Editing by Tom",
		"作者：张三 来源：新华网 责任编辑：李四", "记者 王五 摄", "文/赵六", "来源：<a>人民日报</a>", "By JOHN DOE Associated Press", "")
	for _, l := range lines {
		for _, mode := range []scanMode{modeLine, modeCredit} {
			for _, cuts := range [][]int32{nil, {3, 9, 20}} {
				var got, want labels
				g := scanLabelsCut(l, mode, cuts, &got)
				w := scanLabelsCutRef(l, mode, cuts, &want)
				if g != w || !reflect.DeepEqual(got, want) {
					t.Errorf("scanLabelsCut(%.60q, %d) = %d %+v, want %d %+v", l, mode, g, got, w, want)
				}
			}
		}
	}
}
