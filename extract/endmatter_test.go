package extract

import (
	"slices"
	"testing"
)

func TestEndMatterLines(t *testing.T) {
	tests := []struct {
		line string
		f    func(string) bool
		want bool
	}{
		{"- THE END -", isEndMarker, true},
		{"—— END ——", isEndMarker, true},
		{"（完）", isEndMarker, true},
		{"完成了任务", isEndMarker, false},
		{"——《北京之春》1996年3月号", isProvenance, true},
		{"《光明日报》（ 2022年02月13日 02版）", isProvenance, true},
		{"(综合整理自新浪网、网易等)", isProvenance, true},
		{"摘自《读者》2020年第3期", isProvenance, true},
		{"（资料来源：参考消息、海外网等）", isProvenance, true},
		{"《红楼梦》是一部小说", isProvenance, false},
		{"《人民日报》报道称，2020年经济增长。", isProvenance, false},
		{"（据新华社）", isProvenance, false},
		{"本文为CSDN原创文章，未经允许不得转载，如需转载请联系market#csdn.net(#换成@)", isReprintNotice, true},
		{"版权归原作者所有，如有侵权请联系删除", isReprintNotice, true},
		{"报道被多家媒体转发。", isReprintNotice, false},
		{"信息来源于网络", isWebSourceNote, true},
		{"图片均来自网络，侵删", isWebSourceNote, true},
		{"1、回复【公租房】查看最新消息", isPromoLine, true},
		{"点击菜单栏【便民服务】解锁更多服务！", isPromoLine, true},
		{"相关资讯请关注:逆水寒专区", isPromoLine, true},
		{"市民出行请关注路况信息。", isPromoLine, false},
		{"共找到 13,046 个相关新闻.", isSearchCount, true},
		{"三个相关部门联合发文", isSearchCount, false},
		{"文章引用：赵培. 淘宝网物流配送存在的问题及对策研究[J]. 现代市场营销, 2018", isCitationLine, true},
		{"发表于 2004年12月27日 12:40 - (阅读:3727;评论:63)", isInfoLine, true},
		{"2020-11-23 10:22:14 出处：某站 作者：甲 编辑：乙 人气：35", isInfoLine, true},
		{`作者： size="20" 来源： size="20" 发布日期： 9/17/2004 5:54:13 AM`, isInfoLine, true},
		{"报名时间：2020年5月1日", isInfoLine, false},
		{"来源：新华社 作者：张三", isInfoLine, false},
		{"更多评论 共 4 条评论", isCommentCount, true},
		{"评论区很热闹", isCommentCount, false},
		{"声明：本文仅代表作者观点，不代表本站立场。", isReprintNotice, true},
		{"声明：公司从未发布过该产品。", isReprintNotice, false},
		{"（本文系作者原创）", isReprintNotice, true},
		{"（原标题：民警电话遭停机）", isOriginalTitle, true},
		{"本文原标题：《定了！邮轮母港即将开通》", isOriginalTitle, true},
		{"课文来自《读者》1995年第2期，原标题为《宇航员之死》。", isOriginalTitle, false},
		{"原题：随着互联网普及，人们获取信息的方式发生了深刻变化。请以此为题写一篇文章。", isOriginalTitle, false},
		{"原标题：《活着》是余华的代表作，讲述了福贵的一生。", isOriginalTitle, false},
		{"（原题：民警电话遭停机）", isOriginalTitle, true},
		{"发布日期：", isLabelStub, true},
		{"【责任编辑：】", isLabelStub, false},
		{"责任编辑：", isLabelStub, true},
		{"备注：", isLabelStub, false},
		{"（本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP）", isPromoLine, true},
		// Sentences of the text that share a word with a promo or a note stay.
		{"这些谣言大多来自网络。", isWebSourceNote, false},
		{"部分网友质疑，相关视频来自网络，并非事发现场拍摄。", isWebSourceNote, false},
		{"部分图片来自网络", isWebSourceNote, true},
		{"双方表示将进一步深化商务合作。", isPromoLine, false},
		{"市民可点击进入官网报名。", isPromoLine, false},
		{"专家提醒，请下载官方应用核实信息。", isPromoLine, false},
		{"活动期间欢迎关注。", isPromoLine, false},
		{"欢迎关注我们的公众号", isPromoLine, true},
		{"商务合作：biz@example.com", isPromoLine, true},
		{"本次通车仪式共有500余人参与。", isCommentCount, false},
		{"已有 12 人参与", isCommentCount, true},
		{"共有3篇相关论文获奖。", isSearchCount, false},
		{"警方已查获3个相关窝点。", isSearchCount, false},
		{"2003-7-24 钱江晚报", isDateLine, true},
		{"2020年1月1日，记者来到现场。", isDateLine, false},
		{"展开全文", isExpanderLabel, true},
		{"展开剩余85%", isExpanderLabel, true},
		{"点击加载更多", isExpanderLabel, true},
		{"·", isBareMark, true},
		{"___", isBareMark, false},
		{"· 新闻", isBareMark, false},
		{"查看更多评论和回复的方法", isExpanderLabel, false},
		{"——论争取自由的方式及其相互关系(下)", isSubtitle, true},
		{"“你好”——他说", isSubtitle, false},
	}
	for _, tt := range tests {
		if got := tt.f(tt.line); got != tt.want {
			t.Errorf("%q: got %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestRepeatsLead(t *testing.T) {
	later := []string{"2014年8月22日，某论坛在北京举行，参会人数超过了700人。主持人介绍了议程。", "会上，多位专家发言。"}
	if !repeatsLead("摘要：2014年8月22日，某论坛在北京举行，参会人数超过了700人。", later) {
		t.Error("labelled summary repeating the lead not found")
	}
	if repeatsLead("2015年，另一场论坛在上海举行，讨论了完全不同的议题和安排。", later) {
		t.Error("a first paragraph of its own taken for a summary")
	}
}

func TestDropEndMatter(t *testing.T) {
	para := "这是文章的正文段落，记者在现场看到，许多市民排队等候办理业务，工作人员耐心解答各种问题。"
	para2 := "第二段里，负责人介绍说，今年以来共办理各类业务三万余件，群众满意率达到百分之九十八。"
	tests := []struct {
		name     string
		in, want []string
	}{
		{
			name: "promo menu after the text",
			in:   []string{para, para2, "校对|某某", "1、回复【社保】查询记录", "2、回复【入户】查询政策", "点击菜单栏【便民服务】解锁更多服务！"},
			want: []string{para, para2, "校对|某某"},
		},
		{
			name: "short signature below a web-source note",
			in:   []string{para, para2, "信息来源于网络", "经过某某重新编排"},
			want: []string{para, para2},
		},
		{
			name: "prose below a marker stops the search",
			in:   []string{para, "- THE END -", para2, para2 + "又及。"},
			want: []string{para, "- THE END -", para2, para2 + "又及。"},
		},
		{
			name: "headline and info line above the text",
			in:   []string{"某某市召开座谈会", `作者： size="20" 来源： 发布日期： 9/17/2004 5:54:13 AM`, para},
			want: []string{para},
		},
		{
			name: "headline block closed by a date line",
			in:   []string{"拆房屡出命案", "谁来埋单？", "2003-7-24 钱江晚报", para},
			want: []string{para},
		},
		{
			name: "expander label mid-text and a back link",
			in:   []string{para, "展开全文", para2 + "返回腾讯网首页>>"},
			want: []string{para, para2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dropEndMatter(slices.Clone(tt.in))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
