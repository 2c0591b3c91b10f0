package catalog

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/patentsite/patentsite/build/corpus"
)

// Aliases maps name keys (see key) to the canonical spelling of their group.
type Aliases struct {
	canon map[string]string // key → canonical name
}

// ParseAliases reads an alias file: "CANONICAL = variant | variant" per
// line, "#" comments. file names it in errors.
func ParseAliases(file string, data []byte) (*Aliases, []*corpus.Error) {
	a := &Aliases{canon: map[string]string{}}
	var errs []*corpus.Error
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		pos := corpus.Pos{File: file, Line: n}
		canon, rest, ok := strings.Cut(line, "=")
		canon = squeeze(canon)
		if !ok || canon == "" {
			errs = append(errs, &corpus.Error{Pos: pos, Field: "aliases", Severity: corpus.Warning,
				Err: fmt.Errorf("expected \"CANONICAL NAME = variant | variant\", got %q", truncate(line, 80))})
			continue
		}
		names := append([]string{canon}, strings.Split(rest, "|")...)
		for _, v := range names {
			v = squeeze(v)
			if v == "" {
				continue
			}
			k := key(v)
			if prev, dup := a.canon[k]; dup && prev != canon {
				errs = append(errs, &corpus.Error{Pos: pos, Field: "aliases", Severity: corpus.Warning,
					Err: fmt.Errorf("%q is already an alias of %q; keeping that", v, prev)})
				continue
			}
			a.canon[k] = canon
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, &corpus.Error{Pos: corpus.Pos{File: file}, Field: "aliases", Severity: corpus.Fatal, Err: err})
	}
	return a, errs
}

// Canonical returns the canonical spelling for name and whether the alias
// list knows it.
func (a *Aliases) Canonical(name string) (string, bool) {
	if a == nil {
		return "", false
	}
	c, ok := a.canon[key(name)]
	return c, ok
}

// key is the identity of a name: letter case and runs of spaces do not
// count. Most names are already upper-case and single-spaced, and for them
// key does not allocate.
func key(name string) string {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'a' && c <= 'z' || c >= 0x80 || c < ' ' || c == ' ' && (i == 0 || i == len(name)-1 || name[i+1] == ' ') {
			return strings.ToUpper(squeeze(name))
		}
	}
	return name
}

// squeeze is strings.Join(strings.Fields(s), " "): words separated by one
// space. It does not allocate when s is already so, as most names are.
func squeeze(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ') {
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

// truncate shortens s to about n bytes, on a rune boundary, for messages.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
