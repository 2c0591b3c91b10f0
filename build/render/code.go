package render

import (
	"fmt"
	"strings"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// A CodePage is the data of templates/code.html: the root of a scheme, or
// one node at any level.
//
// Only subgroups list all their patents (paginated). The levels above list
// their children with roll-up counts and the newest few patents, with a
// link to the search page for all of them: at 100,000 patents a section
// holds most of the catalog, and listing it again at every level would
// multiply the site's size by the depth of the tree.
type CodePage struct {
	Base
	Node     *catalog.Node
	Heading  string // "CPC H04L", "CPC classification"
	Lead     string // "CPC subclass: 123 patents classified here or below."
	Twin     *Count // the same code in the other scheme, or nil
	Below    string // the heading of Children: "Below H04L", "Sections"
	Children []Count
	Leaf     bool  // a subgroup: Patents is the full list
	Patents  Pager // Leaf: this page of all patents, newest first
	Newest   PatentList
	// NewestIn is the heading of Newest: "Newest patents in H04L".
	NewestIn string
	Search   Link // the search page for the node's patents; Href "" for none
	// Downloads is the search page filtered to the node's patents (its
	// whole subtree), for downloads (partial "downloads"); "" at the root.
	Downloads string
}

func (r *renderer) code(n *catalog.Node, sorted func() []*catalog.Patent, page int) (output.File, error) {
	s := n.Scheme
	scheme := schemeName(s.Name)
	first := urls.Code(s.Name, n.Code)
	pth := urls.Page(first, page)
	rel := func(to string) string { return urls.Rel(pth, to) }
	pg := &CodePage{
		Node:     n,
		Heading:  scheme + " " + n.Display(),
		Leaf:     n.Level == catalog.SubgroupLevel,
		Below:    "Below " + n.Display(),
		NewestIn: "Newest patents in " + n.Display(),
	}
	crumbs := []Link{homeCrumb(pth)}
	if n.Level == catalog.RootLevel {
		pg.Heading, pg.Below, pg.NewestIn = scheme+" classification", "Sections", "Newest patents"
		pg.Lead = fmt.Sprintf("%s classified in %s.", plural(len(n.Patents), "patent"), scheme)
	} else {
		pg.Lead = fmt.Sprintf("%s %s: %s classified here or below.", scheme, n.Level, plural(len(n.Patents), "patent"))
		crumbs = append(crumbs, crumb(pth, scheme, urls.Code(s.Name, "")))
		for a := n.Parent; a.Level != catalog.RootLevel; a = a.Parent {
			crumbs = append(crumbs, Link{})
		}
		i := len(crumbs) - 1
		for a := n.Parent; a.Level != catalog.RootLevel; a = a.Parent {
			crumbs[i] = crumb(pth, a.Display(), urls.Code(s.Name, a.Code))
			i--
		}
	}
	if t := n.Twin; t != nil {
		pg.Twin = &Count{Label: schemeName(t.Scheme.Name) + " " + t.Display(), N: len(t.Patents), Href: rel(urls.Code(t.Scheme.Name, t.Code))}
	}
	for _, ch := range n.Children {
		pg.Children = append(pg.Children, Count{Label: ch.Display(), N: len(ch.Patents), Href: rel(urls.Code(s.Name, ch.Code))})
	}
	title := nodeTitle(n)
	var desc string
	if n.Level == catalog.RootLevel {
		desc = fmt.Sprintf("The %s classification of the %d patents in this catalog, by section, class, subclass, main group and subgroup.", scheme, len(n.Patents))
	} else {
		desc = fmt.Sprintf("%s: %s classified here or below", title, plural(len(n.Patents), "patent"))
		if len(n.Children) > 0 {
			desc += fmt.Sprintf(", in %d %ss", len(n.Children), (n.Level + 1).String())
		}
		desc += "."
	}
	pg.Base = r.base(pth, pageTitle(title, page), desc, crumbs...)
	if n.Code != "" {
		pg.Downloads = rel(urls.Search) + "?" + s.Name + "=" + strings.ReplaceAll(n.Code, "/", "-")
	}
	if pg.Leaf {
		pg.Patents = r.pager(sorted(), first, page)
		pg.Prev, pg.Next = neighbours(page, pg.Patents.Pages, func(i int) string { return rel(urls.Page(first, i)) })
	} else {
		pg.Newest = PatentList{Items: r.items(pth, r.newest(n.Patents, newestShown))}
		if n.Level >= catalog.SubclassLevel {
			pg.Search = Link{n.Code, searchFor(pth, s.Name+":"+n.Code)}
		}
	}
	return r.page(KindCode, pth, pg)
}

func schemeName(s string) string {
	switch s {
	case "cpc":
		return "CPC"
	case "ipc":
		return "IPC"
	}
	return s
}

// nodeTitle names a classification node: "CPC subclass H04L".
func nodeTitle(n *catalog.Node) string {
	if n.Level == catalog.RootLevel {
		return schemeName(n.Scheme.Name) + " classification"
	}
	return schemeName(n.Scheme.Name) + " " + n.Level.String() + " " + n.Display()
}
