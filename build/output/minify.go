package output

import (
	"path"
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

func newMinifier() *minify.M {
	m := minify.New()
	// Validators and people read these pages: keep the document tags, end
	// tags and quotes (a few percent of the bytes, nothing after gzip).
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags: true,
		KeepEndTags:      true,
		KeepQuotes:       true,
	})
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
