// Package export turns newspipe's JSONL records into files that analysts
// load without cleaning them again: Parquet, with typed columns (instants as
// UTC-adjusted timestamps, authors and warnings as lists), and CSV. It
// reads its inputs as a stream and writes in bounded row groups, so memory
// stays flat however many records there are; Options.Latest keeps only the
// newest fetch of each URL, at the cost of a first pass that keeps 16 bytes
// per distinct URL.
//
// A bad input line is reported with its file and line number and skipped;
// the output is written under a temporary name and renamed only when
// complete, so a failed export never leaves a partial file under the final
// name.
package export
