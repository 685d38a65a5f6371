package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Boilerplate is recognised by general signals only: element roles, class
// and id vocabulary shared across portals, phrases that label page chrome,
// link density and list structure. Nothing here names a site.

// isJunkElement reports elements that never hold article text.
func isJunkElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe, atom.Object,
		atom.Embed, atom.Canvas, atom.Button, atom.Select, atom.Textarea, atom.Input, atom.Option,
		atom.Map, atom.Audio, atom.Video, atom.Dialog, atom.Link, atom.Meta, atom.Head, atom.Title,
		atom.Rt, atom.Rp: // ruby readings (furigana, pinyin) are annotations, not text
		return true
	}
	if n.DataAtom == 0 {
		// Unknown tags like <mip-img> or <amp-ad>: keep their text.
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			if isHiddenStyle(a.Val) {
				return true
			}
		case "class":
			if isHiddenClass(a.Val) {
				return true
			}
		}
	}
	return false
}

// hiddenClasses are classes a site builder (Webflow) puts on elements its
// stylesheet sets to display:none at every width, so the text is never
// shown: "w-condition-invisible" on what its conditions turned off (gated
// pages carry the article twice, once hidden, and both copies otherwise
// count), "w-form-done" and "w-form-fail" on a form's success and error
// messages ("Thank you! Your submission has been received!"). Responsive
// classes ("hidden-xs", Tailwind's "hidden md:block") hide at some widths
// only and are not among them.
var hiddenClasses = [...]string{"w-condition-invisible", "w-form-done", "w-form-fail"}

// isHiddenClass reports a class attribute holding one of hiddenClasses as
// a token.
func isHiddenClass(v string) bool {
	if !strings.Contains(v, "w-") {
		return false
	}
	for _, c := range hiddenClasses {
		if hasClassToken(v, c) {
			return true
		}
	}
	return false
}

// hasClassToken reports whether the class attribute v holds c as a whole
// token.
func hasClassToken(v, c string) bool {
	for off := 0; ; {
		i := strings.Index(v[off:], c)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(c)
		if (i == 0 || isSpace(v[i-1])) && (end == len(v) || isSpace(v[end])) {
			return true
		}
		off = i + 1
	}
}

// isSpace reports the ASCII white space that separates class tokens.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isHiddenStyle(s string) bool {
	s = lowerASCII(s)
	if !strings.Contains(s, "none") && !strings.Contains(s, "hidden") {
		return false
	}
	s = strings.ReplaceAll(s, " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// strongNoise are class/id words that mark chrome even next to a content word
// ("article-share", "related-content").
var strongNoise = []string{
	"comment", "disqus", "share", "sharing", "social", "related", "recommend", "breadcrumb", "crumb",
	"copyright", "newsletter", "subscribe", "advert", "sponsor", "promo", "popup", "modal", "cookie",
	"toolbar", "pagination", "pager", "qrcode", "login", "signup", "widget", "ranking", "hotnews", "hot-news",
	"hot_news", "tuijian", "fenxiang", "pinglun", "footer", "sidebar", "gallery", "carousel", "caption",
}

// strongNoiseTokens are short words and pinyin abbreviations that must
// stand as a whole token ("ewm" is 二维码, not the middle of "newmedia").
var strongNoiseTokens = []string{"print", "ewm", "xgxw", "xgyd", "rdtj"}

// notNoise are longer words that contain a strong word but are content.
var notNoise = []string{"commentary", "comments-closed"}

// weakNoise words mark chrome unless a content word rescues the element.
var weakNoise = []string{"nav", "menu", "header", "banner", "aside", "tags", "keyword", "meta", "author-info", "byline", "ad", "ads", "links"}

var contentWords = []string{"article", "content", "body", "text", "post", "entry", "story", "detail", "zhengwen", "neirong", "cont", "txt"}

// classTokens returns the lower-cased class and id values.
func classTokens(n *html.Node) (string, string) {
	var cls, id string
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			cls = lowerASCII(a.Val)
		case "id":
			id = lowerASCII(a.Val)
		}
	}
	if isSlug(id) {
		id = "" // "sharing-with-a-single-developer" names a heading, not a share bar
	}
	return cls, id
}

// isSlug reports ids made from a heading's words, which say nothing about
// the element's role.
func isSlug(id string) bool {
	return len(id) > 20 && strings.Count(id, "-")+strings.Count(id, "_") >= 3
}

// lowerASCII lower-cases s, allocating only when it has upper-case letters.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func isTokenSep(c byte) bool { return c == ' ' || c == '-' || c == '_' || c >= '0' && c <= '9' }

// isStrictSep reports the separators a two-letter word needs on both sides:
// "…7109ad" is the end of a hex id, not an ad slot.
func isStrictSep(c byte) bool { return c == ' ' || c == '-' || c == '_' }

// isNoiseElement reports elements whose tag, class or id marks page chrome.
// Their text is still segmented (an editor line may sit in a footer) but
// never becomes body.
func isNoiseElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.P:
		return false
	case atom.Nav, atom.Aside, atom.Footer, atom.Menu:
		return true
	case atom.Form:
		if isEntryForm(n) {
			return true
		}
	}
	cls, id := classTokens(n)
	if cls == "" && id == "" {
		return false
	}
	return isNoiseName(cls, id)
}

// isNoiseName reports whether a lower-cased class and id name page chrome.
//
// A strong word anywhere that starts a run of letters ("article-share"),
// or a strong token standing alone, marks chrome unless the value contains
// a notNoise exception ("commentary"). Otherwise a content token in either value rescues
// the element, and a weak token marks it. Tokens are split on space, '-',
// '_' and digits; a two-letter token needs a space, '-' or '_' (or an end)
// on both sides.
//
// It runs for every element with a class or id, so each value is scanned
// once instead of once per vocabulary word.
func isNoiseName(cls, id string) bool {
	strong, roles := scanNoiseName(cls)
	if strong {
		return true
	}
	strong, idRoles := scanNoiseName(id)
	if strong {
		return true
	}
	roles |= idRoles
	if roles&roleContent != 0 {
		return false
	}
	return roles&roleWeak != 0
}

// Roles a whole class/id token plays in isNoiseName.
const (
	roleStrong  = 1 << iota // in strongNoiseTokens
	roleContent             // in contentWords
	roleWeak                // in weakNoise
	roleTail                // last token of a weak word that spans tokens ("author-info")
)

// noiseVocab maps each vocabulary token to its roles; it is read-only.
var noiseVocab = func() map[string]uint8 {
	m := make(map[string]uint8)
	add := func(words []string, role uint8) {
		for _, w := range words {
			if i := strings.LastIndexFunc(w, func(r rune) bool { return r < 0x80 && isTokenSep(byte(r)) }); i >= 0 {
				// Only weak words span tokens; they are matched by their
				// last token and then checked whole (weakNoiseSpans).
				m[w[i+1:]] |= roleTail
				continue
			}
			m[w] |= role
		}
	}
	add(strongNoiseTokens, roleStrong)
	add(contentWords, roleContent)
	add(weakNoise, roleWeak)
	return m
}()

// weakNoiseSpans are the weak words made of several tokens ("author-info").
var weakNoiseSpans = func() []string {
	var out []string
	for _, w := range weakNoise {
		if strings.IndexFunc(w, func(r rune) bool { return r < 0x80 && isTokenSep(byte(r)) }) >= 0 {
			out = append(out, w)
		}
	}
	return out
}()

// strongNoiseByFirst holds the strongNoise words by their first letter
// ('a'..'z'), so a run of letters is tested only against the words that
// can start it.
var strongNoiseByFirst = func() (t [26][]string) {
	for _, w := range strongNoise {
		t[w[0]-'a'] = append(t[w[0]-'a'], w)
	}
	return t
}()

// scanNoiseName makes one pass over a class or id value. strong reports a
// strong word or token that no notNoise exception cancels; roles collects
// the roles of its whole tokens.
func scanNoiseName(v string) (strong bool, roles uint8) {
	prevLetter := false
	start := -1 // start of the current token, -1 between tokens
	for i := 0; i <= len(v); i++ {
		if i < len(v) {
			c := v[i]
			// A strong word must start a run of ASCII letters: "share" is
			// chrome in "post-share" and "x.share", not in "timeshare".
			letter := c|0x20 >= 'a' && c|0x20 <= 'z'
			if letter && !prevLetter && !strong && c >= 'a' {
				for _, w := range strongNoiseByFirst[c-'a'] {
					if strings.HasPrefix(v[i:], w) {
						strong = true
						break
					}
				}
			}
			prevLetter = letter
			if !isTokenSep(c) {
				if start < 0 {
					start = i
				}
				continue
			}
		}
		if start < 0 {
			continue
		}
		tok := v[start:i]
		if r := noiseVocab[tok]; r != 0 && (len(tok) > 2 || (start == 0 || isStrictSep(v[start-1])) && (i == len(v) || isStrictSep(v[i]))) {
			roles |= r &^ roleTail
			if r&roleStrong != 0 {
				strong = true
			}
			if r&roleTail != 0 && endsWithWeakSpan(v[:i]) {
				roles |= roleWeak
			}
		}
		start = -1
	}
	if strong {
		for _, w := range notNoise {
			if strings.Contains(v, w) {
				return false, roles
			}
		}
	}
	return strong, roles
}

// endsWithWeakSpan reports whether s ends with a multi-token weak word that
// starts a token.
func endsWithWeakSpan(s string) bool {
	for _, w := range weakNoiseSpans {
		if strings.HasSuffix(s, w) && (len(s) == len(w) || isTokenSep(s[len(s)-len(w)-1])) {
			return true
		}
	}
	return false
}

// chromePhrases label toolbars, share bars, counters and app promos; a short
// block containing one is chrome.
var chromePhrases = []string{
	"字号", "字號", "字体：", "字體：", "【打印】", "打印本页", "打印此文", "【关闭】", "【關閉】", "关闭窗口", "關閉窗口",
	"收藏本文", "【纠错】", "纠错", "返回顶部", "回到顶部", "分享到", "分享至", "扫一扫", "掃一掃", "二维码", "二維碼",
	"下载客户端", "打开APP", "打開APP", "手机看新闻", "点击数", "點擊數", "阅读量", "閱讀量", "浏览次数", "瀏覽次數",
	"阅读次数", "网友评论", "網友評論", "上一篇", "下一篇", "上一页", "下一页", "当前位置", "當前位置", "您现在的位置", "您的位置", "首页 >", "首页>", "首頁 >",
	"Share this", "Share on", "Follow us", "Sign up", "Subscribe", "Newsletter", "ADVERTISEMENT", "Advertisement", "Advert",
	"requires JavaScript", "enable JavaScript",
	"Read more", "Click here", "Print this", "Email this", "All rights reserved", "Skip to",
	"关键词：", "關鍵詞：", "关键字：", "标签：", "標籤：", "Tags:", "Keywords:",
	"Foto:", "Fotos:", "Bild:", "Titelbild:", "Abbildung:", "Photo:", "Photograph:", "Image:", "Credit:",
	"Crédits photos", "Getty Images", "Bildquelle", "图片来源", "圖片來源", "Schlagworte", "Themen:",
	"iStock", "Shutterstock", "Quellenangaben:", "Follow us on", "Folgen Sie uns", "Jetzt abonnieren", "Pour lire la suite",
	"Newsletter abonnieren", "Suivez-nous", "Síguenos", "Valora esta noticia", "Aktualisiert am", "enthält Werbung",
	"Privatsphäre", "立即下载",
}

// legalPhrases mark copyright, licence and disclaimer lines at any length.
var legalPhrases = []string{
	"ICP备", "ICP證", "ICP证", "公网安备", "公網安備", "版权所有", "版權所有", "All rights reserved", "All Rights Reserved",
	"Copyright ©", "Copyright©", "© 20", "©20", "(c) 20", "违法和不良信息",
	"举报电话", "舉報電話", "增值电信业务", "互联网新闻信息服务许可", "凡本网注明", "凡本網注明", "特别声明：以上内容",
	"声明：该文观点", "本平台仅提供信息存储服务", "免责声明", "免責聲明",
}

// weakLegalPhrases also occur in news prose ("被告未经授权使用…", "the app
// uses cookies to…"), so they mark only lines that do not read as prose.
var weakLegalPhrases = []string{
	"未经授权", "未經授權", "禁止转载", "不得转载", "未经书面许可", "未經書面許可", "侵犯著作权",
	"use cookies", "uses cookies", "verwendet Cookies", "nutzt Cookies", "setzt Cookies", "verwenden Cookies",
	"Cookie-Einstellungen", "utilise des cookies", "utilizamos cookies", "Datenschutzerklärung", "Privacy Policy",
}

// sectionHeadings introduce related lists, comments and other chrome that
// follows the article; the rest of the enclosing container is cut.
var sectionHeadings = []string{
	"相关新闻", "相關新聞", "相关阅读", "相關閱讀", "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "热点推荐", "熱點推薦",
	"猜你喜欢", "猜你喜歡", "热门文章", "熱門文章", "热门推荐", "熱門推薦", "你可能還想看", "你可能还想看", "更多新闻", "更多新聞",
	"相关报道", "相關報導", "相关链接", "相關鏈接", "精彩推荐", "精彩推薦", "热门评论", "網友評論", "网友评论", "发表评论", "我要评论",
	"反侵权公告", "版权声明", "版權聲明", "法律声明", "特别声明", "热点新闻", "今日推荐", "最新新闻", "最新文章", "热门阅读", "排行榜", "相关文章", "相關文章", "推荐新闻",
	"相关推荐", "相關推薦", "延伸推荐", "為你推薦", "为你推荐", "更多推荐", "最新评论", "最新評論", "全部评论", "精彩评论",
	"往期回顾", "往期推荐", "往期精选", "往期精彩", "热文推荐", "近期热文", "精彩回顾", "今日焦点", "焦点新闻", "新闻排行",
	"related", "recommended", "more from", "more stories", "you may also like", "you might also like", "read next",
	"most popular", "most read", "trending", "comments", "leave a comment", "leave a reply", "sponsored", "more on this",
	"read more", "also read", "related articles", "related stories", "more news", "latest news", "top stories",
	"about the author", "share this article", "you might be interested", "more in ", "popular now",
	"weiterlesen", "auch interessant", "schon gelesen", "mehr zum thema", "das könnte sie auch interessieren",
	"ähnliche artikel", "ähnliche beiträge", "ähnliche nachrichten", "verwandte artikel", "verwandte beiträge", "über den autor", "über die autorin",
	"kommentare", "kommentar schreiben", "noch mehr", "lesen sie auch", "empfehlungen", "meistgelesen",
	"à lire aussi", "lire aussi", "sur le même sujet", "articles similaires", "commentaires", "à propos de l'auteur",
	"pour aller plus loin", "les plus lus", "contenido relacionado", "noticias relacionadas", "te puede interesar",
	"comentarios", "lo más leído", "artículos relacionados", "sobre el autor", "leggi anche", "articoli correlati",
	"commenti", "leia também", "leia mais", "notícias relacionadas", "comentários",
	"mehr zu", "mehr zum", "zum weiterlesen", "weitere artikel", "weitere beiträge", "weitere nachrichten", "top themen",
	"das könnte dich auch interessieren", "noch mehr infos", "más sobre", "más noticias", "dans la même rubrique",
	"plus d'articles", "à lire également", "ebenfalls interessant", "passend dazu", "zum thema",
	"veja também", "das thema könnte", "mehr kolumnen", "weitere kolumnen", "lesen sie mehr", "te recomendamos",
}

// phraseSet finds any of a list of phrases in one pass over the text: a
// bitmap of first runes rejects most positions, and the phrases of an ASCII
// first byte sit in an array, so that the common case needs no map lookup.
type phraseSet struct {
	first  [0x10000 / 64]uint64
	ascii  [utf8.RuneSelf][]string // phrases by their ASCII first byte
	byRune map[rune][]string       // phrases by any other first rune
}

func newPhraseSet(lists ...[]string) *phraseSet {
	ps := &phraseSet{byRune: make(map[rune][]string)}
	for _, list := range lists {
		for _, p := range list {
			r, _ := utf8.DecodeRuneInString(p)
			if r < 0x10000 {
				ps.first[r/64] |= 1 << (r % 64)
			}
			if r >= 0 && r < utf8.RuneSelf {
				ps.ascii[r] = append(ps.ascii[r], p)
			} else {
				ps.byRune[r] = append(ps.byRune[r], p)
			}
		}
	}
	return ps
}

// startingWith returns the phrases whose first rune is r.
func (ps *phraseSet) startingWith(r rune) []string {
	if r >= 0 && r < utf8.RuneSelf {
		return ps.ascii[r]
	}
	return ps.byRune[r]
}

// hasPrefixAny reports whether s, whose first rune is r, starts with a phrase.
func (ps *phraseSet) hasPrefixAny(s string, r rune) bool {
	if r < 0x10000 && ps.first[r/64]&(1<<(r%64)) == 0 {
		return false
	}
	for _, p := range ps.startingWith(r) {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// containsAny reports whether a phrase of ps occurs in s, a latin one only
// at a word's start ("Print" is not in "Blueprint"). It walks bytes,
// decoding only non-ASCII runes, and passes the rest of a latin word in a
// tight loop: isChrome asks it of most blocks of every page, and most bytes
// of latin text are inside words.
func (ps *phraseSet) containsAny(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if ps.first[c/64]&(1<<(c%64)) != 0 {
				for _, p := range ps.ascii[c] {
					if strings.HasPrefix(s[i:], p) {
						return true
					}
				}
			}
			i++
			if isASCIILetterByte(c) {
				for i < len(s) && isASCIILetterByte(s[i]) {
					i++
				}
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 || ps.first[r/64]&(1<<(r%64)) != 0 {
			for _, p := range ps.startingWith(r) {
				if strings.HasPrefix(s[i:], p) {
					return true
				}
			}
		}
		i += w
	}
	return false
}

var (
	legalSet     = newPhraseSet(legalPhrases)
	weakLegalSet = newPhraseSet(weakLegalPhrases)
	chromeSet    = newPhraseSet(chromePhrases)
	// Unions for isChrome's one pass over a line that is not prose.
	anyLegalSet  = newPhraseSet(legalPhrases, weakLegalPhrases)
	anyChromeSet = newPhraseSet(legalPhrases, weakLegalPhrases, chromePhrases)
	headingSet   = newPhraseSet(sectionHeadings)
)

// isSectionHeading reports a short block that opens a related/comments section.
func isSectionHeading(b *block) bool {
	if b.runes > 24 {
		return false
	}
	trimmed := strings.Trim(b.text, " :：>»›|【】[]■●▌")
	// Lower-cased, trimmed and squeezed, the label opens with the lower
	// case of trimmed's first rune: most short blocks (menu items, names)
	// open with one no heading below opens with.
	if r, _ := utf8.DecodeRuneInString(trimmed); !mayOpenSectionHeading(unicode.ToLower(r)) {
		return false
	}
	t := squeezeCJKLabel(strings.ToLower(trimmed))
	switch t {
	case "评论", "評論", "留言", "网友留言", "讨论", "comment", "discussion", "responses", "replies":
		return true
	}
	if n := strings.TrimLeft(t, "0123456789 "); n != t && (n == "comments" || n == "comment" || n == "responses" || n == "条评论" || n == "則留言") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t)
	for _, h := range headingSet.startingWith(r) {
		if strings.HasPrefix(t, h) {
			// "Related" must be the whole label, not the start of a sentence
			// (any Latin-script phrase: "à lire aussi", "über den autor").
			if len(t) > len(h)+12 && !isCJK(r) {
				continue
			}
			return true
		}
	}
	return false
}

// isChrome reports blocks that are page furniture by their wording.
func isChrome(b *block) bool {
	e := b.eff()
	if e > 400 {
		return false
	}
	// A sentence may mention a phrase that labels chrome elsewhere: "这家
	// 老字号企业…" holds 字号, "市民扫描二维码即可…" holds 二维码. In prose the
	// phrase must open the line to count.
	prose := b.punct >= 2 && endsSentence(b.text)
	if prose {
		if legalSet.containsAny(b.text) || isConsentLine(b.text) {
			return true
		}
		t := strings.TrimLeft(b.text, " 【[(（·•")
		r, _ := utf8.DecodeRuneInString(t)
		return e <= 160 && chromeSet.hasPrefixAny(t, r)
	}
	// Otherwise any legal or (up to 160) chrome phrase, a consent line or a size widget.
	if e > 160 {
		return anyLegalSet.containsAny(b.text) || isConsentLine(b.text)
	}
	return anyChromeSet.containsAny(b.text) || isConsentLine(b.text) || isSizeWidget(b.text)
}

// consentOpeners open a newsletter's consent line ("By subscribing, you
// agree to our Terms…"); the same words open ordinary prose ("By signing
// up early, farmers get…"), so the line must also speak of consent.
var consentOpeners = [...]string{"by subscribing", "by signing up", "by clicking"}

// consentWords mark a line that asks for the reader's consent.
var consentWords = [...]string{"agree", "consent", "privacy", "terms of", "acknowledge"}

// isConsentLine reports a newsletter consent line: an opener and a consent
// word.
func isConsentLine(s string) bool {
	t := strings.TrimSpace(s)
	opens := false
	for _, o := range consentOpeners {
		opens = opens || hasPrefixFoldASCII(t, o)
	}
	if !opens {
		return false // every block of the page comes here: no copy before this
	}
	t = strings.ToLower(t)
	for _, w := range consentWords {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// isSizeWidget matches the bare font-size switch "大 中 小".
func isSizeWidget(s string) bool {
	return strings.Contains(s, "大 中 小") || strings.Contains(s, "大中小") || strings.Contains(s, "【大】") || strings.Contains(s, "[大]")
}

// mayOpenSectionHeading reports whether a lower-cased label opening with r
// may be one isSectionHeading takes: r opens a headingSet phrase or one
// of its own labels, or is a digit ("12 comments").
func mayOpenSectionHeading(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= 0x10000:
		return true
	case r == '评' || r == '評' || r == '留' || r == '网' || r == '讨' || r == 'c' || r == 'd' || r == 'r':
		return true
	}
	return headingSet.first[r/64]&(1<<(r%64)) != 0
}

// squeezeCJKLabel removes the spaces and middle dots that portals set
// between the characters of a short CJK label ("延伸 · 推荐", "相关 推荐"),
// so it matches the label's plain spelling. Latin text is left alone.
func squeezeCJKLabel(t string) string {
	r, _ := utf8.DecodeRuneInString(t)
	if !isCJK(r) || !containsAnyRune(t, " ·•・") {
		return t
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '·', '•', '・':
			return -1
		}
		return r
	}, t)
}
