// Package render turns the catalog into the pages of the site. It takes a
// *catalog.Catalog, the page templates (an fs.FS, one file per page kind)
// and the assets (an fs.FS copied to assets/), and gives every page as an
// output.File through an iterator, one at a time: the site is never held
// whole. It knows nothing of the disk; paths come from package urls and
// Markdown goes through package markdown.
//
// # Templates
//
// Each page kind is one template file executed with a typed page struct
// (PatentPage, AssigneePage, …) that embeds Base. The files are parsed
// once, one set per kind: base.html (the layout), partials.html (shared
// pieces), then the kind's own file, which defines "main" and optionally
// "head" (extra tags in <head>). Users replace any file with build
// -templates DIR; a DIR that lacks a file falls back to the embedded one.
//
// Everything a template prints is in the page struct as text, and every
// link as an href relative to the page, made in Go with urls.Rel: the
// templates only read fields and range over slices. The helpers of funcs
// (rel, patentURL, …) remain for templates that users write.
//
// The layout templates of each kind are executed by package
// build/internal/tmplexec, which compiles html/template's escaped trees
// into closures and calls the escapers directly: text/template calls each
// escaper (one to three per action) and reads each field through
// reflection, which was most of the time of a large build. It writes the
// same bytes (TestCompiled renders the seed and the hostile corpus both
// ways), and hands back to html/template any template it cannot compile
// (one using printf, say) and any page whose data it does not handle.
//
// base.html defines the layout in three parts, written one after the
// other: "top" (doctype and head, with the page's data), "chrome" (the
// stylesheet and script links, header, site menu and breadcrumbs, with a
// Chrome) and "bottom" (main and footer, with the page's data). The chrome
// of a page depends only on its depth, its first directory and its
// breadcrumbs, so it is rendered once for each of those and its bytes
// reused: the chrome is repeated on every page of the site. A base.html
// that defines a single "base" template instead is executed whole.
//
// # Order and concurrency
//
// Pages are rendered by GOMAXPROCS workers but yielded in a fixed order
// (assets, home, content pages, search, patents in corpus order, then the
// indexes and the pages of assignees, inventors, classifications and
// groups), so two builds give the same stream. At most a few pages per
// worker are in memory at once; each is rendered into a pooled buffer,
// which goes back to the pool once package output has written the page
// (output.File.Release). The pages of one paginated list share its
// sorted patents, sorted once.
//
// # Size
//
// At 100,000 records the site has about 250,000 pages, so what a page
// repeats is paid for a quarter of a million times. Lists show an id, a
// date and a clipped title; the country, year and kind pages show the
// newest 50 patents and link to the search page for the rest; the upper
// levels of the classification show their children and newest 10; only
// subgroups, assignees and inventors list all their patents, 100 a page.
//
// # Pages and scripts
//
// No page holds an inline script or a style attribute, so the
// Content-Security-Policy meta tag can forbid both. The one exception is
// the diagram pages: mermaid writes <style> elements and style attributes
// into the SVG it draws, so on pages with a mermaid drawing, and only
// there, style-src also allows 'unsafe-inline'. Scripts stay 'self' only
// on every page. site.js, on patent pages, fills in the Cite block's
// absolute address and builds its Markdown, MediaWiki and HTML links.
package render
