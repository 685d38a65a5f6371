// Package evaluate measures extraction quality on labelled corpora.
//
// It loads the dev corpora kept beside the repository (scrapinghub-aeb,
// trafilatura-eval, htmldate-eval, cwced, gne, newspaper4k, readability
// test pages) and folders of a user's own pages (NAME.html next to
// NAME.expected.json in the newspipe record format), runs any extractor over
// them and scores each dataset with its own metric:
//
//   - Shingle: 4-gram shingles over \w+ tokens, TP/FP/FN normalised per page
//     and averaged over pages (the scrapinghub article-extraction-benchmark).
//   - Segments: whitespace-normalised substring checks of "with" and
//     "without" segments, counted over the whole dataset (trafilatura-eval).
//   - Bag: bag-of-grams F1 as in shared/tools/score.py: character bigrams
//     ignoring whitespace when the text holds CJK, \w+ tokens otherwise,
//     after NFKC, lower-casing and whitespace collapsing; averaged over pages.
//
// Title, date, author, source and editor are scored as accuracy over the
// pages that carry the label. Dates are compared at day precision (or the
// label's coarser precision) and, separately, with the time of day where the
// label prints one. Pages whose output holds U+FFFD while the page itself
// does not are counted.
package evaluate
