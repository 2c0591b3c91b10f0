package output

import (
	"bytes"
)

// scanHTML finds the references and ids in an HTML file as extractHTML
// does, and gives the same calls to v for the HTML that templates and
// html/template make, but without the tdewolff lexer: it jumps from one "<"
// to the next with bytes.IndexByte and reads only the tags, so text costs
// next to nothing. Pages of the renderer are most of the site's bytes
// (about 1.3 GB at 100,000 records), and lexing them took more time than
// rendering them.
//
// It follows the tokenizer of tdewolff/parse/v2/html, which extractHTML
// uses, rule for rule where they matter to links (tags and attributes,
// comments, doctype and bogus comments, raw text elements and the escaped
// comments of scripts, inline SVG): the two are checked against each
// other on whole sites in scan_test.go. data is not modified; the few
// parts handed to a lexer (inline SVG, style elements and attributes) are
// copied first.
func scanHTML(data []byte, v visitor) {
	var scratch []byte
	lexCopy := func(b []byte, lex func([]byte, visitor)) {
		scratch = append(scratch[:0], b...)
		scratch = append(scratch, 0)[:len(b)]
		lex(scratch, v)
	}
	n := len(data)
	at := func(i int) byte {
		if i < n {
			return data[i]
		}
		return 0
	}
	i := 0
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return
		}
		i += j
		c := at(i + 1)
		isEndTag := c == '/' && at(i+2) != '>' && i+2 < n
		switch {
		case isEndTag:
			i += 2
			if !isLetter(at(i)) {
				i = skipPast(data, i, '>')
				continue
			}
			i = skipPast(data, i, '>')
		case isLetter(c):
			var ok bool
			if i, ok = scanTag(data, i, v, lexCopy); !ok {
				return
			}
		case c == '!':
			i += 2
			switch {
			case bytes.HasPrefix(data[i:], []byte("--")):
				i += 2
				for {
					k := bytes.Index(data[i:], []byte("--"))
					if k < 0 {
						return
					}
					i += k
					if at(i+2) == '>' {
						i += 3
						break
					}
					if at(i+2) == '!' && at(i+3) == '>' {
						i += 4
						break
					}
					i++
				}
			case bytes.HasPrefix(data[i:], []byte("[CDATA[")):
				k := bytes.Index(data[i:], []byte("]]>"))
				if k < 0 {
					return
				}
				i += k + 3
			default:
				// A doctype, or a bogus comment: both end at the first ">".
				i = skipPast(data, i, '>')
			}
		case c == '?':
			i = skipPast(data, i+1, '>')
		default:
			i++ // not a tag
		}
		if i >= n {
			return
		}
	}
}

// scanTag reads the start tag at data[i] ("<" and a letter), its
// attributes and, for a raw text element, its content, and returns where
// the next token starts. It returns false where extractHTML's lexer stops
// with an error (a NUL byte in inline SVG).
func scanTag(data []byte, i int, v visitor, lexCopy func([]byte, func([]byte, visitor))) (int, bool) {
	n := len(data)
	start := i
	i++
	for i < n {
		c := data[i]
		if c == ' ' || c == '>' || c == '/' && i+1 < n && data[i+1] == '>' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
			break
		}
		i++
	}
	var nameBuf [16]byte
	tag := lower(nameBuf[:0], data[start+1:i])
	raw := rawText(tag)
	switch string(tag) {
	case "svg", "math", "xml":
		end, ok := scanXML(data, i, tag)
		if !ok {
			return n, false
		}
		if string(tag) == "svg" {
			lexCopy(data[start:end], extractXML)
		}
		return end, true
	}

	var void bool
	var meta metaRefresh
	var keyBuf [16]byte
	for {
		for i < n && isSpace(data[i]) {
			i++
		}
		if i >= n {
			return n, true
		}
		if c := data[i]; c == '>' || c == '/' && i+1 < n && data[i+1] == '>' {
			if c == '>' {
				i++
			} else {
				i += 2
				void = true
			}
			break
		}
		// attribute name
		ks := i
		for i < n {
			c := data[i]
			if c == ' ' || c == '=' || c == '>' || c == '/' && i+1 < n && data[i+1] == '>' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
				break
			}
			i++
		}
		key := lower(keyBuf[:0], data[ks:i])
		nameEnd := i
		for i < n && isSpace(data[i]) {
			i++
		}
		var val []byte
		if i < n && data[i] == '=' {
			i++
			for i < n && isSpace(data[i]) {
				i++
			}
			vs := i
			if i < n && (data[i] == '"' || data[i] == '\'') {
				q := data[i]
				k := bytes.IndexByte(data[i+1:], q)
				if k < 0 {
					i = n
				} else {
					i += k + 2
				}
			} else {
				for i < n {
					c := data[i]
					if c == ' ' || c == '>' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
						break
					}
					i++
				}
			}
			val = unquote(data[vs:i])
		} else {
			i = nameEnd
		}
		attribute(v, tag, key, val, &meta, func(css []byte) { lexCopy(css, extractCSS) })
	}
	meta.visit(v)
	if raw {
		end := rawTextEnd(data, i, tag)
		if string(tag) == "style" && !void && end > i {
			lexCopy(data[i:end], extractCSS)
		}
		i = end
	}
	return i, true
}

// rawText reports whether the content of the element tag is raw text, read
// up to its end tag without looking for tags.
func rawText(tag []byte) bool {
	switch string(tag) {
	case "textarea", "title", "style", "xmp", "iframe", "script", "plaintext":
		return true
	}
	return false
}

// rawTextEnd returns where the raw text that starts at data[i] ends: at
// "</" and the element's name (any case, followed by anything but a
// letter), past a script's escaped comments ("<!-- <script> … </script>
// -->"), or at the end of data.
func rawTextEnd(data []byte, i int, tag []byte) int {
	n := len(data)
	if string(tag) == "plaintext" {
		return n
	}
	script := string(tag) == "script"
	for {
		k := bytes.IndexByte(data[i:], '<')
		if k < 0 {
			return n
		}
		i += k
		switch {
		case i+1 < n && data[i+1] == '/':
			mark := i
			i += 2
			s := i
			for i < n && isLetter(data[i]) {
				i++
			}
			if equalLower(data[s:i], tag) {
				return mark
			}
		case script && bytes.HasPrefix(data[i+1:], []byte("!--")):
			i += 4
			inScript := false
			for {
				if i >= n {
					return n
				}
				c := data[i]
				if c == '-' && bytes.HasPrefix(data[i+1:], []byte("->")) {
					i += 3
					break
				}
				if c != '<' {
					i++
					continue
				}
				lt := i
				name, isEnd, next := tagAt(data, i)
				i = next
				if equalLower(name, []byte("script")) {
					if !isEnd {
						inScript = true
					} else if !inScript {
						return lt
					} else {
						inScript = false
					}
				}
			}
		default:
			i++
		}
	}
}

// scanXML returns the end of the inline SVG or MathML element whose name
// ends at data[i], as the tdewolff lexer finds it: past the end tag that
// closes it, counting nested elements of the same name and ignoring "<"
// inside double quotes. It returns false at a NUL byte.
func scanXML(data []byte, i int, tag []byte) (int, bool) {
	n := len(data)
	nested := 0
	inQuote := false
	for i < n {
		c := data[i]
		switch {
		case c == '"':
			inQuote = !inQuote
			i++
			continue
		case c == 0:
			return n, false
		case c != '<' || inQuote:
			i++
			continue
		}
		name, isEnd, next := tagAt(data, i)
		i = next
		if !isEnd && i < n && data[i] == '/' {
			continue // a self-closing tag
		}
		if equalLower(name, tag) {
			if isEnd {
				if nested == 0 {
					break
				}
				nested--
			} else {
				nested++
			}
		}
	}
	for i < n {
		if data[i] == '>' {
			return i + 1, true
		}
		if data[i] == 0 {
			return n, false
		}
		i++
	}
	return n, true
}

// skipPast returns the position after the first c at or after data[i], or
// len(data).
func skipPast(data []byte, i int, c byte) int {
	if i >= len(data) {
		return len(data)
	}
	k := bytes.IndexByte(data[i:], c)
	if k < 0 {
		return len(data)
	}
	return i + k + 1
}

// tagAt reads the tag whose "<" is data[i]: its name (ASCII letters,
// possibly none), whether it is an end tag, and where the name ends.
func tagAt(data []byte, i int) (name []byte, isEnd bool, next int) {
	isEnd = i+1 < len(data) && data[i+1] == '/'
	if isEnd {
		i += 2
	} else {
		i++
	}
	s := i
	for i < len(data) && isLetter(data[i]) {
		i++
	}
	return data[s:i], isEnd, i
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// lower appends b in ASCII lower case to dst.
func lower(dst, b []byte) []byte {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// equalLower reports whether b, in ASCII lower case, is lc.
func equalLower(b, lc []byte) bool {
	if len(b) != len(lc) {
		return false
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lc[i] {
			return false
		}
	}
	return true
}
