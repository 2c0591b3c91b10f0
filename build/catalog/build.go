package catalog

import (
	"cmp"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/patentsite/patentsite/build/corpus"
)

// Build turns records into a catalog. Records come in corpus order: file by
// file, each in index order. A record whose id was already seen replaces the
// earlier one in its place, with a warning naming both. aliases may be nil.
func Build(recs []corpus.Record, aliases *Aliases) *Catalog {
	b := &builder{
		c: &Catalog{
			CPC:  newScheme("cpc"),
			IPC:  newScheme("ipc"),
			byID: make(map[string]*Patent, len(recs)),
		},
		aliases:   aliases,
		assignees: map[string]*nameCount{},
		inventors: map[string]*nameCount{},
	}
	rs := b.dedupe(recs)
	block := make([]Patent, len(rs)) // one allocation for all
	ps := make([]*Patent, len(rs))
	for i := range ps {
		ps[i] = &block[i]
	}
	b.c.Patents = ps
	// Ids and codes need no names: they are filed while the names are
	// learnt and each patent is made.
	var codes sync.WaitGroup
	b.linkCodes(&codes, ps, rs)
	b.learnNames(rs)
	// Each patent on its own, on all cores (text, names split and keyed),
	// then the names linked in corpus order.
	warns := make([][]*corpus.Error, len(rs))
	b.pending = make([]pending, len(rs))
	parallel(len(rs), func(i int) {
		warns[i] = b.newPatent(ps[i], rs[i], i)
	})
	for i := range ps {
		b.c.Problems = append(b.c.Problems, warns[i]...)
	}
	b.linkNames(ps, rs)
	codes.Wait()
	b.finish()
	corpus.ErrorList(b.c.Problems).Sort()
	return b.c
}

type builder struct {
	c       *Catalog
	aliases *Aliases
	// known maps the key of every name known to be one assignee (index
	// assignees, delimited names, aliases) to a spelling of it.
	known     map[string]string
	maxTokens int // the longest known name, in words
	assignees map[string]*nameCount
	inventors map[string]*nameCount
	pending   []pending // by Seq
}

// A pending holds what a patent needs while the catalog is built: its
// names' keys, then their entries. It stands beside the patent, by Seq, not
// in it, so that the catalog does not carry it.
type pending struct {
	assigneeKeys, assigneeSpellings, inventorKeys []string
	primaryKey                                    string
	assignees, inventors                          []*nameCount // set by linkNames
}

// A nameCount gathers an assignee or inventor while the catalog is built,
// with how often each spelling occurs, to pick the displayed one.
type nameCount struct {
	spellings []spelling     // in order of first use
	at        map[string]int // spellings by text, once there are many
	canon     string         // from the alias list; wins over counts
	unsplit   bool
	patents   []*Patent
	primaries int
	assignee  *Assignee // set by finish
	inventor  *Inventor // set by finish
}

// A spelling is one way a name is printed: how often, and how often as
// the primary assignee.
type spelling struct {
	text       string
	n, primary int
}

// spelling returns the counts of text, added if new. Most names have one
// or two spellings; a map is made only for many.
func (nc *nameCount) spelling(text string) *spelling {
	if nc.at != nil {
		if i, ok := nc.at[text]; ok {
			return &nc.spellings[i]
		}
	} else {
		for i := range nc.spellings {
			if nc.spellings[i].text == text {
				return &nc.spellings[i]
			}
		}
	}
	nc.spellings = append(nc.spellings, spelling{text: text})
	switch n := len(nc.spellings); {
	case nc.at != nil:
		nc.at[text] = n - 1
	case n > 8:
		nc.at = make(map[string]int, 2*n)
		for i, sp := range nc.spellings {
			nc.at[sp.text] = i
		}
	}
	return &nc.spellings[len(nc.spellings)-1]
}

func (b *builder) warn(p corpus.Pos, rec int, field, format string, args ...any) {
	b.c.Problems = append(b.c.Problems, &corpus.Error{Pos: p, Record: rec, Field: field, Severity: corpus.Warning, Err: fmt.Errorf(format, args...)})
}

func (b *builder) dedupe(recs []corpus.Record) []*corpus.Record {
	at := make(map[string]int, len(recs))
	out := make([]*corpus.Record, 0, len(recs))
	for i := range recs {
		r := &recs[i]
		if j, dup := at[r.ID]; dup {
			b.warn(r.Pos, r.Index, "number", "%s is also at %s; the later one (here) is used", r.ID, out[j].Pos)
			out[j] = r
			continue
		}
		at[r.ID] = len(out)
		out = append(out, r)
	}
	return out
}

// learnNames collects the assignee names known to be whole names.
func (b *builder) learnNames(recs []*corpus.Record) {
	b.known = map[string]string{}
	add := func(name string) {
		name = squeeze(name)
		if name == "" {
			return
		}
		k := key(name)
		if _, ok := b.known[k]; !ok {
			b.known[k] = name
			// Squeezed: the words are separated by single spaces.
			b.maxTokens = max(b.maxTokens, strings.Count(name, " ")+1)
		}
	}
	for _, r := range recs {
		add(r.Assignees.Primary.Text)
	}
	for _, r := range recs {
		if r.Assignees.Certain {
			for _, n := range r.Assignees.Names {
				if !composite(n.Text, r.Assignees.Primary.Text) {
					add(n.Text)
				}
			}
		}
	}
	if b.aliases != nil {
		for _, k := range slices.Sorted(maps.Keys(b.aliases.canon)) {
			add(k)
			add(b.aliases.canon[k])
		}
	}
}

// newPatent makes the patent of one record, everything that does not
// depend on other records: it only reads the builder.
//
// It fills p field by field: p.IPC and p.CPC are being filled meanwhile
// by linkCodes.
func (b *builder) newPatent(p *Patent, r *corpus.Record, seq int) []*corpus.Error {
	p.Seq = seq
	x := &b.pending[seq]
	p.ID, p.Country, p.Number, p.Kind = r.ID, r.Country, r.Number, r.Kind
	p.Title, p.Lang = r.Title.Text, r.Lang
	p.AssigneesCertain, p.AssigneesRaw = r.Assignees.Certain, r.Assignees.Raw.Text
	p.InventorsCertain, p.InventorsRaw = r.Inventors.Certain, r.Inventors.Raw.Text
	p.Abstract = strings.ReplaceAll(r.Abstract.Text, "**", "")
	p.abstract = r.Abstract.Text
	p.AbstractProvenance = r.Provenance.Text
	p.Drawings = r.Drawings
	p.Source = r.Pos
	p.Family = make([]Member, 0, len(r.Family))
	// Slices made at their size, and nil when empty as before.
	if n := len(r.Priorities); n > 0 {
		p.Priorities = make([]Priority, 0, n)
	}
	if n := len(r.PCL); n > 0 {
		p.PCL = make([]string, 0, n)
	}
	if n := len(r.Inventors.Names); n > 0 {
		x.inventorKeys = make([]string, 0, n)
		p.InventorNames = make([]string, 0, n)
	}
	for _, pr := range r.Priorities {
		p.Priorities = append(p.Priorities, Priority{Number: pr.Number, Date: pr.Date})
		if pr.Date != "" && (p.EarliestPriority == "" || pr.Date < p.EarliestPriority) {
			p.EarliestPriority = pr.Date
		}
	}
	for _, v := range r.PCL {
		p.PCL = append(p.PCL, v.Text)
	}
	for _, m := range r.Family {
		p.Family = append(p.Family, Member{ID: m.ID, Number: m.Number, Printed: m.Printed, Kind: m.Kind, Date: m.Date})
		if m.ID == p.ID && p.Published == "" {
			p.Published = m.Date
		}
	}
	var warns []*corpus.Error
	warn := func(pos corpus.Pos, field, format string, args ...any) {
		warns = append(warns, &corpus.Error{Pos: pos, Record: r.Index, Field: field, Severity: corpus.Warning, Err: fmt.Errorf(format, args...)})
	}
	b.splitAssignees(p, r, warn)
	if !r.Inventors.Certain {
		warn(r.Inventors.Raw.Pos, "inventors", "%q joins several names without delimiters; kept as one unsplit value",
			truncate(r.Inventors.Raw.Text, 120))
	}
	for _, n := range r.Inventors.Names {
		k := key(n.Text)
		if !r.Inventors.Certain {
			k = "\x00" + k
		}
		if !slices.Contains(x.inventorKeys, k) {
			x.inventorKeys = append(x.inventorKeys, k)
			p.InventorNames = append(p.InventorNames, n.Text)
		}
	}
	return warns
}

// splitAssignees finds the record's assignee names (see the package doc)
// and their keys; it only reads the builder.
func (b *builder) splitAssignees(p *Patent, r *corpus.Record, warn func(corpus.Pos, string, string, ...any)) {
	var names []string
	prim := r.Assignees.Primary.Text
	if r.Assignees.Certain {
		names = make([]string, 0, len(r.Assignees.Names)+1)
		for _, n := range r.Assignees.Names {
			if composite(n.Text, prim) {
				// A delimited chunk that holds the primary assignee and more
				// (CORPUS.md §2.4, line 4366): the rest cannot be named.
				p.AssigneesCertain = false
				warn(n.Pos, "assignees", "%q holds the primary assignee %q and more without a delimiter; listed under %q",
					truncate(n.Text, 120), prim, prim)
				continue
			}
			names = append(names, n.Text)
		}
	} else if seg, ok := b.segment(r.Assignees.Raw.Text); ok {
		names = seg
		warn(r.Assignees.Raw.Pos, "assignees", "%q joins several names without delimiters; split against known names as %s (uncertain)",
			truncate(r.Assignees.Raw.Text, 120), quoteJoin(seg))
	} else {
		if prim != "" {
			names = []string{prim}
		}
		warn(r.Assignees.Raw.Pos, "assignees", "%q joins several names without delimiters and cannot be split with certainty; listed under %q only, the whole string is kept",
			truncate(r.Assignees.Raw.Text, 120), prim)
	}
	primKey := ""
	if prim != "" {
		primKey = b.assigneeKey(prim)
	}
	keys := make([]string, 0, len(names)+1)
	for _, n := range names {
		keys = append(keys, b.assigneeKey(n))
	}
	if primKey != "" && !slices.Contains(keys, primKey) {
		names = slices.Insert(names, 0, prim)
		keys = slices.Insert(keys, 0, primKey)
	}
	p.PrimaryName = prim
	p.AssigneeNames = make([]string, 0, len(names))
	nameKeys := make([]string, 0, len(names))
	for _, n := range names {
		if k := key(n); !slices.Contains(nameKeys, k) {
			nameKeys = append(nameKeys, k)
			p.AssigneeNames = append(p.AssigneeNames, n)
		}
	}
	x := &b.pending[p.Seq]
	x.assigneeSpellings = names
	x.assigneeKeys = keys
	x.primaryKey = primKey
}

// composite reports whether a delimited assignee name is the primary
// assignee plus more words, as a whole-word prefix or suffix.
func composite(name, primary string) bool {
	if primary == "" {
		return false
	}
	n, p := key(name), key(primary)
	return len(n) > len(p) && (strings.HasPrefix(n, p+" ") || strings.HasSuffix(n, " "+p))
}

func (b *builder) assigneeKey(name string) string {
	if canon, ok := b.aliases.Canonical(name); ok {
		return key(canon)
	}
	return key(name)
}

// segment splits a space-joined string of assignee names into known names.
// It succeeds only when the known names cover the whole string and exactly
// one split has the fewest names.
func (b *builder) segment(s string) ([]string, bool) {
	words := strings.Fields(s)
	n := len(words)
	if n == 0 || n > 200 {
		return nil, false
	}
	// best[i]: fewest names covering words[i:], ways[i]: how many splits reach that.
	const inf = 1 << 30
	best := make([]int, n+1)
	ways := make([]int, n+1)
	next := make([]int, n+1)
	for i := range n {
		best[i] = inf
	}
	ways[n] = 1
	// words[i:j] joined by spaces; a substring of s when s is single-spaced.
	join := func(i, j int) string { return strings.Join(words[i:j], " ") }
	if squeeze(s) == s {
		start := make([]int, n)
		for i := 1; i < n; i++ {
			start[i] = start[i-1] + len(words[i-1]) + 1
		}
		join = func(i, j int) string { return s[start[i] : start[j-1]+len(words[j-1])] }
	}
	for i := n - 1; i >= 0; i-- {
		for j := i + 1; j <= n && j-i <= b.maxTokens; j++ {
			if best[j] == inf {
				continue
			}
			if _, ok := b.known[key(join(i, j))]; !ok {
				continue
			}
			switch c := best[j] + 1; {
			case c < best[i]:
				best[i], ways[i], next[i] = c, ways[j], j
			case c == best[i]:
				ways[i] += ways[j]
			}
		}
	}
	if best[0] == inf || ways[0] != 1 || best[0] < 2 {
		return nil, false
	}
	var out []string
	for i := 0; i < n; i = next[i] {
		out = append(out, join(i, next[i]))
	}
	return out, true
}

func quoteJoin(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, " + ")
}

// linkCodes files each patent under its id and codes, each index filled in
// corpus order by its own goroutine, added to wg.
func (b *builder) linkCodes(wg *sync.WaitGroup, ps []*Patent, rs []*corpus.Record) {
	c := b.c
	wg.Go(func() {
		for i, p := range ps {
			c.byID[rs[i].ID] = p
		}
	})
	classify := func(s *Scheme, codes func(*corpus.Record) []corpus.Code, classes func(*Patent) *[]Class) {
		wg.Go(func() {
			for i, p := range ps {
				cls := make([]Class, 0, len(codes(rs[i])))
				for _, code := range codes(rs[i]) {
					cls = append(cls, Class{Node: s.node(code.Code), Main: code.Main})
				}
				*classes(p) = cls
			}
			s.file(ps, func(p *Patent) []Class { return *classes(p) })
		})
	}
	classify(c.IPC, func(r *corpus.Record) []corpus.Code { return r.IPC }, func(p *Patent) *[]Class { return &p.IPC })
	classify(c.CPC, func(r *corpus.Record) []corpus.Code { return r.CPC }, func(p *Patent) *[]Class { return &p.CPC })
}

// linkNames files each patent under its assignees and inventors, each in
// corpus order, the two side by side.
func (b *builder) linkNames(ps []*Patent, rs []*corpus.Record) {
	var wg sync.WaitGroup
	wg.Go(func() {
		for _, p := range ps {
			b.linkAssignees(p)
		}
	})
	wg.Go(func() {
		for i, p := range ps {
			b.linkInventors(p, rs[i])
		}
	})
	wg.Wait()
}

func (b *builder) linkAssignees(p *Patent) {
	x := &b.pending[p.Seq]
	x.assignees = make([]*nameCount, len(x.assigneeKeys))
	for i, n := range x.assigneeSpellings {
		k := x.assigneeKeys[i]
		nc := b.assignees[k]
		if nc == nil {
			nc = &nameCount{}
			if canon, ok := b.aliases.Canonical(n); ok {
				nc.canon = canon
			}
			b.assignees[k] = nc
		}
		x.assignees[i] = nc
		sp := nc.spelling(n)
		sp.n++
		if len(nc.patents) > 0 && nc.patents[len(nc.patents)-1] == p {
			continue // a second spelling of a name already filed
		}
		nc.patents = append(nc.patents, p)
		if k == x.primaryKey {
			nc.primaries++
			sp.primary++
		}
	}
}

func (b *builder) linkInventors(p *Patent, r *corpus.Record) {
	x := &b.pending[p.Seq]
	x.inventors = make([]*nameCount, len(x.inventorKeys))
	for i, k := range x.inventorKeys {
		nc := b.inventors[k]
		if nc == nil {
			nc = &nameCount{unsplit: !r.Inventors.Certain}
			b.inventors[k] = nc
		}
		x.inventors[i] = nc
		nc.spelling(p.InventorNames[i]).n++
		nc.patents = append(nc.patents, p)
	}
}

// parallel calls f(0), …, f(n-1) on all cores.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

// finish resolves names to entities, gives them slugs, links families and
// builds the groups. These steps share nothing until each patent is given
// its entities, so they run side by side.
func (b *builder) finish() {
	c := b.c
	var wg sync.WaitGroup
	wg.Go(func() {
		c.Assignees = entities(b.assignees, func(nc *nameCount) *Assignee {
			name := nc.display()
			a := &Assignee{Name: name, Aliases: nc.aliases(name), Patents: nc.patents, Primary: nc.primaries}
			nc.assignee = a
			return a
		}, func(a *Assignee) string { return a.Name })
		assignSlugs(c.Assignees, func(a *Assignee) string { return a.Name }, func(a *Assignee, s string) { a.Slug = s })
	})
	wg.Go(func() {
		c.Inventors = entities(b.inventors, func(nc *nameCount) *Inventor {
			in := &Inventor{Name: nc.display(), Unsplit: nc.unsplit, Patents: nc.patents}
			nc.inventor = in
			return in
		}, func(in *Inventor) string { return in.Name })
		assignSlugs(c.Inventors, func(a *Inventor) string { return a.Name }, func(a *Inventor, s string) { a.Slug = s })
	})
	wg.Go(c.linkFamilies)
	wg.Go(func() {
		c.CPC.finish()
		c.IPC.finish()
		c.CPC.twin(c.IPC)
	})
	wg.Go(func() {
		c.Countries = groups(c.Patents, func(p *Patent) string { return p.Country })
		c.Kinds = groups(c.Patents, func(p *Patent) string { return p.Kind })
		c.PubYears = groups(c.Patents, func(p *Patent) string { return year(p.Published) })
		c.PrioYears = groups(c.Patents, func(p *Patent) string { return year(p.EarliestPriority) })
	})
	wg.Wait()

	parallel(len(c.Patents), func(i int) {
		p, x := c.Patents[i], &b.pending[i]
		if n := len(x.assignees); n > 0 {
			p.Assignees = make([]*Assignee, 0, n)
		}
		if n := len(x.inventors); n > 0 {
			p.Inventors = make([]*Inventor, 0, n)
		}
		for j, nc := range x.assignees {
			if a := nc.assignee; !slices.Contains(p.Assignees, a) {
				p.Assignees = append(p.Assignees, a)
			}
			if x.primaryKey != "" && x.assigneeKeys[j] == x.primaryKey && p.Primary == nil {
				p.Primary = nc.assignee
			}
		}
		for _, nc := range x.inventors {
			p.Inventors = append(p.Inventors, nc.inventor)
		}
	})
}

// entities makes the entity of each name, on all cores, and sorts them by
// the key of their name, then by name, then by their key in m (unique), so
// the order never depends on map iteration. Keys are computed once, not per
// comparison.
func entities[T any](m map[string]*nameCount, newEntity func(*nameCount) T, name func(T) string) []T {
	type item struct {
		key, name, k string
		nc           *nameCount
		x            T
	}
	items := make([]item, 0, len(m))
	for k, nc := range m {
		items = append(items, item{k: k, nc: nc})
	}
	parallel(len(items), func(i int) {
		it := &items[i]
		it.x = newEntity(it.nc)
		it.name = name(it.x)
		it.key = key(it.name)
	})
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.name, b.name), strings.Compare(a.k, b.k))
	})
	out := make([]T, len(items))
	for i, it := range items {
		out[i] = it.x
	}
	return out
}

// linkFamilies links family members to the patents in the catalog; every
// member's number and id leads to the record whose family holds it. The
// links are made patent by patent on all cores, reading own (the patents'
// own numbers) and byID; meanwhile byNumber and memberOf are filled, each
// by one goroutine in corpus order.
func (c *Catalog) linkFamilies() {
	// Sized once: grown step by step, these maps of a large catalog would
	// be rehashed a dozen times.
	members := 0
	own := make(map[string]*Patent, len(c.Patents))
	for _, p := range c.Patents {
		members += len(p.Family)
		own[p.Number] = p
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		c.byNumber = make(map[string]*Patent, len(c.Patents)+members)
		for _, p := range c.Patents {
			c.byNumber[p.Number] = p
		}
		for _, p := range c.Patents {
			for i := range p.Family {
				// Not a copy of p.Family[i]: its Patent is being set.
				if num := p.Family[i].Number; c.byNumber[num] == nil {
					c.byNumber[num] = p
				}
			}
		}
	})
	wg.Go(func() {
		if n := members - len(c.Patents); n > 0 {
			c.memberOf = make(map[string]*Patent, n)
		}
		for _, p := range c.Patents {
			for i := range p.Family {
				if id := p.Family[i].ID; id != "" && c.byID[id] == nil {
					c.byMember(id, p)
				}
			}
		}
	})
	parallel(len(c.Patents), func(i int) {
		p := c.Patents[i]
		for i := range p.Family {
			m := &p.Family[i]
			m.Patent = c.byID[m.ID]
			if m.Patent == nil {
				m.Patent = own[m.Number]
				if m.Patent != nil && m.Patent.Number == m.Number && m.Kind != m.Patent.Kind {
					m.Patent = nil // same number, other publication: not in the catalog
				}
			}
		}
	})
	wg.Wait()
}

func (c *Catalog) byMember(id string, p *Patent) {
	if c.memberOf == nil {
		c.memberOf = map[string]*Patent{}
	}
	if _, ok := c.memberOf[id]; !ok {
		c.memberOf[id] = p
	}
}

func year(date string) string {
	if len(date) < 4 {
		return ""
	}
	return date[:4]
}

// display picks the spelling to show: the alias list's, else the most
// frequent as primary, else the most frequent, else the first in byte order.
// It sorts the spellings by text.
func (nc *nameCount) display() string {
	slices.SortFunc(nc.spellings, func(a, b spelling) int { return strings.Compare(a.text, b.text) })
	nc.at = nil
	if nc.canon != "" {
		return nc.canon
	}
	best := -1
	for i, sp := range nc.spellings {
		if best < 0 || nc.spellings[best].text == "" {
			best = i
			continue
		}
		b := nc.spellings[best]
		if sp.primary > b.primary || sp.primary == b.primary && sp.n > b.n {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return nc.spellings[best].text
}

// aliases returns the spellings other than name, sorted; display sorts them.
func (nc *nameCount) aliases(name string) []string {
	var out []string
	for _, sp := range nc.spellings {
		if sp.text != name {
			out = append(out, sp.text)
		}
	}
	return out
}

func groups(ps []*Patent, keyOf func(*Patent) string) []*Group {
	m := map[string]*Group{}
	for _, p := range ps {
		k := keyOf(p)
		if k == "" {
			continue
		}
		g := m[k]
		if g == nil {
			g = &Group{Key: k}
			m[k] = g
		}
		g.Patents = append(g.Patents, p)
	}
	out := make([]*Group, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}
