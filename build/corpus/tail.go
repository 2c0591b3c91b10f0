package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseTail reads what follows the family block: the marker line at from
// (when hasMarker; rest is the text after the marker on that line), the
// abstract, a provenance note, and figure material up to end.
func (p *recordParser) parseTail(from, end int, rest string, hasMarker bool) {
	r := &p.rec
	i := from
	if hasMarker {
		line := strings.TrimLeft(p.lines[from], " ")
		line = strings.TrimPrefix(line, "<p>")
		r.Marker = Value{Text: line[1:strings.IndexByte(line, ')')], Pos: p.pos(from)}
		if n, k := Canonical(r.Marker.Text, ""); n != r.Number && k == "" {
			p.errorf(from, "marker", Warning, "the marker names %s, not this record (%s); the abstract may describe that family member",
				r.Marker.Text, r.ID)
		}
		i = from + 1
		if inline, ok := strings.CutPrefix(rest, "</p>"); ok {
			p.inlineAbstract(from, inline)
			p.drawings(i, end)
			return
		}
		if junk := strings.TrimSpace(rest); junk != "" {
			// A figure callout printed on the marker line ("510 ↷").
			r.Drawings = append(r.Drawings, Drawing{Kind: "text", Source: junk, Pos: p.pos(from)})
		}
	}
	for i < end && noise(p.lines[i]) {
		i++
	}
	if i == end {
		p.errorf(from, "abstract", Warning, "no abstract after the marker")
		return
	}
	abs := strings.TrimSpace(p.lines[i])
	r.Abstract = Value{Text: abs, Pos: p.pos(i)}
	i++
	// A long abstract can be split in two paragraphs (CORPUS.md §2.9): the
	// first stops mid-sentence, the second starts in lower case.
	if j := p.nextText(i, end); j >= 0 && !sentenceEnd(abs) && startsLower(p.lines[j]) {
		r.Abstract.Text += " " + strings.TrimSpace(p.lines[j])
		i = j + 1
	}
	if j := p.nextText(i, end); j >= 0 {
		if src, ok := provenance(p.lines[j]); ok {
			r.Provenance = Value{Text: src, Pos: p.pos(j)}
			i = j + 1
		}
	}
	p.drawings(i, end)
}

func (p *recordParser) nextText(i, end int) int {
	for ; i < end; i++ {
		if !noise(p.lines[i]) {
			return i
		}
	}
	return -1
}

func sentenceEnd(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), "*")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "。")
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsLower(r)
}

// provenance recognises "(From WO2019161958 A1)".
func provenance(line string) (string, bool) {
	s := strings.TrimSpace(line)
	if !strings.HasPrefix(s, "(From ") || !strings.HasSuffix(s, ")") {
		return "", false
	}
	return strings.TrimSpace(s[len("(From ") : len(s)-1]), true
}

// inlineAbstract reads "<p>abstract</p>⇥figure HTML" after an inline marker.
func (p *recordParser) inlineAbstract(line int, s string) {
	r := &p.rec
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<p>")
	abs, fig, found := strings.Cut(s, "</p>")
	if !found {
		p.errorf(line, "abstract", Warning, "inline abstract without a closing </p>")
	}
	r.Abstract = Value{Text: strings.TrimSpace(abs), Pos: p.pos(line)}
	if r.Abstract.Text == "" {
		p.errorf(line, "abstract", Warning, "empty abstract")
	}
	r.Drawings = append(r.Drawings, figureHTML(strings.TrimSpace(fig), p.pos(line))...)
}

// figureHTML turns the figure HTML after an inline abstract into drawings:
// each <pre> block is a diagram, the rest is text, one line per element.
func figureHTML(s string, pos Pos) []Drawing {
	var out []Drawing
	var text []string
	flush := func() {
		if len(text) > 0 {
			out = append(out, Drawing{Kind: "text", Source: strings.Join(text, "\n"), Pos: pos})
			text = nil
		}
	}
	for s != "" {
		pre := strings.Index(s, "<pre>")
		if pre < 0 {
			text = append(text, htmlLines(s)...)
			break
		}
		text = append(text, htmlLines(s[:pre])...)
		s = s[pre+len("<pre>"):]
		body, after, _ := strings.Cut(s, "</pre>")
		s = after
		body = strings.TrimSpace(body)
		if body == "" {
			continue
		}
		flush()
		kind := "text"
		if mermaidHeader(body) {
			kind = "mermaid"
		}
		out = append(out, Drawing{Kind: kind, Source: body, Pos: pos})
	}
	flush()
	return out
}

// figureTags are the layout tags of figure HTML; other "<…>" stays text.
var figureTags = []string{"p", "div", "span", "br", "ul", "ol", "li", "u", "table", "tbody", "tr", "td", "th"}

func htmlLines(s string) []string {
	var out []string
	for _, part := range splitTagSet(s, figureTags) {
		if t := squeeze(part); t != "" {
			out = append(out, t)
		}
	}
	return out
}

var mermaidTypes = []string{"graph", "flowchart", "sequenceDiagram", "classDiagram", "stateDiagram",
	"erDiagram", "gantt", "pie", "journey", "mindmap", "timeline", "gitGraph", "quadrantChart", "requirementDiagram"}

func mermaidHeader(src string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(src), "\n")
	first = strings.TrimSpace(first)
	for _, t := range mermaidTypes {
		if rest, ok := strings.CutPrefix(first, t); ok && (rest == "" || rest[0] == ' ' || rest[0] == '-' || rest[0] == ';') {
			return true
		}
	}
	return false
}

// drawings reads the figure material in lines [a, b): fenced blocks become
// diagrams (or text when they are not mermaid), other lines are grouped into
// text blocks at blank lines. Nothing here is dropped but noise.
func (p *recordParser) drawings(a, b int) {
	r := &p.rec
	var text []string
	textAt := 0
	flush := func() {
		if len(text) > 0 {
			r.Drawings = append(r.Drawings, Drawing{Kind: "text", Source: strings.Join(text, "\n"), Pos: p.pos(textAt)})
			text = nil
		}
	}
	for i := a; i < b; i++ {
		line := p.lines[i]
		if fence(line) {
			flush()
			j := i + 1
			for j < b && !fence(p.lines[j]) {
				j++
			}
			if j == b {
				p.errorf(i, "drawings", Warning, "a ``` block is not closed; read to the end of the record")
			}
			src := dedent(p.lines[i+1 : j])
			if src != "" {
				kind := "text"
				if mermaidHeader(src) || strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "```")) == "mermaid" {
					kind = "mermaid"
				}
				r.Drawings = append(r.Drawings, Drawing{Kind: kind, Source: src, Pos: p.pos(i)})
			}
			i = j
			continue
		}
		if underline(line) {
			continue
		}
		if blank(line) {
			flush()
			continue
		}
		if len(text) == 0 {
			textAt = i
		}
		text = append(text, strings.TrimRight(line, " \t"))
	}
	flush()
}

func fence(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(line), "```")
}

// dedent removes the common indentation of lines and the blank lines around them.
func dedent(lines []string) string {
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	indent := -1
	for _, l := range lines {
		if blank(l) {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if blank(l) {
			continue
		}
		out[i] = strings.TrimRight(l[indent:], " \t")
	}
	return strings.Join(out, "\n")
}
