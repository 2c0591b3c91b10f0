// Package catalog turns parsed records into the cross-referenced model every
// later stage reads. It takes []corpus.Record (from one or more export files,
// in order) and an alias list, and gives *Catalog: patents with their
// assignees, inventors, classification codes in their CPC and IPC
// hierarchies, families, countries, kinds and years, every name with a unique
// URL slug. It knows nothing of HTML, files or URLs.
//
// # Merging
//
// The same publication in two files is one patent: the later file wins and a
// warning names both places. Assignee spellings merge when they differ only
// in letter case and spacing, or when the alias list says so; names are
// always compared whole, never by substring.
//
// # Assignee strings
//
// Where the export joins several assignee names with spaces and no
// delimiter, Build splits the string against the names it knows (every
// index assignee, every delimited name, every alias) and accepts the split
// only when it covers the whole string in exactly one way with the fewest
// names. Otherwise only the primary assignee is listed. Either way the patent
// keeps AssigneesCertain false and the raw string, and a warning is reported.
package catalog
