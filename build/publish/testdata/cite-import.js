// cite-import.js imports RIS and BibTeX files with Citation.js, a real
// parser used by reference managers, for TestCitationsImport. Usage:
//
//	node cite-import.js TOOLS_DIR FILE...
//
// For each file it prints one JSON line: {"file", "tags" (RIS only: the
// tags as the RIS parser read them), "csl" (the records as CSL-JSON),
// "warnings" (anything the parsers logged)}.
"use strict";
const path = require("path");
const fs = require("fs");
const mods = path.join(process.argv[2], "node_modules");
const core = require(path.join(mods, "@citation-js/core"));
require(path.join(mods, "@citation-js/plugin-ris"));
require(path.join(mods, "@citation-js/plugin-bibtex"));

let warnings = [];
for (const level of ["warn", "error", "log", "info"]) {
	console[level] = (...args) => warnings.push(args.map(String).join(" "));
}
const out = [];
for (const file of process.argv.slice(3)) {
	warnings = [];
	const text = fs.readFileSync(file, "utf8");
	const rec = { file };
	try {
		if (file.endsWith(".ris")) {
			rec.tags = core.plugins.input.chainLink(text, { target: "@ris/record" });
		}
		rec.csl = new core.Cite(text, { forceType: file.endsWith(".ris") ? "@ris/file" : "@biblatex/text" }).data
			.map(({ _graph, ...r }) => r);
	} catch (e) {
		rec.error = String(e && e.stack || e);
	}
	rec.warnings = warnings;
	out.push(JSON.stringify(rec));
}
process.stdout.write(out.join("\n") + "\n");
