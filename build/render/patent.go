package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/markdown"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// relatedShown is how many related patents a patent page lists.
const relatedShown = 5

// A PatentPage is the data of templates/patent.html. Everything the
// template prints is here as text and hrefs made in Go, so that the
// template is plain field access; Patent is there for templates that users
// write.
type PatentPage struct {
	Base
	Patent    *catalog.Patent
	ID        string
	Title     string // clipped to titleMax runes
	FullTitle string // the title in full, when Title is clipped
	Zh        bool   // the title and abstract are Chinese
	// Kind and Published link the pages of the patent's kind code and
	// publication year; Published is "" when the export gives no date. The
	// breadcrumbs link the country.
	Country         string
	Kind, Published Link
	Assignees       []Party
	AssigneesRaw    string // the assignees as printed, when their split is uncertain (clipped, see Full)
	// Full holds, in full, each name clipped in Assignees, Inventors or
	// AssigneesRaw (longer than shownMax runes).
	Full               []string
	Inventors          []Party
	InventorsUnsplit   bool // Inventors is one string of several names, as printed
	Priorities         []Priority
	PCL                string
	CPC, IPC           []CodeGroup
	Abstract           template.HTML // the abstract through goldmark; "" when there is none
	AbstractProvenance string
	Drawings           []Drawing
	Family             []FamilyRow
	Related            []Item
	Cite               Cite
	Files              []Link // the other files of the patent's directory
	Google, Espacenet  string // the patent on Google Patents and Espacenet
	Source             string // the export file the record came from
	Line               int
	Prev, Next         Link // the patents before and after this one in the catalog; Href "" at the ends
	Meta               Meta
}

// A Party is an assignee or inventor of a patent.
type Party struct {
	Name    string // clipped to shownMax runes; in full in PatentPage.Full
	Href    string
	Primary bool // the primary assignee, marked when there are several
}

// A Priority is one priority claim; Href links the priority year's page
// from the earliest claim.
type Priority struct {
	Number string
	Date   string
	Href   string
}

// A CodeGroup is a patent's codes of one subclass: the subclass, then each
// code linked (Name without the subclass: "9/3239"). The subclass is not
// a link: a page has a dozen codes, each link costs html/template four
// reflective calls, and the code's page links its ancestors.
type CodeGroup struct {
	Subclass string
	Codes    []Code
}

// A Code is one classification of a patent.
type Code struct {
	Name string
	Href string
	Main bool
}

// A Drawing is one figure of a patent.
type Drawing struct {
	Mermaid bool
	Source  string // dedented
	ID      string // element id, unique on the page
}

// A FamilyRow is one member of a patent's family. Href links its page when
// it is another patent of the catalog; Espacenet is "" for the patent
// itself, which the page links out to once.
type FamilyRow struct {
	Printed   string
	Kind      string
	Date      string
	Href      string
	ID        string
	Espacenet string
}

// A Cite is the permalink and the citation line of a patent; site.js makes
// the Markdown, MediaWiki and HTML links from them. URL is absolute when
// the site has a base URL; otherwise it is the permalink relative to the
// site root and site.js puts in the address the page was opened at.
type Cite struct {
	URL      string
	Rel      string // URL when it is relative to the site root, else ""
	Citation string
}

// A Meta holds the Highwire Press (citation_*) and Dublin Core tags that
// Google Scholar and Zotero read, the Open Graph tags of link previews and
// the schema.org description.
type Meta struct {
	Title     string
	Authors   []string // the inventors
	Assignees []string
	Date      string // "2020/08/21", as citation_publication_date wants it
	ISODate   string
	ID        string
	Country   string
	OGTitle   string
	URL       string          // absolute; "" without a base URL
	JSONLD    json.RawMessage // for <script type="application/ld+json">
}

func (r *renderer) patent(p *catalog.Patent) (output.File, error) {
	pg, err := r.patentPage(p)
	if err != nil {
		return output.File{}, err
	}
	return r.page(KindPatent, pg.Path, pg)
}

func (r *renderer) patentPage(p *catalog.Patent) (*PatentPage, error) {
	pth := urls.Patent(p.ID)
	rel := func(to string) string { return urls.Rel(pth, to) }
	// The title is the page's <title>; the description says the rest.
	desc := p.Country + " patent " + p.ID
	if p.Primary != nil {
		desc += " of " + p.Primary.Name
	}
	if p.Published != "" {
		desc += ", published " + p.Published
	}
	country := urls.Group("country", p.Country)
	pg := &PatentPage{
		Base:               r.baseJS(pth, p.ID+": "+clip(p.Title, listTitle), desc+".", true, homeCrumb(pth), crumb(pth, p.Country+" patents", country)),
		Patent:             p,
		ID:                 p.ID,
		Title:              clip(p.Title, titleMax),
		FullTitle:          clippedAt(p.Title, titleMax),
		Zh:                 p.Lang == "zh",
		Country:            p.Country,
		Kind:               Link{p.Kind, rel(urls.Group("kind", p.Kind))},
		InventorsUnsplit:   len(p.Inventors) > 0 && !p.InventorsCertain,
		PCL:                strings.Join(p.PCL, ", "),
		CPC:                codeGroups(r.patentCodes, p.CPC),
		IPC:                codeGroups(r.patentCodes, p.IPC),
		AbstractProvenance: p.AbstractProvenance,
		Related:            related(pth, r.cat.Related(p, relatedShown)),
		Files:              r.files,
		Google:             urls.GooglePatents(p.ID),
		Espacenet:          urls.Espacenet(p.ID),
		Source:             p.Source.File,
		Line:               p.Source.Line,
	}
	if len(p.Published) >= 4 {
		pg.Published = Link{p.Published, rel(urls.Group("year", p.Published[:4]))}
	}
	for _, a := range p.Assignees {
		pg.Assignees = append(pg.Assignees, Party{pg.shown(a.Name), rel(urls.Assignee(a.Slug)), a == p.Primary && len(p.Assignees) > 1})
	}
	if p.AssigneesRaw != "" && !p.AssigneesCertain {
		pg.AssigneesRaw = pg.shown(p.AssigneesRaw)
	}
	for _, in := range p.Inventors {
		pg.Inventors = append(pg.Inventors, Party{Name: pg.shown(in.Name), Href: rel(urls.Inventor(in.Slug))})
	}
	pg.Priorities = priorities(p, rel)
	if p.Seq > 0 {
		q := r.cat.Patents[p.Seq-1]
		pg.Prev = Link{q.ID, rel(urls.Patent(q.ID))}
	}
	if p.Seq+1 < len(r.cat.Patents) {
		q := r.cat.Patents[p.Seq+1]
		pg.Next = Link{q.ID, rel(urls.Patent(q.ID))}
	}
	pg.Family = make([]FamilyRow, 0, len(p.Family))
	for _, m := range p.Family {
		row := FamilyRow{Printed: m.Printed, Kind: m.Kind, Date: m.Date, ID: m.ID}
		switch {
		case m.ID == p.ID:
			row.Printed += " (this patent)"
		case m.Patent != nil && m.Patent != p:
			row.Href = rel(urls.Patent(m.Patent.ID))
			fallthrough
		default:
			row.Espacenet = urls.Espacenet(m.ID)
		}
		pg.Family = append(pg.Family, row)
	}
	if md := p.AbstractMarkdown(); md != "" {
		abs, err := markdown.HTML(md)
		if err != nil {
			return nil, fmt.Errorf("%s: abstract: %w", p.ID, err)
		}
		pg.Abstract = abs
	}
	for i, d := range p.Drawings {
		dr := Drawing{Mermaid: d.Kind == "mermaid" && r.mermaid, Source: dedent(d.Source), ID: "fig" + itoa(i+1)}
		pg.Drawings = append(pg.Drawings, dr)
		pg.Diagrams = pg.Diagrams || dr.Mermaid
	}
	if pg.Diagrams {
		pg.Scripts = []string{rel(urls.Asset(mermaidJS)), rel(urls.Asset("diagram.js"))}
	}
	pg.Cite = r.cite(p)
	meta, err := r.patentMeta(p, pg.Canonical)
	if err != nil {
		return nil, err
	}
	pg.Meta = meta
	return pg, nil
}

// related makes the entries of the related patents: id and clipped title.
func related(from string, ps []*catalog.Patent) []Item {
	out := make([]Item, len(ps))
	for i, p := range ps {
		out[i] = Item{Href: urls.Rel(from, urls.Patent(p.ID)), ID: p.ID, Text: " " + clip(p.Title, relatedTitle), Zh: p.Lang == "zh"}
	}
	return out
}

// mermaidJS is the vendored mermaid renderer inside the assets.
const mermaidJS = "vendor/mermaid.min.js"

// codeGroups groups a patent's codes by subclass, in the order they come.
func codeGroups(codes map[*catalog.Node]Code, cls []catalog.Class) []CodeGroup {
	var out []CodeGroup
	var subclasses []*catalog.Node
	for _, c := range cls {
		sc := c.Node.Ancestor(catalog.SubclassLevel)
		i := 0
		for i < len(subclasses) && subclasses[i] != sc {
			i++
		}
		if i == len(subclasses) {
			subclasses = append(subclasses, sc)
			out = append(out, CodeGroup{Subclass: sc.Code})
		}
		code, ok := codes[c.Node]
		if !ok { // not a node of the catalog's schemes: not expected
			code = patentCode(c.Node)
		}
		code.Main = c.Main
		out[i].Codes = append(out[i].Codes, code)
	}
	return out
}

// patentCodes gives each node of the catalog's schemes its patentCode.
func patentCodes(c *catalog.Catalog) map[*catalog.Node]Code {
	out := make(map[*catalog.Node]Code)
	for _, s := range []*catalog.Scheme{c.CPC, c.IPC} {
		for _, n := range s.Nodes() {
			out[n] = patentCode(n)
		}
	}
	return out
}

// patentCode is the link of node n as a patent page shows it: its code
// without the subclass it is grouped under ("9/0861" under "H04L"), and
// its page relative to a patent page (every patent page is as deep).
func patentCode(n *catalog.Node) Code {
	name := n.Display()
	if sc := n.Ancestor(catalog.SubclassLevel); sc != nil {
		name = strings.TrimPrefix(name, sc.Code+" ")
	}
	return Code{Name: name, Href: urls.Rel(urls.Patent("x"), urls.Code(n.Scheme.Name, n.Code))}
}

// priorities lists the priority claims, the earliest date linked to its
// priority year; when no claim carries that date it comes first on its own.
func priorities(p *catalog.Patent, rel func(string) string) []Priority {
	var out []Priority
	href := ""
	if len(p.EarliestPriority) >= 4 {
		href = rel(urls.Group("priority-year", p.EarliestPriority[:4]))
	}
	linked := false
	for _, pr := range p.Priorities {
		x := Priority{Number: pr.Number, Date: pr.Date}
		if !linked && href != "" && pr.Date == p.EarliestPriority {
			x.Href, linked = href, true
		}
		out = append(out, x)
	}
	if !linked && href != "" {
		out = append([]Priority{{Date: p.EarliestPriority, Href: href}}, out...)
	}
	return out
}

// dedent removes the indentation common to every non-blank line, and
// blank lines at both ends: the export indents some mermaid headers by up
// to 16 spaces.
func dedent(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\t", "    "), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	indent := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if indent < 0 || n < indent {
			indent = n
		}
	}
	for i, l := range lines {
		if len(l) >= indent && indent > 0 {
			lines[i] = l[indent:]
		} else {
			lines[i] = strings.TrimLeft(l, " ")
		}
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.Join(lines, "\n")
}

// authors are the citation authors of p: its inventors, or, for an unsplit
// string, that one string.
func authors(p *catalog.Patent) []string {
	out := make([]string, len(p.Inventors))
	for i, in := range p.Inventors {
		out[i] = in.Name
	}
	return out
}

// patentMeta gives the tags of the page's head. The JSON-LD is a
// schema.org CreativeWork with what identifies a patent and nothing the
// page's other tags already give a reader; encoding/json escapes <, > and
// & as \u003c…, so no value can close the <script> element that holds it.
func (r *renderer) patentMeta(p *catalog.Patent, canonical string) (Meta, error) {
	m := Meta{
		Title:   p.Title,
		Authors: authors(p),
		Date:    strings.ReplaceAll(p.Published, "-", "/"),
		ISODate: p.Published,
		ID:      p.ID,
		Country: p.Country,
		OGTitle: p.ID + ": " + clip(p.Title, 200),
		URL:     canonical,
	}
	for _, a := range p.Assignees {
		m.Assignees = append(m.Assignees, a.Name)
	}
	type person struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	ld := struct {
		Context       string   `json:"@context"`
		Type          string   `json:"@type"`
		Name          string   `json:"name"`
		Identifier    string   `json:"identifier"`
		DatePublished string   `json:"datePublished,omitempty"`
		Author        []person `json:"author,omitempty"`
		URL           string   `json:"url,omitempty"`
	}{
		Context:       "https://schema.org",
		Type:          "CreativeWork",
		Name:          p.Title,
		Identifier:    p.ID,
		DatePublished: p.Published,
		URL:           canonical,
	}
	for _, a := range m.Authors {
		ld.Author = append(ld.Author, person{"Person", a})
	}
	b, err := json.Marshal(ld)
	if err != nil {
		return m, fmt.Errorf("%s: JSON-LD: %w", p.ID, err)
	}
	m.JSONLD = b
	return m, nil
}

// cite makes the permalink and the citation line.
func (r *renderer) cite(p *catalog.Patent) Cite {
	c := Cite{URL: urls.Dir(urls.Patent(p.ID))}
	c.Rel = c.URL
	if r.cfg.BaseURL != "" {
		c.URL, c.Rel = urls.Abs(r.cfg.BaseURL, urls.Patent(p.ID)), ""
	}
	var who string
	switch {
	case len(p.Inventors) > 0 && p.InventorsCertain:
		names := authors(p)
		if len(names) > 3 {
			names = append(names[:3:3], "et al.")
		}
		who = strings.Join(names, ", ")
	case p.Primary != nil:
		who = p.Primary.Name
	}
	var b strings.Builder
	if who != "" {
		b.WriteString(who)
		b.WriteString(". ")
	}
	b.WriteString(clip(p.Title, 200))
	b.WriteString(". ")
	b.WriteString(p.ID)
	if p.Published != "" {
		b.WriteString(", published ")
		b.WriteString(p.Published)
	}
	if p.Primary != nil && who != p.Primary.Name {
		b.WriteString(", assigned to ")
		b.WriteString(p.Primary.Name)
	}
	b.WriteString(". ")
	b.WriteString(c.URL)
	c.Citation = b.String()
	return c
}

// shown returns s clipped to shownMax runes for the page, keeping it in
// full in pg.Full when it was clipped.
func (pg *PatentPage) shown(s string) string {
	c := clip(s, shownMax)
	if c != s && !slices.Contains(pg.Full, s) {
		pg.Full = append(pg.Full, s)
	}
	return c
}
