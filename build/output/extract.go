package output

import (
	"bytes"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
	"github.com/tdewolff/parse/v2/html"
	"github.com/tdewolff/parse/v2/xml"
)

// A visitor receives the references and ids of one file, as raw attribute
// values (quotes removed, entities not yet decoded). The slices are only
// valid during the call.
type visitor interface {
	ref(raw []byte)
	id(raw []byte)
}

// extract finds the references and ids in data, a file of media type mt.
// The lexers write into data (they lower-case names and put a NUL after the
// end), so data must be a copy with room for one more byte.
func extract(mt string, data []byte, v visitor) {
	switch mt {
	case "text/html":
		extractHTML(data, v)
	case "image/svg+xml", "application/xml", "text/xml", "application/atom+xml", "application/rss+xml":
		extractXML(data, v)
	case "text/css":
		extractCSS(data, v)
	}
}

// linkable reports whether files of media type mt are searched for links.
func linkable(mt string) bool {
	switch mt {
	case "text/html", "image/svg+xml", "application/xml", "text/xml", "application/atom+xml", "application/rss+xml", "text/css":
		return true
	}
	return false
}

func extractHTML(data []byte, v visitor) {
	z := parse.NewInputBytes(data)
	defer z.Restore()
	l := html.NewLexer(z)
	var tag []byte
	var meta metaRefresh
	var inStyle bool // the next text is the content of a style element
	for {
		tt, tok := l.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.StartTagToken:
			tag = l.Text()
			meta = metaRefresh{}
			inStyle = false
		case html.AttributeToken:
			attribute(v, tag, l.AttrKey(), unquote(l.AttrVal()), &meta, func(css []byte) { extractCSS(css, v) })
		case html.StartTagCloseToken, html.StartTagVoidToken:
			meta.visit(v)
			inStyle = string(tag) == "style" && tt == html.StartTagCloseToken
		case html.TextToken:
			if inStyle {
				extractCSS(tok, v)
			}
			inStyle = false
		case html.SVGToken:
			extractXML(tok, v)
			inStyle = false
		default:
			inStyle = false
		}
	}
}

func extractXML(data []byte, v visitor) {
	z := parse.NewInputBytes(data)
	defer z.Restore()
	l := xml.NewLexer(z)
	var inStyle bool
	var tag []byte
	for {
		tt, tok := l.Next()
		switch tt {
		case xml.ErrorToken:
			return
		case xml.StartTagToken:
			tag = l.Text()
			inStyle = false
		case xml.AttributeToken:
			val := unquote(l.AttrVal())
			switch string(l.Text()) {
			case "id", "xml:id":
				v.id(val)
			case "href", "xlink:href", "src":
				v.ref(val)
			case "style":
				extractCSS(val, v)
			}
		case xml.StartTagCloseToken:
			inStyle = string(tag) == "style"
		case xml.TextToken, xml.CDATAToken:
			if inStyle {
				if tt == xml.CDATAToken {
					tok = l.Text()
				}
				extractCSS(tok, v)
			}
		default:
			inStyle = false
		}
	}
}

func extractCSS(data []byte, v visitor) {
	z := parse.NewInputBytes(data)
	defer z.Restore()
	l := css.NewLexer(z)
	importing := false
	for {
		tt, tok := l.Next()
		switch tt {
		case css.ErrorToken:
			return
		case css.URLToken:
			// url( ws* ( "…" | '…' | raw ) ws* )
			u := bytes.TrimSuffix(tok[len("url("):], []byte(")"))
			v.ref(unquote(bytes.TrimSpace(u)))
			importing = false
		case css.AtKeywordToken:
			importing = bytes.EqualFold(tok, []byte("@import"))
		case css.StringToken:
			if importing {
				v.ref(unquote(tok))
			}
			importing = false
		case css.WhitespaceToken, css.CommentToken:
		default:
			importing = false
		}
	}
}

// srcset passes on each URL of a srcset attribute: "a.png 1x, b.png 2x".
func srcset(s []byte, v visitor) {
	for {
		for len(s) > 0 && (isSpace(s[0]) || s[0] == ',') {
			s = s[1:]
		}
		if len(s) == 0 {
			return
		}
		i := 0
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		u := s[:i]
		s = s[i:]
		if trimmed := bytes.TrimRight(u, ","); len(trimmed) < len(u) {
			v.ref(trimmed) // "a.png," has no descriptors
			continue
		}
		v.ref(u)
		depth := 0 // descriptors run to a comma outside parentheses
		for len(s) > 0 && (s[0] != ',' || depth > 0) {
			switch s[0] {
			case '(':
				depth++
			case ')':
				depth--
			}
			s = s[1:]
		}
	}
}

// metaRefresh collects the attributes of a <meta http-equiv=refresh>.
type metaRefresh struct {
	refresh bool   // http-equiv is refresh
	content []byte // the content attribute
}

// visit hands v the URL of the refresh, when the tag was one.
func (m *metaRefresh) visit(v visitor) {
	if !m.refresh {
		return
	}
	if u := refreshURL(m.content); u != nil {
		v.ref(u)
	}
}

// attribute hands v what the attribute key=val of a start tag holds: an id,
// a reference, the references of a srcset, the CSS of a style attribute
// (read with css), or a part of a meta refresh (into m).
func attribute(v visitor, tag, key, val []byte, m *metaRefresh, css func([]byte)) {
	switch string(key) {
	case "id":
		v.id(val)
	case "name":
		if string(tag) == "a" {
			v.id(val)
		}
	case "href", "src", "poster", "xlink:href", "background":
		v.ref(val)
	case "srcset", "imagesrcset":
		srcset(val, v)
	case "style":
		css(val)
	case "http-equiv":
		m.refresh = string(tag) == "meta" && bytes.EqualFold(bytes.TrimSpace(val), []byte("refresh"))
	case "content":
		m.content = val
	}
}

// refreshURL returns the URL in the content of a meta refresh,
// "5; url='../x/index.html'", or nil.
func refreshURL(content []byte) []byte {
	_, u, ok := bytes.Cut(content, []byte{';'})
	if !ok {
		if _, u, ok = bytes.Cut(content, []byte{','}); !ok {
			return nil
		}
	}
	u = bytes.TrimLeft(u, " \t\n\f\r")
	if len(u) >= 3 && bytes.EqualFold(u[:3], []byte("url")) {
		rest := bytes.TrimLeft(u[3:], " \t\n\f\r")
		if len(rest) > 0 && rest[0] == '=' {
			u = bytes.TrimLeft(rest[1:], " \t\n\f\r")
		}
	}
	if len(u) > 0 && (u[0] == '\'' || u[0] == '"') {
		q := u[0]
		u = u[1:]
		if i := bytes.IndexByte(u, q); i >= 0 {
			u = u[:i]
		}
	}
	return u
}

// unquote removes the quotes around an attribute value or CSS string.
func unquote(b []byte) []byte {
	if n := len(b); n > 0 && (b[0] == '"' || b[0] == '\'') {
		if n > 1 && b[n-1] == b[0] {
			return b[1 : n-1]
		}
		return b[1:]
	}
	return b
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
