package publish

import (
	"bytes"
	"encoding/xml"
	"iter"
	"strconv"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// sitemapMax is the most URLs one sitemap file may list (sitemaps.org);
// a variable for tests.
var sitemapMax = 50000

// sitemap yields sitemap.xml: the canonical pages of the catalog as
// absolute URLs. The protocol allows nothing but absolute URLs, so without
// a base URL there is no sitemap (and robots.txt names none). Above 50,000
// URLs sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml, ….
// Paginated continuations ("page/2/") and redirect stubs are left out: each
// lists nothing that its first page does not lead to, and search engines
// are asked to index canonical pages only.
func (p *publisher) sitemap(yield func(output.File, error) bool) bool {
	base := p.cfg.BaseURL
	if base == "" {
		return true
	}
	var files [][]byte
	var buf bytes.Buffer
	n := 0
	flush := func() {
		if n > 0 {
			buf.WriteString("</urlset>\n")
			files = append(files, bytes.Clone(buf.Bytes()))
		}
		buf.Reset()
		n = 0
	}
	for path := range p.pages() {
		if n == sitemapMax {
			flush()
		}
		if n == 0 {
			buf.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		}
		buf.WriteString("<url><loc>")
		xml.EscapeText(&buf, []byte(urls.Abs(base, path)))
		buf.WriteString("</loc></url>\n")
		n++
	}
	flush()
	if len(files) == 1 {
		return yield(output.File{Path: "sitemap.xml", Kind: KindMeta, Data: files[0]}, nil)
	}
	var index bytes.Buffer
	index.WriteString(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := range files {
		name := "sitemap-" + strconv.Itoa(i+1) + ".xml"
		index.WriteString("<sitemap><loc>")
		xml.EscapeText(&index, []byte(base+name))
		index.WriteString("</loc></sitemap>\n")
	}
	index.WriteString("</sitemapindex>\n")
	if !yield(output.File{Path: "sitemap.xml", Kind: KindMeta, Data: index.Bytes()}, nil) {
		return false
	}
	for i, f := range files {
		if !yield(output.File{Path: "sitemap-" + strconv.Itoa(i+1) + ".xml", Kind: KindMeta, Data: f}, nil) {
			return false
		}
	}
	return true
}

// pages yields the site path of every canonical page of the catalog, as
// package urls names them: home, patents, the name indexes, assignees,
// inventors, classification nodes and groups.
func (p *publisher) pages() iter.Seq[string] {
	c := p.cat
	return func(yield func(string) bool) {
		if !yield(urls.Home) {
			return
		}
		for _, pt := range c.Patents {
			if !yield(urls.Patent(pt.ID)) {
				return
			}
		}
		for _, kind := range []string{"assignee", "inventor"} {
			if !yield(urls.ByName(kind, 1)) || !yield(urls.ByCount(kind, 1)) {
				return
			}
		}
		for _, a := range c.Assignees {
			if !yield(urls.Assignee(a.Slug)) {
				return
			}
		}
		for _, in := range c.Inventors {
			if !yield(urls.Inventor(in.Slug)) {
				return
			}
		}
		for _, s := range []string{"cpc", "ipc"} {
			scheme := c.CPC
			if s == "ipc" {
				scheme = c.IPC
			}
			if !yield(urls.Code(s, "")) {
				return
			}
			for _, n := range scheme.Nodes() {
				if !yield(urls.Code(s, n.Code)) {
					return
				}
			}
		}
		for _, gk := range groupKinds {
			if !yield(urls.Group(gk.kind, "")) {
				return
			}
			for _, g := range gk.groups(c) {
				if !yield(urls.Group(gk.kind, g.Key)) {
					return
				}
			}
		}
	}
}

// groupKinds are the group pages, as package render writes them.
var groupKinds = []struct {
	kind   string
	groups func(*catalog.Catalog) []*catalog.Group
}{
	{"year", func(c *catalog.Catalog) []*catalog.Group { return c.PubYears }},
	{"priority-year", func(c *catalog.Catalog) []*catalog.Group { return c.PrioYears }},
	{"country", func(c *catalog.Catalog) []*catalog.Group { return c.Countries }},
	{"kind", func(c *catalog.Catalog) []*catalog.Group { return c.Kinds }},
}
