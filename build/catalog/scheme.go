package catalog

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
)

func newScheme(name string) *Scheme {
	s := &Scheme{Name: name, nodes: map[string]*Node{}}
	s.Root = &Node{Scheme: s, Level: RootLevel}
	return s
}

// Node returns the node with the given code ("H04L", "H04L9/3239"), or nil.
func (s *Scheme) Node(code string) *Node { return s.nodes[code] }

// Nodes returns every node but the root, parents before children, in
// hierarchy order.
func (s *Scheme) Nodes() []*Node {
	var out []*Node
	var walk func(n *Node)
	walk = func(n *Node) {
		for _, ch := range n.Children {
			out = append(out, ch)
			walk(ch)
		}
	}
	walk(s.Root)
	return out
}

// file files the patents under their classes' nodes and every level above,
// in order. The patents are counted first, so that each node's list is
// made at its size: a section's list grown one patent at a time would be
// copied dozens of times.
func (s *Scheme) file(ps []*Patent, classes func(*Patent) []Class) {
	for _, p := range ps {
		for _, cl := range classes(p) {
			for n := cl.Node; n != s.Root && n.last != p; n = n.Parent {
				n.last = p // filed there through another code otherwise
				n.count++
			}
		}
	}
	for _, n := range s.nodes {
		n.Patents = make([]*Patent, 0, n.count)
		n.last, n.count = nil, 0
	}
	for _, p := range ps {
		for _, cl := range classes(p) {
			for n := cl.Node; n != s.Root; n = n.Parent {
				if k := len(n.Patents); k > 0 && n.Patents[k-1] == p {
					break // already filed there through another code
				}
				n.Patents = append(n.Patents, p)
			}
		}
	}
}

func (s *Scheme) node(code string) *Node {
	if n := s.nodes[code]; n != nil {
		return n
	}
	parentCode, level := parent(code)
	var par *Node
	if level == SectionLevel {
		par = s.Root
	} else {
		par = s.node(parentCode)
	}
	n := &Node{Scheme: s, Code: code, Level: level, Parent: par}
	par.Children = append(par.Children, n)
	s.nodes[code] = n
	return n
}

// parent returns the code one level up and the level of code:
// "H04L9/3239" → "H04L9", SubgroupLevel; "H04L9" → "H04L", GroupLevel; …
func parent(code string) (string, Level) {
	switch {
	case strings.Contains(code, "/"):
		g, _, _ := strings.Cut(code, "/")
		return g, SubgroupLevel
	case len(code) > 4:
		return code[:4], GroupLevel
	case len(code) == 4:
		return code[:3], SubclassLevel
	case len(code) == 3:
		return code[:1], ClassLevel
	}
	return "", SectionLevel
}

// finish sorts children: sections, classes and subclasses by code, main
// groups by number, subgroups in the scheme's decimal order ("06" < "0637" < "32").
func (s *Scheme) finish() {
	for _, n := range s.nodes {
		slices.SortFunc(n.Children, compareCodes)
	}
	slices.SortFunc(s.Root.Children, compareCodes)
}

func compareCodes(a, b *Node) int {
	if a.Level == GroupLevel && b.Level == GroupLevel {
		x, _ := strconv.Atoi(a.Code[4:])
		y, _ := strconv.Atoi(b.Code[4:])
		return cmp.Or(cmp.Compare(x, y), strings.Compare(a.Code, b.Code))
	}
	return strings.Compare(a.Code, b.Code)
}

// twin links the nodes that have the same code in both schemes.
func (s *Scheme) twin(o *Scheme) {
	for _, code := range slices.Sorted(maps.Keys(s.nodes)) {
		if t := o.nodes[code]; t != nil {
			s.nodes[code].Twin, t.Twin = t, s.nodes[code]
		}
	}
}

// Section, Class, Subclass and Group give the code of n's ancestor at that
// level ("H04L9/3239" → "H", "H04", "H04L", "H04L9"), or "" above n's level.
func (n *Node) Ancestor(l Level) *Node {
	for a := n; a != nil; a = a.Parent {
		if a.Level == l {
			return a
		}
	}
	return nil
}

// Path returns the nodes from the section down to n.
func (n *Node) Path() []*Node {
	var out []*Node
	for a := n; a != nil && a.Level != RootLevel; a = a.Parent {
		out = append(out, a)
	}
	slices.Reverse(out)
	return out
}

// Display returns the code as people write it: "H04L 9/3239", "H04L 9/00", "H04L 9".
func (n *Node) Display() string {
	if n.Level < GroupLevel {
		return n.Code
	}
	return n.Code[:4] + " " + n.Code[4:]
}

func (l Level) String() string {
	return [...]string{"root", "section", "class", "subclass", "main group", "subgroup"}[l]
}
