package render

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/urls"
)

// A Base is what every page has: its place, its title and the site.
// Every page struct embeds it; base.html reads only these fields.
type Base struct {
	Site        *SiteInfo
	Path        string  // site path of this page: "patent/EP3628093A2/index.html"
	Title       string  // the page's own title; <title> adds the site name
	Description string  // <meta name="description">: what the page is
	Crumbs      []Crumb // breadcrumbs from Home to the parent of this page
	Canonical   string  // absolute URL of the page; "" without a base URL
	Diagrams    bool    // the page has a mermaid drawing: load the renderer
	Scripts     []string
	PrevPage    string // site path of the previous page of a paginated list, or ""
	NextPage    string // site path of the next page, or ""
}

// A Crumb is one step of the breadcrumbs.
type Crumb struct {
	Name string
	URL  string // site path
}

// CSP returns the Content-Security-Policy of the page. Only the site's own
// files load; a page with diagrams lets mermaid style what it draws (see
// the package doc).
func (b Base) CSP() string {
	style := "'self'"
	if b.Diagrams {
		style = "'self' 'unsafe-inline'"
	}
	return "default-src 'none'; script-src 'self'; style-src " + style +
		"; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'"
}

// Patents per page in every list of patents, names per page in the indexes,
// and how many newest patents the upper classification levels show.
const (
	patentsPerPage = 100
	namesPerPage   = 300
	newestShown    = 10
)

func pageCount(n, per int) int { return max(1, (n+per-1)/per) }

// A Pager is one page of a list of patents.
type Pager struct {
	N, Pages int // this page, 1-based, and the number of pages
	Total    int // patents in the whole list
	Start    int // 1-based position of the first item, for <ol start>
	Items    []*catalog.Patent
	first    string
}

func newPager(all []*catalog.Patent, first string, n int) Pager {
	pages := pageCount(len(all), patentsPerPage)
	lo := min((n-1)*patentsPerPage, len(all))
	hi := min(lo+patentsPerPage, len(all))
	return Pager{N: n, Pages: pages, Total: len(all), Start: lo + 1, Items: all[lo:hi], first: first}
}

// A PageLink is one entry of a page navigation.
type PageLink struct {
	N       int
	Label   string // for letter links: "A", "0–9", "Other"
	URL     string // site path; "" for a gap
	Current bool
}

// Links returns the page navigation: first, last, and two either side of
// this page, with gaps between.
func (p Pager) Links() []PageLink {
	return pageLinks(p.N, p.Pages, func(n int) string { return urls.Page(p.first, n) })
}

// Path returns the site path of this page of the list.
func (p Pager) Path() string { return urls.Page(p.first, p.N) }

// List returns the argument of the "patents" partial.
func (p Pager) List() PatentList { return PatentList{From: p.Path(), Patents: p.Items, Start: p.Start} }

// PrevURL and NextURL return the neighbouring pages, or "".
func (p Pager) PrevURL() string {
	if p.N > 1 {
		return urls.Page(p.first, p.N-1)
	}
	return ""
}

func (p Pager) NextURL() string {
	if p.N < p.Pages {
		return urls.Page(p.first, p.N+1)
	}
	return ""
}

func pageLinks(cur, pages int, at func(int) string) []PageLink {
	if pages <= 1 {
		return nil
	}
	var out []PageLink
	last := 0
	for n := 1; n <= pages; n++ {
		if n != 1 && n != pages && (n < cur-2 || n > cur+2) {
			continue
		}
		if n > last+1 {
			out = append(out, PageLink{})
		}
		out = append(out, PageLink{N: n, URL: at(n), Current: n == cur})
		last = n
	}
	return out
}

// newestFirst returns ps sorted by publication date, newest first, then in
// corpus order.
func newestFirst(ps []*catalog.Patent) []*catalog.Patent {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b *catalog.Patent) int {
		return cmp.Or(strings.Compare(b.Published, a.Published), cmp.Compare(a.Seq, b.Seq))
	})
	return out
}

// A Count is a labelled number, optionally linked.
type Count struct {
	Label string
	N     int
	URL   string // site path, or ""
}

// short returns s cut to at most n runes, with "…" when cut.
func short(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }

// funcs are the template helpers. None of them produces HTML: escaping is
// html/template's alone.
var funcs = template.FuncMap{
	"rel":         urls.Rel,
	"patentURL":   urls.Patent,
	"patentFile":  urls.PatentFile,
	"assigneeURL": urls.Assignee,
	"inventorURL": urls.Inventor,
	"codeURL":     func(n *catalog.Node) string { return urls.Code(n.Scheme.Name, n.Code) },
	"groupURL":    urls.Group,
	"contentURL":  urls.Content,
	"asset":       urls.Asset,
	"byName":      urls.ByName,
	"byCount":     urls.ByCount,
	"espacenet":   urls.Espacenet,
	"google":      urls.GooglePatents,
	"searchURL":   func() string { return urls.Search },
	"schemeURL":   func(s string) string { return urls.Code(s, "") },
	"codeArgs":    func(from string, gs []SubclassCodes) CodeTree { return CodeTree{From: from, Groups: gs} },
	"counts":      func(from string, cs []Count) CountList { return CountList{From: from, Items: cs} },
	"homeURL":     func() string { return urls.Home },
	"short":       short,
	"upper":       strings.ToUpper,
	"plist":       func(from string, ps []*catalog.Patent) PatentList { return PatentList{From: from, Patents: ps} },
	"scheme":      schemeName,
	"level":       func(l catalog.Level) string { return l.String() },
	"nodeTitle":   nodeTitle,
}

// A PatentList is the argument of the "patents" partial: the page it is on
// and the patents.
type PatentList struct {
	From    string
	Patents []*catalog.Patent
	Start   int
}

// A CodeTree is the argument of the "codetree" partial.
type CodeTree struct {
	From   string
	Groups []SubclassCodes
}

// A CountList is the argument of the "counts" partial.
type CountList struct {
	From  string
	Items []Count
}

func schemeName(s string) string { return strings.ToUpper(s) }

// nodeTitle names a classification node: "CPC subclass H04L".
func nodeTitle(n *catalog.Node) string {
	if n.Level == catalog.RootLevel {
		return schemeName(n.Scheme.Name) + " classification"
	}
	return schemeName(n.Scheme.Name) + " " + n.Level.String() + " " + n.Display()
}
