// Package crawler fetches news portals politely and turns their article pages
// into records with the extract package.
//
// It drives a colly Collector whose visited set and request queue live on
// disk (store.Frontier), behind an http.RoundTripper that enforces per-host
// delay and concurrency, caches robots.txt per host, and hides the charset
// from colly so that the raw bytes reach extract.Extract undecoded. Pages are
// discovered from links on seed and listing pages, RSS/Atom feeds and
// sitemaps; each fetched page is parsed once, by extract.Extract, which also
// returns its links. Durable per-URL state (content hash of the last emitted
// record, cache validators) is kept in a store.State, so a rerun emits only
// new or changed articles.
package crawler
