package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
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
	if !validUTF8(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte{'\n'})
		data = latin1ToUTF8(data)
		warns = append(warns, &Error{Pos: Pos{File: file, Line: line}, Field: "encoding", Severity: Warning,
			Err: errors.New("file is not valid UTF-8; read it as Latin-1 (ISO-8859-1)")})
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	// The records are cut from this text, so it is not copied: a 200 MB
	// export would otherwise be held twice while it is parsed. What the
	// records keep is copied out of it at the end (Record.detach).
	return unsafe.String(unsafe.SliceData(data), len(data)), warns
}

// validUTF8 is utf8.Valid, in two halves side by side for a large text.
// The halves meet before an ASCII byte, which no encoded rune spans.
func validUTF8(b []byte) bool {
	if len(b) < 1<<20 || runtime.GOMAXPROCS(0) < 2 {
		return utf8.Valid(b)
	}
	return validHalves(b)
}

func validHalves(b []byte) bool {
	mid := len(b) / 2
	for mid < len(b) && b[mid] >= utf8.RuneSelf {
		mid++
	}
	var first bool
	var wg sync.WaitGroup
	wg.Go(func() { first = utf8.Valid(b[:mid]) })
	second := utf8.Valid(b[mid:])
	wg.Wait()
	return first && second
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
//
// It is strings.Split(s, "\n") without the final newline, done in one
// part per core for a large text: each part ends at a newline, its lines
// are counted, then each part fills its place in the one slice.
func splitLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return splitIn(s, min(runtime.GOMAXPROCS(0), len(s)>>20))
}

// splitIn is strings.Split(s, "\n") in n parts side by side.
func splitIn(s string, n int) []string {
	if n < 2 {
		return strings.Split(s, "\n")
	}
	// parts[k] starts at a line start; all but the last end with "\n".
	var parts []string
	for rest := s; rest != ""; {
		cut := len(s) / n
		if len(parts) == n-1 || cut >= len(rest) {
			parts = append(parts, rest)
			break
		}
		i := strings.IndexByte(rest[cut:], '\n')
		if i < 0 {
			parts = append(parts, rest)
			break
		}
		parts = append(parts, rest[:cut+i+1])
		rest = rest[cut+i+1:]
	}
	counts := make([]int, len(parts)+1) // counts[k]: lines before part k
	var wg sync.WaitGroup
	for k, p := range parts {
		wg.Go(func() { counts[k+1] = strings.Count(p, "\n") })
	}
	wg.Wait()
	for k := range parts {
		counts[k+1] += counts[k]
	}
	lines := make([]string, counts[len(parts)]+1)
	for k, p := range parts {
		wg.Go(func() {
			out := lines[counts[k]:counts[k]]
			for {
				i := strings.IndexByte(p, '\n')
				if i < 0 {
					break
				}
				out = append(out, p[:i])
				p = p[i+1:]
			}
			if k == len(parts)-1 {
				out = append(out, p)
			}
		})
	}
	wg.Wait()
	return lines
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
	for i := 0; i < len(s); i++ {
		switch spaceClass[s[i]] {
		case 0:
			continue
		case ' ':
			// After TrimSpace a space is never last.
			if s[i+1] != ' ' {
				continue
			}
		case utf8.RuneSelf:
			if r, _ := utf8.DecodeRuneInString(s[i:]); !unicode.IsSpace(r) {
				continue
			}
		}
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// spaceClass sorts bytes for squeeze: 0 for a byte that is no space and
// starts none, ' ' for a space, '\t' for the other ASCII spaces, and
// utf8.RuneSelf for the first bytes of the non-ASCII spaces (U+0085,
// U+00A0, U+1680, U+2000–U+3000).
var spaceClass = [256]byte{
	' ': ' ', '\t': '\t', '\n': '\t', '\v': '\t', '\f': '\t', '\r': '\t',
	0xC2: utf8.RuneSelf, 0xE1: utf8.RuneSelf, 0xE2: utf8.RuneSelf, 0xE3: utf8.RuneSelf,
}

// ascii reports whether s holds only ASCII bytes, sixteen at a time as
// utf8.ValidString does.
func ascii(s string) bool {
	for len(s) >= 16 {
		a := uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
		b := uint32(s[4]) | uint32(s[5])<<8 | uint32(s[6])<<16 | uint32(s[7])<<24
		c := uint32(s[8]) | uint32(s[9])<<8 | uint32(s[10])<<16 | uint32(s[11])<<24
		d := uint32(s[12]) | uint32(s[13])<<8 | uint32(s[14])<<16 | uint32(s[15])<<24
		if (a|b|c|d)&0x80808080 != 0 {
			return false
		}
		s = s[16:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
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
