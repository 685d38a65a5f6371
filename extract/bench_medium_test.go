package extract

import (
	"fmt"
	"strings"
	"testing"
)

// mediumPageBytes builds a medium-sized news article page (about 7 KB): a
// head with Open Graph and JSON-LD metadata, a navigation bar, a byline and
// a dateline, a dozen paragraphs with inline links, a related-stories list,
// a sidebar and a footer full of links. It stands for the typical article
// page of a regional news site, between smallPage and the corpus's heavy
// portal pages.
func mediumPageBytes(id int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour district plan %d approved after two-year debate | City Herald</title>
<meta name="description" content="The council approved the plan for the harbour district on Tuesday.">
<meta property="og:title" content="Harbour district plan %d approved after two-year debate">
<meta property="og:site_name" content="City Herald">
<meta property="og:type" content="article">
<meta name="author" content="Maria Jensen">
<link rel="canonical" href="https://herald.test/news/2026/02/12/harbour-plan-%d.html">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour district plan %d approved after two-year debate","datePublished":"2026-02-12T10:%02d:00+01:00","author":{"@type":"Person","name":"Maria Jensen"}}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script>
<style>.nav a{margin:0 4px}.share{display:flex}</style>
</head><body>
<header class="site-header"><a class="logo" href="/">City Herald</a>
<nav class="main-nav"><ul>`, id, id, id, id, id%60)
	for _, s := range []string{"News", "Politics", "Business", "Sport", "Culture", "Opinion", "Weather", "Traffic", "Obituaries", "Jobs", "Property", "Contact"} {
		fmt.Fprintf(&b, `<li><a href="/%s/">%s</a></li>`, strings.ToLower(s), s)
	}
	b.WriteString(`</ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/news/">News</a> &rsaquo; <a href="/news/city/">City</a></div>
<main><article class="story">
`)
	fmt.Fprintf(&b, `<h1 class="headline">Harbour district plan %d approved after two-year debate</h1>
<p class="standfirst">Four hundred homes, a park and a school are to be built on former industrial land by the water.</p>
<div class="byline">By <a href="/authors/maria-jensen/" rel="author">Maria Jensen</a>, City Reporter</div>
<time class="published" datetime="2026-02-12T10:%02d:00+01:00">12 February 2026, 10:%02d</time>
<div class="share"><a href="https://facebook.test/share">Share</a> <a href="https://x.test/intent">Post</a> <a href="mailto:?subject=story">Email</a></div>
<figure><img src="/img/harbour-%d.jpg" alt="The old harbour"><figcaption>The old harbour quarter seen from the north bridge. Photo: Lars Berg</figcaption></figure>
`, id, id%60, id%60, id)
	paras := []string{
		`The city council on Tuesday approved plan number %d for the harbour district, ending a debate that has lasted for more than two years and divided residents of the old quarter.`,
		`Under the plan, some four hundred new homes will be built on former industrial land, with a park along the water and a school for six hundred pupils, officials said after the vote.`,
		`"This is the biggest change to the waterfront in a generation," the deputy mayor told reporters outside the <a href="/council/">council chamber</a>. "We listened to the residents and we changed the plan three times."`,
		`Opponents argued that the area lacks transport links and that traffic on the two bridges is already heavy at peak hours; the council promised a new bus line before the first homes open.`,
		`The residents' association, which gathered more than three thousand signatures against an earlier version of the plan, said it would study the final text before deciding whether to appeal.`,
		`Construction is expected to start next spring and to take about four years, according to the developer, which has agreed to keep a third of the homes for rent at regulated prices.`,
		`The park, about six hectares, will follow the line of the old quay. Two of the warehouses will be kept and turned into a market hall and a library, the plan says.`,
		`The school is due to open in the autumn of 2029. Until then, pupils from the district will keep going to the two schools on the other side of the river, <a href="/news/schools-%d.html">as reported earlier</a>.`,
		`Environmental groups welcomed the park but warned that the soil on parts of the site is polluted and must be cleaned before any homes are built there.`,
		`The council said the cleaning would be paid for by the developer and checked by the regional environment office, and that the first results would be published in the summer.`,
		`Shops on the main street of the quarter hope the new residents will bring more customers. "We have waited a long time for this," said the owner of a bakery near the old ferry stop.`,
		`The vote was 31 to 18, with two members absent. The opposition said it would raise the transport question again when the budget is debated in the autumn.`,
	}
	for i, p := range paras {
		if strings.Contains(p, "%d") {
			p = fmt.Sprintf(p, id+i)
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString(`<div class="tags">Topics: <a href="/tag/housing/">Housing</a> <a href="/tag/harbour/">Harbour</a> <a href="/tag/council/">Council</a></div>
</article>
<section class="related"><h2>Related stories</h2><ul>`)
	for i := range 6 {
		fmt.Fprintf(&b, `<li><a href="/news/2026/02/%02d/story-%d.html">Council debates the budget for the coming year, part %d</a></li>`, i+3, id-i-1, i+1)
	}
	b.WriteString(`</ul></section>
<aside class="sidebar"><h3>Most read</h3><ol>`)
	for i := range 5 {
		fmt.Fprintf(&b, `<li><a href="/news/2026/02/%02d/popular-%d.html">Storm warning for the coast this weekend, number %d</a></li>`, i+5, id+i, i+1)
	}
	b.WriteString(`</ol><div class="newsletter">Sign up for our daily newsletter <form action="/subscribe"><input type="email" name="e"><button>Subscribe</button></form></div></aside>
</main>
<footer class="site-footer"><ul><li><a href="/about/">About us</a></li><li><a href="/contact/">Contact</a></li><li><a href="/privacy/">Privacy</a></li><li><a href="/terms/">Terms of use</a></li><li><a href="/advertise/">Advertise</a></li></ul>
<p>&copy; 2026 City Herald. All rights reserved.</p></footer>
<script src="/js/app.js"></script>
</body></html>`)
	return []byte(b.String())
}

// BenchmarkExtractMediumPage extracts one medium page (mediumPageBytes) the
// way the crawler does, like BenchmarkExtractSmallPage.
// Run: go test ./extract -run '^$' -bench MediumPage -benchmem
func BenchmarkExtractMediumPage(b *testing.B) {
	benchmarkExtractPage(b, mediumPageBytes(1234567), "https://herald.test/news/2026/02/12/harbour-plan-1234567.html")
}
