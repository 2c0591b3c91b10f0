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

// summaryMin is how many patents an assignee or inventor needs before its
// page sums them up (by year, top subclasses, co-assignees, co-inventors):
// below that the list itself is the summary. At 100,000 records most
// inventors have one patent, and their pages are a fifth of the site.
const summaryMin = 5

// An AssigneePage is the data of templates/assignee.html. The summaries
// (Years, TopCPC, CoAssignees, Inventors) are filled on the first page of
// an assignee with at least summaryMin patents.
type AssigneePage struct {
	Base
	Assignee    *catalog.Assignee
	Name        string // clipped to shownMax runes
	FullName    string // the name in full, when Name is clipped
	Lead        string // "Assignee of 12 patents in this catalog, the primary assignee of 10."
	Aliases     []string
	Patents     Pager // newest first
	Summary     bool  // any of the summaries is there
	Years       []Count
	TopCPC      []Count
	CoAssignees []Count
	Inventors   []Count
	Search      string // the search page for the assignee's patents
	Downloads   string // the search page for exactly its patents, for downloads (partial "downloads")
}

// An InventorPage is the data of templates/inventor.html.
type InventorPage struct {
	Base
	Inventor *catalog.Inventor
	Name     string // clipped to shownMax runes
	FullName string // the name in full, when Name is clipped
	Unsplit  bool
	Count    string // "3 patents"
	// For is the inventor's assignees, most patents first, when there is
	// no summary: the lead names them.
	For         []Count
	Patents     Pager
	Summary     bool
	Years       []Count
	CoInventors []Count
	Assignees   []Count
	Downloads   string // the search page for exactly its patents, for downloads (partial "downloads")
}

func (r *renderer) assignee(a *catalog.Assignee, sorted func() []*catalog.Patent, n int) (output.File, error) {
	first := urls.Assignee(a.Slug)
	pth := urls.Page(first, n)
	desc := fmt.Sprintf("%s: %s in this catalog", a.Name, plural(len(a.Patents), "patent"))
	pg := &AssigneePage{
		Base:     r.base(pth, pageTitle(a.Name, n), desc+".", homeCrumb(pth), crumb(pth, "Assignees", urls.ByName(KindAssignee, 1))),
		Assignee: a,
		Name:     clip(a.Name, shownMax),
		FullName: clipped(a.Name),
		Lead:     "Assignee of " + plural(len(a.Patents), "patent") + " in this catalog",
		Aliases:  a.Aliases,
		Patents:  r.pager(sorted(), first, n),
		Search:   searchFor(pth, `assignee:"`+a.Name+`"`),
		// The facet, not the query: exactly this assignee's patents.
		Downloads: urls.Rel(pth, urls.Search) + "?assignee=" + a.Slug,
	}
	if a.Primary > 0 && a.Primary < len(a.Patents) {
		pg.Lead += ", the primary assignee of " + itoa(a.Primary)
	}
	pg.Lead += "."
	pg.Prev, pg.Next = neighbours(n, pg.Patents.Pages, func(i int) string { return urls.Rel(pth, urls.Page(first, i)) })
	if n == 1 && len(a.Patents) >= summaryMin {
		pg.Summary = true
		pg.Years = years(pth, a.Patents)
		pg.TopCPC = topSubclasses(pth, a.Patents, func(p *catalog.Patent) []catalog.Class { return p.CPC })
		pg.CoAssignees = top(pth, a.Patents, func(p *catalog.Patent, add func(name, to string)) {
			for _, b := range p.Assignees {
				if b != a {
					add(b.Name, urls.Assignee(b.Slug))
				}
			}
		})
		pg.Inventors = top(pth, a.Patents, inventorsOf(nil))
	}
	return r.page(KindAssignee, pth, pg)
}

func (r *renderer) inventor(in *catalog.Inventor, sorted func() []*catalog.Patent, n int) (output.File, error) {
	first := urls.Inventor(in.Slug)
	pth := urls.Page(first, n)
	what := "Inventor"
	if in.Unsplit {
		what = "Inventors (names not separated in the export)"
	}
	desc := fmt.Sprintf("%s %s: %s in this catalog", what, in.Name, plural(len(in.Patents), "patent"))
	pg := &InventorPage{
		Base:     r.base(pth, pageTitle(clip(in.Name, 100), n), desc+".", homeCrumb(pth), crumb(pth, "Inventors", urls.ByName(KindInventor, 1))),
		Inventor: in,
		Name:     clip(in.Name, shownMax),
		FullName: clipped(in.Name),
		Unsplit:  in.Unsplit,
		Count:    plural(len(in.Patents), "patent"),
		Patents:  r.pager(sorted(), first, n),
		// The facet, not the query: exactly this inventor's patents.
		Downloads: urls.Rel(pth, urls.Search) + "?inventor=" + in.Slug,
	}
	pg.Prev, pg.Next = neighbours(n, pg.Patents.Pages, func(i int) string { return urls.Rel(pth, urls.Page(first, i)) })
	assignees := func(p *catalog.Patent, add func(name, to string)) {
		for _, a := range p.Assignees {
			add(a.Name, urls.Assignee(a.Slug))
		}
	}
	switch {
	case n == 1 && len(in.Patents) >= summaryMin:
		pg.Summary = true
		pg.Years = years(pth, in.Patents)
		pg.CoInventors = top(pth, in.Patents, inventorsOf(in))
		pg.Assignees = top(pth, in.Patents, assignees)
	case n == 1:
		pg.For = top(pth, in.Patents, assignees)
		pg.For = pg.For[:min(3, len(pg.For))]
	}
	return r.page(KindInventor, pth, pg)
}

func inventorsOf(except *catalog.Inventor) func(*catalog.Patent, func(name, to string)) {
	return func(p *catalog.Patent, add func(name, to string)) {
		for _, in := range p.Inventors {
			if in != except {
				add(clip(in.Name, 80), urls.Inventor(in.Slug))
			}
		}
	}
}

// top counts the pages each patent names through of and returns the
// topShown most frequent, linked from the page at from; ties by name.
func top(from string, ps []*catalog.Patent, of func(p *catalog.Patent, add func(name, to string))) []Count {
	type key struct{ name, to string }
	counts := map[key]int{}
	for _, p := range ps {
		of(p, func(name, to string) { counts[key{name, to}]++ })
	}
	keys := slices.SortedFunc(maps.Keys(counts), func(a, b key) int { return cmp.Compare(a.to, b.to) })
	slices.SortStableFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a.name, b.name))
	})
	keys = keys[:min(len(keys), topShown)]
	out := make([]Count, len(keys))
	for i, k := range keys {
		out[i] = Count{Label: clip(k.name, shownMax), N: counts[k], Href: urls.Rel(from, k.to)}
	}
	return out
}

// topSubclasses counts patents per subclass of the codes cls gives.
func topSubclasses(from string, ps []*catalog.Patent, cls func(*catalog.Patent) []catalog.Class) []Count {
	return top(from, ps, func(p *catalog.Patent, add func(name, to string)) {
		var seen []*catalog.Node
		for _, c := range cls(p) {
			sc := c.Node.Ancestor(catalog.SubclassLevel)
			if !slices.Contains(seen, sc) {
				seen = append(seen, sc)
				add(sc.Display(), urls.Code(sc.Scheme.Name, sc.Code))
			}
		}
	})
}

// years counts patents per publication year, oldest first, each linked to
// its year's page.
func years(from string, ps []*catalog.Patent) []Count {
	counts := map[string]int{}
	for _, p := range ps {
		if len(p.Published) >= 4 {
			counts[p.Published[:4]]++
		}
	}
	var out []Count
	for _, y := range slices.Sorted(maps.Keys(counts)) {
		out = append(out, Count{Label: y, N: counts[y], Href: urls.Rel(from, urls.Group("year", y))})
	}
	return out
}

// A NamesPage is the data of templates/names.html: one page of the index
// of assignees or inventors, by name or by number of patents.
type NamesPage struct {
	Base
	Heading string // "Assignees by name"
	Lead    string // "651 assignees."
	Order   Link   // the other order: "by number of patents"
	ByCount bool
	Entries []NameEntry
	Start   int    // 1-based position of the first entry, for <ol start>; 0 for 1
	Letters []Link // A–Z: each jumps to the first name of the letter
	Pages   []PageLink
}

// A NameEntry is one name of an index.
type NameEntry struct {
	Name    string
	Href    string
	N       int // patents
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

type nameOrder struct {
	kind    string
	byCount bool
}

type nameItem struct {
	name, to string // to: the name's page
	letter   string
	n        int
	unsplit  bool
}

// sortNames lists the names of an index in its order, made once per index.
func (r *renderer) sortNames(kind string, byCount bool) []nameItem {
	var items []nameItem
	if kind == KindAssignee {
		for _, a := range r.cat.Assignees {
			items = append(items, nameItem{name: a.Name, to: urls.Assignee(a.Slug), n: len(a.Patents)})
		}
	} else {
		for _, in := range r.cat.Inventors {
			items = append(items, nameItem{name: in.Name, to: urls.Inventor(in.Slug), n: len(in.Patents), unsplit: in.Unsplit})
		}
	}
	for i := range items {
		items[i].letter = Letter(items[i].name)
	}
	if byCount {
		slices.SortStableFunc(items, func(a, b nameItem) int { return cmp.Compare(b.n, a.n) })
	} else {
		// The catalog sorts by Name; letters group by the first letter or
		// digit, so sort by that first, keeping the catalog's order within.
		slices.SortStableFunc(items, func(a, b nameItem) int { return cmp.Compare(letterRank(a.letter), letterRank(b.letter)) })
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
	items := r.nameItems[nameOrder{kind, byCount}]()
	at := func(i int) string {
		if byCount {
			return urls.ByCount(kind, i)
		}
		return urls.ByName(kind, i)
	}
	pth := at(n)
	rel := func(to string) string { return urls.Rel(pth, to) }
	title := map[string]string{KindAssignee: "Assignees", KindInventor: "Inventors"}[kind]
	order, other := "by name", Link{"by number of patents", rel(urls.ByCount(kind, 1))}
	if byCount {
		order, other = "by number of patents", Link{"by name", rel(urls.ByName(kind, 1))}
	}
	pages := pageCount(len(items), namesPerPage)
	pg := &NamesPage{
		Base:    r.base(pth, pageTitle(title+" "+order, n), fmt.Sprintf("All %d %s in this catalog, %s.", len(items), strings.ToLower(title), order), homeCrumb(pth)),
		Heading: title + " " + order,
		Lead:    fmt.Sprintf("%d %s.", len(items), strings.ToLower(title)),
		Order:   other,
		ByCount: byCount,
		Pages:   pageLinks(n, pages, func(i int) string { return rel(at(i)) }),
	}
	pg.Prev, pg.Next = neighbours(n, pages, func(i int) string { return rel(at(i)) })
	lo := min((n-1)*namesPerPage, len(items))
	hi := min(lo+namesPerPage, len(items))
	if lo > 0 {
		pg.Start = lo + 1
	}
	if !byCount {
		for i, it := range items {
			if i == 0 || it.letter != items[i-1].letter {
				pg.Letters = append(pg.Letters, Link{it.letter, rel(at(i/namesPerPage+1)) + "#" + letterID(it.letter)})
			}
		}
	}
	pg.Entries = make([]NameEntry, 0, hi-lo)
	for i := lo; i < hi; i++ {
		it := items[i]
		e := NameEntry{Name: clip(it.name, 120), Href: rel(it.to), N: it.n, Unsplit: it.unsplit}
		if !byCount && (i == 0 || it.letter != items[i-1].letter) {
			e.Anchor = letterID(it.letter)
		}
		pg.Entries = append(pg.Entries, e)
	}
	return r.page(KindNames, pth, pg)
}

// clipped returns s when clip shortens it for display, else "".
func clipped(s string) string { return clippedAt(s, shownMax) }

// clippedAt returns s when clip(s, n) shortens it, else "".
func clippedAt(s string, n int) string {
	if clip(s, n) == s {
		return ""
	}
	return s
}
