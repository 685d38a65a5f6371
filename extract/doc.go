// Package extract turns the raw bytes of a news page into an Article: title,
// publish date, source, authors, editor and body text, with boilerplate removed.
//
// Extraction is a pure function of the page bytes, its URL and its HTTP
// headers: it does no I/O, keeps no state between calls and is safe for
// concurrent use. The page is decoded (see Decode), parsed once, and every
// field is taken from that single tree.
//
// Inside, a page goes through named stages, each in the file named for it
// (pipeline.go lists them): decode (decode.go: charset choice in charset.go
// and charset_sniff.go, byte repair in mojibake.go), parse (parse.go, with
// the metadata walk in scan.go), metadata (headline.go, title*.go), blocks
// (segment.go, blocks.go), candidates (candidates.go, body.go, and the
// second opinion in arbiter.go), credits (attribution.go, byline.go,
// credit_*.go), fields (fields.go, published*.go, date*.go) and record
// (record.go).
package extract
