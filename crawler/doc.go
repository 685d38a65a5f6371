// Package crawler fetches news portals politely and turns their article pages
// into records with the extract package.
//
// A scheduler (scheduler.go) keeps a queue and a politeness clock per host:
// delay between request starts, concurrency, robots.txt Crawl-delay and
// Retry-After pauses. A request starts only when its host allows it, so
// waiting never holds a worker or counts against the request's timeout, and
// a slow, paused or failing host slows only itself. A host whose pause is
// longer than Config.MaxPause, whose error budget is spent or whose
// robots.txt cannot be read is set aside for the run; its URLs are carried
// over to the next run.
//
// Each request is performed by a colly Collector behind an
// http.RoundTripper that counts requests, reports Retry-After pauses,
// caches robots.txt per host and hides the charset from colly, so that the
// raw bytes reach extract.Extract undecoded. The queues, the set of URLs seen
// in the run and the requests in flight live in a Frontier (store.Frontier
// keeps them on disk, in the state file): a run
// that does not complete is continued by the next one. Pages are discovered
// from links on seed and listing pages, RSS/Atom feeds and sitemaps; each
// fetched page is parsed once, by extract.Extract, which also returns its
// links. Durable per-URL state (content hash of the last emitted record,
// cache validators, dead links) is kept in a store.State, so a rerun emits
// only new or changed articles. A state or output error ends the run at once.
package crawler
