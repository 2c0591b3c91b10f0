package publish

import (
	"slices"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/corpus"
)

// A Spelling is one way, other than its id, to write a publication number
// that leads to a patent of the catalog.
type Spelling struct {
	Key    string          // as it appears in the URL: "WO202014512A1", "KR10-2172903"
	Target *catalog.Patent // the patent it opens
	// Member is set when the spelling names another publication of the
	// target's family rather than the target itself.
	Member bool
}

// Spellings returns every path-safe spelling that leads to a patent, sorted
// by key: for the patent itself and for each member of its family, the
// canonical number without kind and the member's canonical id
// (catalog.Aliases), plus the printed forms that corpus.Canonical maps back
// to them (CORPUS.md §2.2):
//
//	WO2020014512A1  → WO202014512A1, WO202014512     (serial without its zero padding)
//	KR102172903B1   → KR10-2172903B1, KR10-2172903   (KIPRIS-style grant number)
//	KR20200123976A  → KR10-2020-0123976A, KR10-2020-0123976
//
// A spelling is kept only when Catalog.Resolve maps its canonical form to
// the same patent, so no key leads to two patents and none equals an id.
// Forms with a slash (WO2020/014512) or a space (EP3628093 A2) cannot be a
// single path segment; lower case cannot either, since a path that differs
// from another only in case overwrites it on macOS and Windows. Those are
// resolved by the resolver page and the 404 page instead (see the package
// documentation).
func Spellings(c *catalog.Catalog) []Spelling {
	var out []Spelling
	seen := map[string]bool{}
	for _, p := range c.Patents {
		add := func(key string, member bool) {
			if key == p.ID || seen[key] || !pathSafe(key) {
				return
			}
			seen[key] = true
			out = append(out, Spelling{Key: key, Target: p, Member: member})
		}
		leads := func(number, kind string) bool {
			n, k := corpus.Canonical(number, kind)
			return c.Resolve(n+k) == p
		}
		for _, a := range c.Aliases(p) {
			add(a, !sameNumber(a, p))
		}
		pubs := []catalog.Member{{ID: p.ID, Number: p.Number, Kind: p.Kind}}
		pubs = append(pubs, p.Family...)
		for _, m := range pubs {
			for _, f := range printedForms(m.Number) {
				if leads(f, "") {
					add(f, m.Number != p.Number)
				}
				if m.Kind != "" && leads(f, m.Kind) {
					add(f+m.Kind, m.Number != p.Number)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Spelling) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// sameNumber reports whether the canonical spelling s (a number, or a
// number and kind) is a publication of p's own number.
func sameNumber(s string, p *catalog.Patent) bool {
	return s == p.Number || strings.HasPrefix(s, p.Number) && isKind(s[len(p.Number):])
}

func isKind(s string) bool {
	return len(s) == 1 && upper(s[0]) || len(s) == 2 && upper(s[0]) && digit(s[1])
}

// printedForms returns the path-safe printed forms of a canonical number
// that differ from it.
func printedForms(number string) []string {
	switch {
	case strings.HasPrefix(number, "WO") && len(number) == 12 && digits(number[2:]):
		// WO + year + 6-digit serial; exports drop the serial's zero padding.
		serial := strings.TrimLeft(number[6:], "0")
		if serial != "" && len(serial) < 6 {
			return []string{number[:6] + serial}
		}
	case strings.HasPrefix(number, "KR10") && len(number) == 11 && digits(number[2:]):
		return []string{"KR10-" + number[4:]}
	case strings.HasPrefix(number, "KR") && len(number) == 13 && digits(number[2:]):
		return []string{"KR10-" + number[2:6] + "-" + number[6:]}
	}
	return nil
}

// pathSafe reports whether s can be a directory name under patent/: two
// capital letters, then capitals, digits and dashes, with a digit, at most
// 64 bytes. This is stricter than anything the output writer rejects, so a
// strange family number in an export never becomes a strange path.
func pathSafe(s string) bool {
	if len(s) < 3 || len(s) > 64 || !upper(s[0]) || !upper(s[1]) || s[len(s)-1] == '-' {
		return false
	}
	hasDigit := false
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case digit(c):
			hasDigit = true
		case upper(c), c == '-':
		default:
			return false
		}
	}
	return hasDigit
}

func upper(c byte) bool { return 'A' <= c && c <= 'Z' }
func digit(c byte) bool { return '0' <= c && c <= '9' }

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !digit(s[i]) {
			return false
		}
	}
	return s != ""
}
