package catalog

import (
	"strings"
)

// AbstractMarkdown returns the abstract as Markdown for goldmark: see
// abstractMarkdown. It is made on each call, not stored.
func (p *Patent) AbstractMarkdown() string { return abstractMarkdown(p.abstract) }

// abstractMarkdown turns an abstract as printed into Markdown whose only
// markup is the export's "**" emphasis: every other ASCII punctuation
// character is backslash-escaped, so text such as "$\sigma(A_m)$", "[1]" or
// "<b>" stays text. Unbalanced "**" are escaped too.
func abstractMarkdown(s string) string {
	s = strings.TrimSpace(s)
	keep := strings.Count(s, "**")%2 == 0
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keep && c == '*' && i+1 < len(s) && s[i+1] == '*' {
			b.WriteString("**")
			i++
			continue
		}
		if c < 0x80 && strings.IndexByte("\\`*_{}[]()#+-.!|<>&~^$:\"'=%@;,?/", c) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}
