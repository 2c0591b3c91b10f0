package search

import (
	"cmp"
	"slices"
	"time"

	"github.com/patentsite/patentsite/build/catalog"
)

// The facets, in the order the index stores them.
const (
	facetAssignee = iota
	facetCPC
	facetIPC
	facetCountry
	facetYear
	facetKind
	nFacets
)

// statsMin is the document frequency up to which a term has no facet
// counts in its entry: a query for it has at most one page of results,
// and the engine counts their facets from the documents it shows.
const statsMin = 10

// statsTop is how many values of each facet the index keeps per term.
const statsTop = 12

// facetTables number the values of each facet. Assignees, subclasses,
// countries and kinds are numbered by how many patents have them, most
// first, so the common ones get the shortest numbers; years in order.
type facetTables struct {
	assignees []*catalog.Assignee
	cpc, ipc  []string // subclass codes
	countries []string
	years     []string // publication years, ascending ("" first when some patents have no date)
	yearStart []int32  // first doc id of each year
	kinds     []string
}

// docFacets are one document's facet values, as numbers of facetTables.
type docFacets struct {
	values [nFacets][]int32
	prio   int32 // earliest priority date as days since 1970-01-01, plus 1; 0 when unknown
}

// flatFacets are the facet values of every document in one array, for
// counting: document d's are vals[off[d]:off[d+1]], each facet<<24 | value.
type flatFacets struct {
	off  []int32
	vals []int32
}

func flatten(fs []docFacets) *flatFacets {
	ff := &flatFacets{off: make([]int32, len(fs)+1)}
	for d := range fs {
		for k := range nFacets {
			for _, v := range fs[d].values[k] {
				ff.vals = append(ff.vals, int32(k)<<24|v)
			}
		}
		ff.off[d+1] = int32(len(ff.vals))
	}
	return ff
}

func newFacetTables(c *catalog.Catalog, order []*catalog.Patent) *facetTables {
	ft := &facetTables{}
	ft.assignees = slices.Clone(c.Assignees)
	slices.SortStableFunc(ft.assignees, func(a, b *catalog.Assignee) int {
		return cmp.Compare(len(b.Patents), len(a.Patents))
	})
	subclasses := func(s *catalog.Scheme) []string {
		var nodes []*catalog.Node
		for _, n := range s.Nodes() {
			if n.Level == catalog.SubclassLevel {
				nodes = append(nodes, n)
			}
		}
		slices.SortStableFunc(nodes, func(a, b *catalog.Node) int { return cmp.Compare(len(b.Patents), len(a.Patents)) })
		out := make([]string, len(nodes))
		for i, n := range nodes {
			out[i] = n.Code
		}
		return out
	}
	ft.cpc, ft.ipc = subclasses(c.CPC), subclasses(c.IPC)
	byCount := func(gs []*catalog.Group) []string {
		gs = slices.Clone(gs)
		slices.SortStableFunc(gs, func(a, b *catalog.Group) int { return cmp.Compare(len(b.Patents), len(a.Patents)) })
		out := make([]string, len(gs))
		for i, g := range gs {
			out[i] = g.Key
		}
		return out
	}
	ft.countries, ft.kinds = byCount(c.Countries), byCount(c.Kinds)
	for i, p := range order {
		y := year(p.Published)
		if len(ft.years) == 0 || ft.years[len(ft.years)-1] != y {
			ft.years = append(ft.years, y)
			ft.yearStart = append(ft.yearStart, int32(i))
		}
	}
	return ft
}

func year(date string) string {
	if len(date) >= 4 {
		return date[:4]
	}
	return ""
}

// facetsOf returns the facet values of every document, by doc id.
func (ft *facetTables) facetsOf(order []*catalog.Patent) []docFacets {
	aid := make(map[*catalog.Assignee]int32, len(ft.assignees))
	for i, a := range ft.assignees {
		aid[a] = int32(i)
	}
	index := func(list []string) map[string]int32 {
		m := make(map[string]int32, len(list))
		for i, s := range list {
			m[s] = int32(i)
		}
		return m
	}
	cpc, ipc, country, kind, yr := index(ft.cpc), index(ft.ipc), index(ft.countries), index(ft.kinds), index(ft.years)
	out := make([]docFacets, len(order))
	for d, p := range order {
		f := &out[d]
		for _, a := range p.Assignees {
			f.values[facetAssignee] = append(f.values[facetAssignee], aid[a])
		}
		f.values[facetCPC] = subclassIDs(p.CPC, cpc)
		f.values[facetIPC] = subclassIDs(p.IPC, ipc)
		f.values[facetCountry] = []int32{country[p.Country]}
		f.values[facetYear] = []int32{yr[year(p.Published)]}
		f.values[facetKind] = []int32{kind[p.Kind]}
		f.prio = days(p.EarliestPriority)
	}
	return out
}

func subclassIDs(cls []catalog.Class, ids map[string]int32) []int32 {
	var out []int32
	for _, cl := range cls {
		code := cl.Node.Code
		if len(code) < 4 {
			continue
		}
		if id, ok := ids[code[:4]]; ok && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// days returns an ISO date as days since 1970-01-01 plus one, or 0.
func days(date string) int32 {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return 0
	}
	return int32(t.Unix()/86400) + 1
}

// appendRecord appends a document's facet values as the engine reads them
// from a facet column or a document: country, kind, priority day, then the
// count and values of assignees, CPC and IPC subclasses, all vints. The
// year is not stored: it follows from the doc id.
func (f *docFacets) appendRecord(b []byte) []byte {
	b = appendVint(b, uint64(f.values[facetCountry][0]))
	b = appendVint(b, uint64(f.values[facetKind][0]))
	b = appendVint(b, uint64(f.prio))
	for _, k := range []int{facetAssignee, facetCPC, facetIPC} {
		b = appendVint(b, uint64(len(f.values[k])))
		for _, v := range f.values[k] {
			b = appendVint(b, uint64(v))
		}
	}
	return b
}

// A counter counts facet values over sets of documents; one per worker.
type counter struct {
	counts  [nFacets][]int32
	touched [nFacets][]int32
}

func newCounter(ft *facetTables) *counter {
	c := &counter{}
	sizes := [nFacets]int{len(ft.assignees), len(ft.cpc), len(ft.ipc), len(ft.countries), len(ft.years), len(ft.kinds)}
	for k := range nFacets {
		c.counts[k] = make([]int32, sizes[k])
	}
	return c
}

// appendStats counts the facet values of docs and appends, for each facet,
// the statsTop most frequent values with their counts (vint pairs), facets
// separated by ".".
func (c *counter) appendStats(b []byte, docs []int32, ff *flatFacets) []byte {
	for _, d := range docs {
		for _, x := range ff.vals[ff.off[d]:ff.off[d+1]] {
			k, v := x>>24, x&(1<<24-1)
			if c.counts[k][v] == 0 {
				c.touched[k] = append(c.touched[k], v)
			}
			c.counts[k][v]++
		}
	}
	for k := range nFacets {
		if k > 0 {
			b = append(b, '.')
		}
		t := c.touched[k]
		counts := c.counts[k]
		slices.SortFunc(t, func(x, y int32) int { return cmp.Or(cmp.Compare(counts[y], counts[x]), cmp.Compare(x, y)) })
		for _, v := range t[:min(len(t), statsTop)] {
			b = appendVint(b, uint64(v))
			b = appendVint(b, uint64(counts[v]))
		}
		for _, v := range t {
			counts[v] = 0
		}
		c.touched[k] = t[:0]
	}
	return b
}
