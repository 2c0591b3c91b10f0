package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// A HomePage is the data of templates/home.html.
type HomePage struct {
	Base
	Heading      string
	Lead         string
	Totals       []Count // patents, assignees, inventors, codes: each linked to its index
	TopAssignees []Count
	TopCPC       []Count
	Years        Chart
	Countries    Chart
	Newest       PatentList
	Links        HomeLinks
	Pages        []Link // the content pages
}

// HomeLinks are the entry points the home page links under its sections.
type HomeLinks struct {
	Years, PriorityYears, Countries, Kinds string
	Assignees, AssigneesByCount, Inventors string
	CPC, IPC                               string
}

// newestOnHome is how many of the newest patents the home page lists.
const newestOnHome = 10

func (r *renderer) home() (output.File, error) {
	c := r.cat
	pth := urls.Home
	rel := func(to string) string { return urls.Rel(pth, to) }
	desc := fmt.Sprintf("A browsable catalog of %d patents from a patent-search export: by assignee, inventor, CPC and IPC classification, country and year.", len(c.Patents))
	pg := &HomePage{
		Base:    r.base(pth, r.site.Title, desc),
		Heading: r.site.Title,
		Lead:    desc,
		Totals: []Count{
			{"patents", len(c.Patents), rel(urls.Group("year", ""))},
			{"assignees", len(c.Assignees), rel(urls.ByName(KindAssignee, 1))},
			{"inventors", len(c.Inventors), rel(urls.ByName(KindInventor, 1))},
			{"CPC codes", leaves(c.CPC), rel(urls.Code("cpc", ""))},
			{"IPC codes", leaves(c.IPC), rel(urls.Code("ipc", ""))},
			{"countries", len(c.Countries), rel(urls.Group("country", ""))},
		},
		Newest: PatentList{Items: r.items(pth, r.latest)},
		Links: HomeLinks{
			Years:            rel(urls.Group("year", "")),
			PriorityYears:    rel(urls.Group("priority-year", "")),
			Countries:        rel(urls.Group("country", "")),
			Kinds:            rel(urls.Group("kind", "")),
			Assignees:        rel(urls.ByName(KindAssignee, 1)),
			AssigneesByCount: rel(urls.ByCount(KindAssignee, 1)),
			Inventors:        rel(urls.ByName(KindInventor, 1)),
			CPC:              rel(urls.Code("cpc", "")),
			IPC:              rel(urls.Code("ipc", "")),
		},
	}
	for _, p := range r.site.Pages {
		pg.Pages = append(pg.Pages, Link{p.Title, rel(urls.Content(p.Name))})
	}
	as := slices.Clone(c.Assignees)
	slices.SortStableFunc(as, func(a, b *catalog.Assignee) int { return cmp.Compare(len(b.Patents), len(a.Patents)) })
	for _, a := range as[:min(topShown, len(as))] {
		pg.TopAssignees = append(pg.TopAssignees, Count{clip(a.Name, shownMax), len(a.Patents), rel(urls.Assignee(a.Slug))})
	}
	pg.TopCPC = topNodes(pth, c.CPC, catalog.SubclassLevel)
	var ys, cs []Count
	for _, g := range c.PubYears {
		ys = append(ys, Count{Label: groupLabel(groupKinds[0], g.Key), N: len(g.Patents)})
	}
	for _, g := range c.Countries {
		cs = append(cs, Count{Label: g.Key, N: len(g.Patents)})
	}
	slices.SortStableFunc(cs, func(a, b Count) int { return cmp.Compare(b.N, a.N) })
	pg.Years = newChart("chart-years", "Patents per publication year", ys)
	pg.Countries = newChart("chart-countries", "Patents per publication country", topOther(cs, 12))
	return r.page(KindHome, pth, pg)
}

// leaves counts the subgroups (the codes) of a scheme.
func leaves(s *catalog.Scheme) int {
	n := 0
	for _, nd := range s.Nodes() {
		if nd.Level == catalog.SubgroupLevel {
			n++
		}
	}
	return n
}

// topNodes returns the topShown nodes of a level with the most patents.
func topNodes(from string, s *catalog.Scheme, l catalog.Level) []Count {
	var ns []*catalog.Node
	for _, n := range s.Nodes() {
		if n.Level == l {
			ns = append(ns, n)
		}
	}
	slices.SortStableFunc(ns, func(a, b *catalog.Node) int { return cmp.Compare(len(b.Patents), len(a.Patents)) })
	var out []Count
	for _, n := range ns[:min(topShown, len(ns))] {
		out = append(out, Count{n.Display(), len(n.Patents), urls.Rel(from, urls.Code(s.Name, n.Code))})
	}
	return out
}

// topOther keeps the first k counts and sums the rest as "other".
func topOther(cs []Count, k int) []Count {
	if len(cs) <= k {
		return cs
	}
	rest := 0
	for _, c := range cs[k-1:] {
		rest += c.N
	}
	return append(slices.Clone(cs[:k-1]), Count{Label: "other", N: rest})
}

// A Chart is a horizontal bar chart drawn as inline SVG: no script, and
// readable by a screen reader through its title and description.
type Chart struct {
	ID     string // element id prefix
	Title  string
	Desc   string // every bar as text: "2019: 37, 2020: 217"
	Bars   []Bar
	Width  int // viewBox
	Height int
}

// A Bar is one bar of a Chart, in viewBox units.
type Bar struct {
	Label  string
	N      int
	Y, W   int
	TextY  int
	CountX int
}

const (
	barHeight = 22
	barGap    = 6
	labelW    = 90
	chartW    = 600
)

func newChart(id, title string, cs []Count) Chart {
	ch := Chart{ID: id, Title: title, Width: chartW}
	most := 1
	for _, c := range cs {
		most = max(most, c.N)
	}
	var desc []string
	for i, c := range cs {
		w := max(1, c.N*(chartW-labelW-60)/most)
		y := i * (barHeight + barGap)
		ch.Bars = append(ch.Bars, Bar{Label: c.Label, N: c.N, Y: y, W: w, TextY: y + barHeight/2 + 5, CountX: labelW + w + 6})
		desc = append(desc, fmt.Sprintf("%s: %d", c.Label, c.N))
	}
	ch.Height = max(barHeight, len(cs)*(barHeight+barGap)-barGap)
	ch.Desc = strings.Join(desc, ", ") + "."
	return ch
}
