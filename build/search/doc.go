// Package search builds the client-side search index. It takes a
// *catalog.Catalog and gives, through an iterator, the files that the engine
// (assets/search.js) loads as classic scripts: a small meta file, dictionary
// shards with each term's best postings, facet counts and completion lists,
// packs of full postings, number lookup shards, compressed document shards,
// facet columns and assignee names, plus opensearch.xml. Config.Stats
// reports the index's size and build time. It knows nothing of pages or of
// the disk; the format, and the numbers behind it, are in docs/search.md.
package search
