package output

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// minifier is configured once and never changed; minify.M is safe for
// concurrent use.
var minifier = newMinifier()

// settings names the minifier configuration below. Change it whenever the
// configuration changes, so that incremental builds stop trusting input
// hashes recorded by the old one.
const settings = "html-keep-doc-end-quotes/1"

// htmlMinifier is the HTML configuration. Validators and people read these
// pages: keep the document tags, end tags and quotes (a few percent of the
// bytes, nothing after gzip).
var htmlMinifier = html.Minifier{
	KeepDocumentTags: true,
	KeepEndTags:      true,
	KeepQuotes:       true,
}

func newMinifier() *minify.M {
	m := minify.New()
	h := htmlMinifier
	m.Add("text/html", &h)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	for _, t := range []string{"application/javascript", "text/javascript", "application/ecmascript", "text/ecmascript", "module"} {
		m.AddFunc(t, js.Minify)
	}
	for _, t := range []string{"application/json", "application/ld+json", "application/manifest+json", "importmap", "speculationrules"} {
		m.AddFunc(t, json.Minify)
	}
	for _, t := range []string{"application/xml", "text/xml", "application/atom+xml", "application/rss+xml"} {
		m.AddFunc(t, xml.Minify)
	}
	return m
}

// templateMinifier minifies html/template sources: the HTML settings above,
// with the template's actions ({{…}}) kept as they are.
var templateMinifier = func() *minify.M {
	m := newMinifier()
	h := htmlMinifier
	h.TemplateDelims = html.GoTemplateDelims
	m.Add("text/html", &h)
	return m
}()

// templateComment matches a comment of Go's template syntax, {{/* … */}},
// without trim markers.
var templateComment = regexp.MustCompile(`(?s)\{\{/\*.*?\*/\}\}`)

// MinifyTemplate minifies the source of an html/template template as Write
// minifies HTML, keeping its actions as they are, so that the pages it
// renders need no minifying of their own (mark them [File].Minified).
// Comments ({{/* … */}}) are dropped first: they print nothing, and the
// minifier reads quotes inside actions, so an apostrophe in a comment would
// hide the rest of the file from it. Whitespace next to an action is kept
// where the minifier cannot tell what the action prints, so the pages are
// a few bytes larger than pages minified one by one.
//
// An error means the source is not HTML the minifier can read with its
// actions in place (an action inside a script, say); render such a
// template's pages unminified and let Write minify them.
func MinifyTemplate(src string) (string, error) {
	src = templateComment.ReplaceAllString(src, "")
	var out bytes.Buffer
	if err := templateMinifier.Minify("text/html", &out, strings.NewReader(src)); err != nil {
		return "", fmt.Errorf("output: minifying a template: %w", err)
	}
	return out.String(), nil
}

// mediaTypes maps a lower-case extension to the media type it is minified as.
var mediaTypes = map[string]string{
	".html":        "text/html",
	".htm":         "text/html",
	".css":         "text/css",
	".js":          "application/javascript",
	".mjs":         "application/javascript",
	".svg":         "image/svg+xml",
	".json":        "application/json",
	".jsonld":      "application/ld+json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".atom":        "application/atom+xml",
	".rss":         "application/rss+xml",
}

// MediaType returns the media type a file at path p is minified as, from its
// extension, or "" for a file copied as it is.
func MediaType(p string) string {
	return mediaTypes[strings.ToLower(path.Ext(p))]
}

// fingerprint identifies the minifier: its module version and our settings.
// Input hashes recorded under another fingerprint are not trusted, nor any
// when the version is unknown (a binary built without module information,
// or with minify replaced by a local copy).
var fingerprint, knownMinifier = func() (string, bool) {
	v := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/tdewolff/minify/v2" {
				if d.Replace != nil {
					d = d.Replace
				}
				v = d.Version
			}
		}
	}
	if v == "" || v == "(devel)" {
		return "minify@unknown+" + settings, false
	}
	return "minify@" + v + "+" + settings, true
}()
