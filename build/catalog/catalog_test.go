package catalog

import (
	"slices"
	"strings"
	"testing"

	"github.com/patentsite/patentsite/build/corpus"
)

func seedCatalog(t testing.TB) *Catalog {
	t.Helper()
	recs, al := loadSeed(t)
	return Build(recs, al)
}

func TestSeedCatalog(t *testing.T) {
	c := seedCatalog(t)
	if len(c.Patents) != 267 {
		t.Fatalf("patents = %d, want 267", len(c.Patents))
	}
	byName := map[string]*Assignee{}
	for _, a := range c.Assignees {
		byName[a.Name] = a
	}
	for _, tt := range []struct {
		name    string
		primary int // records naming it the primary assignee
		aliases []string
	}{
		// CORPUS.md §4: top primary assignees; the two ADVANCED NEW TECHNOLOGY
		// rows (index lines 15, 16) merge in through the alias file.
		{"ADVANCED NEW TECHNOLOGIES", 35, []string{"ADVANCED NEW TECHNOLOGY"}},
		{"CHINA UNICOM", 7, nil},
		{"IBM", 6, nil},
		{"PINGAN TECHNOLOGY", 6, []string{"PING AN TECHNOLOGY"}},
		{"NCHAIN HOLDINGS", 4, []string{"NCHAIN HOLDINGS LIMITED"}},
		{"TENCENT TECHNOLOGY (SHENZHEN)", 4, nil},
		{"EWHA WOMAN UNIVERSITY", 1, []string{"EWhA WOMAN UNIVERSITY"}},
		{"INTEL", 3, nil},
	} {
		a := byName[tt.name]
		if a == nil {
			t.Errorf("no assignee %q", tt.name)
			continue
		}
		if a.Primary != tt.primary {
			t.Errorf("%s: primary of %d patents, want %d", tt.name, a.Primary, tt.primary)
		}
		for _, al := range tt.aliases {
			if !slices.Contains(a.Aliases, al) {
				t.Errorf("%s: aliases %q lack %q", tt.name, a.Aliases, al)
			}
		}
	}
	// Never merged by substring (CORPUS.md §2.4).
	for _, a := range c.Assignees {
		if a.Name == "INTEL" {
			for _, p := range a.Patents {
				if strings.Contains(p.AssigneesRaw, "INTELLIGENT") && !strings.Contains(p.AssigneesRaw, "INTEL ") {
					t.Errorf("INTEL holds %s (%q)", p.ID, p.AssigneesRaw)
				}
			}
		}
	}
	// Every record's own id is in its family, and no record is another's member.
	members := 0
	for _, p := range c.Patents {
		members += len(p.Family)
		if p.Published == "" {
			t.Errorf("%s: no publication date", p.ID)
		}
		own := 0
		for _, m := range p.Family {
			if m.Patent == p {
				own++
			} else if m.Patent != nil {
				t.Errorf("%s: family member %s links to %s", p.ID, m.ID, m.Patent.ID)
			}
		}
		if own != 1 {
			t.Errorf("%s: own family rows linked = %d, want 1", p.ID, own)
		}
	}
	if members != 889 {
		t.Errorf("family members = %d, want 889", members)
	}
	// Slugs are unique.
	seen := map[string]bool{}
	for _, a := range c.Assignees {
		if seen["a/"+a.Slug] {
			t.Errorf("duplicate assignee slug %q", a.Slug)
		}
		seen["a/"+a.Slug] = true
	}
	for _, in := range c.Inventors {
		if seen["i/"+in.Slug] {
			t.Errorf("duplicate inventor slug %q", in.Slug)
		}
		seen["i/"+in.Slug] = true
	}
}

func TestHierarchy(t *testing.T) {
	c := seedCatalog(t)
	n := c.CPC.Node("H04L9/3239")
	if n == nil {
		t.Fatal("no CPC node H04L9/3239")
	}
	var path []string
	for _, a := range n.Path() {
		path = append(path, a.Code)
	}
	if want := []string{"H", "H04", "H04L", "H04L9", "H04L9/3239"}; !slices.Equal(path, want) {
		t.Errorf("Path(H04L9/3239) = %q, want %q", path, want)
	}
	// CORPUS.md §4: CPC H04L9/3239 in 55 records, IPC H04L9/32 in 92.
	if got := len(n.Patents); got != 55 {
		t.Errorf("CPC H04L9/3239 holds %d patents, want 55", got)
	}
	if got := len(c.IPC.Node("H04L9/32").Patents); got != 92 {
		t.Errorf("IPC H04L9/32 holds %d patents, want 92", got)
	}
	// Roll-up: a parent counts each patent below it once.
	for _, s := range []*Scheme{c.CPC, c.IPC} {
		for _, n := range s.Nodes() {
			set := map[*Patent]bool{}
			for _, ch := range n.Children {
				for _, p := range ch.Patents {
					set[p] = true
				}
			}
			if len(n.Children) > 0 && len(set) != len(n.Patents) {
				t.Errorf("%s %s: %d patents, children hold %d distinct", s.Name, n.Code, len(n.Patents), len(set))
			}
		}
	}
	// Subclass counts (CORPUS.md §4).
	for code, want := range map[string]int{"H04L": 170, "G06F": 136, "G06Q": 127} {
		if got := len(c.IPC.Node(code).Patents); got != want {
			t.Errorf("IPC %s: %d patents, want %d", code, got, want)
		}
	}
	for code, want := range map[string]int{"H04L": 125, "G06F": 91, "G06Q": 79} {
		if got := len(c.CPC.Node(code).Patents); got != want {
			t.Errorf("CPC %s: %d patents, want %d", code, got, want)
		}
	}
	if tw := c.CPC.Node("G01S13/931"); tw == nil || tw.Twin == nil || tw.Twin.Scheme != c.IPC {
		t.Errorf("CPC G01S13/931 has no IPC twin")
	}
	// Main groups sort by number: H04L9 before H04L12 before H04L2209.
	var groups []string
	for _, ch := range c.CPC.Node("H04L").Children {
		groups = append(groups, ch.Code)
	}
	if i, j := slices.Index(groups, "H04L12"), slices.Index(groups, "H04L2209"); i < 0 || j < 0 || i > j || groups[0] != "H04L9" {
		t.Errorf("H04L children out of order: %q", groups)
	}
}

func rec(id, primary, raw string, certain bool, names ...string) corpus.Record {
	r := corpus.Record{ID: id, Country: id[:2], Number: id[:len(id)-2], Kind: id[len(id)-2:], Pos: corpus.Pos{File: "f", Line: 1}}
	r.Assignees.Primary.Text = primary
	r.Assignees.Raw.Text = raw
	r.Assignees.Certain = certain
	for _, n := range names {
		r.Assignees.Names = append(r.Assignees.Names, corpus.Value{Text: n})
	}
	return r
}

func TestAssigneeSplit(t *testing.T) {
	recs := []corpus.Record{
		rec("EP0000001A1", "ACME", "ACME", true, "ACME"),
		rec("EP0000002A1", "ACME INTERNATIONAL", "ACME INTERNATIONAL", true, "ACME INTERNATIONAL"),
		rec("EP0000003A1", "BETA", "BETA", true, "BETA"),
		// Space-joined, covered by known names in one way only.
		rec("EP0000004A1", "ACME", "ACME BETA", false),
		// Covered in two ways (ACME + INTERNATIONAL unknown; ACME INTERNATIONAL): the
		// only full cover is ACME INTERNATIONAL + BETA.
		rec("EP0000005A1", "BETA", "ACME INTERNATIONAL BETA", false),
		// An unknown fragment: only the primary is listed.
		rec("EP0000006A1", "BETA", "GAMMA WORKS BETA", false),
		// Never by substring: INTEL is not INTELLIGENT.
		rec("EP0000007A1", "INTEL", "INTEL", true, "INTEL"),
		rec("EP0000008A1", "SHENZHEN INTELLIGENT", "SHENZHEN INTELLIGENT", true, "SHENZHEN INTELLIGENT"),
	}
	c := Build(recs, nil)
	names := func(id string) []string {
		var out []string
		for _, a := range c.Patent(id).Assignees {
			out = append(out, a.Name)
		}
		return out
	}
	for _, tt := range []struct {
		id   string
		want []string
	}{
		{"EP0000004A1", []string{"ACME", "BETA"}},
		{"EP0000005A1", []string{"ACME INTERNATIONAL", "BETA"}},
		{"EP0000006A1", []string{"BETA"}},
		{"EP0000007A1", []string{"INTEL"}},
	} {
		if got := names(tt.id); !slices.Equal(got, tt.want) {
			t.Errorf("%s assignees = %q, want %q", tt.id, got, tt.want)
		}
		if c.Patent(tt.id).AssigneesCertain != (tt.id == "EP0000007A1") {
			t.Errorf("%s: AssigneesCertain = %v", tt.id, c.Patent(tt.id).AssigneesCertain)
		}
	}
	for _, a := range c.Assignees {
		if a.Name == "INTEL" && len(a.Patents) != 1 {
			t.Errorf("INTEL holds %d patents, want 1", len(a.Patents))
		}
	}
}

func TestAliasesAndMerge(t *testing.T) {
	al, errs := ParseAliases("aliases.txt", []byte("# comment\nACME CORP = ACME CORPORATION | Acme Corp.\nbad line\nOTHER = ACME CORPORATION\n"))
	if len(errs) != 2 {
		t.Errorf("alias problems = %v, want 2 (a line without '=', a name in two groups)", errs)
	}
	for _, e := range errs {
		if e.Pos.File != "aliases.txt" || e.Pos.Line < 3 {
			t.Errorf("alias problem without its line: %v", e)
		}
	}
	a := rec("US0000001A1", "ACME CORPORATION", "ACME CORPORATION", true, "ACME CORPORATION")
	b := rec("US0000002A1", "acme  corp.", "acme corp.", true, "acme  corp.")
	dup := rec("US0000001A1", "ACME CORP", "ACME CORP", true, "ACME CORP")
	dup.Pos.File = "second.txt"
	c := Build([]corpus.Record{a, b, dup}, al)
	if len(c.Patents) != 2 {
		t.Fatalf("patents = %d, want 2 (the duplicate merged)", len(c.Patents))
	}
	if got := c.Patents[0].AssigneesRaw; got != "ACME CORP" {
		t.Errorf("duplicate: the later file should win, got %q", got)
	}
	found := false
	for _, e := range c.Problems {
		if strings.Contains(e.Error(), "second.txt") && strings.Contains(e.Err.Error(), "f:1") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning naming both places of the duplicate; problems: %v", c.Problems)
	}
	if len(c.Assignees) != 1 || c.Assignees[0].Name != "ACME CORP" || len(c.Assignees[0].Patents) != 2 {
		t.Errorf("assignees = %+v, want one ACME CORP with 2 patents", c.Assignees)
	}
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"ADVANCED NEW TECHNOLOGIES", "advanced-new-technologies"},
		{"AT&T", "atandt"},
		{"TENCENT TECHNOLOGY (SHENZHEN)", "tencent-technology-shenzhen"},
		{"CON", "con-" + nameHash("CON")},
		{"***", "x-" + nameHash("***")},
		{"../../etc", "etc"},
	} {
		if got := Slug(tt.name); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := Slug(strings.Repeat("VERY LONG NAME ", 10000)); len(got) > maxSlug {
		t.Errorf("Slug of a 150 KB name is %d bytes", len(got))
	}
	// Two names that slug alike: the first in name order keeps the slug.
	items := []string{"AT & T", "AT&T"}
	got := map[string]string{}
	assignSlugs(items, func(s string) string { return s }, func(s, slug string) { got[s] = slug })
	if got["AT & T"] != "at-and-t" && got["AT & T"] == got["AT&T"] {
		t.Errorf("slugs collide: %v", got)
	}
	a := []string{"ACME, INC", "ACME INC"}
	got = map[string]string{}
	assignSlugs(a, func(s string) string { return s }, func(s, slug string) { got[s] = slug })
	if got["ACME, INC"] != "acme-inc" || got["ACME INC"] != "acme-inc-"+nameHash("ACME INC") {
		t.Errorf("collision suffix: %v", got)
	}
}

func TestResolve(t *testing.T) {
	c := seedCatalog(t)
	for _, tt := range []struct{ in, want string }{
		{"EP3628093A2", "EP3628093A2"},
		{"EP3628093", "EP3628093A2"},       // number without kind
		{"US20200349568A1", "EP3628093A2"}, // a family member not in the catalog
		{"WO2019137567", "EP3628093A2"},
		{"US10789216", "US10789216B1"},
	} {
		p := c.Resolve(tt.in)
		if p == nil || p.ID != tt.want {
			t.Errorf("Resolve(%q) = %v, want %s", tt.in, p, tt.want)
		}
	}
	if c.Resolve("XX0000000") != nil {
		t.Error("Resolve of an unknown number is not nil")
	}
	al := c.Aliases(c.Patent("EP3628093A2"))
	for _, want := range []string{"EP3628093", "US20200349568A1", "WO2019137567A2", "WO2019137567"} {
		if !slices.Contains(al, want) {
			t.Errorf("Aliases(EP3628093A2) = %q lacks %q", al, want)
		}
	}
}

func TestRelated(t *testing.T) {
	c := seedCatalog(t)
	for _, p := range c.Patents {
		rel := c.Related(p, 6)
		if slices.Contains(rel, p) {
			t.Errorf("%s is related to itself", p.ID)
		}
		if len(rel) > 6 {
			t.Errorf("%s: %d related", p.ID, len(rel))
		}
	}
	// Two of the three records with identical abstracts share their codes.
	rel := c.Related(c.Patent("CN111885188A"), 3)
	if !slices.ContainsFunc(rel, func(q *Patent) bool { return q.ID == "CN111885186A" || q.ID == "CN111885187A" }) {
		var ids []string
		for _, q := range rel {
			ids = append(ids, q.ID)
		}
		t.Errorf("Related(CN111885188A) = %q, want a sibling with the same abstract near the top", ids)
	}
}
