package corpus

import (
	"slices"
	"strings"
)

// A token is one whitespace-separated word of a field and its line.
type token struct {
	text string
	pos  Pos
}

// A chunk is one value of a field: a <p>, <td>, TSV cell or line.
type chunk struct {
	text string
	line int // 0-based line index
}

// The metadata labels, spelled exactly as the export spells them, in the
// order they appear.
var labels = []struct{ text, field string }{
	{"Current assignees", "assignees"},
	{"Inventors", "inventors"},
	{"Priority data including date", "priority"},
	{"IPC - International classification", "ipc"},
	{"CPC - Cooperative classification", "cpc"},
	{"PCL - US patent classification", "pcl"},
}

// structuralTags are the HTML tags the export uses for layout. Only these
// split a field into chunks; any other "<…>" is text and kept as such.
var structuralTags = []string{"p", "u", "table", "tbody", "thead", "tr", "td", "th", "br"}

// parseMeta reads the metadata block, lines [a, b): assignees, inventors,
// priorities and classifications, in one of eight layouts (CORPUS.md §2.3).
func (p *recordParser) parseMeta(a, b int) {
	fields := map[string][]chunk{}
	current := ""
	add := func(c chunk) {
		text := c.text
		for _, l := range labels {
			if rest, ok := strings.CutPrefix(text, l.text); ok && (rest == "" || rest[0] == ' ') {
				current = l.field
				if _, seen := fields[current]; seen {
					p.errorf(c.line, current, Warning, "the label %q appears twice; values merged", l.text)
				}
				if fields[current] == nil {
					fields[current] = []chunk{} // present, even without values
				}
				text = strings.TrimSpace(rest)
				if text == "" {
					return
				}
				break
			}
		}
		if current == "" {
			p.unclaimed(c.line, text)
			return
		}
		fields[current] = append(fields[current], chunk{text: text, line: c.line})
	}

	first := p.lines[a]
	var copies []chunk // flattened copies of the HTML tables, to check
	if strings.Contains(first, "<p>") || strings.Contains(first, "<p ") || strings.Contains(first, "<table") {
		// M1–M5: one line; [0] people, [1] classification, [2…] a flattened
		// copy of the codes, and in M5 a second copy on the next lines.
		cells := strings.Split(first, "\t")
		for _, cell := range cells[:min(2, len(cells))] {
			for _, c := range chunks(cell, a) {
				add(c)
			}
		}
		for _, cell := range cells[min(2, len(cells)):] {
			copies = append(copies, chunk{text: cell, line: a})
		}
		for i := a + 1; i < b; i++ {
			if !noise(p.lines[i]) {
				copies = append(copies, chunk{text: p.lines[i], line: i})
			}
		}
	} else {
		// M6–M8: labels and values on lines; a TSV line holds the people
		// column in cell 0 and the classification column in cells 1….
		var right []chunk
		for i := a; i < b; i++ {
			line := p.lines[i]
			if noise(line) {
				continue
			}
			cells := strings.Split(line, "\t")
			for _, c := range chunks(cells[0], i) {
				add(c)
			}
			for _, cell := range cells[1:] {
				right = append(right, chunks(cell, i)...)
			}
		}
		current = ""
		for _, c := range right {
			add(c)
		}
	}

	p.setAssignees(fields["assignees"])
	p.setInventors(fields["inventors"])
	p.setPriorities(fields["priority"])
	p.rec.IPC = p.codes("ipc", fields["ipc"])
	p.rec.CPC = p.codes("cpc", fields["cpc"])
	for _, t := range p.chunkTokens(fields["pcl"]) {
		if strings.HasSuffix(t.text, ":") || len(p.rec.PCL) == 0 {
			p.rec.PCL = append(p.rec.PCL, Value{Text: t.text, Pos: t.pos})
			continue
		}
		last := &p.rec.PCL[len(p.rec.PCL)-1]
		if strings.HasSuffix(last.Text, ":") {
			last.Text += " " + t.text
		} else {
			p.rec.PCL = append(p.rec.PCL, Value{Text: t.text, Pos: t.pos})
		}
	}
	if _, ok := fields["inventors"]; !ok {
		p.errorf(a, "inventors", Warning, "no Inventors label in the metadata block")
	}
	if _, ok := fields["ipc"]; !ok {
		p.errorf(a, "ipc", Warning, "no IPC classification")
	}
	p.checkCopies(copies)
}

// checkCopies makes sure the flattened copies of the code tables hold only
// codes the labelled part already gave (CORPUS.md §2.3): anything else is
// reported as unclaimed rather than lost.
func (p *recordParser) checkCopies(copies []chunk) {
	if len(copies) == 0 {
		return
	}
	seen := make(map[string]bool, len(p.rec.IPC)+len(p.rec.CPC))
	for _, c := range p.rec.IPC {
		seen[strings.ReplaceAll(c.Raw, "*", "")] = true
	}
	for _, c := range p.rec.CPC {
		seen[strings.ReplaceAll(c.Raw, "*", "")] = true
	}
	for _, v := range p.rec.PCL {
		for _, f := range strings.Fields(v.Text) {
			seen[strings.ReplaceAll(f, "*", "")] = true
		}
	}
	var toks []token
	for _, c := range copies {
		if strings.IndexByte(c.text, '<') >= 0 {
			c.text = stripTags(c.text)
		}
		toks = p.appendTokens(toks[:0], c.text, c.line)
		for _, t := range toks {
			if !seen[strings.ReplaceAll(t.text, "*", "")] {
				p.unclaimed(c.line, t.text)
			}
		}
	}
}

// chunks splits one cell into chunks at structural HTML tags, dropping empty ones.
func chunks(cell string, line int) []chunk {
	var out []chunk
	eachPart(cell, structuralTags, func(part string) {
		if t := squeeze(part); t != "" {
			out = append(out, chunk{text: t, line: line})
		}
	})
	return out
}

// splitTags cuts s at every structural tag (<p>, </td>, <table style=…>, …).
func splitTags(s string) []string { return splitTagSet(s, structuralTags) }

// splitTagSet cuts s at every tag named in names.
func splitTagSet(s string, names []string) []string {
	var out []string
	eachPart(s, names, func(part string) { out = append(out, part) })
	return out
}

// eachPart calls f with each piece of s between tags named in names, in
// order, without allocating.
func eachPart(s string, names []string, f func(string)) {
	last := 0
	for i := strings.IndexByte(s, '<'); i >= 0; {
		if n := tagLen(s[i:], names); n > 0 {
			f(s[last:i])
			last = i + n
			i = last
		} else {
			i++
		}
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
	}
	f(s[last:])
}

// stripTags replaces structural tags by spaces.
func stripTags(s string) string { return strings.Join(splitTags(s), " ") }

// tagLen returns the length of the tag named in names at the start of s, or 0.
func tagLen(s string, names []string) int {
	if len(s) < 3 || s[0] != '<' {
		return 0
	}
	i := 1
	if s[i] == '/' {
		i++
	}
	for _, name := range names {
		if !strings.HasPrefix(s[i:], name) {
			continue
		}
		j := i + len(name)
		if j >= len(s) {
			return 0
		}
		switch s[j] {
		case '>':
			return j + 1
		case ' ', '/':
			end := strings.IndexByte(s[j:], '>')
			if end < 0 || strings.IndexByte(s[j:j+end], '<') >= 0 {
				return 0
			}
			return j + end + 1
		}
	}
	return 0
}

func (p *recordParser) tokens(s string, line int) []token {
	return p.appendTokens(nil, s, line)
}

// appendTokens appends the space-separated words of s, each a substring of s.
func (p *recordParser) appendTokens(out []token, s string, line int) []token {
	pos := p.pos(line)
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\v' || s[i] == '\f' || s[i] == '\r' {
			if start >= 0 {
				out = append(out, token{text: s[start:i], pos: pos})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

func (p *recordParser) chunkTokens(cs []chunk) []token {
	var out []token
	for _, c := range cs {
		out = p.appendTokens(out, c.text, c.line)
	}
	return out
}

// codes reads IPC or CPC codes, joining codes a PDF conversion spaced out.
func (p *recordParser) codes(field string, cs []chunk) []Code {
	toks := joinSpaced(p.chunkTokens(cs))
	out := make([]Code, 0, len(toks))
	p.codeAt, p.codeAtLen = nil, 0
	for _, t := range toks {
		cc, known := p.codeCache[t.text]
		if !known {
			cc.code, cc.main, cc.ok = CompactCode(t.text)
			if p.codeCache != nil {
				p.codeCache[t.text] = cc
			}
		}
		code, main := cc.code, cc.main
		if !cc.ok {
			p.errs = append(p.errs, errorf(t.pos, p.seq, field, Warning, "cannot read %q as a classification code; left out", truncate(t.text, 80)))
			continue
		}
		if i := p.codeIndex(out, code); i >= 0 {
			out[i].Main = out[i].Main || main
			continue
		}
		out = append(out, Code{Raw: t.text, Code: code, Main: main, Pos: t.pos})
	}
	return out
}

// codeIndex returns the index of code in out, or -1: a scan for the few
// codes of a normal record, a map beyond that (hostile input can hold
// thousands).
func (p *recordParser) codeIndex(out []Code, code string) int {
	if len(out) <= 64 {
		return slices.IndexFunc(out, func(c Code) bool { return c.Code == code })
	}
	if p.codeAt == nil {
		p.codeAt = make(map[string]int, len(out))
	}
	for i := p.codeAtLen; i < len(out); i++ {
		p.codeAt[out[i].Code] = i
	}
	p.codeAtLen = len(out)
	if i, ok := p.codeAt[code]; ok {
		return i
	}
	return -1
}

// setPriorities pairs priority numbers with their dates.
func (p *recordParser) setPriorities(cs []chunk) {
	var out []Priority
	for _, t := range p.chunkTokens(cs) {
		if isDate(t.text) {
			if n := len(out); n > 0 && out[n-1].Date == "" {
				out[n-1].Date = t.text
			} else {
				p.errs = append(p.errs, errorf(t.pos, p.seq, "priority", Warning, "date %s without a priority number", t.text))
				out = append(out, Priority{Date: t.text, Pos: t.pos})
			}
			continue
		}
		if n := len(out); n > 0 && out[n-1].Date == "" {
			p.errs = append(p.errs, errorf(out[n-1].Pos, p.seq, "priority", Warning, "priority %s has no date", out[n-1].Number))
		}
		out = append(out, Priority{Number: t.text, Pos: t.pos})
	}
	if n := len(out); n > 0 && out[n-1].Date == "" {
		p.errs = append(p.errs, errorf(out[n-1].Pos, p.seq, "priority", Warning, "priority %s has no date", out[n-1].Number))
	}
	p.rec.Priorities = out
}
