// Package publish writes the files that make the catalog citable,
// linkable and deployable, beside the pages: each patent's citations, the
// redirects from every other spelling of a number to its permalink, the
// resolver, 404.html, .nojekyll, robots.txt, sitemap.xml and an Atom feed.
// It takes *catalog.Catalog and three templates (redirect.html, 404.html,
// resolve.html) and gives output.File values through an iterator; it
// knows nothing of the other pages beyond the paths package urls gives.
//
// # Permalinks and spellings
//
// patent/<ID>/ is a patent's permalink and never changes. Every other
// spelling of its number resolves to it (Spellings lists them):
//
//	patent/US10789216/              the number without kind
//	patent/WO202014512A1/, patent/WO202014512/      WO serial without its zero padding
//	patent/KR10-2172903B1/, patent/KR10-2172903/    KR grant, dash form
//	patent/KR10-2020-0123976A/, patent/KR10-2020-0123976/   KR application, dash form
//	patent/CN110998633A/, patent/CN110998633/       a family member, by id and number
//
// A family member that is not in the catalog opens the record whose
// family holds it. Only capital letters, digits and dashes make a path
// segment here: a slash would make two segments, a space is not a URL
// character, and lower case would give paths that differ only in case,
// which overwrite each other on macOS and Windows. Those spellings, and any
// other (EP3628093 A2, wo2020/014512, "KR10-2172903"), resolve through the
// resolver page:
//
//	patent/resolve.html?WO2020/014512    (also ?q=…, and #…)
//
// which works from a server and from file://, and, on a server, through
// 404.html: a missing patent/<anything>/ is looked up the same way.
//
// # Two modes: stubs and resolver
//
// Stubs (the default up to DefaultStubLimit spellings, about 3,500
// patents): one folder per spelling, patent/<spelling>/index.html, a page
// of about 500 bytes with a meta refresh, a canonical link and a visible
// link, all relative, no script, so it works from file://, under any
// sub-path and without JavaScript. The resolver is written too.
//
// Resolver (above the limit, or Config.Redirects = Resolver): no stubs.
// patent/resolve.html, patent/resolve.js and lookup shards
// patent/resolve/<hex>.js, classic scripts of about 10 KB holding about
// 1,000 canonical spellings each (fetch does not work from file://,
// classic scripts do). The number of shards is the power of two that keeps
// them near that size. On GitHub Pages a pasted patent/<spelling>/ is
// missing, so Pages serves 404.html, whose script looks the spelling up and
// replaces the page with the patent's; from file:// the resolver page's
// address is the permalink to paste. A resolution costs one or two shard
// requests.
//
// File counts (redirect stubs + resolver files), measured:
//
//	                 spellings   stubs mode                 resolver mode
//	267 (seed)           1,548   1,548 stubs (0.9 MB) + 4   4 files (35 KB)
//	100,000            563,268   not chosen by Auto         1,026 files (16.5 MB: 1,024 shards
//	                                                        of 616,444 canonical spellings)
//
// # 404.html
//
// GitHub Pages serves 404.html at the address that was asked for, at any
// depth, so its links cannot be relative to where it sits. With a base URL
// it has <base href="BASE/"> and every reference is written relative to the
// site root: links, stylesheet and script work at any depth, without
// JavaScript. Without a base URL nothing on a static page can know where
// the root is (the CSP forbids inline script), so its references are right
// when it is served at the top level only, and publishing with -base-url is
// the fix; patentsite serve rewrites the base to its own root. The script
// only adds the spelling lookup; with JavaScript off the page still says
// what happened and links home and to search.
//
// # sitemap.xml, feed.atom, robots.txt, .nojekyll
//
// The sitemap lists the canonical pages as absolute URLs, which the
// protocol requires, so it is written only with a base URL; above 50,000
// URLs it becomes an index of sitemap-N.xml files. The feed lists the 50
// newest publications; its ids do not depend on the base URL (see feed).
// robots.txt allows everything and names the sitemap; crawlers read it
// only at a host's root, so for a project site under /<repo>/ submit the
// sitemap by hand. .nojekyll stops GitHub Pages from running Jekyll when
// the site is pushed to a branch.
//
// # Citations
//
// patent/<ID>/cite.ris and cite.bib come from package export (RIS and
// BibTeX); the URL they cite is the permalink under the base URL, else the
// patent's Google Patents page.
package publish
