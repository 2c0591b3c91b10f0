package catalog

import (
	"math"
	"slices"
	"sync"
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

// relatedScores are the scratch space of one Related call: a score per
// patent, by Seq, and the patents that got one. They are reused through a
// pool, so a call allocates nothing that grows with the catalog and reads
// no map; it clears the scores it set before giving the space back.
type relatedScores struct {
	score   []float64
	touched []int32
	groups  []*Node
}

var relatedPool = sync.Pool{New: func() any { return new(relatedScores) }}

// relatedLists hold, for every list Related reads (the patents of a code,
// of its main group or of an assignee, when there are 2 to relatedCap of
// them), the patents' Seqs: reading those from one slice costs a fraction
// of loading each *Patent, a cache miss apiece on a large catalog.
type relatedLists struct {
	once sync.Once
	m    map[any][]int32 // by *Node or *Assignee
}

// seqs returns the Seqs of the list of key (a *Node or *Assignee), or nil
// when Related skips it.
func (c *Catalog) seqs(key any) []int32 {
	c.related.once.Do(func() {
		m := map[any][]int32{}
		add := func(key any, ps []*Patent) {
			if _, ok := m[key]; ok || len(ps) > relatedCap || len(ps) < 2 {
				return
			}
			s := make([]int32, len(ps))
			for i, q := range ps {
				s[i] = int32(q.Seq)
			}
			m[key] = s
		}
		for _, p := range c.Patents {
			for _, cls := range [][]Class{p.CPC, p.IPC} {
				for _, cl := range cls {
					add(cl.Node, cl.Node.Patents)
					if g := cl.Node.Parent; g != nil {
						add(g, g.Patents)
					}
				}
			}
			if p.Primary != nil {
				add(p.Primary, p.Primary.Patents)
			}
		}
		c.related.m = m
	})
	return c.related.m[key]
}

// Related returns up to n other patents ranked by what they share with p:
// classification codes weighted by rarity (IDF), main groups at a third of
// that, and the primary assignee. Ties go to corpus order.
//
// Each candidate's score is summed in the same order as the shared lists
// are read, and the best n are kept by insertion into a list of n, so the
// cost is that of reading at most relatedCap postings per shared list.
func (c *Catalog) Related(p *Patent, n int) []*Patent {
	if n <= 0 {
		return nil
	}
	s := relatedPool.Get().(*relatedScores)
	defer relatedPool.Put(s)
	if len(s.score) < len(c.Patents) {
		s.score = make([]float64, len(c.Patents))
	}
	score, touched := s.score, s.touched[:0]
	total, self := float64(len(c.Patents)), int32(p.Seq)
	add := func(key any, w float64) {
		seqs := c.seqs(key)
		if seqs == nil {
			return
		}
		idf := w * math.Log(1+total/float64(len(seqs)))
		for _, q := range seqs {
			if q == self {
				continue
			}
			if score[q] == 0 {
				touched = append(touched, q)
			}
			score[q] += idf
		}
	}
	groups := s.groups[:0]
	for _, cls := range [][]Class{p.CPC, p.IPC} {
		for _, cl := range cls {
			add(cl.Node, 1)
			if g := cl.Node.Parent; g != nil && !slices.Contains(groups, g) {
				groups = append(groups, g)
				add(g, 1.0/3)
			}
		}
	}
	if p.Primary != nil {
		add(p.Primary, 1.5)
	}
	// best holds the top scorers so far, best first: higher score, then
	// lower Seq.
	best := make([]int32, 0, n)
	better := func(a, b int32) bool {
		return score[a] > score[b] || score[a] == score[b] && a < b
	}
	for _, q := range touched {
		if len(best) == n && !better(q, best[n-1]) {
			continue
		}
		i := len(best)
		if i < n {
			best = append(best, q)
		} else {
			i--
		}
		for ; i > 0 && better(q, best[i-1]); i-- {
			best[i] = best[i-1]
		}
		best[i] = q
	}
	out := make([]*Patent, len(best))
	for i, q := range best {
		out[i] = c.Patents[q]
	}
	for _, q := range touched {
		score[q] = 0
	}
	clear(groups)
	s.touched, s.groups = touched, groups[:0]
	return out
}
