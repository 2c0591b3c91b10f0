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

// The fields of labels, by index.
const (
	fieldAssignees = iota
	fieldInventors
	fieldPriority
	fieldIPC
	fieldCPC
	fieldPCL
	nFields
)

// parseMeta reads the metadata block, lines [a, b): assignees, inventors,
// priorities and classifications, in one of eight layouts (CORPUS.md §2.3).
func (p *recordParser) parseMeta(a, b int) {
	// fields[i] holds the chunks of labels[i]; present[i] whether the label
	// was seen, even without values. Both are the worker's, reused.
	fields, present := &p.sc.fields, &p.sc.present
	for i := range fields {
		fields[i], present[i] = fields[i][:0], false
	}
	current := -1
	add := func(c chunk) {
		text := c.text
		for i, l := range labels {
			if rest, ok := strings.CutPrefix(text, l.text); ok && (rest == "" || rest[0] == ' ') {
				current = i
				if present[i] {
					p.errorf(c.line, l.field, Warning, "the label %q appears twice; values merged", l.text)
				}
				present[i] = true
				text = strings.TrimSpace(rest)
				if text == "" {
					return
				}
				break
			}
		}
		if current < 0 {
			p.unclaimed(c.line, text)
			return
		}
		fields[current] = append(fields[current], chunk{text: text, line: c.line})
	}

	first := p.lines[a]
	copies := p.sc.copies[:0] // flattened copies of the HTML tables, to check
	if strings.Contains(first, "<p>") || strings.Contains(first, "<p ") || strings.Contains(first, "<table") {
		// M1–M5: one line; cell 0 people, cell 1 classification, cells 2…
		// a flattened copy of the codes, and in M5 a second copy on the
		// next lines.
		rest := first
		for cell := 0; ; cell++ {
			text, more, found := strings.Cut(rest, "\t")
			if cell < 2 {
				eachChunk(text, a, add)
			} else {
				copies = append(copies, chunk{text: text, line: a})
			}
			if !found {
				break
			}
			rest = more
		}
		for i := a + 1; i < b; i++ {
			if !noise(p.lines[i]) {
				copies = append(copies, chunk{text: p.lines[i], line: i})
			}
		}
	} else {
		// M6–M8: labels and values on lines; a TSV line holds the people
		// column in cell 0 and the classification column in cells 1….
		right := p.sc.right[:0]
		for i := a; i < b; i++ {
			line := p.lines[i]
			if noise(line) {
				continue
			}
			cell0, rest, tabs := strings.Cut(line, "\t")
			eachChunk(cell0, i, add)
			for tabs {
				var cell string
				cell, rest, tabs = strings.Cut(rest, "\t")
				eachChunk(cell, i, func(c chunk) { right = append(right, c) })
			}
		}
		current = -1
		for _, c := range right {
			add(c)
		}
		p.sc.right = right
	}
	p.sc.copies = copies

	p.setAssignees(fields[fieldAssignees])
	p.setInventors(fields[fieldInventors])
	p.setPriorities(fields[fieldPriority])
	p.rec.IPC = p.codes("ipc", fields[fieldIPC])
	p.rec.CPC = p.codes("cpc", fields[fieldCPC])
	for _, t := range p.chunkTokens(fields[fieldPCL]) {
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
	if !present[fieldInventors] {
		p.errorf(a, "inventors", Warning, "no Inventors label in the metadata block")
	}
	if !present[fieldIPC] {
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
	// The codes and PCL values given, compared without their "*" marks: by
	// a scan for the few of a normal record, through a map beyond that.
	known := p.sc.words[:0]
	for _, c := range p.rec.IPC {
		known = append(known, c.Raw)
	}
	for _, c := range p.rec.CPC {
		known = append(known, c.Raw)
	}
	for _, v := range p.rec.PCL {
		known = appendFields(known, v.Text)
	}
	p.sc.words = known
	// The copies list the codes in the order given, so the next one is
	// tried first; a miss searches them all and resumes after the match.
	var seen map[string]bool
	if len(known) > 64 {
		seen = make(map[string]bool, len(known))
		for _, k := range known {
			seen[strings.ReplaceAll(k, "*", "")] = true
		}
	}
	next := 0
	isKnown := func(t string) bool {
		if next < len(known) && sameWithoutStars(known[next], t) {
			next++
			return true
		}
		if seen != nil {
			return seen[strings.ReplaceAll(t, "*", "")]
		}
		i := slices.IndexFunc(known, func(k string) bool { return sameWithoutStars(k, t) })
		if i >= 0 {
			next = i + 1
		}
		return i >= 0
	}
	for _, c := range copies {
		if strings.IndexByte(c.text, '<') >= 0 {
			c.text = stripTags(c.text)
		}
		toks := p.appendTokens(p.sc.toks[:0], c.text, c.line)
		p.sc.toks = toks
		for _, t := range toks {
			if !isKnown(t.text) {
				p.unclaimed(c.line, t.text)
			}
		}
	}
}

// sameWithoutStars reports whether a and b are equal once their "*" are
// removed.
func sameWithoutStars(a, b string) bool {
	if a == b {
		return true
	}
	i, j := 0, 0
	for {
		for i < len(a) && a[i] == '*' {
			i++
		}
		for j < len(b) && b[j] == '*' {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// eachChunk calls f with each chunk of one cell: the text between
// structural HTML tags, squeezed, unless empty.
func eachChunk(cell string, line int, f func(chunk)) {
	eachPart(cell, structuralTags, func(part string) {
		if t := squeeze(part); t != "" {
			f(chunk{text: t, line: line})
		}
	})
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
		// The first byte first: most names differ there.
		if s[i] != name[0] || !strings.HasPrefix(s[i:], name) {
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

// chunkTokens gives the tokens of cs in the worker's token buffer, valid
// until the next call.
func (p *recordParser) chunkTokens(cs []chunk) []token {
	out := p.sc.toks[:0]
	for _, c := range cs {
		out = p.appendTokens(out, c.text, c.line)
	}
	p.sc.toks = out
	return out
}

// codes reads IPC or CPC codes, joining codes a PDF conversion spaced out.
func (p *recordParser) codes(field string, cs []chunk) []Code {
	toks := joinSpaced(p.chunkTokens(cs))
	out := make([]Code, 0, len(toks))
	p.codeAt, p.codeAtLen = nil, 0
	for _, t := range toks {
		cc, known := p.sc.codeCache[t.text]
		if !known {
			cc.code, cc.main, cc.ok = CompactCode(t.text)
			p.sc.codeCache[t.text] = cc
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
	toks := p.chunkTokens(cs)
	if len(toks) > 0 {
		out = make([]Priority, 0, (len(toks)+1)/2) // a number and a date each
	}
	for _, t := range toks {
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
