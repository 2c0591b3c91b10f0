package corpus

import (
	"strings"
	"unicode"
)

// waived is the export's placeholder for "no inventor named".
const waived = "THE INVENTOR HAS WAIVED THE RIGHT TO BE MENTIONED"

// unstar removes the "*" marks of the primary assignee and the spaces they
// leave: "INTEL *" → "INTEL", "HUAWEI* DEVICE" → "HUAWEI DEVICE".
func unstar(s string) string {
	i := strings.IndexByte(s, '*')
	switch {
	case i < 0:
		return s
	case strings.Trim(s[i:], "*") == "":
		// Stars only at the end, as usual: they would become trailing
		// spaces, which squeeze drops.
		return squeeze(s[:i])
	}
	return squeeze(strings.ReplaceAll(s, "*", " "))
}

// setAssignees reads the "Current assignees" field. Names are certain when
// each stands in its own <p>, cell or line, or when the one string is the
// index's current assignee; otherwise Names is left for package catalog to
// split against the names it knows.
func (p *recordParser) setAssignees(cs []chunk) {
	a := &p.rec.Assignees
	row := p.span.row
	if row != nil && row.assignee != "" {
		a.Primary = Value{Text: row.assignee, Pos: row.pos}
	}
	if len(cs) == 0 {
		a.Certain = true
		if a.Primary.Text != "" {
			p.errorf(p.span.number, "assignees", Warning, "the index names %q but the record has no assignee field", a.Primary.Text)
			a.Names = []Value{a.Primary}
			a.Raw = a.Primary
		}
		return
	}
	parts := p.sc.parts[:0]
	for _, c := range cs {
		parts = append(parts, unstar(c.text))
	}
	p.sc.parts = parts
	a.Raw = Value{Text: strings.Join(parts, " "), Pos: p.pos(cs[0].line)}
	if a.Primary.Text == "" {
		// No index row: the primary is the starred name, or the first chunk.
		a.Primary = Value{Text: starred(cs[0].text), Pos: p.pos(cs[0].line)}
	}
	switch {
	case len(cs) > 1:
		a.Certain = true
		seen := map[string]bool{}
		for i, c := range cs {
			k := strings.ToUpper(parts[i])
			if !seen[k] {
				seen[k] = true
				a.Names = append(a.Names, Value{Text: parts[i], Pos: p.pos(c.line)})
			}
		}
	case strings.EqualFold(parts[0], a.Primary.Text) || row == nil && !strings.Contains(cs[0].text, "*") && len(strings.Fields(parts[0])) <= 1:
		a.Certain = true
		a.Names = []Value{{Text: parts[0], Pos: p.pos(cs[0].line)}}
	default:
		a.Certain = false
	}
	if row != nil && row.assignee != "" && !row.more && !containsFold(a.Raw.Text, row.assignee) {
		p.errorf(cs[0].line, "assignees", Warning, "the index assignee %q is not in the record's assignee field %q",
			row.assignee, truncate(a.Raw.Text, 80))
	}
}

// starred returns the name the "*" marks: the text before the first star.
func starred(s string) string {
	if i := strings.IndexByte(s, '*'); i > 0 {
		return squeeze(s[:i])
	}
	return unstar(s)
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToUpper(s), strings.ToUpper(sub))
}

// setInventors reads the "Inventors" field (CORPUS.md §2.5).
func (p *recordParser) setInventors(cs []chunk) {
	in := &p.rec.Inventors
	if len(cs) == 0 {
		in.Certain = true
		return
	}
	parts := p.sc.parts[:0]
	for _, c := range cs {
		parts = append(parts, squeeze(c.text))
	}
	p.sc.parts = parts
	in.Raw = Value{Text: strings.Join(parts, " "), Pos: p.pos(cs[0].line)}
	if len(cs) == 1 && strings.EqualFold(parts[0], waived) {
		in.Waived, in.Certain = true, true
		return
	}
	if len(cs) > 1 {
		in.Certain = true
		for i, c := range cs {
			if !strings.EqualFold(parts[i], waived) {
				in.Names = append(in.Names, Value{Text: parts[i], Pos: p.pos(c.line)})
			}
		}
		return
	}
	names, ok := SplitInventors(parts[0])
	in.Certain = ok
	if len(names) > 0 {
		in.Names = make([]Value, 0, len(names))
	}
	for _, n := range names {
		in.Names = append(in.Names, Value{Text: n, Pos: in.Raw.Pos})
	}
}

// SplitInventors splits one inventor string where its form makes the split
// certain, and otherwise returns the string whole with ok false:
//
//	"FENG ZHIYUAN"                     → one name (two tokens)
//	"Wood Matthew D."                  → one name (surname, given name, initial)
//	"LEE, SU BOK"                      → one name (one comma, a short given name)
//	"LIU, Zheng LI, Lichun YIN, Shan"  → three names ("SURNAME, Given" style)
//	"GUAN YAYANG SHI RUBING"           → unsplit: no delimiter
func SplitInventors(s string) (names []string, ok bool) {
	var buf [16]string
	f := appendFields(buf[:0], s)
	switch {
	case len(f) == 0:
		return nil, true
	case !strings.Contains(s, ","):
		if len(f) <= 2 || len(f) == 3 && initial(f[2]) {
			return []string{s}, true
		}
		return []string{s}, false
	}
	// Comma style: each name is a run of capitalised surname tokens ending
	// in a comma, then given-name tokens in mixed case.
	var cur []string
	surname := true // reading a surname run
	for _, t := range f {
		switch {
		case surname:
			if !allCaps(t) {
				return []string{s}, false
			}
			cur = append(cur, t)
			if strings.HasSuffix(t, ",") {
				surname = false
			}
		case strings.HasSuffix(t, ",") && allCaps(t):
			// The start of the next name: the surname may be several
			// capitalised tokens, all after the last given-name token.
			j := len(cur)
			for j > 0 && allCaps(cur[j-1]) && !strings.HasSuffix(cur[j-1], ",") {
				j--
			}
			head, tail := cur[:j], cur[j:]
			if len(head) == 0 || strings.HasSuffix(head[len(head)-1], ",") {
				return []string{s}, false // a surname without given names
			}
			names = append(names, strings.Join(head, " "))
			cur = append(append([]string(nil), tail...), t)
		default:
			cur = append(cur, t)
		}
	}
	if surname || strings.HasSuffix(cur[len(cur)-1], ",") {
		return []string{s}, false
	}
	names = append(names, strings.Join(cur, " "))
	// A capitalised given name cannot be told from the next surname: accept
	// the split only if every given name is in mixed case, or if there is
	// one name with a short capitalised given name ("LEE, SU BOK").
	for _, n := range names {
		sur, given, _ := strings.Cut(n, ",")
		var fb [8]string
		if len(appendFields(fb[:0], sur)) > 3 {
			return []string{s}, false
		}
		g := appendFields(fb[:0], given)
		caps := 0
		for _, t := range g {
			if allCaps(t) && len(strings.Trim(t, ".-'")) > 1 {
				caps++
			}
		}
		if caps > 0 && !(len(names) == 1 && len(g) <= 2 && caps == len(g)) {
			return []string{s}, false
		}
	}
	return names, true
}

// initial reports whether t is an initial such as "D." or "S".
func initial(t string) bool {
	t = strings.TrimSuffix(t, ".")
	return len([]rune(t)) == 1 && unicode.IsUpper([]rune(t)[0])
}

// allCaps reports whether t has letters and none of them is lower case.
func allCaps(t string) bool {
	letter := false
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letter = true
		}
	}
	return letter
}

func allCapsAll(ts []string) bool {
	for _, t := range ts {
		if !allCaps(t) {
			return false
		}
	}
	return true
}
