package extract

import (
	"strings"
	"unicode/utf8"
)

// Chinese portals print the captions of their own boxes under the text: a
// gallery's "图集", a video box's "精彩视频推荐", a "相关阅读" heading whose
// links were cut out, and a news app's slogans ("不用抽 不用搶 現在用APP看新聞
// … 點我下載APP"). When nothing but such lines follows the last paragraph
// they go; one that prose follows is left alone. They run with the end
// matter, after the credit readers have seen the lines (lastProse reads a
// credit bracket above up to two captions).

// widgetCaptionWords name what a box under the text offers: a caption
// (isWidgetCaption) holding one of them is the box's, not a closing line
// of the text ("吉林省人民政府", a signature "羅森").
var widgetCaptionWords = []string{
	"推荐", "推薦", "图集", "圖集", "组图", "組圖", "视频", "視頻", "影音", "相关", "相關", "热门", "熱門", "热点",
	"熱點", "阅读", "閱讀", "排行", "专题", "專題", "精选", "精選", "更多", "猜你喜欢", "猜你喜歡", "下载", "下載",
}

// appPromoMaxRunes is the longest app promo line.
const appPromoMaxRunes = 60

// dropTrailingWidgets removes the widget captions and app promos that end
// the body, keeping at least one line.
func dropTrailingWidgets(lines []string) []string {
	n := len(lines)
	for n > 1 && isTrailingWidget(lines[n-1]) {
		n--
	}
	return lines[:n]
}

// isTrailingWidget reports a box caption naming what the box offers, or
// an app promo.
func isTrailingWidget(s string) bool {
	s = strings.TrimSpace(s)
	if isWidgetCaption(s) {
		for _, w := range widgetCaptionWords {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}
	return isAppPromo(s)
}

// isAppPromo reports a line of slogans that asks the reader to download an
// app ("現在用APP看新聞 點我下載APP", "下载客户端"): short, with no sentence or
// clause mark in it. A sentence that mentions an app ("市民可下载APP预约。")
// is text.
func isAppPromo(s string) bool {
	if utf8.RuneCountInString(s) > appPromoMaxRunes || strings.ContainsAny(s, "。！？!?，,；;") || endsSentence(s) {
		return false
	}
	i := strings.Index(s, "下载")
	if j := strings.Index(s, "下載"); i < 0 || j >= 0 && j < i {
		i = j
	}
	if i < 0 {
		return false
	}
	rest := strings.ToUpper(s[i:])
	return strings.Contains(rest, "APP") || strings.Contains(rest, "客户端") || strings.Contains(rest, "客戶端")
}
