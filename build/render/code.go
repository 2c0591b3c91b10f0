package render

import (
	"fmt"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/output"
	"github.com/patentsite/patentsite/build/urls"
)

// A CodePage is the data of templates/code.html: the root of a scheme, or
// one node at any level.
//
// Only subgroups list all their patents (paginated). The levels above list
// their children with roll-up counts and the newest few patents: at 100,000
// patents a section holds most of the catalog, and listing it again at
// every level would multiply the site's size by the depth of the tree.
type CodePage struct {
	Base
	Scheme   string // "CPC" or "IPC"
	Node     *catalog.Node
	Children []*catalog.Node
	Twin     *catalog.Node // the same code in the other scheme, or nil
	Other    string        // the other scheme's name, "IPC" or "CPC"
	Leaf     bool          // a subgroup: Patents is the full list
	Patents  Pager         // Leaf: this page of all patents, newest first
	Newest   []*catalog.Patent
	Total    int // patents at or below the node
}

func (r *renderer) code(n *catalog.Node, page int) (output.File, error) {
	s := n.Scheme
	first := urls.Code(s.Name, n.Code)
	pth := urls.Page(first, page)
	pg := &CodePage{
		Scheme:   schemeName(s.Name),
		Node:     n,
		Children: n.Children,
		Twin:     n.Twin,
		Other:    map[string]string{"cpc": "IPC", "ipc": "CPC"}[s.Name],
		Leaf:     n.Level == catalog.SubgroupLevel,
		Total:    len(n.Patents),
	}
	crumbs := []Crumb{home()}
	if n.Level != catalog.RootLevel {
		crumbs = append(crumbs, Crumb{pg.Scheme, urls.Code(s.Name, "")})
		for _, a := range n.Path() {
			if a != n {
				crumbs = append(crumbs, Crumb{a.Display(), urls.Code(s.Name, a.Code)})
			}
		}
	}
	title := nodeTitle(n)
	var desc string
	if n.Level == catalog.RootLevel {
		desc = fmt.Sprintf("The %s classification of the %d patents in this catalog, by section, class, subclass, main group and subgroup.", pg.Scheme, len(n.Patents))
	} else {
		desc = fmt.Sprintf("%s: %s classified here or below", title, plural(len(n.Patents), "patent"))
		if len(n.Children) > 0 {
			desc += fmt.Sprintf(", in %d %ss", len(n.Children), (n.Level + 1).String())
		}
		desc += "."
	}
	pg.Base = r.base(pth, pageTitle(title, page), desc, crumbs...)
	if pg.Leaf {
		pg.Patents = newPager(newestFirst(n.Patents), first, page)
		pg.PrevPage, pg.NextPage = pg.Patents.PrevURL(), pg.Patents.NextURL()
	} else {
		pg.Newest = newest(n.Patents, newestShown)
	}
	return r.page(KindCode, pth, pg)
}

// newest returns the k newest of ps without sorting all of them.
func newest(ps []*catalog.Patent, k int) []*catalog.Patent {
	var out []*catalog.Patent
	for _, p := range ps {
		i := len(out)
		for i > 0 && newer(p, out[i-1]) {
			i--
		}
		if i < k {
			out = append(out, nil)
			copy(out[i+1:], out[i:])
			out[i] = p
			if len(out) > k {
				out = out[:k]
			}
		}
	}
	return out
}

// newer reports whether a sorts before b in newestFirst order.
func newer(a, b *catalog.Patent) bool {
	if a.Published != b.Published {
		return a.Published > b.Published
	}
	return a.Seq < b.Seq
}
