package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A recordParser reads the fields of one record from its span of lines.
type recordParser struct {
	file  string
	lines []string
	span  span
	seq   int // 1-based record number in the file
	rec   Record
	errs  []*Error
	sc    *scratch
	// codeAt indexes the first codeAtLen codes of a long code field.
	codeAt    map[string]int
	codeAtLen int
}

// A scratch is the working memory of one parsing worker, reused from
// record to record: nothing in it outlives the parse of one field.
type scratch struct {
	// codeCache maps codes as printed to their compact form, shared by the
	// records one worker parses: a large export repeats a few thousand codes
	// a million times, and the compact strings are then shared too.
	codeCache map[string]compactCode
	fields    [nFields][]chunk
	present   [nFields]bool
	right     []chunk
	copies    []chunk
	toks      []token
	words     []string
	parts     []string
	members   []member
}

func newScratch() *scratch { return &scratch{codeCache: map[string]compactCode{}} }

type compactCode struct {
	code     string
	main, ok bool
}

func (p *recordParser) pos(i int) Pos { return Pos{File: p.file, Line: i + 1} }

func (p *recordParser) errorf(i int, field string, sev Severity, format string, args ...any) {
	p.errs = append(p.errs, errorf(p.pos(i), p.seq, field, sev, format, args...))
}

func (p *recordParser) unclaimed(i int, text string) {
	p.rec.Unclaimed = append(p.rec.Unclaimed, Value{Text: text, Pos: p.pos(i)})
}

func (p *recordParser) parse() Record {
	sp := p.span
	r := &p.rec
	r.Index = p.seq
	r.Pos = p.pos(sp.title)
	r.Printed = Value{Text: sp.printedNum, Pos: p.pos(sp.number)}

	num, kind := Canonical(sp.num, sp.kind)
	if sp.row != nil {
		r.IndexTitle = Value{Text: sp.row.title, Pos: sp.row.pos}
		if rn, rk, ok := splitNumberKind(sp.row.printed); ok {
			in, ik := Canonical(rn, rk)
			if in+ik != num+kind {
				p.errorf(sp.number, "number", Warning, "%q disagrees with the index row %q (line %d); using the index",
					sp.printedNum, sp.row.printed, sp.row.pos.Line)
			}
			num, kind = in, ik
		}
	}
	if row := sp.row; row != nil && len(row.id) == len(num)+len(kind) && row.id[:len(num)] == num && row.id[len(num):] == kind {
		r.ID = row.id // the same text, already made
	} else {
		r.ID = num + kind
	}
	if !ValidID(r.ID) || kind == "" {
		p.errorf(sp.number, "number", Fatal, "cannot read the publication number %q: record skipped", truncate(sp.printedNum, 80))
		r.ID = ""
		return *r
	}
	r.Country, r.Number, r.Kind = num[:2], num, kind

	p.parseTitle()

	// Lines between the title and the number line carry nothing.
	for i := sp.title + 1; i < sp.number; i++ {
		if !noise(p.lines[i]) {
			p.unclaimed(i, p.lines[i])
		}
	}
	p.parseBody()
	p.setLang()
	return *r
}

func (p *recordParser) parseTitle() {
	sp := p.span
	t := squeeze(stripStars(sp.titleText))
	if sp.title == sp.number && sp.titleText == "" || t == "" {
		if sp.row != nil && sp.row.title != "" {
			t = cleanIndexTitle(sp.row.title)
			p.errorf(sp.number, "title", Warning, "the record has no title line; using the index title")
		} else {
			p.errorf(sp.number, "title", Warning, "the record has no title")
		}
	} else if sp.row != nil && !sameText(t, sp.row.title) {
		p.errorf(sp.title, "title", Warning, "record title %q differs from the index title %q (line %d); using the record's",
			truncate(t, 60), truncate(sp.row.title, 60), sp.row.pos.Line)
	}
	p.rec.Title = Value{Text: t, Pos: p.pos(sp.title)}
}

// sameText compares two titles ignoring case and all white space (which
// also covers the index's " -" and " ," artefacts).
func sameText(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && (a[i] == ' ' || a[i] == '\t') {
			i++
		}
		for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		ra, na := utf8.DecodeRuneInString(a[i:])
		rb, nb := utf8.DecodeRuneInString(b[j:])
		if ra != rb && unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		i += na
		j += nb
	}
}

// parseBody finds the landmarks after the number line (metadata, family,
// marker, abstract, drawings) and parses each part.
func (p *recordParser) parseBody() {
	sp := p.span
	start := sp.number + 1
	meta := -1
	for i := start; i < sp.end; i++ {
		if !noise(p.lines[i]) {
			meta = i
			break
		}
	}
	if meta < 0 {
		p.errorf(sp.number, "metadata", Fatal, "the record ends after its number line: no assignees, inventors, codes, family or abstract")
		return
	}
	family := -1
	for i := meta; i < sp.end; i++ {
		if familyHeader(p.lines[i]) {
			family = i
			break
		}
	}
	marker := -1
	from := meta
	if family >= 0 {
		from = family + 1
	}
	for i := from; i < sp.end; i++ {
		if _, ok := markerLine(p.lines[i]); ok {
			marker = i
			break
		}
	}
	metaEnd := sp.end
	switch {
	case family >= 0:
		metaEnd = family
	case marker >= 0:
		metaEnd = marker
	}
	if family < 0 {
		p.errorf(meta, "family", Fatal, "no Family block in the record")
	}
	p.parseMeta(meta, metaEnd)
	if family >= 0 {
		famEnd := sp.end
		if marker >= 0 {
			famEnd = marker
		}
		famEnd = p.parseFamily(family, famEnd, marker >= 0)
		if marker < 0 {
			if famEnd < sp.end && !p.allNoise(famEnd, sp.end) {
				p.errorf(famEnd, "marker", Warning, "no \"(NUMBER)\" marker line after the family block; the text after it is read as the abstract")
				p.parseTail(famEnd, sp.end, "", false)
			} else {
				p.errorf(family, "abstract", Warning, "the record has no marker and no abstract")
			}
			return
		}
	}
	if marker >= 0 {
		rest, _ := markerLine(p.lines[marker])
		p.parseTail(marker, sp.end, rest, true)
	}
}

func (p *recordParser) allNoise(a, b int) bool {
	for i := a; i < b; i++ {
		if !noise(p.lines[i]) {
			return false
		}
	}
	return true
}

// familyHeader recognises the line that opens the family block:
// "Family", "<u>Family</u>", "<p>Family …", "<p><u>Family</u> …", "Family[…](#)".
func familyHeader(line string) bool {
	s := strings.TrimLeft(line, " ")
	s = strings.TrimPrefix(s, "<p>")
	s = strings.TrimPrefix(s, "<u>")
	if !strings.HasPrefix(s, "Family") {
		return false
	}
	s = s[len("Family"):]
	return s == "" || s[0] == '\t' || s[0] == ' ' || s[0] == '<' || s[0] == '['
}

// markerLine recognises the marker "(EP3628093)" that precedes the abstract,
// alone, with trailing junk, or as "<p>(ID)</p> <p>abstract…". It returns the
// text after the marker.
func markerLine(line string) (rest string, ok bool) {
	s := strings.TrimLeft(line, " ")
	s = strings.TrimPrefix(s, "<p>")
	if !strings.HasPrefix(s, "(") {
		return "", false
	}
	end := strings.IndexByte(s, ')')
	if end < 0 {
		return "", false
	}
	id := s[1:end]
	if len(id) < 5 || !upper(id[0]) || !upper(id[1]) || strings.HasPrefix(id, "From ") {
		return "", false
	}
	dig := false
	for i := 2; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= '0' && c <= '9':
			dig = true
		case upper(c) || c == '/' || c == '-':
		default:
			return "", false
		}
	}
	if !dig {
		return "", false
	}
	return s[end+1:], true
}

func (p *recordParser) setLang() {
	r := &p.rec
	r.Lang = "en"
	if hasHan(r.Title.Text) || hanShare(r.Abstract.Text) > 0.3 {
		r.Lang = "zh"
	}
}

// hanShare is the share of Han characters among the letters of s.
func hanShare(s string) float64 {
	if ascii(s) {
		return 0 // no Han character; most abstracts are English
	}
	han, all := 0, 0
	for i := 0; i < len(s); i++ {
		// ASCII first, a byte at a time: most abstracts are English.
		if c := s[i]; c < utf8.RuneSelf {
			if c > ' ' && c != '*' {
				all++
			}
			continue
		}
		c, n := utf8.DecodeRuneInString(s[i:])
		i += n - 1
		switch {
		case isHan(c):
			han++
			all++
		case c > ' ' && c != '*':
			all++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(han) / float64(all)
}
