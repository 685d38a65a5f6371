// Package dedup finds reprints of the same story among article bodies.
//
// A portal that reprints a 新华社 story wraps it in its own header and
// footer, appends its own （责任编辑：…） line, may add an 编者按 or drop
// the last paragraph. Exact hashes (content_hash) miss all of these, so
// dedup compares bodies by a similarity fingerprint instead:
//
//   - Shingles: the body is NFKC-normalized and lower-cased; punctuation,
//     symbols and whitespace are dropped. Han (and kana/hangul) characters
//     are one token each, runs of letters and digits are one token (a
//     word), and every 3 consecutive tokens form a shingle: character
//     3-grams for Chinese, 3-word shingles for English, both for mixed
//     text, with one code path.
//   - Fingerprint: a MinHash signature of the distinct shingles (Broder
//     1997), 32 values of 16 bits; the share of equal values estimates the
//     Jaccard similarity of two bodies' shingle sets.
//   - Index: locality-sensitive hashing over 16 bands of 2 values finds
//     the candidates sharing a band; the most similar one at or above
//     DefaultThreshold is the match.
//   - Grouper assigns each body the key (url) of the earliest-seen body of
//     the same story.
//   - Templates learns each site's template lines (printed in the bodies
//     of 3 or more of its records) so that they are dropped before
//     fingerprinting: otherwise two short stories in one heavy template
//     look alike. Records (newspipe dedup) does all of this over JSONL.
//
// MinHash was chosen over a 64-bit SimHash (Charikar 2002; Manku et al.
// 2007) by measurement on real article bodies with the transformations
// above (eval_test.go): SimHash needs Hamming distance 13–14 to find 95% of
// the reprints, beyond what block-table indexes serve at a million
// fingerprints, while MinHash finds 99% with no false match.
//
// Limits: Traditional and Simplified characters are different tokens (no
// Traditional→Simplified converter ships with golang.org/x/text), so a
// story reprinted in the other script is not found; bodies with fewer
// than MinShingles shingles are too short to fingerprint and are never
// grouped; a site that prints one story under 3 or more urls makes its
// lines look like template.
package dedup
