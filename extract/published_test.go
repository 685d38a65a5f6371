package extract

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad test time %q: %v", s, err)
	}
	return v
}

func TestPickPublished(t *testing.T) {
	type cand struct {
		src     dateSource
		t       string // RFC 3339
		hasTime bool
		dist    int
		label   bool
		flags   string // u=updated b=inBody l=listed n=line a=ambiguous (alt swaps day and month) d=dotted day first
	}
	tests := []struct {
		name  string
		lang  string
		cands []cand
		want  string // RFC 3339; "" means zero
	}{
		{"nothing", "en", nil, ""},
		{"structured only", "en", []cand{{src: srcLD, t: "2021-01-21T13:15:00+08:00", hasTime: true}}, "2021-01-21T13:15:00+08:00"},
		{"day-only meta completed by a printed time", "en", []cand{
			{src: srcMeta, t: "2021-01-21T00:00:00Z"},
			{src: srcText, t: "2021-01-21T13:15:00+08:00", hasTime: true, dist: 1},
		}, "2021-01-21T13:15:00+08:00"},
		{"UTC metadata, local time printed: offset recovered", "en", []cand{
			{src: srcLD, t: "2023-11-09T04:15:00Z", hasTime: true},
			{src: srcText, t: "2023-11-08T23:15:00Z", hasTime: true, dist: 3},
		}, "2023-11-08T23:15:00-05:00"},
		{"UTC metadata, local day printed", "de", []cand{
			{src: srcMeta, t: "2021-11-04T22:30:00Z", hasTime: true},
			{src: srcText, t: "2021-11-05T00:00:00Z", dist: 4, label: true},
		}, "2021-11-05T00:00:00Z"},
		{"republished: labelled date beside the headline wins", "de", []cand{
			{src: srcLD, t: "2017-08-21T13:09:00Z", hasTime: true},
			{src: srcText, t: "2019-04-03T00:00:00Z", dist: 2, label: true},
		}, "2019-04-03T00:00:00Z"},
		{"unlabelled far-ish date loses to metadata", "en", []cand{
			{src: srcMeta, t: "2020-05-01T10:00:00+02:00", hasTime: true},
			{src: srcText, t: "2020-03-01T00:00:00Z", dist: 6},
		}, "2020-05-01T10:00:00+02:00"},
		{"URL backs the metadata", "en", []cand{
			{src: srcMeta, t: "2013-11-27T08:36:32Z", hasTime: true},
			{src: srcText, t: "2013-11-28T00:00:00Z", dist: 2},
			{src: srcURL, t: "2013-11-27T00:00:00Z"},
		}, "2013-11-27T08:36:32Z"},
		{"time element backs the metadata", "de", []cand{
			{src: srcLD, t: "2023-10-26T13:12:55+02:00", hasTime: true},
			{src: srcTimeAttr, t: "2023-10-26T13:12:55+02:00", hasTime: true},
			{src: srcText, t: "2023-10-19T00:00:00Z", dist: 3, label: true},
		}, "2023-10-26T13:12:55+02:00"},
		{"another date line agrees with the metadata", "de", []cand{
			{src: srcMeta, t: "2022-12-25T11:00:02Z", hasTime: true},
			{src: srcText, t: "2022-12-07T10:10:52Z", hasTime: true, dist: 1, label: true},
			{src: srcText, t: "2022-12-25T00:00:00Z", dist: 1},
		}, "2022-12-25T11:00:02Z"},
		{"listed dates are other articles'", "de", []cand{
			{src: srcMeta, t: "2022-08-14T15:43:26+02:00", hasTime: true},
			{src: srcText, t: "2021-08-14T00:00:00Z", dist: 1, label: true, flags: "l"},
		}, "2022-08-14T15:43:26+02:00"},
		{"updated date is not the publish date", "en", []cand{
			{src: srcMeta, t: "2020-01-01T09:00:00Z", hasTime: true},
			{src: srcText, t: "2020-02-01T00:00:00Z", dist: 1, flags: "u"},
		}, "2020-01-01T09:00:00Z"},
		{"only an update time", "zh", []cand{
			{src: srcText, t: "2005-04-05T06:40:00+08:00", hasTime: true, dist: 1, flags: "u"},
			{src: srcText, t: "2005-04-03T17:19:00+08:00", hasTime: true, dist: 14},
		}, "2005-04-05T06:40:00+08:00"},
		{"metadata is the printed update time", "en", []cand{
			{src: srcMeta, t: "2024-12-07T12:43:39Z", hasTime: true},
			{src: srcText, t: "2024-12-06T22:00:00Z", hasTime: true, dist: 3, label: true},
			{src: srcText, t: "2024-12-07T12:43:00Z", hasTime: true, dist: 3, flags: "u"},
		}, "2024-12-06T22:00:00Z"},
		{"no structured data: the headline's date", "de", []cand{
			{src: srcText, t: "2022-01-21T00:00:00Z", dist: 1},
			{src: srcText, t: "2021-05-01T00:00:00Z", dist: 30},
		}, "2022-01-21T00:00:00Z"},
		{"no structured data: the URL date with a printed time", "en", []cand{
			{src: srcURL, t: "2007-05-20T00:00:00Z"},
			{src: srcText, t: "2007-05-20T18:30:00Z", hasTime: true, dist: 4},
		}, "2007-05-20T18:30:00Z"},
		{"body prose dates are not date lines", "en", []cand{
			{src: srcMeta, t: "2019-11-27T15:21:21+01:00", hasTime: true},
			{src: srcText, t: "2020-02-21T00:00:00Z", dist: 3, flags: "b"},
		}, "2019-11-27T15:21:21+01:00"},
		{"03/04 on a German page: day first", "de", []cand{
			{src: srcText, t: "2020-03-04T00:00:00Z", dist: 1, flags: "a"},
		}, "2020-04-03T00:00:00Z"},
		{"03/04 on an English page: month first", "en", []cand{
			{src: srcText, t: "2020-03-04T00:00:00Z", dist: 1, flags: "a"},
		}, "2020-03-04T00:00:00Z"},
		{"03/04 settled by the URL", "en", []cand{
			{src: srcText, t: "2020-03-04T00:00:00Z", dist: 1, flags: "a"},
			{src: srcURL, t: "2020-04-03T00:00:00Z"},
		}, "2020-04-03T00:00:00Z"},
		{"02.12.19 on an English page: still day first", "en", []cand{
			{src: srcText, t: "2019-12-02T00:00:00Z", dist: 1, flags: "d"},
		}, "2019-12-02T00:00:00Z"},
		{"11.03.17 read month first when the metadata says so", "en", []cand{
			{src: srcLD, t: "2017-11-03T03:01:00Z", hasTime: true},
			{src: srcText, t: "2017-03-11T00:00:00Z", dist: 1, label: true, flags: "d"},
		}, "2017-11-03T03:01:00Z"},
		{"UTC 23:00:00 is a local midnight", "de", []cand{
			{src: srcMeta, t: "2022-11-06T23:00:00Z", hasTime: true},
		}, "2022-11-07T00:00:00+01:00"},
		{"structured values an exact number of hours apart: the earlier", "en", []cand{
			{src: srcLD, t: "2020-04-25T07:25:06Z", hasTime: true},
			{src: srcMeta, t: "2020-04-24T21:25:06Z", hasTime: true},
		}, "2020-04-24T21:25:06Z"},
		{"structured values apart by minutes: the first", "en", []cand{
			{src: srcLD, t: "2020-04-25T07:25:06Z", hasTime: true},
			{src: srcMeta, t: "2020-04-24T21:20:06Z", hasTime: true},
		}, "2020-04-25T07:25:06Z"},
		{"listed dates only, on an article: the closest", "de", []cand{
			{src: srcText, t: "2021-11-19T00:00:00Z", dist: 33, flags: "l"},
			{src: srcText, t: "2021-11-30T00:00:00Z", dist: 151},
		}, "2021-11-19T00:00:00Z"},
		{"a related box's date loses to a date line in the article's text", "en", []cand{
			{src: srcText, t: "2024-04-12T00:00:00Z", dist: 58, label: true, flags: "b"},
			{src: srcText, t: "2024-04-09T00:00:00Z", dist: 10, label: true, flags: "l"},
			{src: srcText, t: "2023-08-29T00:00:00Z", dist: 13, label: true, flags: "l"},
		}, "2024-04-12T00:00:00Z"},
		{"an unlisted date outside the article does not beat a related box", "en", []cand{
			{src: srcText, t: "2024-04-09T00:00:00Z", dist: 10, flags: "l"},
			{src: srcText, t: "2024-04-12T00:00:00Z", dist: 58},
		}, "2024-04-09T00:00:00Z"},
		{"<time> elements of several days: the date line by the headline", "de", []cand{
			{src: srcTimeAttr, t: "2020-09-23T18:19:06+02:00", hasTime: true},
			{src: srcTimeAttr, t: "2020-09-26T10:40:52+02:00", hasTime: true},
			{src: srcTimeAttr, t: "2020-09-22T12:45:17+02:00", hasTime: true},
			{src: srcText, t: "2020-09-20T00:00:00Z", dist: 8, flags: "n"},
		}, "2020-09-20T00:00:00Z"},
		{"<time> elements of one day: kept over a far-ish date line", "de", []cand{
			{src: srcTimeAttr, t: "2020-09-23T18:19:06+02:00", hasTime: true},
			{src: srcTimeAttr, t: "2020-09-23T19:40:52+02:00", hasTime: true},
			{src: srcText, t: "2020-09-20T00:00:00Z", dist: 8, flags: "n"},
		}, "2020-09-23T18:19:06+02:00"},
		{"UTC <time> and a local day-only <time>", "es", []cand{
			{src: srcLD, t: "2022-05-04T00:25:56Z", hasTime: true},
			{src: srcTimeAttr, t: "2022-05-03T00:00:00Z"},
		}, "2022-05-03T00:00:00Z"},
	}
	for _, tt := range tests {
		var cands []dateCandidate
		for _, c := range tt.cands {
			dc := dateCandidate{t: mustTime(t, c.t), hasTime: c.hasTime, src: c.src, block: -1, dist: c.dist, label: c.label}
			if c.src == srcText {
				dc.block, dc.near = 10+c.dist, true
			}
			for _, f := range c.flags {
				switch f {
				case 'u':
					dc.updated = true
				case 'b':
					dc.inBody = true
				case 'l':
					dc.listed = true
				case 'n':
					dc.line = true
				case 'a':
					dc.alt = time.Date(dc.t.Year(), time.Month(dc.t.Day()), int(dc.t.Month()), 0, 0, 0, 0, dc.t.Location())
				case 'd':
					dc.alt = time.Date(dc.t.Year(), time.Month(dc.t.Day()), int(dc.t.Month()), 0, 0, 0, 0, dc.t.Location())
					dc.dayFirst = true
				}
			}
			cands = append(cands, dc)
		}
		got := pickPublished(cands, tt.lang, "https://example.com/news/2020/story-1.html")
		gs := ""
		if !got.IsZero() {
			gs = got.Format(time.RFC3339)
		}
		if gs != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, gs, tt.want)
		}
	}
}

func TestDateLabel(t *testing.T) {
	tests := []struct {
		before             string
		updated, published bool
	}{
		{"Published: ", false, true},
		{"Veröffentlicht am ", false, true},
		{"Updated ", true, false},
		{"Published Jan 1, 2020 · Updated ", true, false},
		{"Aktualisiert: ", true, false},
		{"Letzte Änderung: ", true, false},
		{"Ultima modifica: ", true, false},
		{"Dernière modification le ", true, false},
		{"Senast uppdaterad ", true, false},
		{"Laatst gewijzigd op ", true, false},
		{"Publié le 3 mars · Modifié le ", true, false},
		{"发布时间：", false, true},
		{"Erstellt am: ", false, true},
		{"Released Wednesday, ", false, true},
		{"Erstellt am 3.2.2022 · zuletzt bearbeitet: ", true, false},
		{"By Jane Doe, ", false, false},
		{"", false, false},
		// Only the words just before the date count.
		{"主席签署命令 发布《军队装备试验鉴定规定》的报道全文，央广网北京", false, false},
	}
	for _, tt := range tests {
		u, p := dateLabel(tt.before)
		if u != tt.updated || p != tt.published {
			t.Errorf("dateLabel(%q) = %v, %v; want %v, %v", tt.before, u, p, tt.updated, tt.published)
		}
	}
}

// TestPublishedPages runs whole pages through Extract.
func TestPublishedPages(t *testing.T) {
	tests := []struct {
		name, url, html, want string
	}{
		{"German date line under the headline", "https://example.org/news/a", `<html lang="de"><body>
<h1>Marode Straßen und Brücken: Erhalt statt Neubau</h1>
<p class="date">21. Januar 2022 | Mobilität</p>
<p>Anlässlich der Diskussionen um einen Ersatzneubau für die völlig marode Brücke fordert der Verband, das Geld in den Erhalt zu stecken, statt neue Straßen zu bauen. Das sei billiger und schone die Umwelt.</p>
<p>Der schlechte Zustand der gesamten Infrastruktur ist auch darauf zurückzuführen, dass jahrzehntelang zu wenig in den Erhalt investiert wurde, sagte die Geschäftsführerin am Freitag in Berlin.</p>
</body></html>`, "2022-01-21T00:00:00Z"},
		{"Korean byline inside the body", "https://example.kr/news/1", `<html lang="ko"><body>
<h2>코로나19 극복 성금 기탁 줄 잇는다</h2>
<div class="article"><div>이용민 기자 | 2020-03-04 16:52:59</div>
<div>세종시와 세종사회복지공동모금회는 4일 시청 접견실에서 코로나19 극복을 위한 특별모금 성금 전달식을 열었다고 밝혔다. 이날 전달식에는 여러 기업과 단체가 참석했다.</div>
<div>이춘희 시장은 이번 성금은 코로나19로 어려워하는 세종시 주민들을 위해 소중하게 쓰일 것이라며 감사의 뜻을 전했다. 모금은 이달 말까지 이어진다.</div></div>
</body></html>`, "2020-03-04T16:52:59+09:00"},
		{"republished page: the printed date beats stale JSON-LD", "https://example.com/a/story,123", `<html lang="de"><head>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Sieben Berufe, die Zukunft haben","datePublished":"2017-08-21T13:09:00Z"}</script>
</head><body>
<h1>Sieben Berufe, die Zukunft haben</h1>
<div class="meta"><div class="date">03.04.2019</div><div>Von Max Muster</div></div>
<p>Die Digitalisierung verändert die Arbeitswelt grundlegend, und manche Berufe werden in Zukunft noch wichtiger als heute. Wir stellen sieben davon vor und sagen, was man dafür können muss.</p>
<p>Wer heute eine Ausbildung beginnt, sollte sich genau überlegen, welche Fähigkeiten in zehn Jahren noch gefragt sein werden, rät die Expertin im Gespräch mit unserer Redaktion.</p>
</body></html>`, "2019-04-03T00:00:00Z"},
		{"long post-meta paragraph after the text", "https://example.net/blog/kein-titel/", `<html lang="en"><body>
<h1>No cyberterrorism this time</h1>
<div class="entry"><p>The exercise tested how the agencies would cope with an attack on the power grid, and the results were sobering for everyone who took part in it over the two days.</p>
<p>Most of the scenarios were resolved only after long delays, because nobody knew who was in charge of the response and the phone lists were out of date.</p></div>
<p class="postmetadata"><small>This entry was posted on Saturday, December 3rd, 2011 at 10:05 am and is filed under Cybercrime, Security. You can follow any responses to this entry through the RSS 2.0 feed. Responses are currently closed.</small></p>
<p>Just another weblog about security and the law, written in my spare time since 2005 and still going strong after all these years of writing.</p>
</body></html>`, "2011-12-03T10:05:00Z"},
		{"news item opening with a dated paragraph", "https://example.de/news-1010/gedenktag.html", `<html lang="de"><body>
<h1>Gedenktag: Erinnerung mit Stolpersteinen</h1>
<p>Von Claudia Lindner</p>
<p>27.1.2022 - Bei der Erinnerung an die Verfolgten des NS-Regimes wurden lesbische Frauen lange übersehen. Eine neue Initiative will das ändern und verlegt nun Stolpersteine für sie, zuerst in Berlin.</p>
<p>Die Initiative hat in den vergangenen Jahren viele Biografien recherchiert und dabei mit Archiven und Angehörigen zusammengearbeitet, um die Geschichten der Frauen zu erzählen.</p>
</body></html>`, "2022-01-27T00:00:00Z"},
		{"front page: its newest entry, not the first", "https://example.net/sh/", `<html lang="de"><body>
<h1>Ortsverband Nord</h1>
<div class="post"><h2><a href="/sh/b">Neuer Vorstand gewählt</a></h2><p class="date">09.05.2013</p><p>Die Mitgliederversammlung hat einen neuen Vorstand gewählt, der die Arbeit fortsetzt.</p></div>
<div class="post"><h2><a href="/sh/a">Sommerfest am See</a></h2><p class="date">19.07.2014</p><p>Wir laden alle Mitglieder und Freunde herzlich zu unserem Sommerfest ein, mit Musik und Grill.</p></div>
<div class="post"><h2><a href="/sh/c">Wahlkampf beginnt</a></h2><p class="date">22.12.2012</p><p>Mit einer Plakataktion in der Innenstadt beginnt der Wahlkampf für die Landtagswahl.</p></div>
<div class="post"><h2><a href="/sh/d">Stammtisch</a></h2><p class="date">14.12.2012</p><p>Der nächste Stammtisch findet wie immer am ersten Dienstag im Monat statt.</p></div>
</body></html>`, "2014-07-19T00:00:00Z"},
	}
	for _, tt := range tests {
		a, err := Extract([]byte(tt.html), tt.url, nil, &Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got := ""
		if !a.PublishedAt.IsZero() {
			got = a.PublishedAt.Format(time.RFC3339)
		}
		if got != tt.want {
			t.Errorf("%s: PublishedAt = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestImageURLDate(t *testing.T) {
	tests := []struct {
		name, html, want string // want is a day, "" for none
	}{
		{"share image", `<html><head><meta property="og:image" content="https://example.org/files/2016/05/04/report-og.png"></head><body><img src="/img/2015/01/02/a.jpg"></body></html>`, "2016-05-04"},
		{"first dated image", `<html><body><img src="/logo.png"><img src="/uploads/2019/12/02/photo.jpg"><img src="/uploads/2020/01/01/b.jpg"></body></html>`, "2019-12-02"},
		{"month folders only", `<html><body><img src="/wp-content/uploads/2019/12/photo.jpg"></body></html>`, ""},
		{"scripts are not images", `<html><body><script>var a = "<img src='/2019/12/02/x.jpg'>";</script></body></html>`, ""},
	}
	for _, tt := range tests {
		root, err := html.Parse(strings.NewReader(tt.html))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if d, ok := imageURLDate(root); ok {
			got = d.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestListingURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://example.net/", true},
		{"https://example.net", true},
		{"https://example.net/sh/", true},
		{"https://example.net/politik?ref=nav", true},
		{"https://example.net/news/2011/12/kein-titel/", false},
		{"https://example.net/?p=959", false},
		{"https://example.net/story-123.html", false},
		{"https://example.net/a/b", false},
	}
	for _, tt := range tests {
		if got := listingURL(tt.url); got != tt.want {
			t.Errorf("listingURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

func TestSiteSpecificPublishMeta(t *testing.T) {
	page := `<html><head><title>Spring</title><meta content='2013-02-16T04:36:36-05:00' property='five_hundred_pixels:uploaded'>
<meta property='x:modified' content='2014-01-01T00:00:00Z'></head><body><h1>Spring</h1><p>A photo of blossoms in the park, taken on a bright morning.</p></body></html>`
	a, err := Extract([]byte(page), "http://x.test/photo/1", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.PublishedAt.Format(time.RFC3339); got != "2013-02-16T04:36:36-05:00" {
		t.Errorf("published = %s", got)
	}
	for k, want := range map[string]bool{"five_hundred_pixels:uploaded": true, "sailthru.pubdate_gmt": true, "x:modified": false, "article:updated_time": false} {
		if isPublishKey(k) != want {
			t.Errorf("isPublishKey(%q) != %v", k, want)
		}
	}
}
