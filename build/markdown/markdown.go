// Package markdown holds the site's one goldmark instance. It takes Markdown
// (a patent abstract, a page from content/) and gives HTML that is safe to
// embed in a page: raw HTML in the source is dropped and dangerous link
// targets (javascript:, vbscript:, data: other than images) are removed by
// goldmark itself. It knows nothing of patents or pages, and it is the only
// package that converts a string to template.HTML.
package markdown

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

// md is configured once and never changed; goldmark's parsers and
// renderers keep no state, so it is safe for concurrent use. There is no
// html.WithUnsafe: raw HTML becomes an "<!-- raw HTML omitted -->" comment.
// Auto heading ids let content pages link to their own sections.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// HTML renders src. The result is safe to embed because md drops raw HTML
// and dangerous URLs.
func HTML(src string) (template.HTML, error) {
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
