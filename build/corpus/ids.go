package corpus

import (
	"strings"
)

// Canonical normalizes a publication number and kind code as printed
// anywhere in an export (index row, record line, marker, family row) to the
// canonical number (without kind) and kind (CORPUS.md §2.2):
//
//	"WO202014512", "A1"    → "WO2020014512", "A1"  (WO serial padded to 6 digits)
//	"WO2019/147069", "A2"  → "WO2019147069", "A2"
//	"KR10-2172903", "B1"   → "KR102172903", "B1"
//	"KR10-2020-0123976", "A" → "KR20200123976", "A"
//	"CN211857397U", "U"    → "CN211857397", "U"   (utility models)
//	"CN211845931U", ""     → "CN211845931", "U"
//
// Spaces, "**" highlights, slashes and dashes are removed. The result is not
// checked; see ValidID.
func Canonical(printed, kind string) (number, k string) {
	s := stripStars(printed)
	if strings.ContainsAny(s, " \t") {
		s = strings.Join(strings.Fields(s), "")
	}
	k = strings.TrimSpace(stripStars(kind))
	switch {
	case strings.HasPrefix(s, "WO"):
		s = canonicalWO(s)
	case strings.HasPrefix(s, "KR10-"):
		s = canonicalKR(s)
	case strings.HasPrefix(s, "CN") && strings.HasSuffix(s, "U") && (k == "" || k == "U"):
		s, k = s[:len(s)-1], "U"
	}
	if strings.ContainsAny(s, "/-") {
		s = strings.NewReplacer("/", "", "-", "").Replace(s)
	}
	return s, k
}

// canonicalWO pads the serial of "WO" + year + serial to six digits.
func canonicalWO(s string) string {
	rest := s[2:]
	if len(rest) < 5 || !digits(rest[:4]) {
		return s
	}
	year, serial := rest[:4], strings.TrimPrefix(rest[4:], "/")
	if serial == "" || !digits(serial) || len(serial) > 6 {
		return s
	}
	if len(serial) == 6 && len(rest) == 10 {
		return s // already canonical: no copy
	}
	return "WO" + year + strings.Repeat("0", 6-len(serial)) + serial
}

// canonicalKR turns "KR10-2172903" into "KR102172903" and
// "KR10-2020-0123976" into "KR20200123976".
func canonicalKR(s string) string {
	parts := strings.Split(s[len("KR10-"):], "-")
	switch {
	case len(parts) == 1 && digits(parts[0]):
		return "KR10" + parts[0]
	case len(parts) == 2 && len(parts[0]) == 4 && digits(parts[0]) && digits(parts[1]):
		return "KR" + parts[0] + parts[1]
	}
	return s
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidID reports whether id can name a patent: two capital letters, then
// 1 to 40 capital letters and digits, at least one of them a digit. Ids become
// URL path segments, so nothing else is accepted.
func ValidID(id string) bool {
	if len(id) < 3 || len(id) > 42 || !upper(id[0]) || !upper(id[1]) {
		return false
	}
	digit := false
	for i := 2; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case upper(c):
		default:
			return false
		}
	}
	return digit
}

func upper(c byte) bool { return c >= 'A' && c <= 'Z' }

// isKind reports whether s is a kind code: a capital letter and an optional digit.
func isKind(s string) bool {
	return len(s) == 1 && upper(s[0]) || len(s) == 2 && upper(s[0]) && s[1] >= '0' && s[1] <= '9'
}

// isDate reports whether s is an ISO date "YYYY-MM-DD" with a plausible
// month and day.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s[:4]) || !digits(s[5:7]) || !digits(s[8:]) {
		return false
	}
	m := (s[5]-'0')*10 + s[6] - '0'
	d := (s[8]-'0')*10 + s[9] - '0'
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}
