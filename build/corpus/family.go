package corpus

import (
	"slices"
	"strings"
)

// parseFamily reads the family block from its header line up to end
// (exclusive) in any of its layouts (CORPUS.md §2.8): the text is cut into
// tokens, and numbers, kinds and dates are matched first-in first-out, which
// also pairs numbers and kinds printed on different rows. Rows repeated by
// the flattened copies of an HTML table are kept once.
//
// Without a marker line after it, the block stops at the first line that
// holds anything but family tokens; parseFamily returns where it stopped.
func (p *recordParser) parseFamily(header, end int, hasMarker bool) int {
	ms := p.sc.members[:0]
	defer func() { p.sc.members = ms[:0] }()
	nextKind, nextDate := 0, 0
	stop := end
	for i := header; i < end; i++ {
		line := p.lines[i]
		if noise(line) {
			continue
		}
		toks := appendFamilyTokens(p.sc.words[:0], line, i == header)
		p.sc.words = toks
		if !hasMarker && i > header {
			foreign := false
			for _, t := range toks {
				if !familyNum(t) && !isKind(t) && !isDate(t) {
					foreign = true
				}
			}
			if foreign {
				stop = i
				break
			}
		}
		for _, t := range toks {
			switch {
			case familyNum(t):
				ms = append(ms, member{num: t, pos: p.pos(i)})
			case isKind(t):
				// Kinds go to members in order, so the members without one
				// are always the last ones: nextKind is the first of them.
				if nextKind == len(ms) {
					p.unclaimed(i, t)
					continue
				}
				ms[nextKind].kind = t
				nextKind++
			case isDate(t):
				// Likewise dates, among the members that have a kind.
				if nextDate >= nextKind {
					p.unclaimed(i, t)
					continue
				}
				ms[nextDate].date = t
				nextDate++
			default:
				p.unclaimed(i, t)
			}
		}
	}
	r := &p.rec
	r.Family = make([]Member, 0, len(ms))
	var seen map[member]bool // only for long families: a scan is cheaper below that
	if len(ms) > 64 {
		seen = make(map[member]bool, len(ms))
	}
	for i, m := range ms {
		k := member{num: m.num, kind: m.kind, date: m.date}
		if seen != nil {
			if seen[k] {
				continue
			}
			seen[k] = true
		} else if slices.ContainsFunc(ms[:i], func(o member) bool { return o.num == m.num && o.kind == m.kind && o.date == m.date }) {
			continue
		}
		if m.kind == "" || m.date == "" {
			p.errs = append(p.errs, errorf(m.pos, p.seq, "family", Warning, "family member %s has no kind or date", m.num))
		}
		num, kind := Canonical(m.num, m.kind)
		mem := Member{Printed: m.num, Number: num, Kind: kind, Date: m.date, Pos: m.pos}
		if kind != "" {
			mem.ID = num + kind
		}
		r.Family = append(r.Family, mem)
	}
	own := false
	for _, m := range r.Family {
		if m.ID == r.ID {
			own = true
			break
		}
	}
	if !own {
		p.errorf(header, "family", Warning, "the family does not list the record itself (%s): no publication date", r.ID)
	}
	return stop
}

// A member is one family row as read, before deduplication.
type member struct {
	num, kind, date string
	pos             Pos
}

// familyTokens cuts one family line into tokens: HTML tags, markdown links,
// TABs, the word "Family", dash runs and icons are dropped.
func familyTokens(line string, header bool) []string {
	return appendFamilyTokens(nil, line, header)
}

// appendFamilyTokens appends the tokens of familyTokens to dst.
func appendFamilyTokens(dst []string, line string, header bool) []string {
	s := unlink(line)
	// The words of each part between tags are the words of the parts
	// joined by spaces (stripTags), without making that string.
	from := len(dst)
	eachPart(s, structuralTags, func(part string) { dst = appendFields(dst, part) })
	out := dst[:from]
	for i, f := range dst[from:] {
		if header && i == 0 {
			if rest, ok := strings.CutPrefix(f, "Family"); ok {
				f = rest
			}
		}
		if f == "" || strings.Trim(f, "-") == "" || icon(f) {
			continue
		}
		out = append(out, f)
	}
	return out
}

// unlink replaces markdown links "[X](#)" by " X ", in one pass.
func unlink(s string) string {
	if !strings.Contains(s, "](") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			break
		}
		open := strings.LastIndexByte(s[:i], '[')
		end := strings.IndexByte(s[i:], ')')
		if open < 0 || end < 0 {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:open])
		b.WriteByte(' ')
		b.WriteString(s[open+1 : i])
		b.WriteByte(' ')
		s = s[i+end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// icon reports whether t holds no ASCII letter or digit (📄 🔗 🏛️ 🔗🏠📄).
func icon(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

// familyNum reports whether t is a family member number: a country code
// (two letters, up to two more: "TWI…", "JPWO…"), a digit, then digits,
// capitals, "/" and "-" ("IN8383/DELNP/2009", "KR10-2020-0123976").
func familyNum(t string) bool {
	if len(t) < 3 || !upper(t[0]) || !upper(t[1]) {
		return false
	}
	i := 2
	for i < 4 && i < len(t) && upper(t[i]) {
		i++
	}
	if i >= len(t) || t[i] < '0' || t[i] > '9' {
		return false
	}
	for ; i < len(t); i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || upper(c) || c == '/' || c == '-') {
			return false
		}
	}
	return true
}
