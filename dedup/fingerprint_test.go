package dedup

import (
	"fmt"
	"strings"
	"testing"
)

const sampleZH = "新华社北京12月1日电 国务院总理今日主持召开国务院常务会议，部署进一步做好稳就业工作，" +
	"决定延续实施部分减税降费政策，确定支持中小微企业发展的措施。会议指出，今年以来各地区各部门" +
	"认真贯彻落实党中央、国务院决策部署，就业形势总体稳定。"

func TestSimilarity(t *testing.T) {
	other := "本报讯 昨天下午，市气象台发布寒潮蓝色预警信号，预计未来三天我市将出现明显降温，" +
		"最低气温可降至零下五摄氏度，请市民注意防寒保暖，出行注意交通安全。"
	for _, tc := range []struct {
		name     string
		a, b     string
		min, max float64
	}{
		{"identical", sampleZH, sampleZH, 1, 1},
		{"editor line appended", sampleZH, sampleZH + "\n（责任编辑：王晓明）", 0.7, 1},
		{"different story", sampleZH, other, 0, 0.15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, okA := Of(tc.a)
			b, okB := Of(tc.b)
			if !okA || !okB {
				t.Fatal("no signature for a full paragraph")
			}
			if s := Similarity(&a, &b); s < tc.min || s > tc.max {
				t.Errorf("Similarity = %.3f, want in [%.2f, %.2f]", s, tc.min, tc.max)
			}
		})
	}
}

func TestOfShortBody(t *testing.T) {
	for _, body := range []string{"", "图片来源：网络", strings.Repeat("好", 100), "Photo: Reuters"} {
		if _, ok := Of(body); ok {
			t.Errorf("Of(%q) has a signature; want none below %d shingles", body, MinShingles)
		}
	}
}

// sampleZHTraditional is sampleZH in Traditional characters (OpenCC s2t).
const sampleZHTraditional = "新華社北京12月1日電 國務院總理今日主持召開國務院常務會議，部署進一步做好穩就業工作，" +
	"決定延續實施部分減稅降費政策，確定支持中小微企業發展的措施。會議指出，今年以來各地區各部門" +
	"認真貫徹落實黨中央、國務院決策部署，就業形勢總體穩定。"

// TestSignatureStable pins the hash functions: signatures are stored (a
// crawler's state), so a change of tokens, seeds, mixing or of the
// Traditional→Simplified table must be a deliberate, visible one. The
// Traditional text has the Simplified one's signature.
func TestSignatureStable(t *testing.T) {
	for _, body := range []string{sampleZH, sampleZHTraditional} {
		sig, _ := Of(body)
		want := []uint16{0xc100, 0x3353, 0x4a8c, 0x6ce7}
		for i, w := range want {
			if sig[i] != w {
				t.Fatalf("signature of %.30q... starts %#x, want %#x: stored signatures would no longer match", body, sig[:len(want)], want)
			}
		}
	}
}

// BenchmarkOf fingerprints a Chinese body of about 1,200 characters (a
// typical article's length), every paragraph different.
func BenchmarkOf(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&sb, "第%d段：%s\n", i, strings.ReplaceAll(sampleZH, "会议", fmt.Sprintf("第%d次会议", i)))
	}
	body := sb.String()
	b.SetBytes(int64(len(body)))
	for i := 0; i < b.N; i++ {
		Of(body)
	}
}

// BenchmarkOfTraditional is BenchmarkOf on the same body in Traditional
// characters (OpenCC s2t): every Han character is looked up in the
// Traditional→Simplified table either way.
func BenchmarkOfTraditional(b *testing.B) {
	var sb strings.Builder
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&sb, "第%d段：%s\n", i, strings.ReplaceAll(sampleZHTraditional, "會議", fmt.Sprintf("第%d次會議", i)))
	}
	body := sb.String()
	b.SetBytes(int64(len(body)))
	for i := 0; i < b.N; i++ {
		Of(body)
	}
}
