package render_test

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/patentsite/patentsite/build/catalog"
	"github.com/patentsite/patentsite/build/site"
	"github.com/patentsite/patentsite/build/urls"
)

// built is the seed site, built once for all the tests of the package that
// read it.
var built struct {
	once sync.Once
	dir  string
	rep  site.Report
	err  error
}

// seedSite builds the embedded corpus once and returns the output directory.
func seedSite(t *testing.T) (string, *catalog.Catalog) {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "patentsite-render-test-")
		if err != nil {
			built.err = err
			return
		}
		built.dir = filepath.Join(dir, "public")
		built.rep, built.err = site.Build(context.Background(), site.Config{Out: built.dir})
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.dir, built.rep.Catalog
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(filepath.Dir(built.dir))
	}
	os.Exit(code)
}

// A parsed page: its links, ids and the problems found while reading it.
type parsed struct {
	hrefs []string // <a href>, resolved to site paths (fragment and query dropped); external links left out
	srcs  []string // src and <link href>, as written
	ids   []string
	bad   []string
}

func parsePage(p string, data []byte) parsed {
	var out parsed
	l := html.NewLexer(parse.NewInputBytes(data))
	var tag string
	for {
		tt, b := l.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			tag = strings.ToLower(string(b[1:]))
		case html.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			val := strings.Trim(string(l.AttrVal()), `"'`)
			val = strings.ReplaceAll(val, "&amp;", "&")
			switch {
			case key == "id":
				out.ids = append(out.ids, val)
			case key == "style":
				out.bad = append(out.bad, "style attribute on <"+tag+">")
			case strings.HasPrefix(key, "on"):
				out.bad = append(out.bad, "event handler "+key)
			case key == "src" || (key == "href" && tag == "link"):
				out.srcs = append(out.srcs, val)
				if strings.HasPrefix(val, "/") || strings.Contains(val, "://") {
					out.bad = append(out.bad, fmt.Sprintf("<%s %s=%q> is root-absolute or off-host", tag, key, val))
				}
			case key == "href" && tag == "a":
				if strings.Contains(val, ":") || strings.HasPrefix(val, "#") {
					continue
				}
				v, _, _ := strings.Cut(val, "#")
				v, _, _ = strings.Cut(v, "?")
				out.hrefs = append(out.hrefs, path.Join(path.Dir(p), v))
			}
		}
	}
}

// TestSweep reads every page of the seed site: every patent has its page,
// every assignee, inventor and subgroup page lists exactly its patents,
// every country, year and kind page its newest 50,
// no page has a root-absolute or off-host src, a duplicate id, a double
// escape, a leftover template action, an inline style or event handler.
// The output package's link check has already resolved every link.
func TestSweep(t *testing.T) {
	dir, c := seedSite(t)
	pages := map[string]parsed{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		pg := parsePage(rel, data)
		for _, bad := range []string{"&amp;lt;", "&amp;amp;", "&amp;gt;", "{{", "}}", "ZgotmplZ"} {
			if bytes.Contains(data, []byte(bad)) {
				pg.bad = append(pg.bad, "contains "+bad)
			}
		}
		seen := map[string]bool{}
		for _, id := range pg.ids {
			if seen[id] {
				pg.bad = append(pg.bad, "duplicate id "+id)
			}
			seen[id] = true
		}
		if n := bytes.Count(data, []byte("<script")); n != bytes.Count(data, []byte("<script src="))+bytes.Count(data, []byte(`<script type="application/ld+json">`)) {
			pg.bad = append(pg.bad, "inline script")
		}
		// Pages of other stages (redirects, 404.html: no site menu) are
		// checked by their own tests.
		rendered := bytes.Contains(data, []byte(`<nav aria-label="Site">`))
		if rendered && (!bytes.Contains(data, []byte(`<meta name="description" content="`)) || !bytes.Contains(data, []byte("<title>"))) {
			pg.bad = append(pg.bad, "no <title> or description")
		}
		if rendered && !bytes.Contains(data, []byte(`http-equiv="Content-Security-Policy"`)) {
			pg.bad = append(pg.bad, "no CSP")
		}
		for _, b := range pg.bad {
			t.Errorf("%s: %s", rel, b)
		}
		pages[rel] = pg
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// patentsOn returns the patents linked from every page of a list.
	patentsOn := func(first string) []string {
		var ids []string
		for n := 1; ; n++ {
			pg, ok := pages[urls.Page(first, n)]
			if !ok {
				if n == 1 {
					t.Errorf("no page %s", first)
				}
				break
			}
			for _, h := range pg.hrefs {
				if id, ok := strings.CutPrefix(h, "patent/"); ok && strings.HasSuffix(id, "/index.html") {
					ids = append(ids, strings.TrimSuffix(id, "/index.html"))
				}
			}
		}
		slices.Sort(ids)
		return ids
	}
	idsOf := func(ps []*catalog.Patent) []string {
		var ids []string
		for _, p := range ps {
			ids = append(ids, p.ID)
		}
		slices.Sort(ids)
		return ids
	}
	check := func(what, first string, ps []*catalog.Patent) {
		if got, want := patentsOn(first), idsOf(ps); !slices.Equal(got, want) {
			t.Errorf("%s (%s) lists %d patents %v, want %d %v", what, first, len(got), short(got), len(want), short(want))
		}
	}
	for _, p := range c.Patents {
		pg, ok := pages[urls.Patent(p.ID)]
		if !ok {
			t.Errorf("patent %s has no page", p.ID)
			continue
		}
		links := map[string]bool{}
		for _, h := range pg.hrefs {
			links[h] = true
		}
		for _, a := range p.Assignees {
			if !links[urls.Assignee(a.Slug)] {
				t.Errorf("%s does not link its assignee %s", p.ID, a.Name)
			}
		}
		for _, in := range p.Inventors {
			if !links[urls.Inventor(in.Slug)] {
				t.Errorf("%s does not link its inventor %s", p.ID, in.Name)
			}
		}
		for _, cl := range append(slices.Clone(p.CPC), p.IPC...) {
			if !links[urls.Code(cl.Node.Scheme.Name, cl.Node.Code)] {
				t.Errorf("%s does not link its code %s", p.ID, cl.Node.Code)
			}
		}
	}
	for _, a := range c.Assignees {
		check("assignee "+a.Name, urls.Assignee(a.Slug), a.Patents)
	}
	for _, in := range c.Inventors {
		check("inventor "+in.Name, urls.Inventor(in.Slug), in.Patents)
	}
	for _, s := range []*catalog.Scheme{c.CPC, c.IPC} {
		for _, n := range append([]*catalog.Node{s.Root}, s.Nodes()...) {
			first := urls.Code(s.Name, n.Code)
			if n.Level == catalog.SubgroupLevel {
				check(s.Name+" "+n.Code, first, n.Patents)
				continue
			}
			pg, ok := pages[first]
			if !ok {
				t.Errorf("%s %s has no page", s.Name, n.Code)
				continue
			}
			var kids []string
			for _, h := range pg.hrefs {
				if strings.HasPrefix(h, s.Name+"/") && h != first && !slices.Contains(kids, h) {
					kids = append(kids, h)
				}
			}
			var want []string
			for _, ch := range n.Children {
				want = append(want, urls.Code(s.Name, ch.Code))
			}
			// The page links its ancestors (breadcrumbs) and its twin too;
			// every child must be there.
			for _, w := range want {
				if !slices.Contains(kids, w) {
					t.Errorf("%s %s does not link its child %s", s.Name, n.Code, w)
				}
			}
		}
	}
	// A country, year or kind page lists its newest 50 patents.
	for key, groups := range map[string][]*catalog.Group{"year": c.PubYears, "priority-year": c.PrioYears, "country": c.Countries, "kind": c.Kinds} {
		for _, g := range groups {
			ps := slices.Clone(g.Patents)
			slices.SortStableFunc(ps, func(a, b *catalog.Patent) int {
				return cmp.Or(strings.Compare(b.Published, a.Published), cmp.Compare(a.Seq, b.Seq))
			})
			check(key+" "+g.Key, urls.Group(key, g.Key), ps[:min(50, len(ps))])
			if _, ok := pages[urls.Page(urls.Group(key, g.Key), 2)]; ok {
				t.Errorf("%s %s has a second page", key, g.Key)
			}
		}
	}
	// Every assignee and inventor is in its index, by name and by count.
	for _, kind := range []string{"assignee", "inventor"} {
		for _, list := range []func(string, int) string{urls.ByName, urls.ByCount} {
			var got []string
			for n := 1; ; n++ {
				pg, ok := pages[list(kind, n)]
				if !ok {
					break
				}
				for _, h := range pg.hrefs {
					if strings.HasPrefix(h, kind+"/") && strings.Count(h, "/") == 2 {
						got = append(got, h)
					}
				}
			}
			n := len(c.Assignees)
			if kind == "inventor" {
				n = len(c.Inventors)
			}
			if len(got) != n {
				t.Errorf("%s index %s lists %d names, want %d", kind, list(kind, 1), len(got), n)
			}
		}
	}
}

func short(ids []string) []string { return ids[:min(len(ids), 5)] }

// TestDeterministic builds the seed twice and compares every byte.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site twice")
	}
	dir, _ := seedSite(t)
	again := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(t.Context(), site.Config{Out: again}); err != nil {
		t.Fatal(err)
	}
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(p, ".patentsite") {
			return err
		}
		files++
		rel, _ := filepath.Rel(dir, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(again, rel))
		if err != nil {
			t.Errorf("%s: only in the first build", rel)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 1000 {
		t.Errorf("only %d files built", files)
	}
}
