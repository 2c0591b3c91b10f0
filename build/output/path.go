package output

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// stateDir holds the manifest, journal, stage and backup inside out.
const stateDir = ".patentsite"

// checkPath reports why p cannot be a site path, or nil. See the package
// documentation for the rules; they keep every file inside out and make the
// site unzip on Windows and macOS.
func checkPath(p string) error {
	bad := func(why string) error {
		return fmt.Errorf("output: bad file path %q: %s", p, why)
	}
	switch {
	case p == "":
		return bad("empty")
	case p[0] == '/':
		return bad("absolute")
	case !utf8.ValidString(p):
		return bad("not UTF-8")
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == 0:
			return bad("NUL byte")
		case c < 0x20 || c == 0x7f:
			return bad("control character")
		case c == '\\':
			return bad("backslash")
		case strings.IndexByte(`<>:"|?*`, c) >= 0:
			return bad(fmt.Sprintf("%q is not allowed in file names on Windows", c))
		}
	}
	for i, seg := range strings.Split(p, "/") {
		switch {
		case seg == "":
			return bad("empty segment")
		case seg == "." || seg == "..":
			return bad(fmt.Sprintf("%q segment", seg))
		case i == 0 && seg == stateDir:
			return bad(stateDir + " is reserved for the build state")
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
			return bad(fmt.Sprintf("segment %q ends in a dot or space", seg))
		case reserved(seg):
			return bad(fmt.Sprintf("%q is a reserved device name on Windows", seg))
		}
	}
	return nil
}

// reserved reports whether seg is a Windows device name, which Windows
// refuses as a file name with any extension: "CON", "nul.txt", "Com1.html".
func reserved(seg string) bool {
	base, _, _ := strings.Cut(seg, ".")
	base = strings.TrimRight(base, " ")
	switch len(base) {
	case 3:
		switch strings.ToUpper(base) {
		case "CON", "PRN", "AUX", "NUL":
			return true
		}
	case 4:
		switch strings.ToUpper(base[:3]) {
		case "COM", "LPT":
			return '1' <= base[3] && base[3] <= '9'
		}
	case 5: // COM¹, COM², COM³ and LPT¹…³ in UTF-8
		switch strings.ToUpper(base[:3]) {
		case "COM", "LPT":
			return base[3:] == "¹" || base[3:] == "²" || base[3:] == "³"
		}
	}
	return false
}

// fold maps paths that differ only in case to one key.
func fold(p string) string { return strings.ToLower(p) }
