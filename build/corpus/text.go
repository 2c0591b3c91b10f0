package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// decode turns the bytes of an export into UTF-8 text with LF line endings.
// It accepts UTF-8 (with or without BOM), UTF-16 with a BOM and Latin-1,
// saying so in a warning for the last two, and refuses binary data.
func decode(file string, data []byte) (string, []*Error) {
	var warns []*Error
	warn := func(msg string) {
		warns = append(warns, &Error{Pos: Pos{File: file, Line: 1}, Field: "encoding", Severity: Warning, Err: errors.New(msg)})
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		data = decodeUTF16(data[2:], data[0] == 0xFE)
		warn("file is UTF-16; read it as UTF-16 (save exports as UTF-8 to silence this)")
	case looksUTF16(data):
		data = decodeUTF16(data, data[0] == 0)
		warn("file is UTF-16 without a byte-order mark; read it as UTF-16")
	}
	if line, ok := binaryAt(data); ok {
		return "", []*Error{{Pos: Pos{File: file, Line: line}, Field: "encoding", Severity: Fatal,
			Err: errors.New("binary data (control bytes) in the file: this is not a text export")}}
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte{'\n'})
		data = latin1ToUTF8(data)
		warns = append(warns, &Error{Pos: Pos{File: file, Line: line}, Field: "encoding", Severity: Warning,
			Err: errors.New("file is not valid UTF-8; read it as Latin-1 (ISO-8859-1)")})
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	// Every value of every record is a substring of this text, so it is
	// not copied: a 200 MB export would otherwise be held twice.
	return unsafe.String(unsafe.SliceData(data), len(data)), warns
}

func looksUTF16(b []byte) bool {
	if len(b) < 4 || len(b)%2 != 0 {
		return false
	}
	n := min(len(b), 4096)
	even, odd := 0, 0
	for i := 0; i+1 < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	half := n / 4
	return (even > half && odd == 0) || (odd > half && even == 0)
}

func decodeUTF16(b []byte, bigEndian bool) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// binaryAt reports the line of the first NUL byte, or whether more than one
// byte in a hundred of the first 64 KiB is a control character other than
// TAB, LF, CR and FF.
func binaryAt(b []byte) (int, bool) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return 1 + bytes.Count(b[:i], []byte{'\n'}), true
	}
	n := min(len(b), 64<<10)
	ctl := 0
	first := -1
	for i, c := range b[:n] {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F {
			ctl++
			if first < 0 {
				first = i
			}
		}
	}
	if ctl > 0 && ctl*100 > n {
		return 1 + bytes.Count(b[:first], []byte{'\n'}), true
	}
	return 0, false
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

// splitLines splits text into lines without their "\n". A final newline does
// not start another line.
func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// blank reports whether a line is empty or holds only whitespace.
func blank(line string) bool {
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case ' ', '\t', '\v', '\f':
		default:
			return strings.TrimSpace(line) == ""
		}
	}
	return true
}

// underline reports whether a line is a markdown table underline: only
// dashes, TABs and spaces, with at least one dash.
func underline(line string) bool {
	dash := false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '-':
			dash = true
		case '\t', ' ':
		default:
			return false
		}
	}
	return dash
}

// noise reports whether a line carries nothing: blank or an underline.
func noise(line string) bool { return blank(line) || underline(line) }

// stripStars removes markdown "**" highlights.
func stripStars(s string) string {
	if !strings.Contains(s, "**") {
		return s
	}
	return strings.ReplaceAll(s, "**", "")
}

// squeeze trims s and collapses runs of whitespace into one space. It does
// not allocate when s is already so.
func squeeze(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			// After TrimSpace a space is never first or last.
			if asciiSpace(c) && (c != ' ' || s[i+1] == ' ') {
				return strings.Join(strings.Fields(s), " ")
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return strings.Join(strings.Fields(s), " ")
		}
		i += n
	}
	return s
}

// asciiSpace reports the ASCII bytes unicode.IsSpace accepts.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// appendFields is append(dst, strings.Fields(s)...) without the
// intermediate slice.
func appendFields(dst []string, s string) []string {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		n, space := 1, asciiSpace(c)
		if c >= utf8.RuneSelf {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			dst = append(dst, s[start:i])
			start = -1
		case !space && start < 0:
			start = i
		}
		i += n
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

func errorf(p Pos, rec int, field string, sev Severity, format string, args ...any) *Error {
	return &Error{Pos: p, Record: rec, Field: field, Severity: sev, Err: fmt.Errorf(format, args...)}
}

// hasHan reports whether s holds a Han (Chinese) character.
func hasHan(s string) bool {
	for _, r := range s {
		if isHan(r) {
			return true
		}
	}
	return false
}

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0x20000 && r <= 0x2A6DF || r >= 0xF900 && r <= 0xFAFF
}

// truncate shortens s to at most n bytes on a rune boundary, for messages.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
