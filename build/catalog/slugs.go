package catalog

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gosimple/slug"
)

// maxSlug bounds a slug's length: names can be 100 KB long in hostile input.
const maxSlug = 64

// Slug makes the URL segment for a name with gosimple/slug: lower case
// ASCII words joined by "-", at most 64 bytes. A name that gives nothing
// (symbols only) or a name reserved on Windows ("con", "nul", "com1") gets
// a short hash of the name instead of or after it.
func Slug(name string) string {
	s, ok := asciiSlug(name)
	if !ok {
		s = slug.Make(name)
	}
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	switch {
	case s == "":
		return "x-" + nameHash(name)
	case reserved(s):
		return s + "-" + nameHash(name)
	}
	return s
}

// asciiSlug is slug.Make for a name of ASCII bytes, the common case, without
// its regular expressions and transliteration table: with gosimple/slug's
// default settings and its "en" substitutions, "&" and "@" become "and" and
// "at", quotes are dropped, letters are lower-cased, every other byte
// outside [a-z0-9_-] becomes "-", runs of "-" become one, and "-" and "_" are
// trimmed from both ends. ok is false when name holds any other byte or the
// package's settings were changed; TestASCIISlug and FuzzASCIISlug hold it
// to slug.Make.
func asciiSlug(name string) (s string, ok bool) {
	if len(slug.CustomSub) > 0 || len(slug.CustomRuneSub) > 0 || slug.MaxLength != 0 || !slug.EnableSmartTruncate ||
		!slug.Lowercase || slug.DisableMultipleDashTrim || slug.DisableEndsTrim || slug.AppendTimestamp {
		return "", false
	}
	name = strings.TrimSpace(name)
	b := make([]byte, 0, len(name)+8)
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= utf8.RuneSelf:
			return "", false
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c == '&':
			b = append(b, "and"...)
		case c == '@':
			b = append(b, "at"...)
		case c == '"', c == '\'':
		default:
			if len(b) == 0 || b[len(b)-1] != '-' {
				b = append(b, '-')
			}
		}
	}
	return strings.Trim(string(b), "-_"), true
}

// reserved reports names Windows will not create as files, so a copied
// site stays whole on any disk.
func reserved(s string) bool {
	base, _, _ := strings.Cut(s, ".")
	switch base {
	case "con", "prn", "aux", "nul":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) && base[3] >= '0' && base[3] <= '9'
}

func nameHash(name string) string {
	h := sha256.Sum256([]byte(name))
	return hex.EncodeToString(h[:3])
}

// assignSlugs gives each item a unique slug. Items come sorted by name; the
// first of several names that slug alike keeps the plain slug, the others get
// a suffix made from a hash of the name, so a name's URL does not depend on
// which other names exist.
func assignSlugs[T any](items []T, name func(T) string, set func(T, string)) {
	base := make([]string, len(items))
	parallel(len(items), func(i int) { base[i] = Slug(name(items[i])) })
	used := make(map[string]bool, len(items))
	for i, it := range items {
		s := base[i]
		if used[s] {
			suffixed := s + "-" + nameHash(name(it))
			s = suffixed
			for n := 2; used[s]; n++ {
				s = suffixed + "-" + strconv.Itoa(n)
			}
		}
		used[s] = true
		set(it, s)
	}
}
