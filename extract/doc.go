// Package extract turns the raw bytes of a news page into an Article: title,
// publish date, source, authors, editor and body text, with boilerplate removed.
//
// Extraction is a pure function of the page bytes, its URL and its HTTP
// headers: it does no I/O, keeps no state between calls and is safe for
// concurrent use. The page is decoded (see Decode), parsed once, and every
// field is taken from that single tree.
package extract
