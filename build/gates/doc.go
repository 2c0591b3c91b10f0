// Package gates holds the quality gates of the built site (issue 7) as
// tests; it has no code of its own. The gates read the seed site, built once
// per test binary with a base URL (so that the sitemap and the feed exist),
// and the hostile corpus, testdata/hostile.txt at the module root:
//
//   - TestValidHTML: every page and stylesheet passes the Nu HTML Checker
//     with no error; each warning allowed carries its reason.
//   - TestAbsoluteLinks: every address under the base URL, in any file
//     (sitemap, feed, robots.txt, canonical links, citations, JSON), names a
//     file of the site; the build's own link check covers relative ones.
//   - TestPageKinds: a page of every kind opened in Chromium from a server
//     under /repo/ and from file://: no failed request, console error or CSP
//     violation; axe-core with no serious or critical violation in the
//     light and dark themes; each page's weight (HTML, CSS and JavaScript,
//     search shards included) within its kind's budget.
//   - TestCSP: every page carries a Content-Security-Policy meta tag, first
//     in its head, with no inline-script or eval allowance.
//   - TestDeterministic: two more builds, with other GOMAXPROCS, byte for
//     byte the same tree and zip.
//   - TestHostile: the hostile corpus builds; every page, and the search for
//     the hostile records, opened in Chromium never runs injected code (the
//     marker window.__pwned stays undefined) and shows the markup as text.
//   - TestFaults: site.Build into a read-only directory and onto a full
//     disk, and the real binary killed during a build or racing another:
//     the previous site stays byte for byte, the error says what happened,
//     and the next build succeeds.
//
// Run them with
//
//	scripts/install-tools
//	go test ./build/gates/
//
// Tests that need Chromium, Java or the npm tools skip without them, and
// fail when $CI is set. -short skips the slow ones.
package gates
