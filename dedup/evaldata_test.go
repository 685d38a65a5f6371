package dedup

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newspipe/newspipe/extract/evaluate"
)

// story is one real article body of the evaluation set.
type story struct {
	id, group string // group: the dataset (and site, where known)
	zh        bool
	body      string
}

// corpusOrSkip returns the shared dev corpus or skips the test.
func corpusOrSkip(tb testing.TB) string {
	c := evaluate.FindCorpus("..")
	if c == "" {
		tb.Skip("dedup evaluation: shared/corpus not found beside the repository and NEWSPIPE_CORPUS unset; skipping")
	}
	return c
}

// loadStories reads hand-labelled bodies: Chinese portal pages
// (zh-portal-fields), English news (scrapinghub-aeb) and English articles
// from many hosts (the first maxWCXB of wcxb-articles). Bodies that are too
// short to fingerprint are left out and counted.
func loadStories(tb testing.TB, corpus string, maxWCXB int) (stories []story, short int) {
	seen := map[string]bool{}
	add := func(s story) {
		if seen[s.body] { // the same page filed twice (GNE's thepaper pages)
			return
		}
		seen[s.body] = true
		if len(Shingles(s.body)) < MinShingles {
			short++
			return
		}
		stories = append(stories, s)
	}
	zh, _ := filepath.Glob(filepath.Join(corpus, "zh-portal-fields", "*.expected.json"))
	sort.Strings(zh)
	for _, f := range zh {
		var v struct {
			Body string `json:"body"`
			Page string `json:"page"`
		}
		readJSON(tb, f, &v)
		id := strings.TrimSuffix(filepath.Base(f), ".expected.json")
		group := "zh-portal-fields"
		if parts := strings.Split(v.Page, "/"); strings.HasPrefix(id, "gne-") && len(parts) > 2 {
			group += "/" + parts[1] // GNE pages are filed by site
		}
		add(story{id: id, group: group, zh: true, body: v.Body})
	}
	var aeb map[string]struct {
		Body string `json:"articleBody"`
	}
	readJSON(tb, filepath.Join(corpus, "scrapinghub-aeb", "ground-truth.json"), &aeb)
	keys := make([]string, 0, len(aeb))
	for k := range aeb {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(story{id: "aeb-" + k[:8], group: "scrapinghub-aeb", body: aeb[k].Body})
	}
	wc, _ := filepath.Glob(filepath.Join(corpus, "wcxb-articles", "ground-truth", "*.json"))
	sort.Strings(wc)
	if len(wc) > maxWCXB {
		wc = wc[:maxWCXB]
	}
	for _, f := range wc {
		var v struct {
			GT struct {
				Main string `json:"main_content"`
			} `json:"ground_truth"`
		}
		readJSON(tb, f, &v)
		add(story{id: "wcxb-" + filepath.Base(f), group: "wcxb-articles", body: v.GT.Main})
	}
	if len(stories) == 0 {
		tb.Fatalf("no article bodies found under %s", corpus)
	}
	return stories, short
}

func readJSON(tb testing.TB, name string, v any) {
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
}

// site is the boilerplate one reprinting portal wraps a story in.
type site struct{ header, footer, editor, note string }

// sites are two portals' templates, Chinese and English. Reprints of one
// story are compared across them; different stories inside one of them
// are the hard negatives (identical template text around both).
var (
	zhSites = [2]site{{
		header: "首页 > 新闻中心 > 国内新闻\n字号：大 中 小 打印本页 关闭窗口",
		footer: "【我要纠错】 责任编辑：王晓明\n相关新闻\n版权所有：东方在线网络传媒有限公司 未经授权禁止转载、摘编、复制或建立镜像\n违法和不良信息举报电话：010-12345678 京ICP备12345678号",
		editor: "（责任编辑：王晓明）",
		note:   "编者按：近日，这一消息引发社会各界广泛关注。本网今日全文转载，供读者参考，文中观点不代表本网立场。",
	}, {
		header: "当前位置：网站首页 » 综合资讯 » 社会\n来源：本站综合 浏览次数： 分享到：微信 微博 QQ空间",
		footer: "扫一扫关注我们的微信公众号\n免责声明：本文转自合作媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。\nCopyright © 2005-2024 南方资讯网 All Rights Reserved 粤ICP备87654321号",
		editor: "（责任编辑：李华 实习生 张婷）",
		note:   "【编者按】本文原载于合作媒体，经授权转载。我们希望通过这篇报道，让更多读者了解事件的来龙去脉。",
	}}
	enSites = [2]site{{
		header: "Home > News > World\nShare on Facebook Share on Twitter Email Print",
		footer: "Related stories\nSign up for our daily newsletter to get the top stories delivered to your inbox.\n© 2024 Daily Courier Media Group. All rights reserved. Terms of use | Privacy policy | Contact us",
		editor: "(Edited by John Smith)",
		note:   "Editor's note: This story was originally published by a partner outlet and is republished here with permission.",
	}, {
		header: "Breaking News | Local | Sports | Opinion\nAdvertisement",
		footer: "Copyright 2024 The Morning Herald. This material may not be published, broadcast, rewritten or redistributed.\nMore from our network\nWe use cookies to improve your experience on our site. Read our cookie policy.",
		editor: "Reporting by Jane Doe; editing by Mark Brown",
		note:   "Editor's note: This article has been updated with additional reporting from our correspondents and a statement from officials.",
	}}
)

func sitesFor(s story) [2]site {
	if s.zh {
		return zhSites
	}
	return enSites
}

// wrap returns body reprinted by st: header above, editor line and footer
// below.
func wrap(body string, st site) string {
	return st.header + "\n" + body + "\n" + st.editor + "\n" + st.footer
}

// dropLast returns body without its last non-empty paragraph, or false
// when it has only one.
func dropLast(body string) (string, bool) {
	paras := strings.Split(strings.TrimSpace(body), "\n")
	for len(paras) > 0 && strings.TrimSpace(paras[len(paras)-1]) == "" {
		paras = paras[:len(paras)-1]
	}
	if len(paras) < 2 {
		return "", false
	}
	return strings.Join(paras[:len(paras)-1], "\n"), true
}
