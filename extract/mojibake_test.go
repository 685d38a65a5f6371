package extract

import (
	"bytes"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestRepairGBMojibake(t *testing.T) {
	gbk := func(s string) []byte { return encodeWith(t, simplifiedchinese.GBK, s) }
	// damage replaces the first byte of GBK-encoded s (an A1 lead) with '!'.
	damage := func(s string) []byte {
		b := gbk(s)
		if b[0] != 0xA1 {
			t.Fatalf("%q does not start with an A1xx character", s)
		}
		b[0] = '!'
		return b
	}
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

	tests := []struct {
		name string
		in   []byte
		want string
		n    int
	}{
		{"seed span 1", cat(gbk("建設"), damage("”徐建青說。"), []byte("</p>")), "建設”徐建青說。</p>", 1},
		{"seed span 2", cat(gbk("紐帶"), damage("”金山區(qū)投促辦")), "紐帶”金山區(qū)投促辦", 1},
		{"simplified closing quote", cat(gbk("他说"), damage("”经济发展很好"), []byte(" ok")), "他说”经济发展很好 ok", 1},
		{"ideographic full stop", cat(gbk("今天"), damage("。我们的工作"), []byte("<")), "今天。我们的工作<", 1},
		{"two repairs", cat(gbk("建設"), damage("”徐建青說。"), []byte("\n"), gbk("紐帶"), damage("”金山區(qū)投促辦")),
			"建設”徐建青說。\n紐帶”金山區(qū)投促辦", 2},
		{"ascii exclamation before Chinese", []byte("Hello!" + string(gbk("中国"))), "Hello!中国", 0},
		{"Chinese exclamation before Chinese", cat(gbk("好"), []byte("!"), gbk("我们")), "好!我们", 0},
		{"exclamation before GBK extension character", cat(gbk("好"), []byte("!"), gbk("說話")), "好!說話", 0},
		{"exclamation before a quote", cat(gbk("好"), []byte("!"), gbk("“我们的国家”")), "好!“我们的国家”", 0},
		{"exclamation before a long run", cat([]byte("!"), gbk(simplifiedPara)), "!" + simplifiedPara, 0},
		{"exclamation at the end", []byte("abc!"), "abc!", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := bytes.Clone(tt.in)
			out, n := repairGBMojibake(in)
			if !bytes.Equal(in, tt.in) {
				t.Fatalf("input modified")
			}
			got, err := simplifiedchinese.GB18030.NewDecoder().Bytes(out)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || n != tt.n {
				t.Errorf("got %q (%d repairs), want %q (%d)", got, n, tt.want, tt.n)
			}
		})
	}
}

func BenchmarkRepairGBMojibake(b *testing.B) {
	raw := encodeWith(b, simplifiedchinese.GBK, "<p>"+simplifiedPara+"</p><script>if(!a){}</script>好!我们")
	for range 6 {
		raw = append(raw, raw...)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		repairGBMojibake(raw)
	}
}
