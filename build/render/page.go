package render

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/urls"
)

// A Base is what every page has: its place, its title and the site's
// chrome. Every page struct embeds it; base.html reads only these fields,
// through {{with .Base}}, so that html/template finds each of them among
// Base's own fields rather than searching the page struct's embedded ones.
// Every href is relative to the page and made in Go.
type Base struct {
	Site        *SiteInfo
	Chrome      *Chrome
	Path        string // site path of this page: "patent/EP3628093A2/index.html"
	Title       string // the whole <title>, site name included
	Description string // <meta name="description">: what the page is
	Canonical   string // absolute URL of the page; "" without a base URL
	Prev, Next  string // hrefs of the neighbouring pages of a paginated list, or ""
	Scripts     []string
	Crumbs      []Link // breadcrumbs from Home to the parent of this page; Chrome has them too
	Diagrams    bool   // the page has a mermaid drawing: its CSP lets mermaid style it
}

// A Chrome is what lies between the page's own <head> tags and its <main>:
// the stylesheet and icon links, the header with the search box, the site
// menu and the breadcrumbs. All of it depends only on where the page is
// and on its breadcrumbs, so pages share it: base.html's "chrome" is
// executed once per place and list of breadcrumbs, and the bytes reused.
type Chrome struct {
	Site     string // the site's name
	Home     string
	Search   string // the search page, the target of the header's search box
	CSS      string
	Icon     string
	SiteJS   string
	SearchJS string // "" when the assets have no search.js
	Nav      []Link
	Crumbs   []Link   // from Home to the parent of the page
	Scripts  []string // the scripts of the kind of page, search.js last

	html []byte // base.html's "chrome" executed with this Chrome
	err  error  // the error executing it
}

// A Link is a named href.
type Link struct {
	Name string
	Href string
}

// An Item is one patent in a list: the entry of every list of patents
// (assignee, inventor, classification, group, home) and of the related
// patents. Text is all that follows the linked id, as one string, since
// each action of a template costs html/template a few reflective calls
// and lists are most of the site: " · 2020-11-04 · Title…" in lists, the
// clipped title among related patents.
type Item struct {
	Href string
	ID   string
	Text string
	Zh   bool // the title is Chinese
}

// A PatentList is the argument of the "patents" partial.
type PatentList struct {
	Start int // the number of the first item for <ol start>, or 0 for 1
	Items []Item
}

// Patents per page in the lists that are paginated, names per page in the
// indexes, how many newest patents the upper classification levels show,
// and how many the country, year and kind pages show.
const (
	patentsPerPage = 100
	namesPerPage   = 300
	newestShown    = 10
	groupShown     = 50
)

// Clipping lengths, in characters, of titles in lists and among the
// related patents.
const (
	listTitle    = 90
	relatedTitle = 80
)

func pageCount(n, per int) int { return max(1, (n+per-1)/per) }

// items makes the list entries of ps as seen from the page at from: id,
// publication date and title.
func (r *renderer) items(from string, ps []*catalog.Patent) []Item {
	out := make([]Item, len(ps))
	for i, p := range ps {
		out[i] = Item{Href: urls.Rel(from, urls.Patent(p.ID)), ID: p.ID, Text: r.listText[p.Seq], Zh: p.Lang == "zh"}
	}
	return out
}

// listText is the text of a patent's entry in a list after its id: " ·
// 2020-11-04 · Title…". A patent is in a dozen lists at 100,000 records
// (its codes, inventors, assignees), so it is made once.
func listText(p *catalog.Patent) string {
	text := " · " + clip(p.Title, listTitle)
	if p.Published != "" {
		text = " · " + p.Published + text
	}
	return text
}

// A Pager is one page of a paginated list of patents.
type Pager struct {
	N, Pages int    // this page, 1-based, and the number of pages
	Total    int    // patents in the whole list
	Of       string // " (page 2 of 3)", or "" for a list of one page
	List     PatentList
	Links    []PageLink // the page navigation; nil for a single page
}

// A PageLink is one entry of a page navigation: a page, or a gap.
type PageLink struct {
	N       int
	Href    string // "" for a gap
	Current bool
}

// pager makes page n of the list all, whose first page is at first, as
// seen from that page.
func (r *renderer) pager(all []*catalog.Patent, first string, n int) Pager {
	pages := pageCount(len(all), patentsPerPage)
	lo := min((n-1)*patentsPerPage, len(all))
	hi := min(lo+patentsPerPage, len(all))
	from := urls.Page(first, n)
	pg := Pager{N: n, Pages: pages, Total: len(all), List: PatentList{Items: r.items(from, all[lo:hi])}}
	if lo > 0 {
		pg.List.Start = lo + 1
	}
	if pages > 1 {
		pg.Of = " (page " + itoa(n) + " of " + itoa(pages) + ")"
	}
	pg.Links = pageLinks(n, pages, func(i int) string { return urls.Rel(from, urls.Page(first, i)) })
	return pg
}

// neighbours returns the hrefs of the pages before and after page n of
// pages, or "".
func neighbours(n, pages int, at func(int) string) (prev, next string) {
	if n > 1 {
		prev = at(n - 1)
	}
	if n < pages {
		next = at(n + 1)
	}
	return prev, next
}

// pageLinks returns the page navigation: first, last, and two either side
// of this page, with gaps between.
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
		l := PageLink{N: n, Current: n == cur}
		if !l.Current {
			l.Href = at(n)
		}
		out = append(out, l)
		last = n
	}
	return out
}

// newestFirst returns ps sorted by publication date, newest first, then in
// corpus order: by their rank in the catalog in that order, which saves
// comparing dates.
func (r *renderer) newestFirst(ps []*catalog.Patent) []*catalog.Patent {
	out := slices.Clone(ps)
	slices.SortFunc(out, func(a, b *catalog.Patent) int { return cmp.Compare(r.rank[a.Seq], r.rank[b.Seq]) })
	return out
}

// newest returns the k newest of ps, in newestFirst order, without sorting
// all of them.
func (r *renderer) newest(ps []*catalog.Patent, k int) []*catalog.Patent {
	out := make([]*catalog.Patent, 0, k+1)
	newer := func(a, b *catalog.Patent) bool { return r.rank[a.Seq] < r.rank[b.Seq] }
	for _, p := range ps {
		if len(out) == k && !newer(p, out[k-1]) {
			continue
		}
		i := len(out)
		out = append(out, p)
		for ; i > 0 && newer(p, out[i-1]); i-- {
			out[i] = out[i-1]
		}
		out[i] = p
		if len(out) > k {
			out = out[:k]
		}
	}
	return out
}

// byNewest sorts the whole catalog newest first, then in corpus order, and
// returns each patent's place in that order, by Seq.
func byNewest(ps []*catalog.Patent) []int32 {
	order := slices.Clone(ps)
	slices.SortStableFunc(order, func(a, b *catalog.Patent) int {
		return cmp.Or(strings.Compare(b.Published, a.Published), cmp.Compare(a.Seq, b.Seq))
	})
	rank := make([]int32, len(ps))
	for i, p := range order {
		rank[p.Seq] = int32(i)
	}
	return rank
}

// A Count is a labelled number, optionally linked.
type Count struct {
	Label string
	N     int
	Href  string // "" for none
}

// clip returns s cut to at most n characters, at a word boundary when
// there is one in the second half, with "…" when cut.
// shownMax is the most runes of a name shown where it is listed or named
// in a heading: an export can hold a name of 100 KB, which a browser takes
// seconds to minutes to lay out as one word. Where a name is clipped, its
// own page (and the patent page) also gives it in full, in a closed
// <details> that costs no layout until opened; the JSON has it whole.
const shownMax = 300

// titleMax is the most runes of a title shown in a patent page's heading;
// real titles stay far below it, and one above it is given in full in a
// closed <details>, as a long name is.
const titleMax = 2000

func clip(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, i := 0, 0
	for j := range s {
		if i == n-1 {
			cut = j
			break
		}
		i++
	}
	t := s[:cut]
	if sp := strings.LastIndexByte(t, ' '); sp >= cut/2 {
		t = t[:sp]
	}
	return strings.TrimRightFunc(t, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' }) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return itoa(n) + " " + what + "s"
}

// pageTitle adds " (page n)" to a title from page 2 on.
func pageTitle(title string, n int) string {
	if n > 1 {
		return title + " (page " + itoa(n) + ")"
	}
	return title
}

// searchFor returns the search page with the query q, as seen from the
// page at from. The query language is the search engine's
// (assets/search.js: field:value, "phrases"); ":" and "/" need no escaping
// in a query string and stay readable.
func searchFor(from, q string) string {
	return urls.Rel(from, urls.Search) + "?q=" + queryEscaper.Replace(q)
}

var queryEscaper = strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", "#", "%23", " ", "%20", `"`, "%22", "<", "%3C", ">", "%3E", "'", "%27")

// chromes caches the Chrome of each place and list of breadcrumbs. The
// hrefs of the header and menu point at files one directory deep, so from
// a page they depend only on the page's depth and first directory, its
// place; the breadcrumbs are part of the key as they are.
type chromes struct {
	r      *renderer
	mu     sync.Mutex
	places map[string]*Chrome // by place, without breadcrumbs, not rendered
	m      map[string]*Chrome // by place and breadcrumbs, rendered
}

// maxChromes bounds the cache: classification pages have breadcrumbs of
// their own ancestors, and past this many the chrome is rendered per page.
const maxChromes = 1 << 12

// get returns the chrome of the page at from with the breadcrumbs crumbs,
// loading site.js too when siteJS is set.
func (cs *chromes) get(from string, crumbs []Link, siteJS bool) *Chrome {
	place := strconv.Itoa(strings.Count(from, "/"))
	if i := strings.IndexByte(from, '/'); i >= 0 {
		place += from[:i]
	}
	n := len(place) + 1
	for _, c := range crumbs {
		n += 2 + len(c.Name) + len(c.Href)
	}
	var key strings.Builder
	key.Grow(n)
	key.WriteString(place)
	if siteJS {
		key.WriteByte(1)
	}
	for _, c := range crumbs {
		key.WriteByte(0)
		key.WriteString(c.Name)
		key.WriteByte(0)
		key.WriteString(c.Href)
	}
	cs.mu.Lock()
	if c := cs.m[key.String()]; c != nil {
		cs.mu.Unlock()
		return c
	}
	p := cs.places[place]
	if p == nil {
		p = cs.r.newChrome(from)
		cs.places[place] = p
	}
	cs.mu.Unlock()
	c := *p
	c.Crumbs = crumbs
	if siteJS {
		c.Scripts = append([]string{c.SiteJS}, c.Scripts...)
	}
	cs.r.renderChrome(&c)
	cs.mu.Lock()
	if len(cs.m) < maxChromes {
		cs.m[key.String()] = &c
	}
	cs.mu.Unlock()
	return &c
}

// newChrome makes the chrome of the page at from and renders it.
func (r *renderer) newChrome(from string) *Chrome {
	rel := func(to string) string { return urls.Rel(from, to) }
	c := &Chrome{
		Site:   r.site.Title,
		Home:   rel(urls.Home),
		Search: rel(urls.Search),
		CSS:    rel(urls.Asset("site.css")),
		Icon:   rel(urls.Asset("icon.svg")),
		SiteJS: rel(urls.Asset("site.js")),
		Nav: []Link{
			{"Assignees", rel(urls.ByName(KindAssignee, 1))},
			{"Inventors", rel(urls.ByName(KindInventor, 1))},
			{"CPC", rel(urls.Code("cpc", ""))},
			{"IPC", rel(urls.Code("ipc", ""))},
			{"Years", rel(urls.Group("year", ""))},
		},
	}
	if r.site.SearchJS {
		c.SearchJS = rel(urls.Asset("search.js"))
		c.Scripts = []string{c.SearchJS}
	}
	for _, p := range r.site.Pages {
		c.Nav = append(c.Nav, Link{p.Title, rel(urls.Content(p.Name))})
	}
	return c
}

// renderChrome executes base.html's "chrome" with c.
func (r *renderer) renderChrome(c *Chrome) {
	if r.tmpl.layout {
		var buf bytes.Buffer
		c.err = r.tmpl.kinds[KindHome].ExecuteTemplate(&buf, "chrome", c)
		c.html = buf.Bytes()
	}
}

// base returns the Base of the page at p.
func (r *renderer) base(p, title, desc string, crumbs ...Link) Base {
	return r.baseJS(p, title, desc, false, crumbs...)
}

// baseJS returns the Base of the page at p, which loads site.js when
// siteJS is set.
func (r *renderer) baseJS(p, title, desc string, siteJS bool, crumbs ...Link) Base {
	b := Base{Site: r.site, Chrome: r.chromes.get(p, crumbs, siteJS), Path: p, Description: desc, Crumbs: crumbs}
	if p == urls.Home {
		b.Title = title
	} else {
		b.Title = title + " · " + r.site.Title
	}
	if r.cfg.BaseURL != "" {
		b.Canonical = urls.Abs(r.cfg.BaseURL, p)
	}
	return b
}

func (b *Base) base() *Base { return b }

// crumb links the page at to from the page at from.
func crumb(from, name, to string) Link { return Link{name, urls.Rel(from, to)} }

// homeCrumb is the first crumb of every page but the home page.
func homeCrumb(from string) Link { return crumb(from, "Home", urls.Home) }
