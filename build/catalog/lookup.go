package catalog

import (
	"cmp"
	"math"
	"slices"
)

// Patent returns the patent with the canonical id, or nil.
func (c *Catalog) Patent(id string) *Patent { return c.byID[id] }

// Resolve returns the patent a canonical id or number (without kind) leads
// to: the patent itself, or the patent whose family holds that publication.
func (c *Catalog) Resolve(idOrNumber string) *Patent {
	if p := c.byID[idOrNumber]; p != nil {
		return p
	}
	if p := c.memberOf[idOrNumber]; p != nil {
		return p
	}
	return c.byNumber[idOrNumber]
}

// Aliases returns every other spelling that leads to p: its number without
// kind and each family member's id and number, canonical, sorted, without p's
// own id. Only spellings that Resolve maps to p are given.
func (c *Catalog) Aliases(p *Patent) []string {
	seen := map[string]bool{p.ID: true}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] && c.Resolve(s) == p {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(p.Number)
	for _, m := range p.Family {
		add(m.ID)
		add(m.Number)
	}
	slices.Sort(out)
	return out
}

// relatedCap bounds the postings read to rank related patents: a code or
// assignee shared by more patents than this says little about relatedness
// and would make ranking quadratic on a large catalog.
const relatedCap = 400

// Related returns up to n other patents ranked by what they share with p:
// classification codes weighted by rarity (IDF), main groups at a third of
// that, and the primary assignee. Ties go to corpus order.
func (c *Catalog) Related(p *Patent, n int) []*Patent {
	total := float64(len(c.Patents))
	score := map[*Patent]float64{}
	add := func(ps []*Patent, w float64) {
		if len(ps) > relatedCap || len(ps) < 2 {
			return
		}
		idf := w * math.Log(1+total/float64(len(ps)))
		for _, q := range ps {
			if q != p {
				score[q] += idf
			}
		}
	}
	seen := map[*Node]bool{}
	for _, cls := range [][]Class{p.CPC, p.IPC} {
		for _, cl := range cls {
			add(cl.Node.Patents, 1)
			if g := cl.Node.Parent; g != nil && !seen[g] {
				seen[g] = true
				add(g.Patents, 1.0/3)
			}
		}
	}
	if p.Primary != nil {
		add(p.Primary.Patents, 1.5)
	}
	out := make([]*Patent, 0, len(score))
	for q := range score {
		out = append(out, q)
	}
	slices.SortFunc(out, func(a, b *Patent) int {
		return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(a.Seq, b.Seq))
	})
	return out[:min(n, len(out))]
}
