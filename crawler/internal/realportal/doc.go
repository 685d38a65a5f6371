// Package realportal serves real news pages from the shared corpus as a set
// of loopback news sites, for the crawler's integration tests and
// benchmarks.
//
// Start opens one listener per host, at 127.0.0.2, 127.0.0.3, ... (or at
// 127.0.0.1 on distinct ports where those addresses cannot be bound). Each
// host is a small portal:
//
//	/                       home page: listing pages, feed, traps, trouble
//	/list/N.html            paginated listings (rel=next), newest first
//	/news/N.html            articles: real corpus pages, as in the corpus
//	                        but for a few insertions (below)
//	/rss.xml                RSS feed of the newest articles
//	/sitemap_index.xml      sitemap index naming /sitemap-news.xml.gz
//	/sitemap-news.xml.gz    gzipped news sitemap
//	/robots.txt             Sitemap line, Disallow: /private/ and /search,
//	                        optional Crawl-delay
//
// Article pages come from three pools chosen from the corpus: Chinese GBK
// pages (cwced-chinese-web-content), Chinese UTF-8 pages (gne-testpages) and
// English pages (scrapinghub-aeb). Every pooled page is checked at start
// with extract.Extract under its correct charset: it must give a title, an
// article verdict and a body of at least 200 characters holding the
// article's Phrase, its Marker and an edit paragraph, so that a crawler test
// that misses them points at the crawler. A page is served with a few
// insertions only, all in the page's own encoding: a marker sentence after
// the Phrase (unique per article, so reused pages differ in content hash),
// the paragraphs added by Edit, and a block of same-host links before
// </body>.
//
// Each host also carries the trouble real portals have, every kind of which
// can be turned off through Options.Without: redirects (301, 302, a 302 into
// the disallowed directory, a loop), 404, 410 and 500 pages, an article that
// fails a few times before it works, a 503 with Retry-After, a slow article,
// pages that hang, huge bodies, tracking-parameter duplicate links, endless
// calendar, archive and gallery traps, wrong, missing and odd charset
// headers, and dead links inside articles. Some articles can be found only
// through the feed, the sitemap, the listings or a redirect (Article.OnlyIn).
//
// Every request is logged (Portal.Requests) so that tests can check
// politeness: spacing per host, Crawl-delay and Retry-After, disallowed
// paths never requested, each article fetched once.
//
// Start costs about half a second (the pages are extracted to be checked),
// so tests should share a portal where they can. Without a corpus, Start
// returns ErrNoCorpus and tests should skip.
package realportal
