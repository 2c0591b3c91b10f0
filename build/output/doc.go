// Package output puts a rendered site on disk. It takes the site's files as
// a stream, an iter.Seq2[File, error] from the renderer and the search
// indexer, and gives a directory, out, holding exactly those files, minified
// by media type; it knows nothing of patents, templates or URLs beyond the
// relative links it checks.
//
//	st, err := output.Write(ctx, "public", output.Concat(pages, index, output.FS(assets, "assets", "asset")), output.Options{CheckLinks: true})
//
// # Minifying
//
// Files are minified by the media type of their extension (see [MediaType]):
// HTML, CSS, JavaScript, SVG, JSON (also .webmanifest and inline JSON-LD) and
// XML (also .atom, .rss). Other files are copied as they are. HTML keeps the
// doctype, the html, head and body tags, every end tag and attribute quotes,
// so pages stay valid for the Nu HTML checker and readable; id attributes and
// <script type="application/ld+json"> blocks survive (JSON-LD is minified as
// JSON). A file that does not minify (a JavaScript syntax error, say) fails
// the build. A pool of GOMAXPROCS workers minifies and writes while the
// producer yields; a bounded queue keeps at most a few files per worker in
// memory, so the site is never held whole. Per file, Write keeps its path,
// kind, size and two hashes, the previous manifest's line and the link
// check's hashes: about 400 bytes, 200 MB for 500,000 files.
//
// Output is deterministic: a file's bytes depend only on its Data, the
// manifest and the zip are sorted by path, and no time is written anywhere.
//
// # Paths
//
// A File.Path is slash-separated and relative to the site root. Write rejects
// an empty, absolute or unclean path (empty, "." or ".." segments), a
// backslash, a control character (NUL included), any of <>:"|?*, invalid
// UTF-8, a segment ending in a dot or space, a Windows device name as a segment
// (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an extension), a path
// under .patentsite/, and two paths that are equal or differ only in case
// (they would overwrite each other on macOS and Windows, and in the zip).
// User data flows into paths; nothing is ever written outside out.
//
// # Full and incremental builds
//
// When out holds no manifest (or Options.Full is set), Write builds the site
// in a fresh directory next to out (out + ".patentsite-tmp-*", on the same
// file system) and swaps it into place only when every file is written and
// checked: with one atomic renameat2(RENAME_EXCHANGE) on Linux, else by
// renaming out to out + ".patentsite-old" and the new tree to out. The old
// tree is then removed. On any error or cancellation the new tree is removed
// and out is left as it was. Stats.Written counts every file.
//
// Every build writes a manifest, out/.patentsite/manifest: a version line,
// then one line per file, sorted by path, with its size, the hash of its
// input and the hash of its minified bytes. The .patentsite directory is not
// part of the site: it is left out of the link check and the zip (exclude
// it when you deploy, e.g. rsync --exclude=.patentsite).
//
// When out holds a manifest, the build is incremental. A file whose input
// hash is unchanged (and was minified by the same minifier version and
// settings, recorded in the manifest) is neither minified nor written, so a
// rebuild with no change costs about the hashing of the input; a file whose
// minified bytes are unchanged is not written either. Changed and new files are staged in out/.patentsite/stage;
// only when every file is produced, and links check, does Write commit:
// it records the plan in out/.patentsite/journal, moves each replaced or
// deleted file to out/.patentsite/backup, moves each staged file into place,
// removes directories left empty, and renames the new manifest into place,
// which is the commit point. If the process dies during the commit, the next
// Write, or [Recover], rolls the tree back to the previous site (or, past the
// commit point, finishes the clean-up); a commit step that fails rolls back
// at once. The result of an incremental build is byte for byte that of a
// full build of the same files, manifest included. Files edited by hand in
// out are not noticed, since the manifest is trusted (a file removed by hand
// comes back only when it changes): use Options.Full.
//
// Write refuses to replace an out that exists, is not empty and has no
// .patentsite directory: it was not written by this package.
//
// Crash safety covers errors and killed processes, not power loss: files are
// not fsynced, since doing so for half a million files costs minutes.
//
// # Locking
//
// Write and Recover hold an exclusive flock on out + ".lock" (the file stays
// behind; it holds the pid of the last builder). A second build into the
// same out fails at once with "another build is writing public/ (pid N)".
// Write makes out's parent directory if need be. A symbolic link out is
// followed: the directory it names is replaced.
//
// # Links
//
// With Options.CheckLinks, every reference in every HTML, SVG, XML and CSS
// file is checked against the new site before anything is committed: href,
// src, srcset, poster, xlink:href, the url of <meta http-equiv=refresh>,
// CSS url() and @import (in .css files, style elements and style
// attributes), and hrefs inside inline SVG. A relative reference must name a
// file of the new site (a directory reference "x/" needs "x/index.html"; a
// bare "x" that is a directory is broken, since from file:// it does not open
// the index); a fragment needs an element with that id (or an <a> with that
// name) in the target HTML or SVG file, "#" and "#top" excepted. A reference
// with a scheme (https:, mailto:, data:) is not checked. A root-absolute
// reference ("/x", "//host/x") is always an error: the site must work under a
// sub-path and from file://. A link leaving the site root ("../../..") is an
// error. Options.SkipLinks lists site paths, by prefix, that are not checked;
// Stats counts them. There is no other way to exempt a link. Links are
// collected from each file's input while it is processed and kept as
// hashes (a target once for all the pages linking to it, 8 bytes per id),
// so the check costs little memory and no second pass; <base> is not
// supported. The error, a *LinkError, lists up to 20 broken links as
// "page: link (reason)" lines, and the total:
//
//	output: 3 broken links:
//		patent/EP1/index.html: ../../assignee/acme/index.html (no file assignee/acme/index.html)
//		patent/EP1/index.html: #claims (no id "claims" in this page), and in 1 other files
//
// # Zip
//
// With Options.Zip, Write also writes the site to a zip file, entries under
// a folder named after the zip ("catalog.zip" holds "catalog/index.html"),
// sorted by path with a fixed timestamp, so the same site gives the same
// bytes; workers compress ahead of the writer. The zip is written to a
// temporary file before the commit, so that a failure leaves out as it was,
// and renamed into place after it.
//
// # Sources
//
// [FS] turns an fs.FS, such as the embedded assets, into files, and [Concat]
// joins sequences: the renderer's pages, the search index and the assets
// make one stream.
package output
