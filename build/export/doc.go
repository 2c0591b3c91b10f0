// Package export writes the machine-readable catalog: api/patents.json,
// api/assignees.json, api/classifications.json, api/patents.csv and each
// patent's patent/<ID>/index.json. It takes *catalog.Catalog and gives bytes
// for each file; the layout of every file is documented in the README. It
// knows nothing of HTML.
//
// Output is deterministic: keys in a fixed order, lists in corpus or
// hierarchy order, no timestamps.
package export
