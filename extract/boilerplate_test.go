package extract

import "testing"

func TestChromeWordsInProse(t *testing.T) {
	mk := func(s string) *block {
		n, cjk, punct := textStats(s)
		return &block{text: s, runes: n, cjk: cjk, punct: punct}
	}
	for s, want := range map[string]bool{
		"这家中华老字号企业今年的营业额比去年增长了百分之十，成为当地的明星企业。":                         false,
		"市民只需扫描二维码即可预约，整个过程不到一分钟，十分方便。":                                false,
		"被告公司未经授权擅自使用原告的商标，法院判决其赔偿经济损失。":                               false,
		"Tweets from the president drew criticism, and aides said so.": false,
		"字号：大 中 小":            true,
		"分享到：微信 微博":           true,
		"【打印】【关闭】":            true,
		"京ICP备12345678号 版权所有": true,
		"未经授权禁止转载":            true,
		"分享到：微信、微博，或者复制链接发送给好友。":                    true,
		"We use cookies to improve your experience": true,
	} {
		if got := isChrome(mk(s)); got != want {
			t.Errorf("isChrome(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestNoiseClassNames(t *testing.T) {
	for cls, want := range map[string]bool{
		"share-bar":                    true,
		"related-news":                 true,
		"nav-container":                true,
		"header-container":             true,
		"newmedia-box":                 false,
		"commentary-body":              false,
		"comment-list":                 true,
		"article-content":              false,
		"main-nav":                     true,
		"blueprint-section":            false,
		"outline-container-orgd7109ad": false,
		"ad-slot":                      true,
	} {
		if got := isNoiseName(cls, ""); got != want {
			t.Errorf("isNoiseName(%q) = %v, want %v", cls, got, want)
		}
	}
}
