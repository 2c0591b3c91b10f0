// Package corpus reads a patent-search export (the text format described in
// ../shared/CORPUS.md) into typed records. It takes the bytes of one file and
// gives []Record in index order, every value with the file and line it came
// from, plus a list of problems (warnings and errors), each naming file,
// line, record and field. It knows nothing of other records, other files,
// aliases, slugs, HTML or URLs: merging and cross-referencing belong to
// package catalog.
//
// # Layout
//
// An export has an index table (one row per record: number, title, current
// assignee) and a record section. The one anchor that works for every record
// is its publication-number line; a record runs from its title line to the
// line before the next record's title line. Inside a record the landmarks come
// in a fixed order: metadata block (assignees, inventors, priorities, IPC,
// CPC, PCL), the family block (the only line holding "Family"), the marker
// "(NUMBER)", the abstract, and figure material ("drawings").
//
// Fields come in several layouts (HTML <p>/<u>/<table> on one line, plain
// lines, TAB-separated columns, markdown links). HTML tables are followed by
// two flattened copies of the same data; the parser reads the labelled part
// only and checks that the copies hold nothing else, so nothing is counted
// three times and nothing unseen is lost.
//
// # Certainty
//
// Assignee and inventor strings are often several names joined by spaces
// with no delimiter. The parser splits them only where the layout makes it
// certain (one name per <p> or line, "SURNAME, Given" comma style, a
// two-token name) and otherwise keeps the raw string with Certain false.
//
// # Bad input
//
// Parse never panics and never drops a record silently: a record it cannot
// read fully is returned with the fields it could read and an Error for each
// field it could not. Non-UTF-8 input (UTF-16, Latin-1) is detected, decoded
// and reported; binary data is refused with an error.
package corpus
