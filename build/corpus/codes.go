package corpus

import (
	"slices"
	"strings"
)

// CompactCode normalizes an IPC or CPC code as printed in an export to its
// compact form and reports whether it was marked main ("*"):
//
//	"H04L-009/32/39"  → "H04L9/3239"
//	"G06Q-020/06*/5"  → "G06Q20/065", main
//	"H04L-2209/38"    → "H04L2209/38"
//	"H04W-012/00524"  → "H04W12/00524"
//
// The subclass is the text before "-", the main group loses its leading zeros,
// the subgroup keeps them and loses any further "/". ok is false when the
// result is not a code: subclass [A-HY]\d\d[A-Z], main group of 1–4 digits,
// subgroup of 2–6 digits.
func CompactCode(raw string) (code string, main, ok bool) {
	s := raw
	if strings.Contains(s, "*") {
		main = true
		s = strings.ReplaceAll(s, "*", "")
	}
	sub, rest, found := strings.Cut(s, "-")
	if !found || !subclass(sub) {
		return "", main, false
	}
	group, subgroup, found := strings.Cut(rest, "/")
	if !found {
		return "", main, false
	}
	group = strings.TrimLeft(group, "0")
	subgroup = strings.ReplaceAll(subgroup, "/", "")
	if group == "" || len(group) > 4 || !digits(group) || len(subgroup) < 2 || len(subgroup) > 6 || !digits(subgroup) {
		return "", main, false
	}
	return sub + group + "/" + subgroup, main, true
}

func subclass(s string) bool {
	return len(s) == 4 && strings.IndexByte("ABCDEFGHY", s[0]) >= 0 &&
		s[1] >= '0' && s[1] <= '9' && s[2] >= '0' && s[2] <= '9' && upper(s[3])
}

// ValidCode reports whether s is a compact code as CompactCode gives.
func ValidCode(s string) bool {
	if len(s) < 4 || !subclass(s[:4]) {
		return false
	}
	group, subgroup, ok := strings.Cut(s[4:], "/")
	return ok && len(group) >= 1 && len(group) <= 4 && digits(group) && group[0] != '0' &&
		len(subgroup) >= 2 && len(subgroup) <= 6 && digits(subgroup)
}

// joinSpaced rejoins codes that a PDF conversion spaced out character by
// character (CORPUS.md §2.7): a run of one-character tokens becomes one
// token, and a run that ends in "-" ("G 0 6 Q -") is a prefix waiting for
// the next run ("0 1 0 / 0 6 / 3 1 1 4"), even when whole codes stand between
// them. Other tokens are kept in order.
func joinSpaced(tokens []token) []token {
	single := func(t token) bool { return len(t.text) == 1 }
	if !slices.ContainsFunc(tokens, single) {
		return tokens
	}
	var out []token
	var prefix *token
	for i := 0; i < len(tokens); {
		if !single(tokens[i]) {
			out = append(out, tokens[i])
			i++
			continue
		}
		j := i
		var b strings.Builder
		for j < len(tokens) && single(tokens[j]) {
			b.WriteString(tokens[j].text)
			j++
		}
		run := token{text: b.String(), pos: tokens[i].pos}
		i = j
		switch {
		case strings.HasSuffix(run.text, "-") && prefix == nil:
			p := run
			prefix = &p
		case prefix != nil:
			out = append(out, token{text: prefix.text + run.text, pos: prefix.pos})
			prefix = nil
		default:
			out = append(out, run)
		}
	}
	if prefix != nil {
		out = append(out, *prefix)
	}
	return out
}
