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
// once, one set per kind: base.html (the layout, defining "base" and the
// blocks "head" and "main"), partials.html (shared pieces), then the kind's
// own file, which defines "main" and optionally "head". A template links
// with rel from its own page: <a href="{{rel $.Path (patentURL .ID)}}">.
// Users replace any file with build -templates DIR; a DIR that lacks a file
// falls back to the embedded one.
//
// # Order and concurrency
//
// Pages are rendered by GOMAXPROCS workers but yielded in a fixed order
// (assets, home, content pages, search, patents in corpus order, then the
// indexes and the pages of assignees, inventors, classifications and
// groups), so two builds give the same stream. At most a few pages per
// worker are in memory at once.
//
// # Pages and scripts
//
// No page holds an inline script or a style attribute, so the
// Content-Security-Policy meta tag can forbid both. The one exception is
// the diagram pages: mermaid writes <style> elements and style attributes
// into the SVG it draws, so on pages with a mermaid drawing, and only
// there, style-src also allows 'unsafe-inline'. Scripts stay 'self' only
// on every page.
package render
