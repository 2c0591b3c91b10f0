package render

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/markdown"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// A GroupKind is one way of grouping patents by a single value.
type GroupKind struct {
	Key    string // URL segment: "country", "year", "priority-year", "kind"
	Name   string // "Country"
	Plural string // "Countries"
	field  string // the search engine's field: "country", "year", "priority", "kind"
	groups func(*catalog.Catalog) []*catalog.Group
}

var groupKinds = []GroupKind{
	{"year", "Publication year", "Publication years", "year", func(c *catalog.Catalog) []*catalog.Group { return c.PubYears }},
	{"priority-year", "Priority year", "Priority years", "priority", func(c *catalog.Catalog) []*catalog.Group { return c.PrioYears }},
	{"country", "Country", "Countries", "country", func(c *catalog.Catalog) []*catalog.Group { return c.Countries }},
	{"kind", "Kind code", "Kind codes", "kind", func(c *catalog.Catalog) []*catalog.Group { return c.Kinds }},
}

// A GroupsPage is the data of templates/groups.html: every group of a kind.
type GroupsPage struct {
	Base
	Heading string
	Groups  []Count
	Chart   Chart
}

// A GroupPage is the data of templates/group.html: one country, year or
// kind code. It shows the newest groupShown patents and counts, and leaves
// the whole list to the search page: at 100,000 records a year holds tens
// of thousands of patents, and paging through them is what search is for.
type GroupPage struct {
	Base
	Kind    GroupKind
	Group   *catalog.Group
	Heading string // "Country CN (China)"
	Lead    string // "1,234 patents in this catalog; the newest 50 below."
	Search  string // the search page for all of them; "" for none
	Newest  PatentList
	By      string  // the heading of Counts: "By publication year"
	Counts  []Count // the group's patents by another facet, each linked to its search
}

func (r *renderer) groups(k GroupKind) (output.File, error) {
	pth := urls.Group(k.Key, "")
	pg := &GroupsPage{
		Base:    r.base(pth, k.Plural, fmt.Sprintf("The patents of this catalog by %s.", strings.ToLower(k.Name)), homeCrumb(pth)),
		Heading: k.Plural,
	}
	for _, g := range k.groups(r.cat) {
		pg.Groups = append(pg.Groups, Count{Label: groupLabel(k, g.Key), N: len(g.Patents), Href: urls.Rel(pth, urls.Group(k.Key, g.Key))})
	}
	pg.Chart = newChart("chart-"+k.Key, "Patents per "+strings.ToLower(k.Name), pg.Groups)
	return r.page(KindGroups, pth, pg)
}

func (r *renderer) group(k GroupKind, g *catalog.Group) (output.File, error) {
	pth := urls.Group(k.Key, g.Key)
	label := groupLabel(k, g.Key)
	title := k.Name + " " + label
	pg := &GroupPage{
		Base:    r.base(pth, title, fmt.Sprintf("%s: %s in this catalog, the newest first.", title, plural(len(g.Patents), "patent")), homeCrumb(pth), crumb(pth, k.Plural, urls.Group(k.Key, ""))),
		Kind:    k,
		Group:   g,
		Heading: title,
		Lead:    plural(len(g.Patents), "patent") + " in this catalog",
		Newest:  PatentList{Items: r.items(pth, r.newest(g.Patents, groupShown))},
	}
	if len(g.Patents) > groupShown {
		pg.Lead += fmt.Sprintf("; the newest %d below.", groupShown)
	} else {
		pg.Lead += ", newest first."
	}
	q := ""
	if g.Key != "" {
		q = k.field + ":" + g.Key
		pg.Search = searchFor(pth, q)
	}
	// A country is broken down by year, the others by country.
	by, field, key := "By country", "country", func(p *catalog.Patent) string { return p.Country }
	if k.Key == "country" {
		by, field, key = "By publication year", "year", func(p *catalog.Patent) string {
			if len(p.Published) < 4 {
				return ""
			}
			return p.Published[:4]
		}
	}
	counts := map[string]int{}
	for _, p := range g.Patents {
		if v := key(p); v != "" {
			counts[v]++
		}
	}
	if len(counts) > 1 {
		pg.By = by
		for _, v := range slices.Sorted(maps.Keys(counts)) {
			c := Count{Label: v, N: counts[v]}
			if q != "" {
				c.Href = searchFor(pth, q+" "+field+":"+v)
			}
			pg.Counts = append(pg.Counts, c)
		}
	}
	return r.page(KindGroup, pth, pg)
}

// countryNames names the publishing offices of the export and of the
// common family members.
var countryNames = map[string]string{
	"CN": "China", "WO": "WIPO (PCT)", "US": "United States", "EP": "European Patent Office",
	"KR": "Korea", "DE": "Germany", "JP": "Japan", "GB": "United Kingdom", "FR": "France",
	"CA": "Canada", "AU": "Australia", "IN": "India", "TW": "Taiwan", "SG": "Singapore",
	"BR": "Brazil", "RU": "Russia", "MX": "Mexico",
}

func groupLabel(k GroupKind, key string) string {
	if k.Key == "country" {
		if name, ok := countryNames[key]; ok {
			return key + " (" + name + ")"
		}
	}
	if key == "" {
		return "unknown"
	}
	return key
}

// A ContentPage is the data of templates/content.html: a Markdown page
// from content/.
type ContentPage struct {
	Base
	Body template.HTML
}

func (r *renderer) contentPage(cp contentPage) (output.File, error) {
	pth := urls.Content(cp.name)
	body, err := markdown.HTML(string(cp.src))
	if err != nil {
		return output.File{}, fmt.Errorf("content/%s.md: %w", cp.name, err)
	}
	title := firstHeading(cp.src, cp.name)
	desc := title + ": " + r.site.Title + "."
	if d := firstParagraph(cp.src); d != "" {
		desc = clip(d, 200)
	}
	return r.page(KindContent, pth, &ContentPage{Base: r.base(pth, title, desc, homeCrumb(pth)), Body: body})
}

// firstParagraph returns the first paragraph of plain text of a Markdown
// page, for its description, with simple markup removed.
func firstParagraph(src []byte) string {
	var para []string
	for line := range strings.SplitSeq(string(src), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "" && len(para) > 0:
			return strings.NewReplacer("**", "", "*", "", "`", "").Replace(strings.Join(para, " "))
		case t == "", strings.HasPrefix(t, "#"), strings.HasPrefix(t, "-"), strings.HasPrefix(t, "|"):
			continue
		default:
			para = append(para, t)
		}
	}
	return strings.Join(para, " ")
}

// A SearchPage is the data of templates/search.html, which the search
// engine's scripts fill in.
type SearchPage struct {
	Base
}

func (r *renderer) search() (output.File, error) {
	pth := urls.Search
	return r.page(KindSearch, pth, &SearchPage{Base: r.base(pth, "Search", "Search the patents of "+r.site.Title+" by number, title, assignee, inventor or classification.", homeCrumb(pth))})
}
