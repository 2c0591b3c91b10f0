package render

import (
	"fmt"
	"html/template"
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
	groups func(*catalog.Catalog) []*catalog.Group
}

var groupKinds = []GroupKind{
	{"year", "Publication year", "Publication years", func(c *catalog.Catalog) []*catalog.Group { return c.PubYears }},
	{"priority-year", "Priority year", "Priority years", func(c *catalog.Catalog) []*catalog.Group { return c.PrioYears }},
	{"country", "Country", "Countries", func(c *catalog.Catalog) []*catalog.Group { return c.Countries }},
	{"kind", "Kind code", "Kind codes", func(c *catalog.Catalog) []*catalog.Group { return c.Kinds }},
}

// A GroupsPage is the data of templates/groups.html: every group of a kind.
type GroupsPage struct {
	Base
	Kind   GroupKind
	Groups []Count
	Chart  Chart
}

// A GroupPage is the data of templates/group.html: the patents of one
// country, year or kind code, newest first.
type GroupPage struct {
	Base
	Kind    GroupKind
	Group   *catalog.Group
	Label   string // "CN (China)", "2020", "A1"
	Patents Pager
}

func (r *renderer) groups(k GroupKind) (output.File, error) {
	pth := urls.Group(k.Key, "")
	pg := &GroupsPage{
		Base: r.base(pth, k.Plural, fmt.Sprintf("The patents of this catalog by %s.", strings.ToLower(k.Name)), home()),
		Kind: k,
	}
	for _, g := range k.groups(r.cat) {
		pg.Groups = append(pg.Groups, Count{Label: groupLabel(k, g.Key), N: len(g.Patents), URL: urls.Group(k.Key, g.Key)})
	}
	pg.Chart = newChart("chart-"+k.Key, "Patents per "+strings.ToLower(k.Name), pg.Groups)
	return r.page(KindGroups, pth, pg)
}

func (r *renderer) group(k GroupKind, g *catalog.Group, n int) (output.File, error) {
	first := urls.Group(k.Key, g.Key)
	pth := urls.Page(first, n)
	label := groupLabel(k, g.Key)
	title := k.Name + " " + label
	pg := &GroupPage{
		Base:    r.base(pth, pageTitle(title, n), fmt.Sprintf("%s: %s in this catalog, newest first.", title, plural(len(g.Patents), "patent")), home(), Crumb{k.Plural, urls.Group(k.Key, "")}),
		Kind:    k,
		Group:   g,
		Label:   label,
		Patents: newPager(newestFirst(g.Patents), first, n),
	}
	pg.PrevPage, pg.NextPage = pg.Patents.PrevURL(), pg.Patents.NextURL()
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
		desc = short(d, 200)
	}
	return r.page(KindContent, pth, &ContentPage{Base: r.base(pth, title, desc, home()), Body: body})
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
	return r.page(KindSearch, pth, &SearchPage{Base: r.base(pth, "Search", "Search the patents of "+r.site.Title+" by number, title, assignee, inventor or classification.", home())})
}
