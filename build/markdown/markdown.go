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
	"strings"
	"unicode"
	"unicode/utf8"

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
	if h, ok := plainParagraph(src); ok {
		return template.HTML(h), nil
	}
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// plainParagraph gives what md gives for src, without md, when src is one
// line of text whose only markup is "**" emphasis: no control character,
// no space at either end, every other ASCII punctuation character escaped
// with a backslash (as catalog writes a patent abstract), and each "**"
// plainly opening (after a space or punctuation, before a letter or digit)
// or closing (after a letter or digit, before a space or punctuation), in
// turn. That is a paragraph of the text with the escapes removed, HTML
// escaped as goldmark escapes it, and <strong> for the pairs. Anything
// else, ok is false. Most abstracts are such a line, and goldmark took 2 of
// every 100 CPU-seconds of a large build.
func plainParagraph(src string) (html string, ok bool) {
	if src == "" || src[0] == ' ' || src[len(src)-1] == ' ' {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(src) + 16)
	b.WriteString("<p>")
	open := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c < 0x20 || c == 0x7f:
			return "", false
		case c == '\\':
			if i+1 == len(src) || !isPunct(src[i+1]) {
				return "", false
			}
			i++
			switch c = src[i]; c {
			case '"':
				b.WriteString("&quot;")
			case '&':
				b.WriteString("&amp;")
			case '<':
				b.WriteString("&lt;")
			case '>':
				b.WriteString("&gt;")
			default:
				b.WriteByte(c)
			}
		case c == '*':
			if i+1 == len(src) || src[i+1] != '*' || i+2 < len(src) && src[i+2] == '*' {
				return "", false
			}
			before, after := i == 0 || src[i-1] == ' ' || isPunct(src[i-1]), i+2 == len(src) || src[i+2] == ' ' || src[i+2] == '\\'
			switch {
			case !open && before && wordAt(src, i+2):
				b.WriteString("<strong>")
			case open && after && wordBefore(src, i):
				b.WriteString("</strong>")
			default:
				return "", false
			}
			open = !open
			i++
		case isPunct(c):
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	if open {
		return "", false
	}
	b.WriteString("</p>\n")
	return b.String(), true
}

// wordAt and wordBefore report whether the character at i, or before i,
// is a letter or a digit.
func wordAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWord(r)
}

func wordBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWord(r)
}

func isWord(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// isPunct reports whether c is ASCII punctuation, as CommonMark defines it.
func isPunct(c byte) bool {
	return c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}
