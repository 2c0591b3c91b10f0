package render

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// topShown is how many entries the summary lists of an assignee, an
// inventor and the home page show.
const topShown = 10

// An AssigneePage is the data of templates/assignee.html. The summaries
// (Years, TopCPC, CoAssignees, Inventors) are filled on the first page only.
type AssigneePage struct {
	Base
	Assignee    *catalog.Assignee
	Patents     Pager // newest first
	Years       []Count
	TopCPC      []Count
	CoAssignees []Count
	Inventors   []Count
}

// An InventorPage is the data of templates/inventor.html.
type InventorPage struct {
	Base
	Inventor    *catalog.Inventor
	Patents     Pager
	Years       []Count
	CoInventors []Count
	Assignees   []Count
}

func (r *renderer) assignee(a *catalog.Assignee, n int) (output.File, error) {
	first := urls.Assignee(a.Slug)
	pth := urls.Page(first, n)
	desc := fmt.Sprintf("%s: %s in this catalog", a.Name, plural(len(a.Patents), "patent"))
	pg := &AssigneePage{
		Base:     r.base(pth, pageTitle(a.Name, n), desc+".", home(), Crumb{"Assignees", urls.ByName(KindAssignee, 1)}),
		Assignee: a,
		Patents:  newPager(newestFirst(a.Patents), first, n),
	}
	pg.PrevPage, pg.NextPage = pg.Patents.PrevURL(), pg.Patents.NextURL()
	if n == 1 && len(a.Patents) > 1 {
		pg.Years = years(a.Patents)
		pg.TopCPC = topSubclasses(a.Patents, func(p *catalog.Patent) []catalog.Class { return p.CPC })
		pg.CoAssignees = top(a.Patents, func(p *catalog.Patent) []namedLink {
			var out []namedLink
			for _, b := range p.Assignees {
				if b != a {
					out = append(out, namedLink{b.Name, urls.Assignee(b.Slug)})
				}
			}
			return out
		})
		pg.Inventors = top(a.Patents, inventorLinks(nil))
	}
	return r.page(KindAssignee, pth, pg)
}

func (r *renderer) inventor(in *catalog.Inventor, n int) (output.File, error) {
	first := urls.Inventor(in.Slug)
	pth := urls.Page(first, n)
	what := "Inventor"
	if in.Unsplit {
		what = "Inventors (names not separated in the export)"
	}
	desc := fmt.Sprintf("%s %s: %s in this catalog", what, in.Name, plural(len(in.Patents), "patent"))
	pg := &InventorPage{
		Base:     r.base(pth, pageTitle(short(in.Name, 100), n), desc+".", home(), Crumb{"Inventors", urls.ByName(KindInventor, 1)}),
		Inventor: in,
		Patents:  newPager(newestFirst(in.Patents), first, n),
	}
	pg.PrevPage, pg.NextPage = pg.Patents.PrevURL(), pg.Patents.NextURL()
	// The summaries of an inventor of one patent would repeat that
	// patent's page; at scale most inventors have one.
	if n == 1 && len(in.Patents) > 1 {
		pg.Years = years(in.Patents)
		pg.CoInventors = top(in.Patents, inventorLinks(in))
		pg.Assignees = top(in.Patents, func(p *catalog.Patent) []namedLink {
			var out []namedLink
			for _, a := range p.Assignees {
				out = append(out, namedLink{a.Name, urls.Assignee(a.Slug)})
			}
			return out
		})
	}
	return r.page(KindInventor, pth, pg)
}

func inventorLinks(except *catalog.Inventor) func(p *catalog.Patent) []namedLink {
	return func(p *catalog.Patent) []namedLink {
		var out []namedLink
		for _, in := range p.Inventors {
			if in != except {
				out = append(out, namedLink{short(in.Name, 80), urls.Inventor(in.Slug)})
			}
		}
		return out
	}
}

type namedLink struct{ name, url string }

// top counts the links each patent gives and returns the topShown most
// frequent, ties by name.
func top(ps []*catalog.Patent, of func(*catalog.Patent) []namedLink) []Count {
	counts := map[namedLink]int{}
	for _, p := range ps {
		for _, l := range of(p) {
			counts[l]++
		}
	}
	out := make([]Count, 0, len(counts))
	for _, l := range slices.SortedFunc(maps.Keys(counts), func(a, b namedLink) int { return cmp.Compare(a.url, b.url) }) {
		out = append(out, Count{Label: l.name, N: counts[l], URL: l.url})
	}
	slices.SortStableFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), strings.Compare(a.Label, b.Label)) })
	return out[:min(len(out), topShown)]
}

// topSubclasses counts patents per subclass of the codes cls gives.
func topSubclasses(ps []*catalog.Patent, cls func(*catalog.Patent) []catalog.Class) []Count {
	return top(ps, func(p *catalog.Patent) []namedLink {
		var out []namedLink
		seen := map[*catalog.Node]bool{}
		for _, c := range cls(p) {
			sc := c.Node.Ancestor(catalog.SubclassLevel)
			if !seen[sc] {
				seen[sc] = true
				out = append(out, namedLink{sc.Display(), urls.Code(sc.Scheme.Name, sc.Code)})
			}
		}
		return out
	})
}

// years counts patents per publication year, oldest first.
func years(ps []*catalog.Patent) []Count {
	counts := map[string]int{}
	for _, p := range ps {
		if len(p.Published) >= 4 {
			counts[p.Published[:4]]++
		}
	}
	var out []Count
	for _, y := range slices.Sorted(maps.Keys(counts)) {
		out = append(out, Count{Label: y, N: counts[y], URL: urls.Group("year", y)})
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// A NamesPage is the data of templates/names.html: one page of the index
// of assignees or inventors, by name or by number of patents.
type NamesPage struct {
	Base
	Kind    string // "assignee" or "inventor"
	ByCount bool
	Entries []NameEntry
	Start   int        // 1-based position of the first entry
	Letters []PageLink // A–Z: N is unused, URL jumps to the first name of the letter
	Pages   []PageLink
	Total   int
}

// A NameEntry is one name of an index.
type NameEntry struct {
	Name    string
	URL     string // site path
	N       int    // patents
	Unsplit bool
	Anchor  string // id of the first entry of a letter on a by-name page, else ""
}

// Letter returns the A–Z heading of a name: "A"…"Z", "0–9", or "Other".
func Letter(name string) string {
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z':
			return string(unicode.ToUpper(r))
		case r >= 'A' && r <= 'Z':
			return string(r)
		case r >= '0' && r <= '9':
			return "0–9"
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			return "Other"
		}
	}
	return "Other"
}

func letterID(l string) string {
	switch l {
	case "0–9":
		return "l-0"
	case "Other":
		return "l-other"
	}
	return "l-" + l
}

type nameItem struct {
	name, slug string
	n          int
	unsplit    bool
}

func (r *renderer) nameItems(kind string, byCount bool) []nameItem {
	var items []nameItem
	if kind == KindAssignee {
		for _, a := range r.cat.Assignees {
			items = append(items, nameItem{a.Name, a.Slug, len(a.Patents), false})
		}
	} else {
		for _, in := range r.cat.Inventors {
			items = append(items, nameItem{in.Name, in.Slug, len(in.Patents), in.Unsplit})
		}
	}
	if byCount {
		slices.SortStableFunc(items, func(a, b nameItem) int { return cmp.Compare(b.n, a.n) })
	} else {
		// The catalog sorts by Name; letters group by the first letter or
		// digit, so sort by that first, keeping the catalog's order within.
		slices.SortStableFunc(items, func(a, b nameItem) int { return cmp.Compare(letterRank(Letter(a.name)), letterRank(Letter(b.name))) })
	}
	return items
}

func letterRank(l string) int {
	switch l {
	case "0–9":
		return 0
	case "Other":
		return 100
	}
	return int(l[0])
}

func (r *renderer) names(kind string, byCount bool, n int) (output.File, error) {
	items := r.nameItems(kind, byCount)
	at := func(i int) string {
		if byCount {
			return urls.ByCount(kind, i)
		}
		return urls.ByName(kind, i)
	}
	pth := at(n)
	title := map[string]string{KindAssignee: "Assignees", KindInventor: "Inventors"}[kind]
	order := "by name"
	if byCount {
		order = "by number of patents"
	}
	pages := pageCount(len(items), namesPerPage)
	pg := &NamesPage{
		Base:    r.base(pth, pageTitle(title+" "+order, n), fmt.Sprintf("All %d %s in this catalog, %s.", len(items), strings.ToLower(title), order), home()),
		Kind:    kind,
		ByCount: byCount,
		Pages:   pageLinks(n, pages, at),
		Total:   len(items),
	}
	if n > 1 {
		pg.PrevPage = at(n - 1)
	}
	if n < pages {
		pg.NextPage = at(n + 1)
	}
	url := urls.Assignee
	if kind == KindInventor {
		url = urls.Inventor
	}
	lo := min((n-1)*namesPerPage, len(items))
	hi := min(lo+namesPerPage, len(items))
	pg.Start = lo + 1
	if !byCount {
		seen := map[string]bool{}
		for i, it := range items {
			l := Letter(it.name)
			if !seen[l] {
				seen[l] = true
				pg.Letters = append(pg.Letters, PageLink{URL: at(i/namesPerPage+1) + "#" + letterID(l), Label: l, Current: i >= lo && i < hi})
			}
		}
	}
	prev := ""
	if lo > 0 {
		prev = Letter(items[lo-1].name)
	}
	for _, it := range items[lo:hi] {
		e := NameEntry{Name: short(it.name, 120), URL: url(it.slug), N: it.n, Unsplit: it.unsplit}
		if l := Letter(it.name); !byCount && l != prev {
			e.Anchor, prev = letterID(l), l
		}
		pg.Entries = append(pg.Entries, e)
	}
	return r.page(KindNames, pth, pg)
}
