// Package store holds what a crawl keeps between runs and what it writes:
// the durable per-URL crawl state (State, backed by bbolt), the frontier of
// the current run (URLs seen, a request queue per host, requests taken and
// not yet done, kept on disk so that an unfinished run can be continued),
// and the JSONL output (a file, a directory of per-run files, or a stream
// such as stdout). A damaged bbolt file is reported as ErrCorrupt, never as a
// panic.
//
// Exactly-once emission across killed runs rests on one protocol, shared by
// Output and State: a record line is appended to the output first (whole
// lines only; a file output holds them in memory until Flush or Sync), and
// only after the output was synced is the record's
// content hash committed to State together with the output's watermark (the
// byte offset up to which every line is known to State). A run killed between
// those two steps leaves lines past the watermark; Reconcile, called at the
// start of the next run, reads exactly those lines and marks them emitted, so
// they are never written again. A line is thus never lost (it is written before
// State knows of it) and never duplicated (State learns of every written line
// before the next run decides what to emit). A line held in memory dies with
// a killed process, so the crawler acknowledges a request (Frontier.Done)
// only once its line was flushed to the file: until then the request stays
// taken, and the next run (or, in a shared crawl, another worker) fetches
// it again.
//
// A failed write or sync (a full disk) stops the output, since the file may
// now end in a torn line: later writes fail too, and a directory output keeps
// its temporary .part name, which the next run's Reconcile finishes like a
// killed run's file.
//
// bbolt panics, or faults, on a damaged file instead of returning errors.
// Open therefore checks state.db with CheckDB before using it, and every
// Bolt method turns a bbolt panic into an error wrapping ErrCorrupt. The
// remedy is to move the file aside: the next run starts with empty state.
package store
