package render

import (
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/markdown"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// relatedShown is how many related patents a patent page lists.
const relatedShown = 6

// A PatentPage is the data of templates/patent.html.
type PatentPage struct {
	Base
	Patent   *catalog.Patent
	Abstract template.HTML // the abstract through goldmark; "" when there is none
	CPC, IPC []SubclassCodes
	Drawings []Drawing
	Related  []*catalog.Patent
	Prev     *catalog.Patent // the patent before this one in the catalog, or nil
	Next     *catalog.Patent
	Meta     []Meta          // <meta name=…>: Highwire citation_* and Dublin Core
	OG       []Meta          // <meta property=…>: Open Graph
	JSONLD   json.RawMessage // schema.org description, for <script type="application/ld+json">
	Cite     Cite
	Files    []string // other files of the patent's directory, for download links
}

// A Meta is one <meta> tag.
type Meta struct{ Name, Content string }

// SubclassCodes are a patent's codes of one subclass, by main group: the
// place of each code in the hierarchy.
type SubclassCodes struct {
	Subclass *catalog.Node
	Groups   []GroupCodes
}

// GroupCodes are a patent's codes of one main group.
type GroupCodes struct {
	Group *catalog.Node
	Codes []catalog.Class
}

// A Drawing is one figure of a patent.
type Drawing struct {
	Mermaid bool
	Source  string // dedented
	ID      string // element id, unique on the page
}

// A Cite holds the copy-ready links of a patent. URL is absolute when the
// site has a base URL; otherwise it is the permalink relative to the site
// root and site.js fills in the absolute one from location.
type Cite struct {
	URL       string
	Absolute  bool
	Markdown  string
	MediaWiki string
	HTML      string
	Citation  string
}

func (r *renderer) patent(p *catalog.Patent) (output.File, error) {
	pth := urls.Patent(p.ID)
	desc := fmt.Sprintf("Patent %s: %s", p.ID, short(p.Title, 120))
	if p.Primary != nil {
		desc += ", " + p.Primary.Name
	}
	if p.Published != "" {
		desc += ", published " + p.Published
	}
	pg := &PatentPage{
		Base:    r.base(pth, p.ID+": "+short(p.Title, 90), desc+".", home(), Crumb{Name: p.Country + " patents", URL: urls.Group("country", p.Country)}),
		Patent:  p,
		CPC:     codesBySubclass(p.CPC),
		IPC:     codesBySubclass(p.IPC),
		Related: r.cat.Related(p, relatedShown),
	}
	if p.Seq > 0 {
		pg.Prev = r.cat.Patents[p.Seq-1]
	}
	if p.Seq+1 < len(r.cat.Patents) {
		pg.Next = r.cat.Patents[p.Seq+1]
	}
	if md := p.AbstractMarkdown(); md != "" {
		abs, err := markdown.HTML(md)
		if err != nil {
			return output.File{}, fmt.Errorf("%s: abstract: %w", p.ID, err)
		}
		pg.Abstract = abs
	}
	for i, d := range p.Drawings {
		dr := Drawing{Mermaid: d.Kind == "mermaid" && r.mermaid, Source: dedent(d.Source), ID: fmt.Sprintf("fig%d", i+1)}
		pg.Drawings = append(pg.Drawings, dr)
		pg.Diagrams = pg.Diagrams || dr.Mermaid
	}
	pg.Scripts = append(pg.Scripts, urls.Asset("site.js"))
	if pg.Diagrams {
		pg.Scripts = append(pg.Scripts, urls.Asset(mermaidJS), urls.Asset("diagram.js"))
	}
	pg.Files = r.cfg.PatentFiles
	pg.Meta, pg.OG = r.patentMeta(p, pg.Canonical)
	ld, err := r.jsonLD(p, pg.Canonical)
	if err != nil {
		return output.File{}, err
	}
	pg.JSONLD = ld
	pg.Cite = r.cite(p)
	return r.page(KindPatent, pth, pg)
}

// mermaidJS is the vendored mermaid renderer inside the assets.
const mermaidJS = "vendor/mermaid.min.js"

func codesBySubclass(cls []catalog.Class) []SubclassCodes {
	var out []SubclassCodes
	for _, c := range cls {
		sc, g := c.Node.Ancestor(catalog.SubclassLevel), c.Node.Ancestor(catalog.GroupLevel)
		i := indexFunc(out, func(s SubclassCodes) bool { return s.Subclass == sc })
		if i < 0 {
			out = append(out, SubclassCodes{Subclass: sc})
			i = len(out) - 1
		}
		gs := &out[i].Groups
		j := indexFunc(*gs, func(x GroupCodes) bool { return x.Group == g })
		if j < 0 {
			*gs = append(*gs, GroupCodes{Group: g})
			j = len(*gs) - 1
		}
		(*gs)[j].Codes = append((*gs)[j].Codes, c)
	}
	return out
}

func indexFunc[T any](s []T, f func(T) bool) int {
	for i, x := range s {
		if f(x) {
			return i
		}
	}
	return -1
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
	var out []string
	for _, in := range p.Inventors {
		out = append(out, in.Name)
	}
	return out
}

func assigneeNames(p *catalog.Patent) []string {
	var out []string
	for _, a := range p.Assignees {
		out = append(out, a.Name)
	}
	return out
}

// patentMeta gives the Highwire Press (citation_*) and Dublin Core tags that
// Google Scholar and Zotero read, and the Open Graph tags of link previews.
func (r *renderer) patentMeta(p *catalog.Patent, canonical string) (meta, og []Meta) {
	add := func(name, content string) {
		if content != "" {
			meta = append(meta, Meta{name, content})
		}
	}
	add("citation_title", p.Title)
	for _, a := range authors(p) {
		add("citation_author", a)
	}
	add("citation_publication_date", strings.ReplaceAll(p.Published, "-", "/"))
	add("citation_patent_number", p.ID)
	add("citation_patent_country", p.Country)
	add("DC.title", p.Title)
	for _, a := range authors(p) {
		add("DC.creator", a)
	}
	for _, a := range assigneeNames(p) {
		add("DC.contributor", a)
	}
	add("DC.date", p.Published)
	add("DC.type", "Patent")
	add("DC.identifier", p.ID)
	addOG := func(prop, content string) {
		if content != "" {
			og = append(og, Meta{prop, content})
		}
	}
	addOG("og:type", "article")
	addOG("og:title", p.ID+": "+short(p.Title, 200))
	addOG("og:site_name", r.site.Title)
	addOG("og:url", canonical)
	return meta, og
}

// jsonLD describes p in schema.org terms. encoding/json escapes <, > and &
// as \u003c…, so no value can close the <script> element that holds it.
func (r *renderer) jsonLD(p *catalog.Patent, canonical string) (json.RawMessage, error) {
	type thing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	ld := struct {
		Context        string  `json:"@context"`
		Type           string  `json:"@type"`
		AdditionalType string  `json:"additionalType"`
		Name           string  `json:"name"`
		Identifier     string  `json:"identifier"`
		DatePublished  string  `json:"datePublished,omitempty"`
		InLanguage     string  `json:"inLanguage,omitempty"`
		Author         []thing `json:"author,omitempty"`
		Sponsor        []thing `json:"sourceOrganization,omitempty"`
		URL            string  `json:"url,omitempty"`
		SameAs         string  `json:"sameAs"`
	}{
		Context:        "https://schema.org",
		Type:           "CreativeWork",
		AdditionalType: "Patent",
		Name:           p.Title,
		Identifier:     p.ID,
		DatePublished:  p.Published,
		InLanguage:     p.Lang,
		URL:            canonical,
		SameAs:         urls.GooglePatents(p.ID),
	}
	for _, a := range authors(p) {
		ld.Author = append(ld.Author, thing{"Person", a})
	}
	for _, a := range assigneeNames(p) {
		ld.Sponsor = append(ld.Sponsor, thing{"Organization", a})
	}
	b, err := json.Marshal(ld)
	if err != nil {
		return nil, fmt.Errorf("%s: JSON-LD: %w", p.ID, err)
	}
	return b, nil
}

// cite makes the copy-ready links and the citation line.
func (r *renderer) cite(p *catalog.Patent) Cite {
	c := Cite{URL: urls.Dir(urls.Patent(p.ID))}
	if r.cfg.BaseURL != "" {
		c.URL, c.Absolute = urls.Abs(r.cfg.BaseURL, urls.Patent(p.ID)), true
	}
	label := p.ID + ": " + short(p.Title, 150)
	c.Markdown = "[" + markdownEscaper.Replace(label) + "](" + c.URL + ")"
	c.MediaWiki = "[" + c.URL + " " + mediaWikiEscaper.Replace(label) + "]"
	c.HTML = `<a href="` + html.EscapeString(c.URL) + `">` + html.EscapeString(label) + "</a>"
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
	parts := []string{}
	if who != "" {
		parts = append(parts, who)
	}
	parts = append(parts, short(p.Title, 200))
	pub := p.ID
	if p.Published != "" {
		pub += ", published " + p.Published
	}
	if p.Primary != nil && who != p.Primary.Name {
		pub += ", assigned to " + p.Primary.Name
	}
	parts = append(parts, pub, c.URL)
	c.Citation = strings.Join(parts, ". ")
	return c
}

var (
	markdownEscaper  = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, "`", "\\`", `*`, `\*`, `_`, `\_`, `<`, `\<`)
	mediaWikiEscaper = strings.NewReplacer(`[`, `&#91;`, `]`, `&#93;`, `{{`, `&#123;&#123;`, `''`, `&#39;&#39;`, `<`, `&lt;`)
)
