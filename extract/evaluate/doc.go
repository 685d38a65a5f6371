// Package evaluate measures extraction quality on labelled corpora.
//
// It loads the dev corpora kept beside the repository (scrapinghub-aeb,
// trafilatura-eval, htmldate-eval, cwced, gne, newspaper4k, readability
// test pages, wcxb-articles, zh-portal-fields) and folders of a user's own pages (NAME.html next to
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
//   - Words: WCXB's word F1, a bag of \w+ tokens of the lower-cased texts,
//     precision, recall and F1 averaged over pages, with the shares of the
//     page's "with" snippets found and "without" snippets leaked.
//
// Title, date, author, source and editor are scored as accuracy over the
// pages that carry the label. Dates are compared at day precision (or the
// label's coarser precision) and, separately, with the time of day where the
// label prints one. Pages whose output holds U+FFFD while the page itself
// does not are counted. Folders in the seed-fixture format (NAME.html beside
// NAME.expected.json) also report the share of shared/tools/score.py's
// checks met, scored as that script scores them.
//
// EvaluateHalves and ScoreHalves score every dataset whole and on two fixed
// halves, A and B, chosen by a hash of each page's name (HalfOf), so that a
// change tuned on some pages can be judged on the others.
package evaluate
